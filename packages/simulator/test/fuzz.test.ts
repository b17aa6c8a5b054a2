// Bad input never crashes the simulator nor earns an undocumented answer: 10,000 generated
// requests (bodies, query strings, paths, content types; unicode, control characters, wrong types,
// unknown fields, malformed JSON) and every answer must be one the spec documents for that
// operation — and no 5xx but the documented 500 for an invalid `start`.
import fc from 'fast-check';
import { matchOperation } from '@tokens-kit/contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import { contract } from './support.js';

let sim: RunningSimulator;
let tokenIds: string[];
let defaultToken: string;
const errors: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ username: 'fuzz', rateLimit: false, log: (line) => errors.push(line) });
  // Taken once: the fuzzer may delete the default token, and any token it addresses by id.
  defaultToken = [...sim.state.accounts.get('fuzz')!.tokens.values()].find((t) => t.default)!.token;
  // Tokens for the fuzzer to update and delete by id (not the master token it authorizes with).
  tokenIds = [sim.seedToken({ scopes: ['styles:read'] }).id, sim.seedToken({ scopes: ['uploads:read'] }).id];
});
afterAll(() => sim.close());

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e',
    '💥',
    'null',
    'true',
    '-1',
    '0',
    '1e999',
    '../',
    '%00',
    'pk',
    'sk',
    'tk',
    'created',
    'modified',
  ),
);
const scope = fc.oneof(fc.constantFrom('styles:read', 'fonts:read', 'uploads:write', 'tokens:write', 'scopes:list'), weirdString);
const jsonish = fc.oneof(fc.jsonValue(), weirdString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const isoish = fc.oneof(
  fc.integer({ min: -7200, max: 7200 }).map((s) => new Date(Date.now() + s * 1000).toISOString()),
  weirdString,
  fc.integer(),
);
const bodyObject = fc.record(
  {
    note: fc.oneof(weirdString, jsonish),
    scopes: fc.oneof(fc.array(scope, { maxLength: 6 }), jsonish),
    allowedUrls: fc.oneof(
      fc.array(weirdString, { maxLength: 4 }),
      fc.constant(Array.from({ length: 101 }, (_, i) => `https://${i}.test`)),
      jsonish,
    ),
    expires: isoish,
    resources: fc.oneof(fc.array(fc.oneof(fc.constant('fuzz.tileset'), weirdString), { maxLength: 3 }), jsonish),
    unknownField: jsonish,
  },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(
  bodyObject.map((b) => JSON.stringify(b)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  weirdString,
  fc.constant('{"scopes": ['),
  fc.constant(''),
);
const queryValue = fc.oneof(
  weirdString,
  fc.constantFrom('true', 'false', '1', '2', '0', '-3', 'pk', 'sk', 'tk', 'created', 'modified', 'nope'),
);
const query = fc.dictionary(fc.constantFrom('default', 'limit', 'sortby', 'start', 'usage', 'access_token', 'other', '🙂'), queryValue, {
  maxKeys: 4,
});

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
  path: fc.oneof(
    fc.constantFrom('/tokens/v2/fuzz', '/tokens/v2', '/scopes/v1/fuzz', '/tokens/v2/nobody', '/scopes/v1/nobody'),
    fc.constantFrom(0, 1).map((i) => `/tokens/v2/fuzz/${i}`),
    weirdString.map((s) => `/tokens/v2/${encodeURIComponent(s)}`),
    weirdString.map((s) => `/tokens/v2/fuzz/${encodeURIComponent(s)}`),
  ),
  auth: fc.constantFrom('master', 'none', 'garbage', 'default'),
  query,
  body: rawBody,
  contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', ''),
});

it('answers 10,000 generated requests with documented answers only', async () => {
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const path = r.path.replace(/\/fuzz\/([01])$/, (_m, i) => `/fuzz/${tokenIds[Number(i)]}`);
      const url = new URL(path, sim.url);
      for (const [k, v] of Object.entries(r.query)) url.searchParams.set(k, v);
      const token = { master: sim.token, none: undefined, garbage: 'sk.Z2FyYmFnZQ.c2ln', default: defaultToken }[r.auth];
      if (token !== undefined && !('access_token' in r.query)) url.searchParams.set('access_token', token);
      const hasBody = r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT';
      const response = await fetch(url, {
        method: r.method,
        body: hasBody ? r.body : undefined,
        headers: hasBody && r.contentType ? { 'content-type': r.contentType } : {},
      });
      const text = await response.text();
      sent++;
      const matched = matchOperation(r.method, url.pathname);
      if (!matched) {
        // Not an operation of the API: a plain 404, never a crash.
        expect(response.status).toBe(404);
        expect(JSON.parse(text)).toEqual({ message: 'Not Found' });
        return;
      }
      const check = contract.validateResponse(matched.operationId, { status: response.status, headers: response.headers, bodyText: text });
      expect(check.errors, `${r.method} ${url.pathname}${url.search} → ${response.status} ${text.slice(0, 200)}`).toEqual([]);
      if (response.status >= 500) {
        expect(matched.operationId).toBe('listTokens');
        expect(url.searchParams.has('start')).toBe(true);
      }
    }),
    { numRuns: 10_000 },
  );
  expect(sent).toBeGreaterThanOrEqual(10_000);
  expect(errors).toEqual([]);
}, 180_000);
