import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../src/index.js';
import { tokensPath, withSimulator } from './support.js';

let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

describe('rate limit', () => {
  it('allows the documented 100 requests per minute per account, then 429 with Retry-After and X-Rate-Limit-*', async () => {
    const s = await withSimulator({ rateLimit: undefined });
    sim = s.sim;
    for (let i = 0; i < 100; i++) expect((await s.call('GET', tokensPath(s.sim))).status).toBe(200);
    const refused = await s.call('GET', tokensPath(s.sim));
    expect(refused).toMatchObject({ status: 429, body: { message: 'Too Many Requests' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-rate-limit-limit')).toBe('100');
    expect(refused.headers.get('x-rate-limit-interval')).toBe('60');
    expect(Number(refused.headers.get('x-rate-limit-reset'))).toBeGreaterThan(s.sim.clock.now() / 1000);
    // Another account has its own budget.
    s.sim.seedToken({ username: 'bob', scopes: [] });
    expect((await s.call('GET', tokensPath(s.sim, 'bob'))).status).not.toBe(429);
    s.sim.clock.advance(60_000);
    expect((await s.call('GET', tokensPath(s.sim))).status).toBe(200);
    s.expectAllDocumented();
  });

  it('is configurable, and can be turned off', async () => {
    const small = await withSimulator({ rateLimit: 3 });
    sim = small.sim;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await small.call('GET', '/scopes/v1/simulator')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await small.sim.close();
    const off = await withSimulator({ rateLimit: false });
    sim = off.sim;
    for (let i = 0; i < 150; i++) expect((await off.call('GET', '/scopes/v1/simulator')).status).toBe(200);
  });
});
