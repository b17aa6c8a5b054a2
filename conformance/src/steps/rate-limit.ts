// The `exhaustRateLimit` step kind: requests to a separate probe account with a small limit until
// one is refused, so a 429 is provoked without touching the run's own account.
import { operationPath } from '@tokens-kit/contract';
import type { ExhaustRateLimitStep } from '../model/behaviour.js';
import type { Exchange } from '../model/exchange.js';
import type { StepKindDefinition } from '../model/runtime.js';
import { RATE_LIMIT_PROBE_LIMIT } from '../model/target.js';

export const exhaustRateLimitStep: StepKindDefinition<ExhaustRateLimitStep> = {
  async run(step, runtime) {
    const probe = await runtime.target.rateLimitProbe!();
    try {
      const http = runtime.sendElsewhere(probe.baseUrl, probe.token);
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
      const problem = step.check(exchanges, probe.limit);
      if (problem) runtime.report({ step: step.name, operation: 'listScopes', aspect: 'check', expected: problem }, exchanges.at(-1));
    } finally {
      await probe.close();
    }
  },
  plan: (step) => [
    { line: `GET /scopes/v1/{probe} × (limit + 1), on a separate probe account  (${step.name})`, atMost: RATE_LIMIT_PROBE_LIMIT + 1 },
  ],
};
