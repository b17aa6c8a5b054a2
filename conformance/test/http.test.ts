// The engine's HTTP on a shared account: a 429 it did not ask for slows the whole run (half the
// pace), not only the request it retries; and a run never sends more than it stated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_BUDGET, DOCUMENTED_RATE_LIMIT, liveTarget, OverBudgetError, TargetHttp } from '../src/index.js';

const answers = (...statuses: number[]) => {
  let i = 0;
  return (async () =>
    new Response(statuses[i++] === 429 ? '{"message":"Too Many Requests"}' : '[]', {
      status: statuses[i - 1],
      headers: { 'content-type': 'application/json', ...(statuses[i - 1] === 429 ? { 'retry-after': '0' } : {}) },
    })) as typeof fetch;
};

describe('a live run on an account production shares', () => {
  it('defaults to half the documented limit', () => {
    expect(DEFAULT_LIVE_BUDGET).toBe(DOCUMENTED_RATE_LIMIT / 2);
    expect(liveTarget({ baseUrl: 'https://api.mapbox.com', username: 'u', token: 't' }).budget).toBe(50);
  });

  it('halves its pace for the rest of the run when the account answers 429', async () => {
    const http = new TargetHttp({ baseUrl: 'https://api.mapbox.com', budget: 50, fetch: answers(200, 429, 200, 429, 200) });
    const send = () => http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' });
    expect((await send()).status).toBe(200);
    expect(http.budget).toBe(50);
    expect((await send()).status).toBe(200);
    expect(http.budget).toBe(25);
    expect((await send()).status).toBe(200);
    expect(http.budget).toBe(12);
  });

  it('says how long it waits, and why', async () => {
    const said: string[] = [];
    let i = 0;
    const fetch = (async () =>
      i++ === 0
        ? new Response('{"message":"Too Many Requests"}', { status: 429, headers: { 'retry-after': '2' } })
        : new Response('[]', { status: 200 })) as typeof globalThis.fetch;
    const http = new TargetHttp({ baseUrl: 'https://api.mapbox.com', budget: 50, fetch, onWait: (line) => said.push(line) });
    await http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' });
    expect(said).toEqual(["waiting 2 s: https://api.mapbox.com answered 429 Too Many Requests; the run's pace is now 25 a minute"]);
  });

  it('leaves the pace alone on a 429 it asked for (the rate-limit probe)', async () => {
    const http = new TargetHttp({ baseUrl: 'https://api.mapbox.com', budget: 50, fetch: answers(429) });
    expect((await http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' }, true)).status).toBe(429);
    expect(http.budget).toBe(50);
  });

  it('refuses to send past the "at most" the run stated', async () => {
    const http = new TargetHttp({ baseUrl: 'https://api.mapbox.com', maxRequests: 2, fetch: answers(200, 200, 200) });
    await http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' });
    await http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' });
    await expect(http.send({ method: 'GET', path: '/scopes/v1/u', token: 't' })).rejects.toThrow(OverBudgetError);
    expect(http.sent).toBe(2);
  });
});
