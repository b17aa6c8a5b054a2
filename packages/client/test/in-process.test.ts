// The client against the in-process simulator: `createTokensClient({ fetch: sim.fetch, accessToken:
// sim.token })` runs every kind of call without a socket.
import { createSimulator } from '@tokens-kit/simulator';
import { expect, it } from 'vitest';
import { createTokensClient, InvalidResponseError, NetworkError, TokensApiError } from '../src/index.js';

it('creates, pages, updates, retrieves and deletes in process, and reads errors as documented', async () => {
  const sim = createSimulator({ username: 'alice', rateLimit: false, pageSize: 2, log: () => {} });
  const client = createTokensClient({ fetch: sim.fetch, accessToken: sim.token });
  expect(client.baseUrl).toBe('https://api.mapbox.com');
  const made = await Promise.all([1, 2, 3].map((i) => client.createToken({ note: `in process ${i}`, scopes: ['styles:read'] })));
  const listed = [];
  for await (const token of client.iterateTokens()) listed.push(token.id);
  expect(listed).toEqual([...sim.state.accounts.get('alice')!.tokens.keys()]);
  expect(await client.updateToken(made[0]!.id, { note: 'renamed' })).toMatchObject({ note: 'renamed' });
  expect(await client.retrieveToken(made[1]!.token)).toMatchObject({ code: 'TokenValid' });
  await client.deleteToken(made[2]!.id);
  expect(await client.retrieveToken(made[2]!.token)).toMatchObject({ code: 'TokenRevoked' });
  const error = await client.createToken({ scopes: ['no:such-scope'] }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TokensApiError);
  expect(error).toMatchObject({ kind: 'ScopesInvalid', status: 422 });
});

it("meets the simulator's faults as it would meet them on the network", async () => {
  const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
  const client = createTokensClient({ fetch: sim.fetch, accessToken: sim.token, retry: { attempts: 3, maxDelayMs: 2000 } });
  sim.faults.add({ operation: 'listScopes', drop: true, times: 2 });
  await expect(client.listScopes()).rejects.toBeInstanceOf(NetworkError);
  await expect(client.listScopes()).rejects.toMatchObject({ code: 'ECONNRESET' });
  sim.faults.add({ operation: 'listScopes', malformed: true, times: 1 });
  await expect(client.listScopes()).rejects.toBeInstanceOf(InvalidResponseError);
  // A 429 the client waits out (Retry-After: 1) and retries: the second attempt succeeds.
  sim.faults.add({ operation: 'listScopes', status: 429, times: 1 });
  expect((await client.listScopes()).length).toBeGreaterThan(0);
  sim.faults.add({ operation: 'listScopes', status: 503, times: 1 });
  await expect(client.listScopes()).rejects.toMatchObject({ status: 503, kind: 'Undocumented' });
}, 20_000);
