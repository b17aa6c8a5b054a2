import { errorTable, operationIndex, type OperationId } from '@tokens-kit/types';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokensClient, InvalidResponseError, NetworkError, TokensApiError, TokensClientError } from '../src/index.js';
import { CANARY, fakeFetch, json } from './fake-fetch.js';

const metadata = {
  id: 'cabc',
  usage: 'pk',
  client: 'api',
  default: false,
  note: '',
  scopes: ['styles:read'],
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  token: 'pk.eyJ1IjoiYWxpY2UiLCJhIjoiY2FiYyJ9.c2ln',
};

afterEach(() => vi.useRealTimers());

describe('createTokensClient', () => {
  it("takes the username from the access token, as Mapbox's SDK does", () => {
    expect(createTokensClient({ accessToken: CANARY }).username).toBe('alice');
    expect(createTokensClient({ accessToken: CANARY, username: 'bob' }).username).toBe('bob');
    expect(createTokensClient({ accessToken: CANARY }).baseUrl).toBe('https://api.mapbox.com');
  });

  // Titled by what is wrong, not by the options: those hold the canary token, which no log shows.
  it.each([
    ['an empty token', { accessToken: '' }, /needs an accessToken/],
    ['a token that is not a Mapbox token', { accessToken: 'not-a-token' }, /is not a Mapbox token.*pass username explicitly/],
    ['plain http to a remote host', { accessToken: CANARY, baseUrl: 'http://api.example.com' }, /HTTPS only/],
    ['another scheme', { accessToken: CANARY, baseUrl: 'ftp://x' }, /expected an https/],
    ['a base URL that is not a URL', { accessToken: CANARY, baseUrl: 'nope' }, /is not a URL/],
    ['a negative retry.attempts', { accessToken: CANARY, retry: { attempts: -1 } }, /retry.attempts must be a number ≥ 0, not -1/],
    ['a NaN retry.maxDelayMs', { accessToken: CANARY, retry: { maxDelayMs: Number.NaN } }, /retry.maxDelayMs must be a number ≥ 0/],
    [
      'a string retry.maxTotalDelayMs',
      { accessToken: CANARY, retry: { maxTotalDelayMs: '5' as unknown as number } },
      /retry.maxTotalDelayMs must be a number ≥ 0, not "5"/,
    ],
  ])('refuses %s with a clear error', (_what, options, message) => {
    expect(() => createTokensClient(options)).toThrow(TokensClientError);
    expect(() => createTokensClient(options)).toThrow(message);
  });

  it('allows plain http on loopback (a simulator)', () => {
    for (const baseUrl of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9']) {
      expect(createTokensClient({ accessToken: CANARY, baseUrl }).baseUrl).toBe(baseUrl);
    }
  });
});

describe('requests', () => {
  it('sends each operation to its documented method and path, the token once as access_token', async () => {
    const { fetch, requests } = fakeFetch((r) => {
      if (r.method === 'DELETE') return new Response(null, { status: 204 });
      if (r.url.pathname.startsWith('/scopes')) return json([{ id: 'styles:read', public: true, description: 'Read styles.' }]);
      if (r.url.pathname === '/tokens/v2') return json({ code: 'TokenValid', token: { usage: 'sk', user: 'alice', authorization: 'c' } });
      if (r.method === 'GET') return json([metadata]);
      if (r.body && (r.body as { expires?: string }).expires) return json({ token: 'tk.eyJ1IjoiYWxpY2UifQ.c2ln' });
      return json(metadata);
    });
    const client = createTokensClient({ accessToken: CANARY, fetch });
    await client.listTokens({ usage: 'pk', sortby: 'created', limit: 5, default: false, start: 'cx' });
    await client.createToken({ note: 'n', scopes: ['styles:read'], allowedUrls: ['https://docs.mapbox.com'] });
    await client.createTemporaryToken({ expires: '2026-01-01T00:30:00Z', scopes: ['styles:read'] });
    await client.updateToken('cabc', { note: 'renamed' });
    await client.deleteToken('cabc');
    await client.retrieveToken();
    await client.retrieveToken('pk.other.token');
    await client.listScopes();
    const op = (id: keyof typeof operationIndex, params: Record<string, string>) =>
      `${operationIndex[id].method} ${operationIndex[id].path.replace(/\{(\w+)\}/g, (_m, k: string) => params[k]!)}`;
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      op('listTokens', { username: 'alice' }),
      op('createToken', { username: 'alice' }),
      op('createToken', { username: 'alice' }),
      op('updateToken', { username: 'alice', token_id: 'cabc' }),
      op('deleteToken', { username: 'alice', token_id: 'cabc' }),
      op('retrieveToken', {}),
      op('retrieveToken', {}),
      op('listScopes', { username: 'alice' }),
    ]);
    for (const r of requests) expect(r.url.searchParams.getAll('access_token')).toHaveLength(1);
    expect(requests[0]!.url.search).toBe(
      `?usage=pk&sortby=created&limit=5&default=false&start=cx&access_token=${encodeURIComponent(CANARY)}`,
    );
    expect(requests[1]!.body).toEqual({ note: 'n', scopes: ['styles:read'], allowedUrls: ['https://docs.mapbox.com'] });
    expect(requests[5]!.url.searchParams.get('access_token')).toBe(CANARY);
    expect(requests[6]!.url.searchParams.get('access_token')).toBe('pk.other.token');
  });
  it('percent-encodes path parameters, so an id cannot reach another path', async () => {
    const { fetch, requests } = fakeFetch(() => json(metadata));
    const client = createTokensClient({ accessToken: CANARY, username: 'a b/c', fetch });
    await client.updateToken('../x?y#{z}', { note: 'n' });
    expect(requests[0]!.url.pathname).toBe('/tokens/v2/a%20b%2Fc/..%2Fx%3Fy%23%7Bz%7D');
    expect(requests[0]!.url.searchParams.getAll('access_token')).toEqual([CANARY]);
  });
});

describe('errors', () => {
  // One case per documented error-table row, generated from the spec (not hand-typed).
  const operationOf = (row: (typeof errorTable)[number]) => row.operations[0] as OperationId;
  it.each(errorTable.map((row) => [row.kind, row] as const))('%s: thrown as a TokensApiError with its kind', async (kind, row) => {
    const { fetch } = fakeFetch(() => json({ message: row.message }, row.status, row.status === 429 ? { 'retry-after': '7' } : {}));
    const client = createTokensClient({ accessToken: CANARY, fetch, retry: false });
    // Keyed by the operations the spec has: a new operation does not compile until it has a call here.
    const calls: Record<OperationId, () => Promise<unknown>> = {
      listTokens: () => client.listTokens(),
      createToken: () => client.createToken({ scopes: [] }),
      updateToken: () => client.updateToken('c', { note: 'x' }),
      deleteToken: () => client.deleteToken('c'),
      retrieveToken: () => client.retrieveToken(),
      listScopes: () => client.listScopes(),
    };
    const error = await calls[operationOf(row)]().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokensApiError);
    expect(error).toMatchObject({ status: row.status, kind, message: row.message, operation: operationOf(row) });
    if (row.status === 429) expect((error as TokensApiError).retryAfterSeconds).toBe(7);
  });

  it('names an unknown status/message pair Undocumented', async () => {
    const { fetch } = fakeFetch(() => json({ message: 'teapot' }, 418));
    await expect(createTokensClient({ accessToken: CANARY, fetch }).listScopes()).rejects.toMatchObject({
      kind: 'Undocumented',
      status: 418,
    });
  });

  it('gives network failures their own error', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    };
    const error = await createTokensClient({ accessToken: CANARY, fetch })
      .listScopes()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', operation: 'listScopes' });
  });

  it.each([
    ['a success body that is not JSON', () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['an error body that is not JSON', () => new Response('Bad Gateway', { status: 502 })],
    ['a list that is not an array', () => json({ tokens: [] })],
  ])('gives %s an InvalidResponseError', async (_name, answer) => {
    const { fetch } = fakeFetch(answer);
    await expect(createTokensClient({ accessToken: CANARY, fetch }).listTokens()).rejects.toBeInstanceOf(InvalidResponseError);
  });
});

describe('rate limit', () => {
  const limited = (headers: Record<string, string>) => json({ message: 'Too Many Requests' }, 429, headers);

  it('waits Retry-After and retries, also a create (a 429 took no effect)', async () => {
    vi.useFakeTimers();
    let n = 0;
    const { fetch, requests } = fakeFetch(() => (++n <= 2 ? limited({ 'retry-after': '2' }) : json(metadata)));
    const pending = createTokensClient({ accessToken: CANARY, fetch }).createToken({ scopes: ['styles:read'] });
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(pending).resolves.toMatchObject({ id: 'cabc' });
    expect(requests.map((r) => r.body)).toEqual([{ scopes: ['styles:read'] }, { scopes: ['styles:read'] }, { scopes: ['styles:read'] }]);
  });

  it('honours X-Rate-Limit-Reset when there is no Retry-After', async () => {
    vi.useFakeTimers({ now: 1_000_000_000_000 });
    let n = 0;
    const { fetch, requests } = fakeFetch(() => (++n === 1 ? limited({ 'x-rate-limit-reset': String(1_000_000_000 + 5) }) : json([])));
    const pending = createTokensClient({ accessToken: CANARY, fetch }).listScopes();
    await vi.advanceTimersByTimeAsync(4999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual([]);
  });

  it('is bounded: attempts, longest single wait, and retry: false', async () => {
    vi.useFakeTimers();
    const always = fakeFetch(() => limited({ 'retry-after': '1' }));
    const pending = createTokensClient({ accessToken: CANARY, fetch: always.fetch, retry: { attempts: 2 } })
      .listScopes()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toMatchObject({ kind: 'RateLimited', status: 429 });
    expect(always.requests).toHaveLength(3);

    const long = fakeFetch(() => limited({ 'retry-after': '3600' }));
    await expect(createTokensClient({ accessToken: CANARY, fetch: long.fetch }).listScopes()).rejects.toMatchObject({
      kind: 'RateLimited',
      retryAfterSeconds: 3600,
    });
    expect(long.requests).toHaveLength(1);

    const off = fakeFetch(() => limited({ 'retry-after': '1' }));
    await expect(createTokensClient({ accessToken: CANARY, fetch: off.fetch, retry: false }).listScopes()).rejects.toMatchObject({
      kind: 'RateLimited',
    });
    expect(off.requests).toHaveLength(1);
  });

  it('keeps the default for a bound given as undefined', async () => {
    vi.useFakeTimers();
    const { fetch, requests } = fakeFetch(() => limited({ 'retry-after': '1' }));
    const pending = createTokensClient({ accessToken: CANARY, fetch, retry: { attempts: undefined } })
      .listScopes()
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toMatchObject({ kind: 'RateLimited' });
    expect(requests).toHaveLength(4); // the first and 3 retries
  });

  it('never retries other failures', async () => {
    const { fetch, requests } = fakeFetch(() => json({ message: 'Internal Server Error' }, 500));
    await expect(createTokensClient({ accessToken: CANARY, fetch }).createToken({ scopes: [] })).rejects.toMatchObject({ status: 500 });
    expect(requests).toHaveLength(1);
  });
});

describe('pagination', () => {
  const pages = [
    {
      tokens: [
        { ...metadata, id: 'c1' },
        { ...metadata, id: 'c2' },
      ],
      link: '<https://api.mapbox.com/tokens/v2/alice?limit=2&start=c2&usage=pk&access_token=LEAKED>; rel="next"',
    },
    {
      tokens: [
        { ...metadata, id: 'c3' },
        { ...metadata, id: 'c4' },
      ],
      link: '<https://elsewhere.example/tokens/v2/alice?limit=2&start=c4&usage=pk>; rel="next"',
    },
    { tokens: [{ ...metadata, id: 'c5' }] },
  ];
  const server = () =>
    fakeFetch((r) => {
      const i = { null: 0, c2: 1, c4: 2 }[String(r.url.searchParams.get('start'))]!;
      return json(pages[i]!.tokens, 200, pages[i]!.link ? { link: pages[i]!.link! } : {});
    });

  it("exposes the next page's query, and none on the last page", async () => {
    const { fetch } = server();
    const client = createTokensClient({ accessToken: CANARY, fetch });
    const first = await client.listTokens({ limit: 2, usage: 'pk' });
    expect(first.next).toEqual({ limit: 2, start: 'c2', usage: 'pk' });
    const last = await client.listTokens({ start: 'c4' });
    expect(last).toEqual({ tokens: pages[2]!.tokens });
  });

  it('iterates every token across pages, on its own base URL, with its own token once', async () => {
    const { fetch, requests } = server();
    const ids = [];
    for await (const t of createTokensClient({ accessToken: CANARY, fetch }).iterateTokens({ limit: 2, usage: 'pk' })) ids.push(t.id);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(requests.map((r) => r.url.origin)).toEqual(Array(3).fill('https://api.mapbox.com'));
    for (const r of requests) expect(r.url.searchParams.getAll('access_token')).toEqual([CANARY]);
  });

  it('stops a server that links back to a page it already gave', async () => {
    const { fetch } = fakeFetch(() => json([metadata], 200, { link: '<https://api.mapbox.com/tokens/v2/alice?start=cabc>; rel="next"' }));
    const iterate = async () => {
      for await (const _ of createTokensClient({ accessToken: CANARY, fetch }).iterateTokens()) void _;
    };
    await expect(iterate()).rejects.toThrow(/repeats start=cabc/);
  });
});
