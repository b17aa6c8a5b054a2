// A canary token never appears in a thrown error, its message, its string or JSON form, nor in
// the client object itself.
import { describe, expect, it } from 'vitest';
import { createTokensClient, InvalidResponseError, TokensApiError } from '../src/index.js';
import { CANARY, fakeFetch, json } from './fake-fetch.js';

const signature = CANARY.split('.')[2]!;
const leaks = (value: unknown) =>
  [
    String(value),
    JSON.stringify(value),
    (value as Error)?.message,
    (value as Error)?.stack,
    JSON.stringify(Object.entries(value as object)),
  ].some((s) => typeof s === 'string' && s.includes(signature));

describe('the access token never leaks', () => {
  it.each([
    ['an API error echoing the token', () => json({ message: `token ${CANARY} is not allowed` }, 401)],
    ['a non-JSON answer echoing the token', () => new Response(`<h1>${CANARY}</h1>`, { status: 500 })],
    ['a success that is not JSON', () => new Response(`oops ${CANARY}`, { status: 200 })],
    [
      'a network failure',
      () => Promise.reject(new TypeError(`fetch failed for ?access_token=${CANARY}`, { cause: { code: 'ECONNRESET' } })),
    ],
  ])('from %s', async (_name, answer) => {
    const { fetch } = fakeFetch(answer);
    const error = await createTokensClient({ accessToken: CANARY, fetch, retry: false })
      .listScopes()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(leaks(error)).toBe(false);
  });

  it('from a client given a bad token or base URL', () => {
    for (const options of [{ accessToken: `${CANARY}.extra` }, { accessToken: CANARY, baseUrl: 'http://evil.example' }]) {
      let error: unknown;
      try {
        createTokensClient(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect(leaks(error)).toBe(false);
    }
  });

  it('from the client object', () => {
    const client = createTokensClient({ accessToken: CANARY });
    expect(JSON.stringify(client)).not.toContain(signature);
    expect(String(client)).not.toContain(signature);
    expect(Object.values(client).some((v) => typeof v === 'string' && v.includes(signature))).toBe(false);
  });

  it("from the typed errors' own forms", () => {
    const api = new TokensApiError({ status: 401, message: `bad ${CANARY}`, operation: 'listTokens' });
    const invalid = new InvalidResponseError('listTokens', 200, `saw ${CANARY}`);
    for (const e of [api, invalid]) expect(leaks(e)).toBe(false);
    // A 401 in other words is read as Unauthorized (the observed 401 wording varies).
    expect(api.toString()).toMatch(/^TokensApiError: 401 bad sk\.…[A-Za-z0-9_-]{4} \(Unauthorized\) on listTokens$/);
  });
});
