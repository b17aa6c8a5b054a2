// The pipeline, composed in one place: the table of step kinds, the one function that turns a
// target kind, options and a seed into a plan, and the one way a plan is sent. The CLI (run,
// --dry-run, replay, proxy, check-har), the vitest suite and the library's runTarget all go
// through here, so what --dry-run prints is what any of them sends, and a run never sends more
// than the "at most" it states.
import { randomBytes } from 'node:crypto';
import { bundledValidator, type ContractValidator } from '@tokens-kit/contract/validator';
import { notApplicable, noteTag, plannedRequests, type RunContext, runBehaviour } from './engine/runner.js';
import { cleanupTagged } from './engine/cleanup.js';
import { TargetHttp } from './engine/http.js';
import { checkCredential, type CredentialProblem, PREFLIGHT } from './engine/preflight.js';
import { classify, observe } from './judging/classify.js';
import type { Behaviour } from './model/behaviour.js';
import type { Exchange } from './model/exchange.js';
import type { Plan } from './model/plan.js';
import type { BehaviourResult } from './model/result.js';
import type { Judge, StepKindTable } from './model/runtime.js';
import { CAPABILITIES, type PlanTarget, type Target, type TargetKind } from './model/target.js';
import { catalogue } from './plans/catalogue/index.js';
import { DEFAULT_EXPLORE_RUNS, explorationBehaviours, LIVE_EXPLORE, newSeed } from './plans/explore/behaviours.js';
import { trafficBehaviours } from './plans/traffic.js';
import { elapseStep } from './steps/elapse.js';
import { caseStep, exploreStep } from './steps/explore.js';
import { exhaustRateLimitStep } from './steps/rate-limit.js';
import { recordedStep } from './steps/recorded.js';
import { requestStep } from './steps/request.js';
import { statefulStep } from './steps/stateful/step.js';
import { walkStep } from './steps/walk.js';

/** Every step kind, one definition each (how it sends, what it plans). */
export const stepKinds: StepKindTable = {
  request: requestStep,
  walk: walkStep,
  elapse: elapseStep,
  exhaustRateLimit: exhaustRateLimitStep,
  explore: exploreStep,
  case: caseStep,
  recorded: recordedStep,
  stateful: statefulStep,
};

export const newRunId = () => `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;

export interface PlanOptions {
  /** Behaviour ids to run; all when empty. */
  only?: readonly string[];
  /** Generated cases per operation (default DEFAULT_EXPLORE_RUNS, a live target's LIVE_EXPLORE.runs; 0 for none) and their seed (default a new one). */
  explore?: { runs?: number; seed?: number };
  /** Behaviours to run instead of the catalogue (a replay, recorded traffic, a team's own). */
  behaviours?: readonly Behaviour[];
}

/** Who a plan of a target kind is for, before anything is started. */
export const planTargetOf = (kind: TargetKind, budget?: number): PlanTarget => ({
  kind,
  name: kind,
  capabilities: CAPABILITIES[kind],
  ...(budget === undefined ? {} : { budget }),
});

/**
 * The one plan function: the catalogue (or the given behaviours), then exploration — held to a
 * live target's limits when the target is live — filtered by `only`, each behaviour with the
 * requests it sends on that target.
 */
export function plan(target: PlanTarget, options: PlanOptions = {}): Plan {
  const live = target.kind === 'live';
  const seed = options.explore?.seed ?? newSeed();
  const runs = options.explore?.runs ?? (live ? LIVE_EXPLORE.runs : DEFAULT_EXPLORE_RUNS);
  const exploration = explorationBehaviours({
    runs,
    seed,
    ...(live ? { shrinkBudget: LIVE_EXPLORE.shrinkBudget, coverage: LIVE_EXPLORE.coverage, stateful: LIVE_EXPLORE.stateful } : {}),
  });
  const all = [...(options.behaviours ?? catalogue), ...exploration];
  const chosen = options.only?.length ? all.filter((b) => options.only!.includes(b.id)) : all;
  const behaviours = chosen.map((behaviour) => {
    const reason = notApplicable(behaviour, target);
    return { behaviour, requests: plannedRequests(behaviour, target, stepKinds), ...(reason ? { notApplicable: reason } : {}) };
  });
  const requests = behaviours.flatMap((b) => b.requests);
  return {
    target,
    preflight: live ? [...PREFLIGHT] : [],
    sweep: live,
    seed,
    exploreRuns: runs,
    behaviours,
    count: requests.filter((r) => !r.conditional).length,
    atMost: requests.reduce((n, r) => n + r.atMost, 0),
  };
}

/** The figures of a list of behaviours on a target, through the plan function: a count for fixed steps, and an upper bound. */
export function estimateRequests(behaviours: readonly Behaviour[], target: PlanTarget): { count: number; atMost: number } {
  const { count, atMost } = plan(target, { behaviours, explore: { runs: 0 } });
  return { count, atMost };
}

export interface SessionOptions {
  runId?: string;
  /** Any drift fails, known or not. */
  strict?: boolean;
  /** Keys of findings the team accepted (`--baseline`). */
  baseline?: ReadonlySet<string>;
  validator?: ContractValidator;
  fetch?: typeof fetch;
  /** When the run's earlier requests to the target were sent (the credential check's), so the pace counts them. */
  pace?: number[];
  /** Told of each token a behaviour created (a test's pause point). */
  onCreated?: RunContext['onCreated'];
  /** Told before each wait longer than a second: how long, and why. */
  onWait?: (line: string) => void;
}

/** The judge of a run: the register's recognisers and probes, then the team's baseline. */
const judgeWith = (baseline: ReadonlySet<string> | undefined): Judge => ({
  classify: (finding) => classify(finding, { baseline }),
  probes: observe,
});

/** A plan being sent to one target: the behaviours run one after another through one HTTP, capped at the plan's "at most". */
export interface PlanSession {
  readonly plan: Plan;
  readonly runId: string;
  /** Requests sent so far. */
  readonly sent: number;
  /** Runs one of the plan's behaviours; `signal` aborts a pause (the run was cancelled). */
  run(behaviour: Behaviour, signal?: AbortSignal): Promise<BehaviourResult>;
}

export function openSession(target: Target, planned: Plan, options: SessionOptions = {}): PlanSession {
  if (planned.target.kind !== target.kind)
    throw new Error(`a plan for a ${planned.target.kind} target cannot be sent to a ${target.kind} one`);
  const runId = options.runId ?? newRunId();
  const http = new TargetHttp({
    baseUrl: target.baseUrl,
    budget: target.budget,
    fetch: options.fetch,
    secrets: [target.token],
    maxRequests: planned.atMost,
    ...(options.pace ? { pace: options.pace } : {}),
    ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  const context = {
    target,
    http,
    validator: options.validator ?? bundledValidator(),
    kinds: stepKinds,
    judge: judgeWith(options.baseline),
    runId,
    strict: options.strict,
    ...(options.onCreated ? { onCreated: options.onCreated } : {}),
  };
  const inPlan = new Set(planned.behaviours.map((b) => b.behaviour));
  return {
    plan: planned,
    runId,
    get sent() {
      return http.sent;
    },
    run(behaviour, signal) {
      if (!inPlan.has(behaviour)) throw new Error(`behaviour ${behaviour.id} is not in this run's plan`);
      return runBehaviour(behaviour, context, signal);
    },
  };
}

export interface RunOptions extends PlanOptions, SessionOptions {
  /** Told the plan before anything is sent (its figures are what the run states up front). */
  onPlan?: (plan: Plan) => void;
  onResult?: (result: BehaviourResult) => void;
  /** Stops between behaviours when aborted (SIGINT). */
  signal?: AbortSignal;
}

/** The credential cannot run the plan (engine/preflight.ts): not drift, so no behaviour ran. */
export class CredentialError extends Error {
  constructor(readonly check: CredentialProblem) {
    super(check.problem);
  }
}

/**
 * A live plan's credential check, sent before anything else: undefined when the token can run it.
 * `pace`: the timestamps of the requests it sent, for the run's pace to go on from.
 */
export async function preflight(
  target: Target,
  planned: Plan,
  options: { runId: string; fetch?: typeof fetch },
): Promise<{ problem?: CredentialProblem; pace: number[] }> {
  const pace: number[] = [];
  if (!planned.preflight.length) return { pace };
  const http = new TargetHttp({
    baseUrl: target.baseUrl,
    budget: target.budget,
    fetch: options.fetch,
    secrets: [target.token],
    onRequest: () => pace.push(Date.now()),
    ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
  });
  const writers = planned.behaviours.filter((b) => b.requests.some((r) => /^(POST|PATCH|DELETE) /.test(r.line))).length;
  const problem = await checkCredential(http, target, {
    note: `${noteTag(options.runId)} preflight`,
    behaviours: planned.behaviours.length,
    writers,
  });
  return { ...(problem ? { problem } : {}), pace };
}

/**
 * Plans a run for the target's kind and sends that plan: on a live target the credential check
 * first (a CredentialError when it fails) and the sweep for leftovers last; the behaviours one
 * after another (they create and inspect state, so they do not overlap on one target).
 */
export async function runTarget(target: Target, options: RunOptions = {}): Promise<BehaviourResult[]> {
  const planned = plan(target, options);
  options.onPlan?.(planned);
  const runId = options.runId ?? newRunId();
  const checked = await preflight(target, planned, { runId, fetch: options.fetch });
  if (checked.problem) throw new CredentialError(checked.problem);
  const session = openSession(target, planned, { ...options, runId, pace: checked.pace });
  const results: BehaviourResult[] = [];
  try {
    for (const { behaviour } of planned.behaviours) {
      if (options.signal?.aborted) break;
      const result = await session.run(behaviour);
      results.push(result);
      options.onResult?.(result);
    }
  } finally {
    if (planned.sweep)
      await cleanupTagged({
        baseUrl: target.baseUrl,
        username: target.username,
        token: target.token,
        ...(target.timeoutMs ? { timeoutMs: target.timeoutMs } : {}),
        runId,
        budget: target.budget,
        fetch: options.fetch,
      });
  }
  return results;
}

/** Checks recorded exchanges (the proxy's, a HAR file's) as a plan of `recorded` steps; `target` names where they went. */
export async function checkTraffic(
  exchanges: readonly Exchange[],
  options: { target: string; baseUrl: string; strict?: boolean; baseline?: ReadonlySet<string> },
): Promise<BehaviourResult[]> {
  const target: Target = {
    kind: 'recorded',
    name: options.target,
    baseUrl: options.baseUrl,
    username: '',
    token: '',
    capabilities: CAPABILITIES.recorded,
    close: async () => {},
  };
  return runTarget(target, {
    behaviours: trafficBehaviours(exchanges),
    explore: { runs: 0 },
    strict: options.strict,
    baseline: options.baseline,
  });
}
