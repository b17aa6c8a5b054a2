// The simulator under clients that misbehave or crowd it: a body that never ends does not hold a
// socket past the request timeout; a thousand connections at once are all answered and the process
// stays up; a pagination walk while tokens are being created sees no token twice and skips none
// that existed before it began.
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ username: 'crowd', rateLimit: false, log: () => {}, requestTimeoutMs: 500 });
});
afterAll(() => sim.close());

const api = (path: string, init?: RequestInit) =>
  fetch(`${sim.url}${path}${path.includes('?') ? '&' : '?'}access_token=${sim.token}`, init);

it('cuts off a request body that never ends, within its request timeout', async () => {
  const { port } = new URL(sim.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  let answer = '';
  socket.on('data', (d) => (answer += d));
  // Headers promise 100 bytes; 5 come, then nothing.
  socket.write(
    `POST /tokens/v2/crowd?access_token=${sim.token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sco`,
  );
  await new Promise((resolve) => socket.once('close', resolve));
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  // The simulator goes on serving.
  expect((await api('/scopes/v1/crowd')).status).toBe(200);
});

it('answers a thousand connections at once, and stays up', async () => {
  const statuses = await Promise.all(
    Array.from({ length: 1000 }, () =>
      api('/scopes/v1/crowd').then(
        (r) => r.status,
        () => 'refused',
      ),
    ),
  );
  const served = statuses.filter((s) => s === 200).length;
  console.log(`a thousand connections at once: ${served} answered 200, ${statuses.length - served} refused at the socket`);
  // Served, or refused cleanly at the socket: never a 5xx, never a hang.
  expect(statuses.every((s) => s === 200 || s === 'refused')).toBe(true);
  expect(served).toBeGreaterThan(900);
  expect((await api('/scopes/v1/crowd')).status).toBe(200);
}, 60_000);

it('walks every page while tokens are created: no token twice, none that existed before skipped', async () => {
  for (let i = 0; i < 12; i++) sim.seedToken({ username: 'crowd', scopes: ['styles:read'], note: `before ${i}` });
  const before = new Set([...sim.state.accounts.get('crowd')!.tokens.keys()]);
  let creating = true;
  const creator = (async () => {
    for (let i = 0; creating && i < 200; i++)
      await api('/tokens/v2/crowd', {
        method: 'POST',
        body: JSON.stringify({ note: `during ${i}`, scopes: ['styles:read'] }),
        headers: { 'content-type': 'application/json' },
      });
  })();
  const seen: string[] = [];
  let query = 'limit=2';
  for (let page = 0; page < 500; page++) {
    const answer = await api(`/tokens/v2/crowd?${query}`);
    expect(answer.status).toBe(200);
    seen.push(...((await answer.json()) as { id: string }[]).map((t) => t.id));
    const next = /<([^>]+)>;\s*rel="next"/.exec(answer.headers.get('link') ?? '')?.[1];
    if (!next) break;
    query = new URL(next).searchParams.toString();
  }
  creating = false;
  await creator;
  expect(new Set(seen).size).toBe(seen.length);
  expect([...before].filter((id) => !seen.includes(id))).toEqual([]);
}, 60_000);
