// The `explore` step kind: generated cases of one operation through fast-check, each answer held
// to the generic checks. A failing case is shrunk (fast-check) to a minimal one, which is reported
// with its curl line and kept as a reproduction for `tokens-conformance replay`. Known drift the
// register explains is recorded and exploration goes on; only new drift (any drift with --strict)
// makes a case fail. `plan` samples the same seed, so --dry-run lists the requests a run sends.
// Generated requests carry no expectation of their own: the generic checks judge every answer.
import fc from 'fast-check';
import { bundledValidator, type ContractValidator, loadDocument } from '@tokens-kit/contract/validator';
import type { OperationId } from '@tokens-kit/types';
import type { CaseStep, ExploreStep } from '../model/behaviour.js';
import type { ExploreCase } from '../model/case.js';
import type { Exchange } from '../model/exchange.js';
import type { StepFinding } from '../model/findings.js';
import type { BehaviourRuntime, PlannedRequest, StepKindDefinition } from '../model/runtime.js';
import type { PlanTarget } from '../model/target.js';
import type { GenerationContext } from '../plans/explore/arbitraries.js';
import { authCases, caseArbitrary, describeCase, requestOf } from '../plans/explore/cases.js';
import { coverageCases } from '../plans/explore/coverage.js';
import { type CheckTarget, findingsOf } from './generic-checks.js';
import { cleanupRequest } from './request.js';

const PLAN_TAG = 'tokens-conformance run=RUN-ID';

const checkTarget = (runtime: BehaviourRuntime): CheckTarget => ({
  logic: runtime.target.capabilities.has('logic'),
  now: Date.parse(runtime.context.at(0)),
  ...(runtime.target.tokenScopes ? { authorizingScopes: runtime.target.tokenScopes } : {}),
});

const bodyCheck = (validator: ContractValidator) => (op: OperationId, body: unknown) =>
  validator.validateRequestBody(op, body).length === 0;

const context = (runtime: BehaviourRuntime): GenerationContext => ({
  doc: runtime.validator.doc,
  tag: runtime.context.tag,
  now: runtime.target.now?.() ?? Date.now(),
  validBody: bodyCheck(runtime.validator),
});

/** Planning validates with the process's one validator (its schemas compiled once for the run too). */
const planningValidator = bundledValidator;

/** The cases a run of `step` sends first, in order (what fast-check generates from the seed). */
function sampleCases(step: ExploreStep, ctx: GenerationContext): ExploreCase[] {
  return fc.sample(caseArbitrary(step.op, ctx), { seed: step.seed, numRuns: step.runs });
}

/** Keeps a failing case as a reproduction (the runner adds which behaviour and target). */
function keep(runtime: BehaviourRuntime, step: ExploreStep, c: ExploreCase, exchange: Exchange, failing: StepFinding[], shrinks: number) {
  runtime.reproduce({
    seed: step.seed,
    expected: failing[0]!.expected,
    case: c,
    request: { method: exchange.method, url: exchange.url, ...(exchange.requestBody === undefined ? {} : { body: exchange.requestBody }) },
    curl: exchange.curl,
    shrinks,
  });
}

/**
 * Whether a case may leave a token behind, deleted after the behaviour: any create with the run's
 * token on a target that keeps state (a drifted server may accept a negative case too).
 */
const mayCreate = (c: ExploreCase | undefined, op: OperationId, target: PlanTarget) =>
  op === 'createToken' &&
  target.capabilities.has('state') &&
  c?.polarity !== 'auth' &&
  // A temporary token has no id to delete.
  !(c?.polarity === 'positive' && typeof c.body === 'object' && c.body !== null && 'expires' in c.body);

export const exploreStep: StepKindDefinition<ExploreStep> = {
  async run(step, runtime) {
    const arbitrary = caseArbitrary(step.op, context(runtime));
    const explained: [StepFinding, Exchange][] = [];
    let sent = 0;
    let last: { c: ExploreCase; exchange: Exchange; failing: StepFinding[] } | undefined;
    const attempt = async (c: ExploreCase) => {
      const name = `${step.name} #${++sent}`;
      const exchange = await runtime.send(requestOf(c, name));
      return { exchange, findings: findingsOf(c, exchange, name, checkTarget(runtime), runtime.validationFindings) };
    };
    let generated = 0;
    const property = fc.asyncProperty(arbitrary, async (c) => {
      // Shrinking sends one request per attempt: once its budget is spent, the smallest failure so far stands.
      if (generated++ >= step.runs + step.shrinkBudget) return true;
      const { exchange, findings } = await attempt(c);
      const failing = findings.filter((f) => runtime.wouldFail(f, exchange));
      for (const f of findings) if (!failing.includes(f)) explained.push([f, exchange]);
      if (failing.length) last = { c, exchange, failing };
      return failing.length === 0;
    });
    // The coverage phase: fixed cases, each a minimal case already (one rule broken).
    for (const c of coverageCases(step.op, context(runtime), step.seed, {
      thorough: step.coverage === 'thorough',
      checksPaths: runtime.target.capabilities.has('logic'),
    })) {
      const { exchange, findings } = await attempt(c);
      const failing = findings.filter((f) => runtime.wouldFail(f, exchange));
      if (failing.length) {
        keep(runtime, step, c, exchange, failing, 0);
        for (const f of failing) runtime.report({ ...f, step: `${step.name}, coverage case: ${describeCase(c)}` }, exchange);
      }
      for (const f of findings) runtime.report(f, exchange);
    }
    const outcome = await fc.check(property, { seed: step.seed, numRuns: step.runs });
    // Known, accepted and additive drift: recorded once each (the runner dedupes by key).
    for (const [finding, exchange] of explained) runtime.report(finding, exchange);
    if (outcome.failed && last) {
      const minimal = last;
      keep(runtime, step, minimal.c, minimal.exchange, minimal.failing, outcome.numShrinks);
      const where = `${step.name}, minimal case after ${outcome.numShrinks} shrink(s) (--seed ${step.runSeed}): ${describeCase(minimal.c)}`;
      // The first new finding fails the behaviour (report throws), with the minimal case's exchange.
      for (const f of minimal.failing) runtime.report({ ...f, step: where }, minimal.exchange);
    }
    for (const c of authCases(step.op, context(runtime), runtime.target.capabilities.has('logic'))) {
      const { exchange, findings } = await attempt(c);
      const failing = findings.filter((f) => runtime.wouldFail(f, exchange));
      if (failing.length) keep(runtime, step, c, exchange, failing, 0);
      for (const f of findings) runtime.report({ ...f, step: `${step.name}: ${describeCase(c)}` }, exchange);
    }
  },
  plan(step, target) {
    const ctx = (): GenerationContext => ({
      doc: loadDocument(),
      tag: PLAN_TAG,
      now: Date.now(),
      validBody: bodyCheck(planningValidator()),
    });
    const auth = authCases(step.op, ctx(), target.capabilities.has('logic'));
    const coverage = coverageCases(step.op, ctx(), step.seed, {
      thorough: step.coverage === 'thorough',
      checksPaths: target.capabilities.has('logic'),
    });
    // The random cases are sampled only when a line is read (--dry-run): counting the requests
    // (every run states them up front) needs no generation.
    let cases: ExploreCase[] | undefined;
    const caseAt = (i: number) => {
      cases ??= [...coverage, ...sampleCases(step, ctx()), ...auth];
      return cases[i]!;
    };
    const planned = Array.from({ length: coverage.length + step.runs + auth.length }, (_, i): PlannedRequest => {
      const last = i === coverage.length + step.runs - 1;
      return {
        get line() {
          return `${describeCase(caseAt(i))}${last ? `  [+ at most ${step.shrinkBudget} to shrink a failure]` : ''}`;
        },
        // A failing case is shrunk: the requests that takes are counted on the last generated case.
        atMost: last ? 1 + step.shrinkBudget : 1,
      };
    });
    // A create that succeeds leaves a token the runner deletes after the behaviour: any coverage,
    // random or shrinking case may (the random ones are not sampled just to count).
    const creates =
      coverage.filter((c) => mayCreate(c, step.op, target)).length +
      (mayCreate(undefined, step.op, target) ? step.runs + step.shrinkBudget : 0);
    return [...planned, ...Array.from({ length: creates }, () => cleanupRequest(true))];
  },
};

/** The `case` step kind: one case, as generated, held to the same checks (what `replay` sends). */
export const caseStep: StepKindDefinition<CaseStep> = {
  async run(step, runtime) {
    const exchange = await runtime.send(requestOf(step.case, step.name));
    for (const f of findingsOf(
      step.case,
      exchange,
      `${step.name}: ${describeCase(step.case)}`,
      checkTarget(runtime),
      runtime.validationFindings,
    ))
      runtime.report(f, exchange);
  },
  plan: (step, target) => [
    { line: describeCase(step.case), atMost: 1 },
    ...(mayCreate(step.case, step.case.op, target) ? [cleanupRequest(true)] : []),
  ],
};
