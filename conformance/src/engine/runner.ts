// The one runner: executes any behaviour, step by step, through the table of step kinds it is
// handed (it knows none of them). Every response is validated against the bundled spec at its
// operation and status; every departure — an undocumented status, a wrong message, a missing,
// mistyped or renamed property, a failed check — is a finding, judged by the judge it is handed
// (the register of observed deviations, the team's baseline). New drift fails the behaviour; known
// drift is reported with its evidence and the behaviour goes on; a property the spec does not know
// and nothing explains is a warning (additive drift). With `strict`, any drift fails. A behaviour
// the target cannot exhibit is "n/a", never "pass".
import { decodeToken, operationPath, operations } from '@tokens-kit/contract';
import type { ContractValidator } from '@tokens-kit/contract/validator';
import type { OperationId } from '@tokens-kit/types';
import type { Behaviour, OutgoingRequest, StepContext, Value } from '../model/behaviour.js';
import { parseJsonBody, type Exchange } from '../model/exchange.js';
import type { ClassifiedFinding, FindingExchange, StepFinding } from '../model/findings.js';
import { redact, redactValue } from '../model/redact.js';
import type { BehaviourResult, FoundCase, StepFailure } from '../model/result.js';
import type { BehaviourRuntime, Judge, StepKindTable } from '../model/runtime.js';
import type { Target } from '../model/target.js';
import type { TargetHttp } from './http.js';
import { kindOf, notApplicable } from './plan-requests.js';

export { notApplicable, plannedRequests } from './plan-requests.js';

export interface RunContext {
  target: Target;
  http: TargetHttp;
  validator: ContractValidator;
  /** The step kinds (pipeline.ts composes them). */
  kinds: StepKindTable;
  judge: Judge;
  /** This run's id, in every created token's note. */
  runId: string;
  /** Any drift fails, known or not. */
  strict?: boolean;
  /** Told of each token a behaviour created, before the next request (a test's pause point: vitest/suite.ts). */
  onCreated?: (id: string, signal: AbortSignal | undefined) => Promise<void>;
}

export const NOTE_TAG_PREFIX = 'tokens-conformance run=';
export const noteTag = (runId: string) => `${NOTE_TAG_PREFIX}${runId}`;

export const resolveValue = <T>(value: Value<T> | undefined, context: StepContext): T | undefined =>
  typeof value === 'function' ? (value as (c: StepContext) => T)(context) : value;

/** A behaviour's result before anything has run: a pass until a step says otherwise. */
const emptyResult = (behaviour: Behaviour, target: Target): BehaviourResult => ({
  id: behaviour.id,
  title: behaviour.title,
  target: target.name,
  status: 'pass',
  failures: [],
  warnings: [],
  findings: [],
  exercised: [],
  reproductions: [],
  requests: 0,
  durationMs: 0,
});

class StepFailed extends Error {
  constructor(readonly failure: StepFailure) {
    super(failure.expected);
  }
}

/** One behaviour's run on one target: the runtime its steps use, and the result it builds. */
class BehaviourRun implements BehaviourRuntime {
  readonly target: Target;
  readonly validator: ContractValidator;
  readonly context: StepContext;
  readonly http: TargetHttp;
  readonly result: BehaviourResult;
  private readonly secrets: string[];
  private readonly created: string[] = [];
  private readonly bearers = new WeakMap<Exchange, FindingExchange['bearer']>();
  private readonly seen = new Set<string>();
  private clockOffset = 0;

  constructor(
    private readonly behaviour: Behaviour,
    private readonly ctx: RunContext,
    /** Aborted when the run is cancelled (vitest's test signal). */
    private readonly signal?: AbortSignal,
  ) {
    this.target = ctx.target;
    this.validator = ctx.validator;
    this.http = ctx.http;
    this.secrets = [ctx.target.token];
    const tag = noteTag(ctx.runId);
    this.context = {
      username: ctx.target.username,
      token: ctx.target.token,
      tag,
      note: (label) => `${tag} ${behaviour.id}: ${label}`,
      saved: {},
      at: (seconds) => new Date((ctx.target.now?.() ?? Date.now() + this.clockOffset) + seconds * 1000).toISOString(),
    };
    // Steps may hand these on as plain functions (findingsOf takes validationFindings).
    for (const method of [
      'report',
      'wouldFail',
      'validationFindings',
      'validate',
      'observe',
      'reproduce',
      'sendElsewhere',
      'send',
    ] as const)
      this[method] = this[method].bind(this) as never;
    this.result = emptyResult(behaviour, ctx.target);
  }

  private failureOf(step: string, exchange: Exchange | undefined, expected: string): StepFailure {
    return {
      step,
      expected: redact(expected, this.secrets),
      actual: exchange && { status: exchange.status, body: redact(exchange.text.slice(0, 600), this.secrets) },
      request: exchange && { method: exchange.method, url: exchange.url, body: exchange.requestBody },
      curl: exchange?.curl,
    };
  }

  /** What classification needs of an exchange (no token in it). */
  private findingExchange(exchange: Exchange): FindingExchange {
    const body = exchange.json as { message?: unknown; code?: unknown } | undefined;
    const requestBody = exchange.requestBody === undefined ? undefined : (parseJsonBody(exchange.requestBody) ?? exchange.requestBody);
    const bearer = this.bearers.get(exchange);
    return {
      status: exchange.status,
      ...(typeof body?.message === 'string' ? { message: body.message } : {}),
      ...(typeof body?.code === 'string' ? { code: body.code } : {}),
      ...(exchange.headers.has('link') ? { link: exchange.headers.get('link')! } : {}),
      ...(bearer ? { bearer } : {}),
      ...(requestBody === undefined ? {} : { requestBody }),
    };
  }

  private classify(finding: StepFinding, exchange: Exchange | undefined): ClassifiedFinding {
    return this.ctx.judge.classify({
      ...finding,
      target: this.target.name,
      behaviour: this.behaviour.id,
      ...(exchange ? { exchange: this.findingExchange(exchange) } : {}),
    });
  }

  private fails(c: ClassifiedFinding): boolean {
    return c.class === 'new' ? c.aspect !== 'additive' : this.ctx.strict === true;
  }

  report(finding: StepFinding, exchange: Exchange | undefined): void {
    const classified = this.classify(finding, exchange);
    if (this.seen.has(classified.key)) return;
    this.seen.add(classified.key);
    this.result.findings.push(classified);
    if (classified.class === 'new' && classified.aspect === 'additive')
      this.result.warnings.push(redact(`${finding.step}: ${finding.expected}`, this.secrets));
    if (!this.fails(classified)) return;
    const expected = classified.deviation ? `${finding.expected} (known drift: ${classified.deviation})` : finding.expected;
    const failure = this.failureOf(finding.step, exchange, expected);
    // New drift stops the behaviour: what follows may rest on what just went wrong.
    if (classified.class === 'new') throw new StepFailed(failure);
    this.result.failures.push(failure);
  }

  wouldFail(finding: StepFinding, exchange: Exchange): boolean {
    return this.fails(this.classify(finding, exchange));
  }

  validationFindings(op: OperationId, step: string, exchange: Exchange): StepFinding[] {
    const check = this.validator.validateResponse(op, { status: exchange.status, headers: exchange.headers, bodyText: exchange.text });
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
  }

  validate(op: OperationId, step: string, exchange: Exchange): void {
    for (const finding of this.validationFindings(op, step, exchange)) this.report(finding, exchange);
  }

  observe(op: OperationId, step: string, exchange: Exchange): void {
    // Parameter names as sent; the access token's value is never kept.
    const query = Object.fromEntries(
      [...new URL(exchange.url).searchParams].map(([name, value]) => [name, name === 'access_token' ? '' : value]),
    );
    const message = (exchange.json as { message?: unknown } | undefined)?.message;
    this.result.exercised.push({ operation: op, status: exchange.status, ...(typeof message === 'string' ? { message } : {}), query });
    for (const id of this.ctx.judge.probes(exchange, op))
      this.report({ step, operation: op, aspect: 'observation', observed: id, expected: `the documented behaviour, not ${id}` }, exchange);
  }

  reproduce(found: FoundCase): void {
    this.result.reproductions.push({
      kind: 'tokens-conformance reproduction',
      version: 1,
      behaviour: this.behaviour.id,
      target: this.target.name,
      baseUrl: this.target.baseUrl,
      username: this.target.username,
      ...found,
    });
  }

  sendElsewhere(baseUrl: string, secret: string) {
    this.secrets.push(secret);
    return this.ctx.http.elsewhere(baseUrl, [secret]);
  }

  async send(request: OutgoingRequest): Promise<Exchange> {
    const { context } = this;
    const username = resolveValue(request.username, context) ?? this.target.username;
    const as = request.as === undefined ? this.target.token : resolveValue(request.as, context)!;
    if (as) this.secrets.push(as);
    let bearer: FindingExchange['bearer'];
    try {
      bearer = as ? decodeToken(as).usage : undefined;
    } catch {
      bearer = undefined;
    }
    const exchange = await this.ctx.http.send(
      {
        method: operations[request.op].method,
        path: operationPath(request.op, { username, token_id: resolveValue(request.tokenId, context) ?? '' }),
        query: resolveValue(request.query, context),
        token: as ?? null,
        body: resolveValue(request.body, context),
        ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
      },
      request.expect429 === true,
    );
    this.bearers.set(exchange, bearer);
    this.observe(request.op, request.name, exchange);
    const date = Date.parse(exchange.headers.get('date') ?? '');
    if (Number.isFinite(date)) this.clockOffset = date - Date.now();
    const body = exchange.json as { id?: unknown; token?: unknown } | undefined;
    if (request.op === 'createToken' && exchange.status === 200 && typeof body?.id === 'string') {
      this.created.push(body.id);
      await this.ctx.onCreated?.(body.id, this.signal);
    }
    if (typeof body?.token === 'string') this.secrets.push(body.token);
    return exchange;
  }

  /** Runs every step; a failure stops the behaviour. Then deletes what it created (where tokens persist; never anything else). */
  async run(): Promise<BehaviourResult> {
    const started = Date.now();
    const sentBefore = this.ctx.http.sent;
    const { result } = this;
    try {
      for (const step of this.behaviour.steps) {
        // A cancelled run stops between steps; what was created is still deleted below.
        if (this.signal?.aborted) break;
        await kindOf(this.ctx.kinds, step).run(step, this);
      }
    } catch (error) {
      result.status = 'fail';
      result.failures.push(
        error instanceof StepFailed
          ? error.failure
          : { step: 'runner', expected: redact(`the behaviour to run: ${(error as Error).message}`, this.secrets) },
      );
    } finally {
      if (this.target.capabilities.has('state')) {
        for (const id of this.created) {
          await this.ctx.http
            .send({
              method: 'DELETE',
              path: operationPath('deleteToken', { username: this.target.username, token_id: id }),
              token: this.target.token,
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
    result.requests = this.ctx.http.sent - sentBefore;
    result.durationMs = Date.now() - started;
    return redactValue(result, this.secrets);
  }
}

export async function runBehaviour(behaviour: Behaviour, ctx: RunContext, signal?: AbortSignal): Promise<BehaviourResult> {
  const reason = notApplicable(behaviour, ctx.target);
  if (reason) return { ...emptyResult(behaviour, ctx.target), status: 'n/a', reason };
  return new BehaviourRun(behaviour, ctx, signal).run();
}
