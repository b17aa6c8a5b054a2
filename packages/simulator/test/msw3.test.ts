// The same handlers with msw 3 (Node ≥ 22.12, which msw 3 requires): in this file `msw` is msw 3,
// so src/msw.ts builds its handlers with msw 3's own classes, as it does for a consumer who
// installed msw 3. On an older Node the test says so and is skipped.
import { describe, expect, it, vi } from 'vitest';
import { createSimulator } from '../src/index.js';

vi.mock('msw', async () => await import('msw3'));

const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const msw3Runs = major > 22 || (major === 22 && minor >= 12);

describe.skipIf(!msw3Runs)(`tokensApiHandlers with msw 3 setupServer (Node ${process.versions.node})`, () => {
  it('answers https://api.mapbox.com from the simulator, and turns a drop into a network error', async () => {
    const { setupServer } = await import('msw3/node');
    const { tokensApiHandlers } = await import('../src/msw.js');
    const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    // src/msw.ts is compiled against this workspace's msw 2 types; at run time, here, `msw` is msw 3
    // and its handlers are msw 3's, as they are for a consumer who installed msw 3.
    const server = setupServer(...(tokensApiHandlers(sim) as unknown as Parameters<typeof setupServer>));
    server.listen();
    try {
      const listed = await fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`);
      expect(listed.status).toBe(200);
      expect(((await listed.json()) as unknown[]).length).toBeGreaterThan(0);
      sim.faults.add({ operation: 'listScopes', drop: true, times: 1 });
      await expect(fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`)).rejects.toThrow(TypeError);
    } finally {
      server.close();
    }
  });
});
