// Every documented behaviour of the Tokens API, as data. Each entry quotes the sentence of the
// seed it tests; runner.ts executes them; test/catalogue.test.ts checks every quote is verbatim.
import { parseToken, type ParsedToken } from '@tokens-kit/client';
import { scopeCatalogue } from '@tokens-kit/types';
import type { Answer } from './client.js';
import type { Behaviour, Check, RequestStep, Scope } from './catalogue-types.js';

// ---- small checks, each returning a failure text or undefined ----------------------------------

const fail = (condition: boolean, text: string) => (condition ? undefined : text);
const all = (...checks: Check[]): Check => (a, s) => checks.map((c) => c(a, s)).find(Boolean);
const field = (name: string, expected: unknown): Check => (a) =>
  fail(JSON.stringify(a.json?.[name]) === JSON.stringify(expected), `${name} is ${JSON.stringify(a.json?.[name])}, expected ${JSON.stringify(expected)}`);
const tokenPrefix = (usage: string): Check => (a) => fail(typeof a.json?.token === 'string' && a.json.token.startsWith(`${usage}.`), `token does not start with "${usage}."`);
const hasNoToken: Check = (a) => fail(!('token' in (a.json ?? {})), 'the token is shown again');
const listed = (a: Answer): any[] => (Array.isArray(a.json) ? a.json : []);
const ids = (a: Answer) => listed(a).map((t) => t.id);

/** The token in an answer, decoded with the client's parser (the documented format); a failure text otherwise. */
function decoded(a: Answer): ParsedToken | string {
  const token = a.json?.token;
  if (typeof token !== 'string') return 'no token in the answer';
  try {
    return parseToken(token);
  } catch (error) {
    return `the token is not of the documented format: ${(error as Error).message}`;
  }
}

const tokenFormat = (usage: 'pk' | 'sk' | 'tk'): Check => (a) => {
  const parsed = decoded(a);
  if (typeof parsed === 'string') return parsed;
  return fail(parsed.usage === usage, `the token's header is "${parsed.usage}", expected "${usage}"`);
};

// Scopes the run's token must hold for the behaviours that create tokens; secret ones make sk.
const PUBLIC = scopeCatalogue.filter((s) => s.public).map((s) => s.id);
const READ = 'styles:read';
const FONTS = 'fonts:read';
const SECRET = 'tokens:write';

const createStep = (name: string, save: string, body: (s: Scope) => Record<string, unknown>, as?: RequestStep['as']): RequestStep => ({
  name,
  op: 'createToken',
  as,
  body,
  save,
  expect: { status: 200 },
});
const saved = (key: string, path: 'id' | 'token') => (s: Scope) => s.saved[key]!.json?.[path] as string;

export const catalogue: Behaviour[] = [
  // ---- success paths ----------------------------------------------------------------------------
  {
    id: 'list-tokens',
    title: 'List tokens answers the account\'s tokens as metadata objects',
    source: { seed: 'reference', quote: 'List all the tokens that belong to an account. This endpoint supports pagination.' },
    needs: ['validation'],
    steps: [{ name: 'list', op: 'listTokens', expect: { status: 200, check: (a) => fail(Array.isArray(a.json), 'the body is not an array') } }],
  },
  {
    id: 'list-tokens-parameters',
    title: 'List tokens accepts every documented filter',
    source: { seed: 'reference', quote: 'You can further refine the results from this endpoint with the following optional parameters:' },
    needs: ['validation'],
    steps: [
      { name: 'default=true', op: 'listTokens', query: { default: true }, expect: { status: 200 } },
      { name: 'default=false', op: 'listTokens', query: { default: false }, expect: { status: 200 } },
      { name: 'limit=1', op: 'listTokens', query: { limit: 1 }, expect: { status: 200 } },
      { name: 'sortby=created', op: 'listTokens', query: { sortby: 'created' }, expect: { status: 200 } },
      { name: 'sortby=modified', op: 'listTokens', query: { sortby: 'modified' }, expect: { status: 200 } },
      { name: 'usage=pk', op: 'listTokens', query: { usage: 'pk' }, expect: { status: 200 } },
      { name: 'usage=sk', op: 'listTokens', query: { usage: 'sk' }, expect: { status: 200 } },
    ],
  },
  {
    id: 'create-public-token',
    title: 'A token with only public scopes is created public, with its token',
    source: { seed: 'tutorial', quote: 'A permanent or public tokens are access tokens that only have public scopes.' },
    needs: ['validation'],
    steps: [
      {
        ...createStep('create', 'pk', (s: Scope) => ({ note: s.note('public'), scopes: [READ, FONTS], allowedUrls: ['https://docs.mapbox.com'] })),
        expect: { status: 200, check: all(field('usage', 'pk'), field('client', 'api'), tokenFormat('pk')) },
      },
    ],
  },
  {
    id: 'create-secret-token',
    title: 'A token with a secret scope is created secret',
    source: { seed: 'tutorial', quote: 'If you add one or more secret scopes to your new token, it will be a secret token.' },
    needs: ['logic'],
    steps: [{ ...createStep('create', 'sk', (s: Scope) => ({ note: s.note('secret'), scopes: [READ, SECRET] })), expect: { status: 200, check: all(field('usage', 'sk'), tokenFormat('sk')) } }],
  },
  {
    id: 'create-temporary-token',
    title: 'A body with expires creates a temporary token whose payload carries its metadata',
    source: { seed: 'reference', quote: 'Unlike public and secret tokens, a temporary token contains its metadata inside the payload of the token instead of referencing a metadata object that persists on the server.' },
    needs: ['logic'],
    steps: [
      {
        name: 'create tk',
        op: 'createToken',
        body: (s: Scope) => ({ expires: s.at(600), scopes: [READ, FONTS] }),
        save: 'tk',
        expect: {
          status: 200,
          check: all(tokenFormat('tk'), (a, s: Scope) => {
            const p = decoded(a) as ParsedToken;
            if (p.user !== s.username) return `the payload's user is ${JSON.stringify(p.user)}, expected ${s.username}`;
            return fail(JSON.stringify(p.scopes) === JSON.stringify([READ, FONTS]), `the payload's scopes are ${JSON.stringify(p.scopes)}`);
          }),
        },
      },
    ],
  },
  {
    id: 'update-token',
    title: 'Update changes note, scopes and allowedUrls',
    source: { seed: 'reference', quote: 'Update the note, the scopes, the allowedUrls, or all three in a token\'s metadata.' },
    needs: ['validation'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('to update'), scopes: [READ] })),
      {
        name: 'update',
        op: 'updateToken',
        tokenId: saved('pk', 'id'),
        body: (s: Scope) => ({ note: s.note('updated'), scopes: [READ, FONTS], allowedUrls: ['https://docs.mapbox.com'] }),
        expect: { status: 200 },
      },
    ],
  },
  {
    id: 'update-token-applies',
    title: 'An update is applied and moves modified, not created',
    source: { seed: 'reference', quote: 'The date and time the token was last modified.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('to update'), scopes: [READ] })),
      { name: 'let a second pass', elapse: 1 },
      {
        name: 'update',
        op: 'updateToken',
        tokenId: saved('pk', 'id'),
        body: (s: Scope) => ({ note: s.note('updated'), scopes: [READ, FONTS], allowedUrls: ['https://docs.mapbox.com'] }),
        expect: {
          status: 200,
          check: all(field('scopes', [READ, FONTS]), field('allowedUrls', ['https://docs.mapbox.com']), (a, s) => {
            const before = s.saved.pk!.json;
            if (a.json?.note !== s.note('updated')) return 'the note was not updated';
            if (a.json?.created !== before.created) return `created changed from ${before.created} to ${a.json?.created}`;
            return fail(Date.parse(a.json?.modified) > Date.parse(before.modified), `modified did not move forward (${before.modified} → ${a.json?.modified})`);
          }),
        },
      },
    ],
  },
  {
    id: 'delete-token',
    title: 'Delete answers 204 No Content',
    source: { seed: 'reference', quote: 'HTTP 204 No Content' },
    needs: ['validation'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('to delete'), scopes: [READ] })),
      { name: 'delete', op: 'deleteToken', tokenId: saved('pk', 'id'), expect: { status: 204, check: (a) => fail(a.text === '', 'the 204 has a body') } },
    ],
  },
  {
    id: 'retrieve-token',
    title: 'Retrieve answers the token\'s code and parsed body',
    source: { seed: 'reference', quote: 'Retrieve an access token and check whether it is valid.' },
    needs: ['validation'],
    steps: [{ name: 'retrieve own token', op: 'retrieveToken', expect: { status: 200, check: (a) => fail(typeof a.json?.code === 'string', 'no code') } }],
  },
  {
    id: 'retrieve-valid',
    title: 'A live token retrieves as TokenValid with its usage, user and authorization',
    source: { seed: 'reference', quote: 'The token is valid and active.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('to retrieve'), scopes: [READ] })),
      {
        name: 'retrieve',
        op: 'retrieveToken',
        as: saved('pk', 'token'),
        expect: {
          status: 200,
          code: 'TokenValid',
          check: (a, s) =>
            fail(
              JSON.stringify(a.json?.token) === JSON.stringify({ usage: 'pk', user: s.username, authorization: s.saved.pk!.json.id }),
              `token is ${JSON.stringify(a.json?.token)}, expected usage pk, user ${s.username}, authorization ${s.saved.pk!.json.id}`,
            ),
        },
      },
    ],
  },
  {
    id: 'list-scopes',
    title: 'List scopes marks the scopes available to public tokens',
    source: { seed: 'reference', quote: 'Public tokens may only contain scopes with the public property set to true.' },
    needs: ['validation'],
    steps: [
      {
        name: 'list scopes',
        op: 'listScopes',
        expect: {
          status: 200,
          check: (a) => {
            const wrong = listed(a).filter((sc) => (sc.public === true) !== PUBLIC.includes(sc.id) && scopeCatalogue.some((k) => k.id === sc.id));
            return fail(wrong.length === 0, `public flag wrong for ${wrong.map((w) => w.id).join(', ')}`);
          },
        },
      },
    ],
  },

  // ---- the token format -------------------------------------------------------------------------
  {
    id: 'token-format',
    title: 'Tokens are header.payload.signature with a base64url JSON payload',
    source: { seed: 'reference', quote: 'Each token is a string delimited by dots into three parts: header, payload, and signature.' },
    needs: ['validation'],
    steps: [
      {
        name: 'list',
        op: 'listTokens',
        query: { usage: 'pk' },
        expect: {
          status: 200,
          check: (a) =>
            listed(a)
              .filter((t) => t.usage === 'pk')
              .map((t) => tokenFormat('pk')({ ...a, json: t }, undefined as never))
              .find(Boolean),
        },
      },
    ],
  },

  // ---- listing ----------------------------------------------------------------------------------
  {
    id: 'sk-not-listed-with-token',
    title: 'Secret tokens are listed without their token, and never shown again',
    source: { seed: 'reference', quote: "If a listed token's usage property is sk, the token property will not be included in the response." },
    needs: ['logic', 'state'],
    steps: [
      createStep('create sk', 'sk', (s: Scope) => ({ note: s.note('secret'), scopes: [READ, SECRET] })),
      {
        name: 'list',
        op: 'listTokens',
        query: { usage: 'sk' },
        expect: {
          status: 200,
          check: (a, s) => {
            const mine = listed(a).find((t) => t.id === s.saved.sk!.json.id);
            if (!mine) return 'the new secret token is not listed';
            return fail(listed(a).every((t) => !('token' in t)), 'a secret token is listed with its token');
          },
        },
      },
      { name: 'update', op: 'updateToken', tokenId: saved('sk', 'id'), body: (s: Scope) => ({ note: s.note('secret, renamed') }), expect: { status: 200, check: hasNoToken } },
    ],
  },
  {
    id: 'sk-shown-once',
    title: 'A secret token is shown once, when created',
    source: { seed: 'tutorial', quote: 'You can only view secret tokens once, at the time when you create them' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create sk', 'sk', (s: Scope) => ({ note: s.note('secret'), scopes: [SECRET] })),
      {
        name: 'list all',
        op: 'listTokens',
        expect: { status: 200, check: (a, s) => fail(!a.text.includes(s.saved.sk!.json.token), 'the secret token appears in a listing') },
      },
    ],
  },
  {
    id: 'list-filter-usage',
    title: 'usage=pk lists only public tokens, usage=sk only secret ones',
    source: { seed: 'reference', quote: 'Use this parameter to return either only public tokens (pk) or secret tokens (sk).' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create pk', 'pk', (s: Scope) => ({ note: s.note('pk'), scopes: [READ] })),
      createStep('create sk', 'sk', (s: Scope) => ({ note: s.note('sk'), scopes: [SECRET] })),
      { name: 'usage=pk', op: 'listTokens', query: { usage: 'pk' }, expect: { status: 200, check: (a, s) => fail(listed(a).every((t) => t.usage === 'pk') && ids(a).includes(s.saved.pk!.json.id) && !ids(a).includes(s.saved.sk!.json.id), 'usage=pk did not list exactly the public tokens') } },
      { name: 'usage=sk', op: 'listTokens', query: { usage: 'sk' }, expect: { status: 200, check: (a, s) => fail(listed(a).every((t) => t.usage === 'sk') && ids(a).includes(s.saved.sk!.json.id) && !ids(a).includes(s.saved.pk!.json.id), 'usage=sk did not list exactly the secret tokens') } },
    ],
  },
  {
    id: 'list-filter-default',
    title: 'default=true lists only the default token, default=false all others',
    source: { seed: 'reference', quote: "If this parameter is true, the response will only include the account's default token." },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('not default'), scopes: [READ] })),
      { name: 'default=true', op: 'listTokens', query: { default: true }, expect: { status: 200, check: (a) => fail(listed(a).length === 1 && listed(a)[0].default === true, `default=true listed ${listed(a).length} tokens, expected the one default token`) } },
      { name: 'default=false', op: 'listTokens', query: { default: false }, expect: { status: 200, check: (a, s) => fail(listed(a).every((t) => t.default === false) && ids(a).includes(s.saved.pk!.json.id), 'default=false listed the default token or missed another') } },
    ],
  },
  {
    id: 'list-sortby',
    title: 'sortby orders the listing by created or by modified',
    source: { seed: 'reference', quote: 'Sort the tokens in the response by their created or modified timestamps.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create first', 'first', (s: Scope) => ({ note: s.note('first'), scopes: [READ] })),
      { name: 'let a second pass', elapse: 1 },
      createStep('create second', 'second', (s: Scope) => ({ note: s.note('second'), scopes: [READ] })),
      { name: 'let a second pass', elapse: 1 },
      { name: 'touch first', op: 'updateToken', tokenId: saved('first', 'id'), body: (s: Scope) => ({ note: s.note('first, touched') }), expect: { status: 200 } },
      ...(['created', 'modified'] as const).map(
        (key): RequestStep => ({
          name: `sortby=${key}`,
          op: 'listTokens',
          query: { sortby: key, default: false },
          expect: {
            status: 200,
            check: (a, s) => {
              const order = ids(a).filter((id) => id === s.saved.first!.json.id || id === s.saved.second!.json.id);
              const values = listed(a).map((t) => Date.parse(t[key]));
              const ascending = values.every((v, i) => i === 0 || v >= values[i - 1]!);
              const descending = values.every((v, i) => i === 0 || v <= values[i - 1]!);
              if (!ascending && !descending) return `the listing is not ordered by ${key}`;
              const firstFirst = order[0] === s.saved.first!.json.id;
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
    source: { seed: 'reference', quote: 'The maximum number of tokens to return.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'a', (s: Scope) => ({ note: s.note('a'), scopes: [READ] })),
      createStep('create', 'b', (s: Scope) => ({ note: s.note('b'), scopes: [READ] })),
      { name: 'limit=1', op: 'listTokens', query: { limit: 1 }, expect: { status: 200, check: (a) => fail(listed(a).length === 1, `limit=1 answered ${listed(a).length} tokens`) ?? fail(/rel="next"/.test(a.headers.get('link') ?? ''), 'no Link rel="next" although more tokens follow') } },
    ],
  },
  {
    id: 'pagination-walk',
    title: 'Following Link rel="next" walks every token exactly once',
    source: { seed: 'reference', quote: 'Find the token key in the Link header of a response.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'a', (s: Scope) => ({ note: s.note('page a'), scopes: [READ] })),
      createStep('create', 'b', (s: Scope) => ({ note: s.note('page b'), scopes: [READ] })),
      createStep('create', 'c', (s: Scope) => ({ note: s.note('page c'), scopes: [READ] })),
      {
        name: 'walk',
        walk: { query: { limit: 2, default: false, usage: 'pk' }, maxPages: 50 },
        check: (pages: Answer[], s: Scope) => {
          const seen = pages.flatMap(ids);
          if (pages.some((p: Answer) => listed(p).length > 2)) return 'a page holds more than limit=2 tokens';
          if (new Set(seen).size !== seen.length) return 'a token was listed twice across pages';
          if (pages.slice(0, -1).some((p: Answer) => !/rel="next"/.test(p.headers.get('link') ?? ''))) return 'a page before the last has no Link rel="next"';
          if (/rel="next"/.test(pages.at(-1)!.headers.get('link') ?? '')) return 'the walk did not reach a last page within its bound';
          const missing = ['a', 'b', 'c'].filter((k) => !seen.includes(s.saved[k]!.json.id));
          return fail(missing.length === 0, `the walk missed tokens ${missing.join(', ')}`);
        },
      },
    ],
  },
  {
    id: 'invalid-start',
    title: 'An invalid start answers 500 Internal Server Error',
    source: { seed: 'reference', quote: 'This error can occur if the start value is not valid.' },
    needs: ['logic'],
    steps: [{ name: 'list', op: 'listTokens', query: { start: 'tokens-conformance-no-such-token' }, expect: { status: 500, message: 'Internal Server Error' } }],
  },

  // ---- the subset rule and scope rules ---------------------------------------------------------
  {
    id: 'create-subset-rule',
    title: 'A token cannot be created with scopes its creator lacks',
    source: { seed: 'reference', quote: 'It is not possible to create a token with access to more scopes than the token that created it.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create limited creator', 'creator', (s: Scope) => ({ note: s.note('creator'), scopes: [SECRET, READ] })),
      { name: 'create beyond', op: 'createToken', as: saved('creator', 'token'), body: (s: Scope) => ({ note: s.note('beyond'), scopes: [READ, FONTS] }), expect: { status: 422, message: 'scopes are invalid' } },
      { ...createStep('create within', 'within', (s: Scope) => ({ note: s.note('within'), scopes: [READ] }), saved('creator', 'token')), expect: { status: 200, check: field('scopes', [READ]) } },
    ],
  },
  {
    id: 'create-no-scopes-never-gains',
    title: 'A token created with no scopes can never be given scopes',
    source: { seed: 'reference', quote: 'Note that while it is possible to create a token with no scopes, you will not be able to update this token later to include any scopes.' },
    needs: ['logic', 'state'],
    steps: [
      { ...createStep('create empty', 'empty', (s: Scope) => ({ note: s.note('no scopes'), scopes: [] })), expect: { status: 200, check: field('scopes', []) } },
      { name: 'add a scope', op: 'updateToken', tokenId: saved('empty', 'id'), body: { scopes: [READ] }, expect: { status: 422, message: 'scopes are invalid' } },
    ],
  },
  {
    id: 'update-public-only-public',
    title: 'A public token can only be given public scopes',
    source: { seed: 'reference', quote: 'A public token may only be updated to include other public scopes.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create pk', 'pk', (s: Scope) => ({ note: s.note('public'), scopes: [READ] })),
      { name: 'add a secret scope', op: 'updateToken', tokenId: saved('pk', 'id'), body: { scopes: [READ, SECRET] }, expect: { status: 422, message: 'scopes are invalid' } },
    ],
  },
  {
    id: 'update-subset-rule',
    title: 'An update cannot give scopes the updating token lacks',
    source: { seed: 'reference', quote: "When updating scopes for an existing token, the token sent along with the request must also have the scopes you're requesting." },
    needs: ['logic', 'state'],
    steps: [
      createStep('create limited updater', 'updater', (s: Scope) => ({ note: s.note('updater'), scopes: [SECRET, READ] })),
      createStep('create target', 'target', (s: Scope) => ({ note: s.note('target'), scopes: [READ] })),
      { name: 'update beyond', op: 'updateToken', as: saved('updater', 'token'), tokenId: saved('target', 'id'), body: { scopes: [READ, FONTS] }, expect: { status: 422, message: 'scopes are invalid' } },
    ],
  },
  {
    id: 'allowed-urls-limit',
    title: 'A token may have 100 allowed URLs, not 101',
    source: { seed: 'reference', quote: 'Each token is limited to 100 allowed URLs.' },
    needs: ['validation'],
    steps: [
      createStep('create with 100', 'hundred', (s: Scope) => ({ note: s.note('100 urls'), scopes: [READ], allowedUrls: Array.from({ length: 100 }, (_, i) => `https://conformance-${i}.example.com`) })),
      { name: 'create with 101', op: 'createToken', body: (s: Scope) => ({ note: s.note('101 urls'), scopes: [READ], allowedUrls: Array.from({ length: 101 }, (_, i) => `https://conformance-${i}.example.com`) }), expect: { status: 422 } },
    ],
  },
  {
    id: 'resources-invalid',
    title: 'Empty resources are refused',
    source: { seed: 'reference', quote: 'When creating or updating a token, the resources in the body are malformed, empty, or require higher permissions that those of the creating token.' },
    needs: ['logic'],
    steps: [{ name: 'create', op: 'createToken', body: (s: Scope) => ({ note: s.note('resources'), scopes: [READ], resources: [] }), expect: { status: 422, message: 'resources are invalid' } }],
  },

  // ---- temporary tokens -------------------------------------------------------------------------
  {
    id: 'tk-expires-in-past',
    title: 'A temporary token cannot expire in the past',
    source: { seed: 'reference', quote: "You can't create a temporary token with an expires parameter that occurs in the past." },
    needs: ['logic'],
    steps: [{ name: 'create', op: 'createToken', body: (s: Scope) => ({ expires: s.at(-60), scopes: [READ] }), expect: { status: 422, message: 'expires is in the past' } }],
  },
  {
    id: 'tk-expires-too-far',
    title: 'A temporary token cannot expire more than one hour ahead',
    source: { seed: 'reference', quote: 'When creating a temporary token, the expiration must be no more than one hour in the future.' },
    needs: ['logic'],
    steps: [{ name: 'create', op: 'createToken', body: (s: Scope) => ({ expires: s.at(3600 + 120), scopes: [READ] }), expect: { status: 422, message: 'expires is more than one hour in the future' } }],
  },
  {
    id: 'tk-expires-beyond-authorizing',
    title: 'A temporary token made by a temporary token cannot outlive it',
    source: { seed: 'reference', quote: 'If the authorizing token is temporary, the expires time for the new temporary token cannot be later than that of the authorizing temporary token.' },
    needs: ['logic'],
    steps: [
      { name: 'create parent tk', op: 'createToken', body: (s: Scope) => ({ expires: s.at(600), scopes: [SECRET, READ] }), save: 'parent', expect: { status: 200 } },
      { name: 'create child beyond', op: 'createToken', as: saved('parent', 'token'), body: (s: Scope) => ({ expires: s.at(1200), scopes: [READ] }), expect: { status: 422, message: 'expires may not be greater than the expiration of the authorizing token' } },
      { name: 'create child within', op: 'createToken', as: saved('parent', 'token'), body: (s: Scope) => ({ expires: s.at(300), scopes: [READ] }), expect: { status: 200, check: tokenPrefix('tk') } },
    ],
  },
  {
    id: 'tk-subset-rule',
    title: 'A temporary token cannot have scopes its creator lacks',
    source: { seed: 'reference', quote: 'The authorizing token needs to have the same scopes as, or more scopes than, the new temporary token you are creating.' },
    needs: ['logic'],
    steps: [
      { name: 'create parent tk', op: 'createToken', body: (s: Scope) => ({ expires: s.at(600), scopes: [SECRET, READ] }), save: 'parent', expect: { status: 200 } },
      { name: 'create child beyond', op: 'createToken', as: saved('parent', 'token'), body: (s: Scope) => ({ expires: s.at(300), scopes: [FONTS] }), expect: { status: 422, message: 'scopes are invalid' } },
    ],
  },
  {
    id: 'tk-no-allowed-urls',
    title: 'A temporary token cannot have allowed URLs',
    source: { seed: 'reference', quote: 'Temporary tokens cannot have allowed URLs, but public tokens and secret tokens can.' },
    needs: ['validation'],
    steps: [{ name: 'create', op: 'createToken', body: (s: Scope) => ({ expires: s.at(600), scopes: [READ], allowedUrls: ['https://docs.mapbox.com'] }), expect: { status: 422 } }],
  },
  {
    id: 'tk-not-listed',
    title: 'Temporary tokens are not listed',
    source: { seed: 'tutorial', quote: 'Temporary tokens do not show in your access tokens page.' },
    needs: ['logic', 'state'],
    steps: [
      { name: 'create tk', op: 'createToken', body: (s: Scope) => ({ expires: s.at(600), scopes: [READ] }), save: 'tk', expect: { status: 200 } },
      { name: 'list', op: 'listTokens', expect: { status: 200, check: (a, s) => fail(listed(a).every((t) => t.usage !== 'tk') && !a.text.includes(s.saved.tk!.json.token), 'a temporary token is listed') } },
    ],
  },
  {
    id: 'tk-expires',
    title: 'A temporary token retrieves as TokenExpired after it expires, and authorizes nothing',
    source: { seed: 'reference', quote: 'The token was temporary and has expired.' },
    needs: ['logic'],
    steps: [
      { name: 'create tk', op: 'createToken', body: (s: Scope) => ({ expires: s.at(3), scopes: ['tokens:read'] }), save: 'tk', expect: { status: 200 } },
      { name: 'let it expire', elapse: 5 },
      { name: 'retrieve', op: 'retrieveToken', as: saved('tk', 'token'), expect: { status: 200, code: 'TokenExpired' } },
      { name: 'use it', op: 'listTokens', as: saved('tk', 'token'), expect: { status: 401, message: 'Unauthorized' } },
    ],
  },

  // ---- delete and revocation --------------------------------------------------------------------
  {
    id: 'delete-revokes',
    title: 'A deleted token retrieves as TokenRevoked and authorizes nothing',
    source: { seed: 'reference', quote: 'This will revoke its authorization and remove its access to Mapbox APIs.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'sk', (s: Scope) => ({ note: s.note('to revoke'), scopes: ['tokens:read'] })),
      { name: 'use it', op: 'listTokens', as: saved('sk', 'token'), expect: { status: 200 } },
      { name: 'delete', op: 'deleteToken', tokenId: saved('sk', 'id'), expect: { status: 204 } },
      { name: 'retrieve', op: 'retrieveToken', as: saved('sk', 'token'), expect: { status: 200, code: 'TokenRevoked' } },
      { name: 'use it again', op: 'listTokens', as: saved('sk', 'token'), expect: { status: 401, message: 'Unauthorized' } },
    ],
  },

  // ---- retrieve codes ---------------------------------------------------------------------------
  {
    id: 'retrieve-malformed',
    title: 'A token that cannot be parsed retrieves as TokenMalformed',
    source: { seed: 'reference', quote: 'The token cannot be parsed.' },
    needs: ['logic'],
    steps: [{ name: 'retrieve', op: 'retrieveToken', as: 'tokens-conformance-not-a-token', expect: { status: 200, code: 'TokenMalformed' } }],
  },
  {
    id: 'retrieve-invalid-signature',
    title: 'A token whose signature does not validate retrieves as TokenInvalid',
    source: { seed: 'reference', quote: 'The signature for the token does not validate.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: Scope) => ({ note: s.note('to forge'), scopes: [READ] })),
      {
        name: 'retrieve with a forged signature',
        op: 'retrieveToken',
        as: (s: Scope) => {
          const [usage, payload] = (s.saved.pk!.json.token as string).split('.');
          return `${usage}.${payload}.AAAAAAAAAAAAAAAAAAAAAA`;
        },
        expect: { status: 200, code: 'TokenInvalid' },
      },
    ],
  },

  // ---- the error table: authorization ----------------------------------------------------------
  {
    id: 'unauthorized-no-token',
    title: 'A request without a token is 401 Unauthorized',
    source: { seed: 'reference', quote: 'The token used in the query was not valid, or no token was used in the query.' },
    needs: ['validation'],
    steps: [{ name: 'list without token', op: 'listTokens', as: null, expect: { status: 401, message: 'Unauthorized' } }],
  },
  {
    id: 'unauthorized-bad-token',
    title: 'A request with an invalid token is 401 Unauthorized',
    source: { seed: 'reference', quote: 'The token used in the query was not valid, or no token was used in the query.' },
    needs: ['logic'],
    steps: [{ name: 'list with a bad token', op: 'listTokens', as: 'sk.eyJ1IjoidG9rZW5zLWNvbmZvcm1hbmNlIiwiYSI6Im5vbmUifQ.bm90LWEtcmVhbC1zaWduYXR1cmU', expect: { status: 401, message: 'Unauthorized' } }],
  },
  {
    id: 'not-found-missing-scope',
    title: 'A token without tokens:read cannot list: 404 Not found',
    source: { seed: 'reference', quote: 'The access token used in the query needs the tokens:read (to list) or tokens:write scope (to create, update, or delete).' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create a token without tokens:read', 'weak', (s: Scope) => ({ note: s.note('no tokens:read'), scopes: [READ] })),
      { name: 'list with it', op: 'listTokens', as: saved('weak', 'token'), expect: { status: 404, message: 'Not found' } },
      { name: 'create with it', op: 'createToken', as: saved('weak', 'token'), body: (s: Scope) => ({ note: s.note('never'), scopes: [READ] }), expect: { status: 404, message: 'Not found' } },
    ],
  },
  {
    id: 'no-such-user',
    title: 'An unknown username is 404 No such user',
    source: { seed: 'reference', quote: 'Check the username used in the query.' },
    needs: ['logic'],
    steps: [{ name: 'list another username', op: 'listTokens', username: 'tokens-conformance-no-such-user-0000', expect: { status: 404, message: 'No such user' } }],
  },
  {
    id: 'access-token-required',
    title: 'Retrieve without a token is 422 access token is required',
    source: { seed: 'reference', quote: 'No access token was used in the query.' },
    needs: ['validation'],
    steps: [{ name: 'retrieve without token', op: 'retrieveToken', as: null, expect: { status: 422, message: 'access token is required' } }],
  },
  {
    id: 'usage-invalid',
    title: 'usage other than pk or sk is 422 usage must be pk or sk',
    source: { seed: 'reference', quote: 'The usage parameter must be one of pk (public token) or sk (secret token).' },
    needs: ['validation'],
    steps: [{ name: 'list usage=tk', op: 'listTokens', query: { usage: 'tk' }, expect: { status: 422, message: 'usage must be pk or sk' } }],
  },

  // ---- the rate limit ---------------------------------------------------------------------------
  {
    id: 'rate-limit',
    title: 'Beyond the rate limit the API answers 429 with Retry-After',
    source: { seed: 'reference', quote: 'The Tokens API is limited to 100 requests per minute per account.' },
    needs: ['rateLimit'],
    steps: [
      {
        name: 'exhaust a probe account',
        exhaustRateLimit: true,
        check: (answers: Answer[], limit: number) => {
          const refused = answers.findIndex((a: Answer) => a.status === 429);
          if (refused === -1) return `no 429 after ${answers.length} requests (limit ${limit})`;
          if (refused !== limit) return `the first 429 came after ${refused} requests, expected after ${limit}`;
          return fail(Number(answers[refused]!.headers.get('retry-after')) > 0, 'the 429 has no Retry-After');
        },
      },
    ],
  },
];

export { PUBLIC as publicScopes };
