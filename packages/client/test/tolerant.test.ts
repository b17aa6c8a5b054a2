// The client is a tolerant reader: it keeps working against the API as Mapbox is observed to run it
// (the register of observed deviations), while conformance, not the client, holds servers to the
// documentation. Each variant with an injected fetch, then the simulator's observed profile.
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokensClient, parseToken, TokensApiError } from '../src/index.js';
import { CANARY, fakeFetch, json } from './fake-fetch.js';

const stored = {
  id: 'c1',
  usage: 'pk',
  client: 'api',
  default: false,
  scopes: [],
  note: '',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
  token: 'pk.a.b',
};
const clientAnswering = (answer: () => Response) =>
  createTokensClient({ accessToken: CANARY, fetch: fakeFetch(answer).fetch, retry: false });
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as TokensApiError,
  );

describe('error answers the live API is observed to send', () => {
  it.each([
    ['a 404 "Not Found"', 404, 'Not Found', 'NotFound', 'not-found-message-case'],
    ['a 403 for a missing scope', 403, 'This API requires a token with tokens:read scope', 'NotFound', 'missing-scope-403'],
    ['a 401 in other words', 401, 'Not Authorized - Invalid Token', 'Unauthorized', 'unauthorized-message-varies'],
  ])(
    'reads %s as the documented row it stands for, keeping the status and message as received',
    async (_name, status, message, kind, deviation) => {
      const error = await errorOf(clientAnswering(() => json({ message }, status)).listTokens());
      expect(error).toBeInstanceOf(TokensApiError);
      expect(error).toMatchObject({ kind, deviation, status, message });
    },
  );

  it('reads a documented answer without a deviation, and an unknown one as Undocumented', async () => {
    expect(await errorOf(clientAnswering(() => json({ message: 'Not found' }, 404)).listTokens())).toMatchObject({
      kind: 'NotFound',
      deviation: undefined,
    });
    expect(await errorOf(clientAnswering(() => json({ message: 'I am a teapot' }, 418)).listTokens())).toMatchObject({
      kind: 'Undocumented',
      status: 418,
    });
  });
});

describe('Link headers as the live API sends them', () => {
  const next = 'https://api.mapbox.com/tokens/v2/alice?limit=1&start=c1';
  it.each([
    ['several relations in one header', `<https://api.mapbox.com/tokens/v2/alice?limit=1>; rel="first", <${next}>; rel="next"`],
    ['an unquoted rel', `<${next}>; rel=next`],
    ['a rel list', `<${next}>; rel="next last"`],
  ])('follows %s', async (_name, link) => {
    const page = await clientAnswering(() => json([stored], 200, { link })).listTokens();
    expect(page.next).toEqual({ limit: 1, start: 'c1' });
  });

  it('ends on a last page whose Link names only earlier pages', async () => {
    const page = await clientAnswering(() =>
      json([stored], 200, { link: '<https://api.mapbox.com/tokens/v2/alice?limit=1>; rel="first"' }),
    ).listTokens();
    expect(page.next).toBeUndefined();
  });
});

describe('fields and headers the documentation does not list', () => {
  it('passes extra fields through, typed as possible extras', async () => {
    const client = clientAnswering(() => json([{ ...stored, resources: ['alice.x'] }]));
    expect((await client.listTokens()).tokens[0]?.resources).toEqual(['alice.x']);
    const temporary = await clientAnswering(() =>
      json({ token: 'tk.a.b', issued_at: '2026-01-01T00:00:00Z', expires: '2026-01-01T01:00:00Z', expires_in: 3600 }),
    ).createTemporaryToken({
      expires: '2026-01-01T01:00:00Z',
      scopes: [],
    });
    expect(temporary.expires_in).toBe(3600);
  });

  it('exposes X-Rate-Limit-* from any answer, successful ones included', async () => {
    const client = clientAnswering(() =>
      json([], 200, { 'x-rate-limit-limit': '100', 'x-rate-limit-interval': '60', 'x-rate-limit-reset': '1800000000' }),
    );
    expect(client.rateLimitStatus).toBeUndefined();
    await client.listTokens();
    expect(client.rateLimitStatus).toEqual({ limit: 100, intervalSeconds: 60, resetAt: new Date(1_800_000_000_000) });
  });

  it("parses a temporary token whose client is not api, with Mapbox's other claims", () => {
    const payload = btoa(
      JSON.stringify({
        u: 'alice',
        a: 'c1',
        exp: 1_800_000_000,
        iat: 1_799_999_000,
        scopes: ['tokens:read'],
        client: 'mapbox.com',
        ll: 1,
        iu: 'penny',
      }),
    );
    expect(parseToken(`tk.${payload.replace(/=+$/, '')}.sig`)).toMatchObject({ usage: 'tk', user: 'alice', client: 'mapbox.com' });
  });
});

describe('against the simulator playing the observed API', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ profile: 'observed', username: 'alice', pageSize: 1, rateLimit: false, log: () => {} });
  });
  afterAll(() => sim.close());

  it('walks every page, reads its errors as documented rows, and sees its rate limit', async () => {
    const client = createTokensClient({ accessToken: sim.token, baseUrl: sim.url });
    for (let i = 0; i < 3; i++) await client.createToken({ note: `page ${i}`, scopes: ['styles:read'] });
    const all = [];
    for await (const token of client.iterateTokens()) all.push(token);
    expect(all.map((t) => t.id)).toEqual([...sim.state.accounts.get('alice')!.tokens.keys()]);
    expect(all.every((t) => Array.isArray(t.resources))).toBe(true);
    expect(client.rateLimitStatus?.limit).toBe(100);

    const temporary = await client.createTemporaryToken({
      expires: new Date(sim.clock.now() + 600_000).toISOString(),
      scopes: ['styles:read'],
    });
    expect(temporary.expires_in).toBeOneOf([599, 600]); // whole seconds
    const weak = createTokensClient({ accessToken: temporary.token, baseUrl: sim.url });
    expect(await errorOf(weak.listTokens())).toMatchObject({ kind: 'NotFound', status: 403, deviation: 'missing-scope-403' });
    expect(await errorOf(client.updateToken('cnosuchtoken0000000000000', { note: 'x' }))).toMatchObject({
      kind: 'NotFound',
      message: 'Not Found',
    });
    const stranger = createTokensClient({ accessToken: CANARY, username: 'alice', baseUrl: sim.url });
    expect(await errorOf(stranger.listScopes())).toMatchObject({ kind: 'Unauthorized', message: 'Not Authorized - Invalid Token' });
  });
});
