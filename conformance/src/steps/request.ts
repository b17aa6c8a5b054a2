// The `request` step kind: one request of a documented operation, its answer held to the
// step's expectation (status, error-table message, retrieve code, the behaviour's own check) after
// validation against the spec.
import { operations } from '@tokens-kit/contract';
import type { RequestStep, StepContext } from '../model/behaviour.js';
import type { PlannedRequest, StepKindDefinition } from '../model/runtime.js';
import { stringQuery } from './query.js';

export const requestStep: StepKindDefinition<RequestStep> = {
  async run(step, runtime) {
    const exchange = await runtime.send({ ...step, expect429: step.expect.status === 429 });
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
    // A create the step expects to be refused may still succeed on a drifted server: its token is
    // deleted all the same, so that clean-up is planned too (conditional). A temporary token has
    // no id to delete: a create whose body asks for one plans none.
    if (step.op === 'createToken' && target.capabilities.has('state')) {
      const temporary = asksForTemporary(step);
      if (temporary !== true) planned.push(cleanupRequest(step.expect.status !== 200 || temporary === undefined));
    }
    return planned;
  },
};

/** A context for reading a step's body before the run: what depends on earlier answers throws. */
const planContext: StepContext = {
  username: '{username}',
  token: '',
  tag: '',
  note: (label) => label,
  saved: new Proxy(
    {},
    {
      get: () => {
        throw new Error('not known before the run');
      },
    },
  ),
  at: (seconds) => new Date(Date.now() + seconds * 1000).toISOString(),
};

/** Whether a create asks for a temporary token (`expires` in its body); undefined when that is not known before the run. */
function asksForTemporary(step: RequestStep): boolean | undefined {
  try {
    const body = typeof step.body === 'function' ? step.body(planContext) : step.body;
    return typeof body === 'object' && body !== null && 'expires' in body;
  } catch {
    return undefined;
  }
}

/**
 * The DELETE of a token a behaviour created, sent after its steps: planned wherever a create may
 * succeed; `conditional` when whether it does depends on the answer (a generated case).
 */
export const cleanupRequest = (conditional: boolean): PlannedRequest => ({
  line: 'DELETE /tokens/v2/{username}/{token_id}  (clean up a token this behaviour created)',
  atMost: 1,
  cleanup: true,
  ...(conditional ? { conditional } : {}),
});
