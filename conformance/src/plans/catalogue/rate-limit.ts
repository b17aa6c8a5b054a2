// The documented rate limit.
import type { Exchange } from '../../model/exchange.js';
import { fail } from './checks.js';
import type { DocumentedBehaviour } from '../../model/behaviour.js';

export const rateLimitBehaviours: DocumentedBehaviour[] = [
  {
    id: 'rate-limit',
    title: 'Beyond the rate limit the API answers 429 with Retry-After',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The Tokens API is limited to 100 requests per minute per account.' },
    needs: ['rateLimit'],
    steps: [
      {
        kind: 'exhaustRateLimit',
        name: 'exhaust a probe account',
        check: (answers: Exchange[], limit: number) => {
          const refused = answers.findIndex((a: Exchange) => a.status === 429);
          if (refused === -1) return `no 429 after ${answers.length} requests (limit ${limit})`;
          if (refused !== limit) return `the first 429 came after ${refused} requests, expected after ${limit}`;
          return fail(Number(answers[refused]!.headers.get('retry-after')) > 0, 'the 429 has no Retry-After');
        },
      },
    ],
  },
];
