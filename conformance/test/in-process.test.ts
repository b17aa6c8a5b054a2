// The behaviour catalogue runs through the in-process simulator's fetch exactly as over HTTP: one
// handler serves both faces, so every behaviour passes (or is n/a) through each.
import { createSimulator } from '@tokens-kit/simulator';
import { expect, it } from 'vitest';
import { runTarget, simulatorTarget, type Capability, type Target } from '../src/index.js';

it('passes the whole catalogue in process, as it does over HTTP', async () => {
  const sim = createSimulator({ username: 'conformance', rateLimit: false, log: () => {} });
  // Everything but the rate limit, which is provoked on a probe server of its own (over HTTP).
  const capabilities = new Set<Capability>(['validation', 'logic', 'state']);
  const target: Target = {
    kind: 'simulator',
    name: 'in-process',
    baseUrl: 'https://api.mapbox.com',
    username: sim.username,
    token: sim.token,
    capabilities,
    advanceClock: (ms) => sim.clock.advance(ms),
    now: () => sim.clock.now(),
    close: async () => {},
  };
  const inProcess = await runTarget(target, { fetch: sim.fetch });
  const overHttp = await simulatorTarget();
  try {
    const http = await runTarget(overHttp);
    const byId = (results: typeof http) => Object.fromEntries(results.map((r) => [r.id, r.status]));
    const outcome = byId(inProcess);
    expect(Object.entries(outcome).filter(([, s]) => s !== 'pass' && s !== 'n/a')).toEqual([]);
    expect(Object.values(outcome).filter((s) => s === 'pass').length).toBeGreaterThan(40);
    // The same outcome behaviour by behaviour, but for the rate limit, which needs a probe server.
    expect({ ...outcome, 'rate-limit': 'n/a' }).toEqual({ ...byId(http), 'rate-limit': 'n/a' });
  } finally {
    await overHttp.close();
  }
}, 60_000);
