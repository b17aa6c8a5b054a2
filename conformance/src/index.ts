export { catalogue } from './catalogue/index.js';
export type {
  Behaviour,
  Check,
  ElapseStep,
  ExhaustRateLimitStep,
  ExploreStep,
  CaseStep,
  RecordedStep,
  Expectation,
  RequestStep,
  Step,
  StepContext,
  StepKind,
  Value,
  WalkStep,
} from './catalogue/types.js';
export {
  runBehaviour,
  notApplicable,
  plannedRequests,
  estimateRequests,
  noteTag,
  NOTE_TAG_PREFIX,
  type BehaviourResult,
  type PlannedRequest,
  type Status,
  type StepFailure,
  type Exercised,
} from './engine/behaviour-runner.js';
export { stepKinds } from './engine/steps.js';
export { runTarget, newRunId, type RunOptions } from './engine/run-target.js';
export { TargetHttp, type Exchange } from './engine/target-http.js';
export {
  mockTarget,
  simulatorTarget,
  liveTarget,
  startPrism,
  checkBaseUrl,
  freePort,
  type Target,
  type Capability,
  type PrismProcess,
  type RateLimitProbe,
} from './targets.js';
export { cleanupTagged, isSuiteToken } from './cleanup.js';
export { redact, redactToken, redactValue } from './redact.js';
export { table, summary, writeJsonReport } from './output/table.js';
export { classify, recognise, type ClassifierOptions } from './drift/classify.js';
export {
  findingKey,
  type ClassifiedFinding,
  type Finding,
  type FindingAspect,
  type FindingClass,
  type FindingExchange,
} from './drift/findings.js';
export { readBaseline, writeBaseline } from './drift/baseline.js';
export { driftSummary, type DriftSummary } from './output/table.js';
export { coverage, coverageSummary, type TargetCoverage } from './output/coverage.js';
export {
  explorationBehaviours,
  DEFAULT_EXPLORE_RUNS,
  LIVE_EXPLORE,
  newSeed,
  type ExploreOptions,
} from './explore/behaviours.js';
export { genericChecks, type ExploreCase } from './explore/cases.js';
export { replay, readReproduction, replayBehaviour, writeReproductions } from './explore/replay.js';
export type { Reproduction } from './engine/steps.js';
export { checkTraffic, exchangeOf, readHar, trafficBehaviours, type RecordedExchange } from './traffic.js';
