// The one runner over the behaviour catalogue. Every response is validated against the bundled
// spec at its operation and status: an undocumented status, a wrong content type, a missing,
// mistyped or renamed property fails; a property the spec does not know is a warning (additive
// drift). A behaviour the target cannot exhibit is "n/a", never "pass".
import { ContractValidator } from '@tokens-kit/spec';
import { operationIndex, type OperationId } from '@tokens-kit/types';
import type { Behaviour, RequestStep, Scope, Step, Value } from './catalogue-types.js';
import { nextPage, TargetClient, type Answer } from './client.js';
import { redact, redactValue } from './redact.js';
import { RATE_LIMIT_PROBE_LIMIT, type Target } from './targets.js';

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
  client: TargetClient;
  validator: ContractValidator;
  /** This run's id, in every created token's note. */
  runId: string;
}

export const NOTE_TAG_PREFIX = 'tokens-conformance run=';
export const noteTag = (runId: string) => `${NOTE_TAG_PREFIX}${runId}`;

const isRequest = (step: Step): step is RequestStep => 'op' in step;
const resolve = <T>(value: Value<T> | undefined, scope: Scope): T | undefined => (typeof value === 'function' ? (value as (s: Scope) => T)(scope) : value);

function pathFor(op: OperationId, username: string, tokenId?: string): string {
  return operationIndex[op].path.replace('{username}', encodeURIComponent(username)).replace('{token_id}', encodeURIComponent(tokenId ?? ''));
}

/** Why a behaviour cannot run on a target, or undefined when it can. */
export type PlanTarget = Pick<Target, 'name' | 'capabilities'>;

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
  const sentBefore = ctx.client.sent;
  const result: BehaviourResult = { id: behaviour.id, title: behaviour.title, target: ctx.target.name, status: 'pass', failures: [], warnings: [], requests: 0, durationMs: 0 };
  const reason = notApplicable(behaviour, ctx.target);
  if (reason) return { ...result, status: 'n/a', reason };

  const secrets = [ctx.target.token];
  const created: string[] = [];
  let clockOffset = 0;
  const tag = noteTag(ctx.runId);
  const scope: Scope = {
    username: ctx.target.username,
    token: ctx.target.token,
    tag,
    note: (label) => `${tag} ${behaviour.id}: ${label}`,
    saved: {},
    at: (seconds) => new Date((ctx.target.now?.() ?? Date.now() + clockOffset) + seconds * 1000).toISOString(),
  };

  const describeAnswer = (a: Answer) => ({ status: a.status, body: redact(a.text.slice(0, 600), secrets) });
  const failWith = (step: string, a: Answer | undefined, expected: string): never => {
    throw new StepFailed({
      step,
      expected: redact(expected, secrets),
      actual: a && describeAnswer(a),
      request: a && { method: a.method, url: a.url, body: a.requestBody },
      curl: a?.curl,
    });
  };

  /** Validates the answer against the spec; keeps warnings; fails on errors. */
  const validate = (op: OperationId, step: string, a: Answer) => {
    const check = ctx.validator.validateResponse(op, { status: a.status, headers: a.headers, bodyText: a.text });
    for (const w of check.warnings) result.warnings.push(redact(`${step}: ${w.at} ${w.message}`, secrets));
    if (check.errors.length) failWith(step, a, `a response as the spec documents it for ${op} ${a.status}: ${check.errors.map((e) => `${e.at} ${e.message}`).join('; ')}`);
  };

  const send = async (step: RequestStep): Promise<Answer> => {
    const username = resolve(step.username, scope) ?? ctx.target.username;
    const as = step.as === undefined ? ctx.target.token : resolve(step.as, scope)!;
    if (as) secrets.push(as);
    const answer = await ctx.client.send(
      { method: operationIndex[step.op].method, path: pathFor(step.op, username, resolve(step.tokenId, scope)), query: resolve(step.query, scope), token: as ?? null, body: resolve(step.body, scope) },
      step.expect.status === 429,
    );
    const date = Date.parse(answer.headers.get('date') ?? '');
    if (Number.isFinite(date)) clockOffset = date - Date.now();
    if (step.op === 'createToken' && answer.status === 200 && typeof answer.json?.id === 'string') created.push(answer.json.id);
    if (typeof answer.json?.token === 'string') secrets.push(answer.json.token);
    return answer;
  };

  try {
    for (const step of behaviour.steps) {
      if (isRequest(step)) {
        const answer = await send(step);
        if (answer.status !== step.expect.status) failWith(step.name, answer, `status ${step.expect.status}${step.expect.message ? ` with message "${step.expect.message}"` : ''}`);
        validate(step.op, step.name, answer);
        if (step.expect.message !== undefined && answer.json?.message !== step.expect.message) failWith(step.name, answer, `message "${step.expect.message}"`);
        if (step.expect.code !== undefined && answer.json?.code !== step.expect.code) failWith(step.name, answer, `code ${step.expect.code}`);
        const problem = step.expect.check?.(answer, scope);
        if (problem) failWith(step.name, answer, problem);
        if (step.save) scope.saved[step.save] = answer;
      } else if ('walk' in step) {
        const pages: Answer[] = [];
        let next: { path: string; query: Record<string, string> } | undefined = {
          path: pathFor('listTokens', ctx.target.username),
          query: Object.fromEntries(Object.entries(resolve(step.walk.query, scope) ?? {}).map(([k, v]) => [k, String(v)])),
        };
        while (next && pages.length < step.walk.maxPages) {
          const page = await ctx.client.send({ method: 'GET', path: next.path, query: next.query, token: ctx.target.token });
          if (page.status !== 200) failWith(step.name, page, 'status 200 for every page');
          validate('listTokens', `${step.name} page ${pages.length + 1}`, page);
          pages.push(page);
          next = nextPage(page, ctx.target.baseUrl);
        }
        const problem = step.check(pages, scope);
        if (problem) failWith(step.name, pages.at(-1), problem);
      } else if ('elapse' in step) {
        if (ctx.target.advanceClock) ctx.target.advanceClock(step.elapse * 1000);
        else await new Promise((r) => setTimeout(r, step.elapse * 1000));
      } else {
        const probe = await ctx.target.rateLimitProbe!();
        try {
          const client = new TargetClient({ baseUrl: probe.baseUrl, secrets: [probe.token] });
          const answers: Answer[] = [];
          for (let i = 0; i <= probe.limit; i++) {
            const a = await client.send({ method: 'GET', path: pathFor('listScopes', probe.username), token: probe.token }, true);
            validate('listScopes', `${step.name} #${i + 1}`, a);
            answers.push(a);
          }
          ctx.client.sent += client.sent;
          const problem = step.check(answers, probe.limit);
          if (problem) failWith(step.name, answers.at(-1), problem);
        } finally {
          await probe.close();
        }
      }
    }
  } catch (error) {
    result.status = 'fail';
    result.failures.push(
      error instanceof StepFailed ? error.failure : { step: 'runner', expected: redact(`the behaviour to run: ${(error as Error).message}`, secrets) },
    );
  } finally {
    // Delete what this behaviour created (only where tokens persist; never anything else).
    if (ctx.target.capabilities.has('state')) {
      for (const id of created) {
        await ctx.client
          .send({ method: 'DELETE', path: pathFor('deleteToken', ctx.target.username, id), token: ctx.target.token })
          .catch(() => undefined);
      }
    }
  }
  if (result.status === 'pass' && result.warnings.length) result.status = 'warn';
  result.requests = ctx.client.sent - sentBefore;
  result.durationMs = Date.now() - started;
  return redactValue(result, secrets);
}

export interface PlannedRequest {
  /** What --dry-run prints. */
  line: string;
  /** How many requests it may become (a walk, the rate-limit probe); 1 for one request. */
  atMost: number;
}

/** The requests a behaviour would make, for --dry-run and the up-front count. */
export function plannedRequests(behaviour: Behaviour, target: PlanTarget): PlannedRequest[] {
  if (notApplicable(behaviour, target)) return [];
  const planned: PlannedRequest[] = [];
  let creates = 0;
  for (const step of behaviour.steps) {
    if (isRequest(step)) {
      const info = operationIndex[step.op];
      const query = step.query && typeof step.query === 'object' ? `?${new URLSearchParams(Object.entries(step.query).map(([k, v]) => [k, String(v)]))}` : '';
      planned.push({ line: `${info.method} ${info.path}${query}  (${step.name})`, atMost: 1 });
      if (step.op === 'createToken' && step.expect.status === 200) creates++;
    } else if ('walk' in step) {
      planned.push({ line: `GET /tokens/v2/{username} … following Link rel="next", up to ${step.walk.maxPages} pages  (${step.name})`, atMost: step.walk.maxPages });
    } else if ('exhaustRateLimit' in step) {
      planned.push({ line: `GET /scopes/v1/{probe} × (limit + 1), on a separate probe account  (${step.name})`, atMost: RATE_LIMIT_PROBE_LIMIT + 1 });
    }
  }
  if (target.capabilities.has('state')) {
    for (let i = 0; i < creates; i++) planned.push({ line: 'DELETE /tokens/v2/{username}/{token_id}  (clean up a token this behaviour created)', atMost: 1 });
  }
  return planned;
}

/** How many requests a run makes: a count for fixed steps, and an upper bound with walks. */
export function estimateRequests(behaviours: Behaviour[], target: PlanTarget): { count: number; atMost: number } {
  const planned = behaviours.flatMap((b) => plannedRequests(b, target));
  return { count: planned.length, atMost: planned.reduce((n, p) => n + p.atMost, 0) };
}
