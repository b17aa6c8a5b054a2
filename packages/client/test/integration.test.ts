// Every method against the real simulator: pagination across several pages and each error kind,
// provoked for real. (Against a Prism mock of the spec: conformance/test/client-against-mock.test.ts,
// where Prism lives.)
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { errorTable, type ListTokensQuery } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokensClient, TokensApiError, type TokensClient } from '../src/index.js';

let sim: RunningSimulator;
let client: TokensClient;
const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof TokensApiError ? e.kind : String(e)),
  );

beforeAll(async () => {
  sim = await startSimulator({ username: 'alice', pageSize: 2, rateLimit: false, log: () => {} });
  client = createTokensClient({ accessToken: sim.token, baseUrl: sim.url });
});
afterAll(() => sim.close());

describe('against the simulator', () => {
  it('runs every method', async () => {
    const created = await client.createToken({ note: 'web', scopes: ['styles:read'], allowedUrls: ['https://docs.mapbox.com'] });
    expect(created).toMatchObject({ usage: 'pk', note: 'web' });
    const updated = await client.updateToken(created.id, { note: 'web (renamed)' });
    expect(updated.note).toBe('web (renamed)');
    expect((await client.retrieveToken(created.token)).code).toBe('TokenValid');
    expect((await client.retrieveToken()).token).toMatchObject({ usage: 'sk', user: 'alice' });
    const tk = await client.createTemporaryToken({ expires: new Date(sim.clock.now() + 600_000).toISOString(), scopes: ['styles:read'] });
    expect(tk.token).toMatch(/^tk\./);
    expect((await client.listScopes()).find((s) => s.id === 'fonts:read')?.public).toBe(true);
    await client.deleteToken(created.id);
    expect((await client.retrieveToken(created.token)).code).toBe('TokenRevoked');
  });

  it('walks several pages, one page at a time or as an iterator', async () => {
    for (let i = 0; i < 5; i++) await client.createToken({ note: `bulk ${i}`, scopes: ['styles:read'] });
    const all = [...sim.state.accounts.get('alice')!.tokens.keys()];
    const seen: string[] = [];
    let query: ListTokensQuery | undefined = {};
    let pages = 0;
    while (query) {
      const page = await client.listTokens(query);
      seen.push(...page.tokens.map((t) => t.id));
      query = page.next;
      pages++;
    }
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(seen).toEqual(all);
    const iterated = [];
    for await (const t of client.iterateTokens()) iterated.push(t.id);
    expect(iterated).toEqual(all);
  });

  it('throws each documented error kind, as the API answers it', async () => {
    const weak = await client.createToken({ note: 'weak', scopes: ['styles:read'] });
    const parentTk = await client.createTemporaryToken({
      expires: new Date(sim.clock.now() + 300_000).toISOString(),
      scopes: ['tokens:write', 'styles:read'],
    });
    const at = (s: number) => new Date(sim.clock.now() + s * 1000).toISOString();
    const limited = await startSimulator({ username: 'limited', rateLimit: 1, log: () => {} });
    const provoke: Record<string, () => Promise<unknown>> = {
      Unauthorized: () => createTokensClient({ accessToken: 'sk.eyJ1IjoiYWxpY2UiLCJhIjoieCJ9.c2ln', baseUrl: sim.url }).listTokens(),
      NotFound: () => createTokensClient({ accessToken: weak.token!, baseUrl: sim.url }).listTokens(),
      NoSuchUser: () => createTokensClient({ accessToken: sim.token, baseUrl: sim.url, username: 'nobody' }).listScopes(),
      AccessTokenRequired: () => client.retrieveToken(''),
      UsageInvalid: () => client.listTokens({ usage: 'tk' } as unknown as ListTokensQuery),
      ExpiresInPast: () => client.createTemporaryToken({ expires: at(-10), scopes: [] }),
      ExpiresTooFar: () => client.createTemporaryToken({ expires: at(7200), scopes: [] }),
      ExpiresBeyondAuthorizingToken: () =>
        createTokensClient({ accessToken: parentTk.token, baseUrl: sim.url }).createTemporaryToken({ expires: at(600), scopes: [] }),
      ScopesInvalid: () => createTokensClient({ accessToken: parentTk.token, baseUrl: sim.url }).createToken({ scopes: ['fonts:read'] }),
      ResourcesInvalid: () => client.createToken({ scopes: [], resources: ['someone-else.tileset'] }),
      InvalidStart: () => client.listTokens({ start: 'no-such-token' }),
      PayloadTooLarge: () => client.createToken({ scopes: [], note: 'x'.repeat(70_000) }),
      RateLimited: async () => {
        const c = createTokensClient({ accessToken: limited.token, baseUrl: limited.url, retry: false });
        await c.listScopes();
        return c.listScopes();
      },
    };
    try {
      expect(Object.keys(provoke).sort()).toEqual(errorTable.map((r) => r.kind).sort());
      for (const [kind, call] of Object.entries(provoke)) expect(await kindOf(call()), kind).toBe(kind);
    } finally {
      await limited.close();
    }
  });
});
