// The closed set of step kinds. Each kind defines, side by side, how it runs and which requests it
// plans: the table is typed by the kinds of `Step`, so a new kind does not compile until it has
// both, and --dry-run and the request budget cannot under-count it.
import { observedErrorKindOf, operationPath, operations } from '@tokens-kit/contract';
import { errorKinds, type ErrorMessage } from '@tokens-kit/types';
import type { OperationId } from '@tokens-kit/types';
import type { ContractValidator } from '@tokens-kit/contract/validator';
import type { RequestStep, Step, StepContext, StepKind, Value } from '../catalogue/types.js';
import type { ExploreCase } from '../explore/cases.js';
import { caseStep, exploreStep } from '../explore/step.js';
import { statefulStep } from '../explore/stateful.js';
import type { Finding } from '../drift/findings.js';
import { RATE_LIMIT_PROBE_LIMIT, type Target } from '../targets.js';
import { nextPage, TargetHttp, type Exchange } from './target-http.js';

/** What a step runs with: the target and its HTTP, and the behaviour's state. */
export interface BehaviourRuntime {
  target: Target;
  http: TargetHttp;
  validator: ContractValidator;
  context: StepContext;
  /** Sends a request step's request (tracking created tokens and secrets). */
  send(step: RequestStep): Promise<Exchange>;
  /** Validates an exchange against the spec for the operation: each error and unknown property is a finding. */
  validate(op: OperationId, stepName: string, exchange: Exchange): void;
  /**
   * Records a finding, classified against the register and the baseline. New drift stops the
   * behaviour (it throws); known or accepted drift is recorded and the step goes on.
   */
  report(finding: StepFinding, exchange: Exchange | undefined): void;
  /** Runs the register's probes on an exchange: what it describes that no check fails on. */
  observe(op: OperationId, stepName: string, exchange: Exchange): void;
  /** What `validate` would report, without reporting it (exploration decides after shrinking). */
  validationFindings(op: OperationId, stepName: string, exchange: Exchange): StepFinding[];
  /** Whether `report` would fail the behaviour on this finding (new drift; any drift with strict). */
  wouldFail(finding: StepFinding, exchange: Exchange): boolean;
  /** Keeps a failure's minimal reproduction for the report and `tokens-conformance replay`. */
  reproduce(reproduction: Reproduction): void;
}

/** A failing case, minimal after shrinking, as `tokens-conformance replay` re-sends it. */
export interface Reproduction {
  kind: 'tokens-conformance reproduction';
  version: 1;
  behaviour: string;
  target: string;
  baseUrl: string;
  username: string;
  seed: number;
  /** The check that failed, as the report says it. */
  expected: string;
  /** The generated case (explore/cases.ts): what replay sends. */
  case: ExploreCase;
  /** The request as sent, the access token left out. */
  request: { method: string; url: string; body?: string };
  curl: string;
  shrinks: number;
}

/** A finding as a step states it; the runner adds the target, the behaviour and the exchange. */
export type StepFinding = Omit<Finding, 'target' | 'behaviour' | 'exchange'>;

export interface PlannedRequest {
  /** What --dry-run prints. */
  line: string;
  /** How many requests it may become (a walk, the rate-limit probe); 1 for one request. */
  atMost: number;
  /** A DELETE of a token the behaviour created, sent after its steps. */
  cleanup?: boolean;
}

/** Who a plan is for: a target's name and capabilities (no connection needed). */
export type PlanTarget = Pick<Target, 'name' | 'capabilities'>;

export interface StepKindDefinition<S extends Step> {
  run(step: S, runtime: BehaviourRuntime): Promise<void>;
  plan(step: S, target: PlanTarget): PlannedRequest[];
}

export const resolveValue = <T>(value: Value<T> | undefined, context: StepContext): T | undefined =>
  typeof value === 'function' ? (value as (c: StepContext) => T)(context) : value;

const stringQuery = (query: Record<string, string | number | boolean> | undefined) =>
  Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)]));

const request: StepKindDefinition<RequestStep> = {
  async run(step, runtime) {
    const exchange = await runtime.send(step);
    const { expect } = step;
    const where = { step: step.name, operation: step.op };
    if (exchange.status !== expect.status) {
      const expected = `status ${expect.status}${expect.message ? ` with message "${expect.message}"` : ''}`;
      runtime.report({ ...where, aspect: 'status', expected, expectedStatus: expect.status }, exchange);
      // Known drift: the answer is of another kind, so the step's other expectations do not apply.
      return;
    }
    runtime.validate(step.op, step.name, exchange);
    // Read only after validation: the body is then the operation's documented body for this status.
    const body = exchange.json as { message?: unknown; code?: unknown } | undefined;
    if (expect.message !== undefined && body?.message !== expect.message) {
      runtime.report({ ...where, aspect: 'message', expected: `message "${expect.message}"`, expectedMessage: expect.message }, exchange);
    }
    if (expect.code !== undefined && body?.code !== expect.code) {
      runtime.report({ ...where, aspect: 'code', expected: `code ${expect.code}`, expectedCode: expect.code }, exchange);
    }
    const problem = expect.check?.(exchange, runtime.context);
    if (problem) runtime.report({ ...where, aspect: 'check', expected: problem }, exchange);
    if (step.save) runtime.context.saved[step.save] = exchange;
  },
  plan(step, target) {
    const info = operations[step.op];
    const query = step.query && typeof step.query === 'object' ? `?${new URLSearchParams(stringQuery(step.query))}` : '';
    const planned: PlannedRequest[] = [{ line: `${info.method} ${info.path}${query}  (${step.name})`, atMost: 1 }];
    if (step.op === 'createToken' && step.expect.status === 200 && target.capabilities.has('state')) {
      planned.push({
        line: 'DELETE /tokens/v2/{username}/{token_id}  (clean up a token this behaviour created)',
        atMost: 1,
        cleanup: true,
      });
    }
    return planned;
  },
};

/** One definition per step kind, typed by the kinds of `Step`. */
export type StepKindTable = { [K in StepKind]: StepKindDefinition<Extract<Step, { kind: K }>> };

export const stepKinds: StepKindTable = {
  request,
  explore: exploreStep,
  case: caseStep,
  stateful: statefulStep,
  recorded: {
    async run(step, runtime) {
      const { exchange } = step;
      if (!step.op) {
        runtime.report(
          { step: step.name, aspect: 'status', expected: `a documented operation: the spec has no ${step.name}`, expectedStatus: 404 },
          exchange,
        );
        return;
      }
      runtime.observe(step.op, step.name, exchange);
      // The request as the client sent it: its query parameters and body, as the spec documents them.
      const info = operations[step.op];
      const url = new URL(exchange.url);
      for (const [name, value] of url.searchParams) {
        const param = info.query[name];
        if (!param || name === 'access_token') continue;
        // A query value is text: it conforms if it does as text or as the number or boolean it spells.
        const typed = /^-?\d+$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
        const issues = runtime.validator.check(param.schemaPointer, typed).errors;
        if (issues.length && runtime.validator.check(param.schemaPointer, value).errors.length)
          runtime.report(
            {
              step: step.name,
              operation: step.op,
              aspect: 'check',
              expected: `a request as the spec documents it: query ${name}=${value} ${issues[0]!.message}`,
            },
            exchange,
          );
      }
      if (exchange.requestBody !== undefined && info.requestBody) {
        let body: unknown;
        try {
          body = JSON.parse(exchange.requestBody);
        } catch {
          body = exchange.requestBody;
        }
        for (const issue of runtime.validator.validateRequestBody(step.op, body))
          runtime.report(
            {
              step: step.name,
              operation: step.op,
              aspect: 'check',
              expected: `a request as the spec documents it: body ${issue.at} ${issue.message}`,
            },
            exchange,
          );
      }
      runtime.validate(step.op, step.name, exchange);
      // An error answer's message is one of the error-table rows documented for its status (a
      // variant the register records reads as the row it stands for, so it is known drift).
      const documented = Object.values(info.responses[String(exchange.status)]?.examples ?? {})
        .map((e) => (e as { message?: unknown } | undefined)?.message)
        .filter((m): m is string => typeof m === 'string');
      const message = (exchange.json as { message?: unknown } | undefined)?.message;
      if (exchange.status >= 400 && documented.length && typeof message === 'string' && !documented.includes(message)) {
        const variant = observedErrorKindOf(exchange.status, message);
        const row = errorKinds.find(([kind, status]) => kind === variant?.kind && status === exchange.status);
        const expectedMessage = (row?.[2] ?? documented[0]!) as ErrorMessage;
        runtime.report(
          {
            step: step.name,
            operation: step.op,
            aspect: 'message',
            expected: `an error-table message for ${exchange.status} ("${documented.join('", "')}"), not "${message}"`,
            expectedMessage,
          },
          exchange,
        );
      }
    },
    plan: () => [],
  },
  walk: {
    async run(step, runtime) {
      const pages: Exchange[] = [];
      const { target, http, context } = runtime;
      let next: { path: string; query: Record<string, string> } | undefined = {
        path: operationPath('listTokens', { username: target.username }),
        query: stringQuery(resolveValue(step.query, context)),
      };
      while (next && pages.length < step.maxPages) {
        const page = await http.send({ method: 'GET', path: next.path, query: next.query, token: target.token });
        const pageStep = `${step.name} page ${pages.length + 1}`;
        runtime.observe('listTokens', pageStep, page);
        if (page.status !== 200) {
          runtime.report(
            { step: pageStep, operation: 'listTokens', aspect: 'status', expected: 'status 200 for every page', expectedStatus: 200 },
            page,
          );
          return;
        }
        runtime.validate('listTokens', pageStep, page);
        pages.push(page);
        next = nextPage(page, target.baseUrl);
      }
      const problem = step.check(pages, context);
      if (problem) runtime.report({ step: step.name, operation: 'listTokens', aspect: 'check', expected: problem }, pages.at(-1));
    },
    plan: (step) => [
      {
        line: `GET /tokens/v2/{username} … following Link rel="next", up to ${step.maxPages} pages  (${step.name})`,
        atMost: step.maxPages,
      },
    ],
  },
  elapse: {
    async run(step, { target }) {
      if (target.advanceClock) target.advanceClock(step.seconds * 1000);
      else await new Promise((resolve) => setTimeout(resolve, step.seconds * 1000));
    },
    plan: () => [],
  },
  exhaustRateLimit: {
    async run(step, runtime) {
      const probe = await runtime.target.rateLimitProbe!();
      try {
        const http = new TargetHttp({ baseUrl: probe.baseUrl, secrets: [probe.token] });
        const exchanges: Exchange[] = [];
        for (let i = 0; i <= probe.limit; i++) {
          const exchange = await http.send(
            { method: 'GET', path: operationPath('listScopes', { username: probe.username }), token: probe.token },
            true,
          );
          runtime.observe('listScopes', `${step.name} #${i + 1}`, exchange);
          runtime.validate('listScopes', `${step.name} #${i + 1}`, exchange);
          exchanges.push(exchange);
        }
        runtime.http.sent += http.sent;
        const problem = step.check(exchanges, probe.limit);
        if (problem) runtime.report({ step: step.name, operation: 'listScopes', aspect: 'check', expected: problem }, exchanges.at(-1));
      } finally {
        await probe.close();
      }
    },
    plan: (step) => [
      { line: `GET /scopes/v1/{probe} × (limit + 1), on a separate probe account  (${step.name})`, atMost: RATE_LIMIT_PROBE_LIMIT + 1 },
    ],
  },
};

/** Runs one step through its kind's definition. */
export function runStep(step: Step, runtime: BehaviourRuntime): Promise<void> {
  return (stepKinds[step.kind] as StepKindDefinition<Step>).run(step, runtime);
}

/** The requests one step plans on a target. */
export function planStep(step: Step, target: PlanTarget): PlannedRequest[] {
  return (stepKinds[step.kind] as StepKindDefinition<Step>).plan(step, target);
}
