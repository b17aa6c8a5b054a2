// The `walk` step kind: lists tokens following `Link` rel="next" until there is none (or
// `maxPages`), every page validated, then the step's check over all the pages.
import { operationPath } from '@tokens-kit/contract';
import type { WalkStep } from '../model/behaviour.js';
import type { Exchange } from '../model/exchange.js';
import type { StepKindDefinition } from '../model/runtime.js';
import { nextPage } from '../engine/http.js';
import { resolveValue } from '../engine/runner.js';
import { stringQuery } from './query.js';

export const walkStep: StepKindDefinition<WalkStep> = {
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
};
