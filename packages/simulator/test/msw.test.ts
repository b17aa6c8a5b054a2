// msw handlers backed by a simulator, in Node (setupServer): code that calls https://api.mapbox.com
// with the global fetch meets the simulator — its documented answers, its observed profile, its
// faults — and nothing leaves the process. Runs with msw 2 (this machine's Node 20); msw 3 needs Node 22.12+.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';
import { tokensApiHandlers } from '../src/msw.js';

const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
const custom = createSimulator({ username: 'bob', rateLimit: false, profile: 'observed', log: () => {} });
const server = setupServer(...tokensApiHandlers(sim), ...tokensApiHandlers(custom, { baseUrl: 'https://tokens.example.test/v' }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => sim.faults.clear());
afterAll(() => server.close());

describe('tokensApiHandlers with msw setupServer', () => {
  it('answers https://api.mapbox.com from the simulator, with state', async () => {
    const created = await fetch(`https://api.mapbox.com/tokens/v2/alice?access_token=${sim.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'through msw', scopes: ['styles:read'] }),
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const listed = (await (await fetch(`https://api.mapbox.com/tokens/v2/alice?access_token=${sim.token}`)).json()) as { id: string }[];
    expect(listed.map((t) => t.id)).toContain(id);
    expect(sim.state.accounts.get('alice')!.tokens.has(id)).toBe(true);
  });

  it('answers any base URL, and plays the profile of its simulator', async () => {
    const unauthorized = await fetch('https://tokens.example.test/v/tokens/v2/bob');
    expect([unauthorized.status, await unauthorized.json()]).toEqual([401, { message: 'Not Authorized - Invalid Token' }]);
    const created = await fetch(`https://tokens.example.test/v/tokens/v2/bob?access_token=${custom.token}`, {
      method: 'POST',
      body: JSON.stringify({ expires: new Date(custom.clock.now() + 600_000).toISOString(), scopes: ['styles:read'] }),
    });
    expect(await created.json()).toMatchObject({ token: expect.stringMatching(/^tk\./), expires_in: expect.toBeOneOf([599, 600]) });
  });

  it("turns the simulator's faults into what fetch meets: a status, and a network error for a drop", async () => {
    sim.faults.add({ operation: 'listScopes', status: 503, times: 1 });
    expect((await fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`)).status).toBe(503);
    sim.faults.add({ operation: 'listScopes', drop: true, times: 1 });
    await expect(fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`)).rejects.toThrow(TypeError);
    expect((await fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`)).status).toBe(200);
  });
});
