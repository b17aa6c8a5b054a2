// The `recorded` step kind: an exchange the suite did not send (proxied, or from a HAR file),
// checked as if it had: the request's query and body as the spec documents them, the answer's
// status, schema, headers and error-table message, and the register's probes.
import { observedErrorKindOf, operations } from '@tokens-kit/contract';
import { errorKinds, type ErrorMessage } from '@tokens-kit/types';
import type { RecordedStep } from '../model/behaviour.js';
import { parseJsonBody } from '../model/exchange.js';
import type { StepKindDefinition } from '../model/runtime.js';

export const recordedStep: StepKindDefinition<RecordedStep> = {
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
      if (name === 'access_token') continue;
      const [issue] = runtime.validator.validateQueryParameter(step.op, name, value);
      if (issue)
        runtime.report(
          {
            step: step.name,
            operation: step.op,
            aspect: 'check',
            expected: `a request as the spec documents it: query ${name}=${value} ${issue.message}`,
          },
          exchange,
        );
    }
    if (exchange.requestBody !== undefined && info.requestBody) {
      const body = parseJsonBody(exchange.requestBody) ?? exchange.requestBody;
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
};
