// The one runner over the behaviour catalogue. Every response is validated against the bundled
// spec at its operation and status: an undocumented status, a wrong content type, a missing,
// mistyped or renamed property fails; a property the spec does not know is a warning (additive
// drift). A behaviour the target cannot exhibit is "n/a", never "pass".
import { operationPath, operations } from '@tokens-kit/contract';
import type { ContractValidator } from '@tokens-kit/contract/validator';
import type { OperationId } from '@tokens-kit/types';
import type { Behaviour, RequestStep, StepContext } from '../catalogue/types.js';
import { redact, redactValue } from '../redact.js';
import type { Target } from '../targets.js';
import { planStep, resolveValue, runStep, type BehaviourRuntime, type PlannedRequest, type PlanTarget } from './steps.js';
import type { Exchange, TargetHttp } from './target-http.js';

export type { PlannedRequest, PlanTarget } from './steps.js';

export type Status = 'pass' | 'fail' | 'warn' | 'n/a';

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
  failures: StepFailure[];
  warnings: string[];
  requests: number;
  durationMs: number;
}

export interface RunContext {
  target: Target;
  http: TargetHttp;
  validator: ContractValidator;
  /** This run's id, in every created token's note. */
  runId: string;
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

  const failWith = (step: string, exchange: Exchange | undefined, expected: string): never => {
    throw new StepFailed({
      step,
      expected: redact(expected, secrets),
      actual: exchange && { status: exchange.status, body: redact(exchange.text.slice(0, 600), secrets) },
      request: exchange && { method: exchange.method, url: exchange.url, body: exchange.requestBody },
      curl: exchange?.curl,
    });
  };

  const runtime: BehaviourRuntime = {
    target: ctx.target,
    http: ctx.http,
    validator: ctx.validator,
    context,
    failWith,
    validate(op: OperationId, step: string, exchange: Exchange) {
      const check = ctx.validator.validateResponse(op, { status: exchange.status, headers: exchange.headers, bodyText: exchange.text });
      for (const w of check.warnings) result.warnings.push(redact(`${step}: ${w.at} ${w.message}`, secrets));
      if (check.errors.length) {
        failWith(
          step,
          exchange,
          `a response as the spec documents it for ${op} ${exchange.status}: ${check.errors.map((e) => `${e.at} ${e.message}`).join('; ')}`,
        );
      }
    },
    async send(step: RequestStep) {
      const username = resolveValue(step.username, context) ?? ctx.target.username;
      const as = step.as === undefined ? ctx.target.token : resolveValue(step.as, context)!;
      if (as) secrets.push(as);
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
  if (result.status === 'pass' && result.warnings.length) result.status = 'warn';
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
