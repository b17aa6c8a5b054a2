// Listing: every filter, sk tokens never re-shown, ordering, limit and the pagination walk.
import type { Exchange } from '../../model/exchange.js';
import { fail, listed, ids, hasNoToken, linksNext, READ, SECRET, createStep, saved, created } from './checks.js';
import type { DocumentedBehaviour, StepContext, RequestStep } from '../../model/behaviour.js';

export const listingBehaviours: DocumentedBehaviour[] = [
  {
    id: 'list-tokens-parameters',
    title: 'List tokens accepts every documented filter',
    origin: 'documented',
    source: { seed: 'reference', quote: 'You can further refine the results from this endpoint with the following optional parameters:' },
    needs: ['validation'],
    steps: [
      { kind: 'request', name: 'default=true', op: 'listTokens', query: { default: true }, expect: { status: 200 } },
      { kind: 'request', name: 'default=false', op: 'listTokens', query: { default: false }, expect: { status: 200 } },
      { kind: 'request', name: 'limit=1', op: 'listTokens', query: { limit: 1 }, expect: { status: 200 } },
      { kind: 'request', name: 'sortby=created', op: 'listTokens', query: { sortby: 'created' }, expect: { status: 200 } },
      { kind: 'request', name: 'sortby=modified', op: 'listTokens', query: { sortby: 'modified' }, expect: { status: 200 } },
      { kind: 'request', name: 'usage=pk', op: 'listTokens', query: { usage: 'pk' }, expect: { status: 200 } },
      { kind: 'request', name: 'usage=sk', op: 'listTokens', query: { usage: 'sk' }, expect: { status: 200 } },
    ],
  },
  {
    id: 'sk-not-listed-with-token',
    title: 'Secret tokens are listed without their token, and never shown again',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote: "If a listed token's usage property is sk, the token property will not be included in the response.",
    },
    needs: ['logic', 'state'],
    steps: [
      createStep('create sk', 'sk', (s: StepContext) => ({ note: s.note('secret'), scopes: [READ, SECRET] })),
      {
        kind: 'request',
        name: 'list',
        op: 'listTokens',
        query: { usage: 'sk' },
        expect: {
          status: 200,
          check: (a, s) => {
            const mine = listed(a).find((t) => t.id === created(s.saved.sk!).id);
            if (!mine) return 'the new secret token is not listed';
            return fail(
              listed(a).every((t) => !('token' in t)),
              'a secret token is listed with its token',
            );
          },
        },
      },
      {
        kind: 'request',
        name: 'update',
        op: 'updateToken',
        tokenId: saved('sk', 'id'),
        body: (s: StepContext) => ({ note: s.note('secret, renamed') }),
        expect: { status: 200, check: hasNoToken },
      },
    ],
  },
  {
    id: 'sk-shown-once',
    title: 'A secret token is shown once, when created',
    origin: 'documented',
    source: { seed: 'tutorial', quote: 'You can only view secret tokens once, at the time when you create them' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create sk', 'sk', (s: StepContext) => ({ note: s.note('secret'), scopes: [SECRET] })),
      {
        kind: 'request',
        name: 'list all',
        op: 'listTokens',
        expect: {
          status: 200,
          check: (a, s) => fail(!a.text.includes(created(s.saved.sk!).token), 'the secret token appears in a listing'),
        },
      },
    ],
  },
  {
    id: 'list-filter-usage',
    title: 'usage=pk lists only public tokens, usage=sk only secret ones',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Use this parameter to return either only public tokens (pk) or secret tokens (sk).' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create pk', 'pk', (s: StepContext) => ({ note: s.note('pk'), scopes: [READ] })),
      createStep('create sk', 'sk', (s: StepContext) => ({ note: s.note('sk'), scopes: [SECRET] })),
      {
        kind: 'request',
        name: 'usage=pk',
        op: 'listTokens',
        query: { usage: 'pk' },
        expect: {
          status: 200,
          check: (a, s) =>
            fail(
              listed(a).every((t) => t.usage === 'pk') &&
                ids(a).includes(created(s.saved.pk!).id) &&
                !ids(a).includes(created(s.saved.sk!).id),
              'usage=pk did not list exactly the public tokens',
            ),
        },
      },
      {
        kind: 'request',
        name: 'usage=sk',
        op: 'listTokens',
        query: { usage: 'sk' },
        expect: {
          status: 200,
          check: (a, s) =>
            fail(
              listed(a).every((t) => t.usage === 'sk') &&
                ids(a).includes(created(s.saved.sk!).id) &&
                !ids(a).includes(created(s.saved.pk!).id),
              'usage=sk did not list exactly the secret tokens',
            ),
        },
      },
    ],
  },
  {
    id: 'list-filter-default',
    title: 'default=true lists only the default token, default=false all others',
    origin: 'documented',
    source: { seed: 'reference', quote: "If this parameter is true, the response will only include the account's default token." },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('not default'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'default=true',
        op: 'listTokens',
        query: { default: true },
        expect: {
          status: 200,
          check: (a) =>
            fail(
              listed(a).length === 1 && listed(a)[0]!.default === true,
              `default=true listed ${listed(a).length} tokens, expected the one default token`,
            ),
        },
      },
      {
        kind: 'request',
        name: 'default=false',
        op: 'listTokens',
        query: { default: false },
        expect: {
          status: 200,
          check: (a, s) =>
            fail(
              listed(a).every((t) => t.default === false) && ids(a).includes(created(s.saved.pk!).id),
              'default=false listed the default token or missed another',
            ),
        },
      },
    ],
  },
  {
    id: 'list-sortby',
    title: 'sortby orders the listing by created or by modified',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Sort the tokens in the response by their created or modified timestamps.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create first', 'first', (s: StepContext) => ({ note: s.note('first'), scopes: [READ] })),
      { kind: 'elapse', name: 'let a second pass', seconds: 1 },
      createStep('create second', 'second', (s: StepContext) => ({ note: s.note('second'), scopes: [READ] })),
      { kind: 'elapse', name: 'let a second pass', seconds: 1 },
      {
        kind: 'request',
        name: 'touch first',
        op: 'updateToken',
        tokenId: saved('first', 'id'),
        body: (s: StepContext) => ({ note: s.note('first, touched') }),
        expect: { status: 200 },
      },
      ...(['created', 'modified'] as const).map(
        (key): RequestStep => ({
          kind: 'request',
          name: `sortby=${key}`,
          op: 'listTokens',
          query: { sortby: key, default: false },
          expect: {
            status: 200,
            check: (a, s) => {
              const order = ids(a).filter((id) => id === created(s.saved.first!).id || id === created(s.saved.second!).id);
              const values = listed(a).map((t) => Date.parse(t[key]));
              const ascending = values.every((v, i) => i === 0 || v >= values[i - 1]!);
              const descending = values.every((v, i) => i === 0 || v <= values[i - 1]!);
              if (!ascending && !descending) return `the listing is not ordered by ${key}`;
              const firstFirst = order[0] === created(s.saved.first!).id;
              // By created the first token is older; by modified it is newer: the two orders must differ.
              const expectFirstFirst = key === 'created' ? ascending : descending;
              return fail(order.length === 2 && firstFirst === expectFirstFirst, `sortby=${key} put the tokens in the wrong order`);
            },
          },
        }),
      ),
    ],
  },
  {
    id: 'list-limit',
    title: 'limit caps the number of tokens in a page',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The maximum number of tokens to return.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'a', (s: StepContext) => ({ note: s.note('a'), scopes: [READ] })),
      createStep('create', 'b', (s: StepContext) => ({ note: s.note('b'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'limit=1',
        op: 'listTokens',
        query: { limit: 1 },
        expect: {
          status: 200,
          check: (a) =>
            fail(listed(a).length === 1, `limit=1 answered ${listed(a).length} tokens`) ??
            fail(linksNext(a), 'no Link rel="next" although more tokens follow'),
        },
      },
    ],
  },
  {
    id: 'pagination-walk',
    title: 'Following Link rel="next" walks every token exactly once',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Find the token key in the Link header of a response.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'a', (s: StepContext) => ({ note: s.note('page a'), scopes: [READ] })),
      createStep('create', 'b', (s: StepContext) => ({ note: s.note('page b'), scopes: [READ] })),
      createStep('create', 'c', (s: StepContext) => ({ note: s.note('page c'), scopes: [READ] })),
      {
        kind: 'walk',
        name: 'walk',
        query: { limit: 1, default: false, usage: 'pk' },
        // A page of one: where a cursor that is off by one shows, a token twice or one skipped.
        // A bound a live run can state: 6 pages of 1 public token. An account with more is walked
        // in part — no token twice, every page within its limit — and its end is not judged.
        maxPages: 6,
        check: (pages: Exchange[], s: StepContext) => {
          const seen = pages.flatMap(ids);
          if (pages.some((p: Exchange) => listed(p).length > 1)) return 'a page holds more than limit=1 token';
          if (new Set(seen).size !== seen.length) return 'a token was listed twice across pages';
          if (pages.slice(0, -1).some((p: Exchange) => !linksNext(p))) return 'a page before the last has no Link rel="next"';
          if (linksNext(pages.at(-1)!)) return undefined;
          const missing = ['a', 'b', 'c'].filter((k) => !seen.includes(created(s.saved[k]!).id));
          return fail(missing.length === 0, `the walk missed tokens ${missing.join(', ')}`);
        },
      },
    ],
  },
];
