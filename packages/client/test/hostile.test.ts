// A server that hangs, answers a byte a second, closes mid-body, or answers HTML or a 200 of
// garbage JSON: each call ends within the client's timeout with its typed error, and no error
// carries the token.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Hostility, hostileServer } from '../../../scripts/hostile-server.mjs';
import { createTokensClient, InvalidResponseError, NetworkError, TokensClientError } from '../src/index.js';
import { CANARY } from './fake-fetch.js';

const signature = CANARY.split('.')[2]!;
let hostile: Awaited<ReturnType<typeof hostileServer>>;
beforeAll(async () => {
  hostile = await hostileServer();
});
afterAll(() => hostile.close());

it.each<[Hostility, (e: unknown) => void]>([
  [
    'hang',
    (e) =>
      expect(e).toMatchObject({
        name: 'NetworkError',
        code: 'TIMEOUT',
        message: 'listScopes: no answer from the API (no answer within 0.5 s)',
      }),
  ],
  ['drip', (e) => expect(e).toMatchObject({ name: 'NetworkError', code: 'TIMEOUT' })],
  ['close-mid-body', (e) => expect(e).toBeInstanceOf(NetworkError)],
  ['html', (e) => expect(e).toBeInstanceOf(InvalidResponseError)],
  ['garbage-json', (e) => expect(e).toBeInstanceOf(InvalidResponseError)],
])('%s: the call ends in time with its typed error', async (how, check) => {
  const client = createTokensClient({ accessToken: CANARY, baseUrl: hostile.url(how), timeoutMs: 500, retry: false });
  const started = Date.now();
  const error = await client.listScopes().catch((e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(5_000);
  check(error);
  for (const form of [String(error), JSON.stringify(error), (error as Error).stack ?? '']) expect(form).not.toContain(signature);
});

it('refuses a timeout that is not a positive number of milliseconds', () => {
  for (const timeoutMs of [0, -1, Number.NaN])
    expect(() => createTokensClient({ accessToken: CANARY, timeoutMs })).toThrow(TokensClientError);
});
