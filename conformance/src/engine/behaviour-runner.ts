// The one runner over the behaviour catalogue. Every response is validated against the bundled
// spec at its operation and status; every departure — an undocumented status, a wrong message, a
// missing, mistyped or renamed property, a failed check — is a finding, classified against the
// register of observed deviations and the team's baseline. New drift fails the behaviour; known
// drift is reported with its evidence and the behaviour goes on; a property the spec does not know
// and nothing explains is a warning (additive drift). With `strict`, any drift fails. A behaviour
// the target cannot exhibit is "n/a", never "pass".
import { decodeToken, operationPath, operations } from '@tokens-kit/contract';
import type { ContractValidator } from '@tokens-kit/contract/validator';
import type { OperationId } from '@tokens-kit/types';
import type { Behaviour, RequestStep, StepContext } from '../catalogue/types.js';
import { classify, observe } from '../drift/classify.js';
import type { ClassifiedFinding, FindingExchange } from '../drift/findings.js';
import { redact, redactValue } from '../redact.js';
import type { Target } from '../targets.js';
import {
  planStep,
  resolveValue,
  runStep,
  type BehaviourRuntime,
  type PlannedRequest,
  type PlanTarget,
  type Reproduction,
  type StepFinding,
} from './steps.js';
import type { Exchange, TargetHttp } from './target-http.js';

export type { PlannedRequest, PlanTarget } from './steps.js';

/**
 * pass: as documented. fail: new drift (or, with strict, any drift). known: only drift the register
 * or the baseline explains — never shown as a pass. warn: properties the spec does not describe,
 * which nothing explains. n/a: the target cannot exhibit the behaviour.
 */
export type Status = 'pass' | 'fail' | 'known' | 'warn' | 'n/a';

export interface StepFailure {
  step: string;
  expected: string;
  actual?: { status: number; body: string };
  request?: { method: string; url: string; body?: string };
  curl?: string;
}

export interface BehaviourResult {
  id: string;
  title: string;
  target: string;
  status: Status;
  /** Why it is n/a. */
  reason?: string;
  /** New drift (every drift with strict), as a person reads it, with its reproduction. */
  failures: StepFailure[];
  /** Additive drift nothing explains. */
  warnings: string[];
  /** Every departure seen, classified. */
  findings: ClassifiedFinding[];
  /** What each exchange exercised, for API coverage: operation, status, message, query. */
  exercised: Exercised[];
  /** Minimal failing cases of exploration, as `tokens-conformance replay` re-sends them. */
  reproductions: Reproduction[];
  requests: number;
  durationMs: number;
}

/** One exchange, as coverage counts it. */
export interface Exercised {
  operation: OperationId;
  status: number;
  /** The error message, when the answer had one. */
  message?: string;
  /** The query parameters sent (the access token left out). */
  query: Record<string, string>;
}

export interface RunContext {
  target: Target;
  http: TargetHttp;
  validator: ContractValidator;
  /** This run's id, in every created token's note. */
  runId: string;
  /** Any drift fails, known or not. */
  strict?: boolean;
  /** Keys of findings the team accepted (`--baseline`). */
  baseline?: ReadonlySet<string>;
}

export const NOTE_TAG_PREFIX = 'tokens-conformance run=';
export const noteTag = (runId: string) => `${NOTE_TAG_PREFIX}${runId}`;

/** Why a behaviour cannot run on a target, or undefined when it can. */
export function notApplicable(behaviour: Behaviour, target: PlanTarget): string | undefined {
  const missing = behaviour.needs.filter((need) => !target.capabilities.has(need));
  if (missing.length) return `the ${target.name} target cannot exhibit ${missing.join(', ')}`;
  return undefined;
}

class StepFailed extends Error {
  constructor(readonly failure: StepFailure) {
    super(failure.expected);
  }
}

export async function runBehaviour(behaviour: Behaviour, ctx: RunContext): Promise<BehaviourResult> {
  const started = Date.now();
  const sentBefore = ctx.http.sent;
  const result: BehaviourResult = {
    id: behaviour.id,
    title: behaviour.title,
    target: ctx.target.name,
    status: 'pass',
    failures: [],
    warnings: [],
    findings: [],
    exercised: [],
    reproductions: [],
    requests: 0,
    durationMs: 0,
  };
  const reason = notApplicable(behaviour, ctx.target);
  if (reason) return { ...result, status: 'n/a', reason };

  const secrets = [ctx.target.token];
  const created: string[] = [];
  let clockOffset = 0;
  const tag = noteTag(ctx.runId);
  const context: StepContext = {
    username: ctx.target.username,
    token: ctx.target.token,
    tag,
    note: (label) => `${tag} ${behaviour.id}: ${label}`,
    saved: {},
    at: (seconds) => new Date((ctx.target.now?.() ?? Date.now() + clockOffset) + seconds * 1000).toISOString(),
  };

  const bearers = new WeakMap<Exchange, FindingExchange['bearer']>();
  const failureOf = (step: string, exchange: Exchange | undefined, expected: string): StepFailure => ({
    step,
    expected: redact(expected, secrets),
    actual: exchange && { status: exchange.status, body: redact(exchange.text.slice(0, 600), secrets) },
    request: exchange && { method: exchange.method, url: exchange.url, body: exchange.requestBody },
    curl: exchange?.curl,
  });
  const exchangeOf = (exchange: Exchange): FindingExchange => {
    const body = exchange.json as { message?: unknown; code?: unknown } | undefined;
    let requestBody: unknown;
    try {
      requestBody = exchange.requestBody === undefined ? undefined : JSON.parse(exchange.requestBody);
    } catch {
      requestBody = exchange.requestBody;
    }
    return {
      status: exchange.status,
      ...(typeof body?.message === 'string' ? { message: body.message } : {}),
      ...(typeof body?.code === 'string' ? { code: body.code } : {}),
      ...(exchange.headers.has('link') ? { link: exchange.headers.get('link')! } : {}),
      ...(bearers.get(exchange) ? { bearer: bearers.get(exchange) } : {}),
      ...(requestBody === undefined ? {} : { requestBody }),
    };
  };
  const seen = new Set<string>();
  const classifyFinding = (finding: StepFinding, exchange: Exchange | undefined) =>
    classify(
      { ...finding, target: ctx.target.name, behaviour: behaviour.id, ...(exchange ? { exchange: exchangeOf(exchange) } : {}) },
      { baseline: ctx.baseline },
    );
  const fails = (c: ClassifiedFinding) => (c.class === 'new' ? c.aspect !== 'additive' : ctx.strict === true);
  const report = (finding: StepFinding, exchange: Exchange | undefined) => {
    const classified = classifyFinding(finding, exchange);
    if (seen.has(classified.key)) return;
    seen.add(classified.key);
    result.findings.push(classified);
    if (classified.class === 'new' && classified.aspect === 'additive')
      result.warnings.push(redact(`${finding.step}: ${finding.expected}`, secrets));
    if (fails(classified)) {
      const failure = failureOf(
        finding.step,
        exchange,
        classified.deviation ? `${finding.expected} (known drift: ${classified.deviation})` : finding.expected,
      );
      // New drift stops the behaviour: what follows may rest on what just went wrong.
      if (classified.class === 'new' && classified.aspect !== 'additive') throw new StepFailed(failure);
      result.failures.push(failure);
    }
  };
  const validationFindings = (op: OperationId, step: string, exchange: Exchange): StepFinding[] => {
    const check = ctx.validator.validateResponse(op, { status: exchange.status, headers: exchange.headers, bodyText: exchange.text });
    return [
      ...check.errors.map((issue): StepFinding => {
        const basis = issue.basis === 'inference' ? " (the kit's inference; the documentation does not state it)" : '';
        const expected = `a response as the spec documents it for ${op} ${exchange.status}: ${issue.at} ${issue.message}${basis}`;
        return { step, operation: op, aspect: 'schema', expected, issue };
      }),
      ...check.warnings.map(
        (issue): StepFinding => ({ step, operation: op, aspect: 'additive', expected: `${issue.at} ${issue.message}`, issue }),
      ),
    ];
  };

  const runtime: BehaviourRuntime = {
    target: ctx.target,
    http: ctx.http,
    validator: ctx.validator,
    context,
    report,
    observe(op: OperationId, step: string, exchange: Exchange) {
      // Parameter names as sent; the access token's value is never kept.
      const query = Object.fromEntries(
        [...new URL(exchange.url).searchParams].map(([name, value]) => [name, name === 'access_token' ? '' : value]),
      );
      const message = (exchange.json as { message?: unknown } | undefined)?.message;
      result.exercised.push({ operation: op, status: exchange.status, ...(typeof message === 'string' ? { message } : {}), query });
      for (const id of observe(exchange, op)) {
        report({ step, operation: op, aspect: 'observation', observed: id, expected: `the documented behaviour, not ${id}` }, exchange);
      }
    },
    validate(op: OperationId, step: string, exchange: Exchange) {
      for (const finding of validationFindings(op, step, exchange)) report(finding, exchange);
    },
    validationFindings,
    wouldFail: (finding, exchange) => fails(classifyFinding(finding, exchange)),
    reproduce(reproduction) {
      result.reproductions.push({
        ...reproduction,
        behaviour: behaviour.id,
        target: ctx.target.name,
        baseUrl: ctx.target.baseUrl,
        username: ctx.target.username,
      });
    },
    async send(step: RequestStep) {
      const username = resolveValue(step.username, context) ?? ctx.target.username;
      const as = step.as === undefined ? ctx.target.token : resolveValue(step.as, context)!;
      if (as) secrets.push(as);
      let bearer: FindingExchange['bearer'];
      try {
        bearer = as ? decodeToken(as).usage : undefined;
      } catch {
        bearer = undefined;
      }
      const exchange = await ctx.http.send(
        {
          method: operations[step.op].method,
          path: operationPath(step.op, { username, token_id: resolveValue(step.tokenId, context) ?? '' }),
          query: resolveValue(step.query, context),
          token: as ?? null,
          body: resolveValue(step.body, context),
        },
        step.expect.status === 429,
      );
      bearers.set(exchange, bearer);
      runtime.observe(step.op, step.name, exchange);
      const date = Date.parse(exchange.headers.get('date') ?? '');
      if (Number.isFinite(date)) clockOffset = date - Date.now();
      const body = exchange.json as { id?: unknown; token?: unknown } | undefined;
      if (step.op === 'createToken' && exchange.status === 200 && typeof body?.id === 'string') created.push(body.id);
      if (typeof body?.token === 'string') secrets.push(body.token);
      return exchange;
    },
  };

  try {
    for (const step of behaviour.steps) await runStep(step, runtime);
  } catch (error) {
    result.status = 'fail';
    result.failures.push(
      error instanceof StepFailed
        ? error.failure
        : { step: 'runner', expected: redact(`the behaviour to run: ${(error as Error).message}`, secrets) },
    );
  } finally {
    // Delete what this behaviour created (only where tokens persist; never anything else).
    if (ctx.target.capabilities.has('state')) {
      for (const id of created) {
        await ctx.http
          .send({
            method: 'DELETE',
            path: operationPath('deleteToken', { username: ctx.target.username, token_id: id }),
            token: ctx.target.token,
          })
          .catch(() => undefined);
      }
    }
  }
  if (result.status === 'pass') {
    if (result.failures.length) result.status = 'fail';
    else if (result.findings.some((f) => f.class !== 'new')) result.status = 'known';
    else if (result.warnings.length) result.status = 'warn';
  }
  result.requests = ctx.http.sent - sentBefore;
  result.durationMs = Date.now() - started;
  return redactValue(result, secrets);
}

/** The requests a behaviour would make, for --dry-run and the up-front count: its steps', then its clean-up. */
export function plannedRequests(behaviour: Behaviour, target: PlanTarget): PlannedRequest[] {
  if (notApplicable(behaviour, target)) return [];
  const planned = behaviour.steps.flatMap((step) => planStep(step, target));
  return [...planned.filter((p) => !p.cleanup), ...planned.filter((p) => p.cleanup)];
}

/** How many requests a run makes: a count for fixed steps, and an upper bound with walks. */
export function estimateRequests(behaviours: Behaviour[], target: PlanTarget): { count: number; atMost: number } {
  const planned = behaviours.flatMap((b) => plannedRequests(b, target));
  return { count: planned.length, atMost: planned.reduce((n, p) => n + p.atMost, 0) };
}
