// @tokens-kit/conformance — the library: the catalogue and exploration as plans, the one plan
// function and the one way a plan is sent (pipeline.ts), the targets, judging and reports.
export { catalogue } from './plans/catalogue/index.js';
export type {
  Behaviour,
  DocumentedBehaviour,
  GeneratedBehaviour,
  Check,
  ElapseStep,
  ExhaustRateLimitStep,
  ExploreStep,
  CaseStep,
  RecordedStep,
  StatefulStep,
  Expectation,
  OutgoingRequest,
  RequestStep,
  Step,
  StepContext,
  StepKind,
  Value,
  WalkStep,
} from './model/behaviour.js';
export type { ExploreCase } from './model/case.js';
export type { Exchange } from './model/exchange.js';
export type { Plan, PlannedBehaviour } from './model/plan.js';
export type { BehaviourResult, Exercised, Reproduction, Status, StepFailure } from './model/result.js';
export type { BehaviourRuntime, PlannedRequest, StepKindDefinition, StepKindTable } from './model/runtime.js';
export {
  CAPABILITIES,
  DEFAULT_BASE_URL,
  DOCUMENTED_RATE_LIMIT,
  DEFAULT_LIVE_BUDGET,
  type Capability,
  type LiveTargetOptions,
  type PlanTarget,
  type RateLimitProbe,
  type Target,
  type TargetKind,
} from './model/target.js';
export {
  findingKey,
  type ClassifiedFinding,
  type Finding,
  type FindingAspect,
  type FindingClass,
  type FindingExchange,
} from './model/findings.js';
export { redact, redactToken, redactValue } from './model/redact.js';
export { runBehaviour, notApplicable, plannedRequests, noteTag, NOTE_TAG_PREFIX, type RunContext } from './engine/runner.js';
export { TargetHttp, OverBudgetError } from './engine/http.js';
export { mockTarget, simulatorTarget, liveTarget, checkBaseUrl } from './engine/targets.js';
export { startPrism, freePort, type PrismMock } from './engine/prism.js';
export { cleanupTagged, isSuiteToken } from './engine/cleanup.js';
export {
  stepKinds,
  plan,
  planTargetOf,
  openSession,
  runTarget,
  checkTraffic,
  CredentialError,
  preflight,
  newRunId,
  estimateRequests,
  type PlanOptions,
  type PlanSession,
  type RunOptions,
  type SessionOptions,
} from './pipeline.js';
export { classify, recognise, type ClassifierOptions } from './judging/classify.js';
export { readBaseline, writeBaseline } from './judging/baseline.js';
export { table, summary, writeJsonReport, driftSummary, type DriftSummary } from './reports/table.js';
export { coverage, coverageSummary, type TargetCoverage } from './reports/coverage.js';
export { planListing, planStatement } from './reports/plan.js';
export { writeReproductions } from './reports/reproductions.js';
export { explorationBehaviours, DEFAULT_EXPLORE_RUNS, LIVE_EXPLORE, newSeed, type ExploreOptions } from './plans/explore/behaviours.js';
export { genericChecks } from './steps/generic-checks.js';
export { readReproduction, replayBehaviour } from './plans/replay.js';
export { replay } from './commands/replay.js';
export { exchangeOf, readHar, trafficBehaviours, type RecordedExchange } from './plans/traffic.js';
