// Faults a team injects: per operation or every one, for the next N calls or a fraction of calls —
// a status with its documented body, a delay, a dropped connection, a malformed body — from code
// and from a --faults file, refused with a clear message when they do not make sense.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, FaultError, startSimulator } from '../src/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tokens-simulator-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fresh = () => createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
const list = (sim: ReturnType<typeof fresh>) => sim.fetch(`https://api.mapbox.com/tokens/v2/alice?access_token=${sim.token}`);
const scopes = (sim: ReturnType<typeof fresh>) => sim.fetch(`https://api.mapbox.com/scopes/v1/alice?access_token=${sim.token}`);

describe('faults from code', () => {
  it('answers a status with its documented body for the next N calls of one operation, then as usual', async () => {
    const sim = fresh();
    sim.faults.add({ operation: 'listTokens', status: 429, times: 2 });
    for (let i = 0; i < 2; i++) {
      const refused = await list(sim);
      expect(refused.status).toBe(429);
      expect(await refused.json()).toEqual({ message: 'Too Many Requests' });
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.headers.get('x-rate-limit-limit')).toBe('100');
    }
    expect((await scopes(sim)).status).toBe(200);
    expect((await list(sim)).status).toBe(200);
    expect(sim.faults.list()).toEqual([]);
  });

  it('answers a 5xx, drops the connection, or sends a body that is not JSON', async () => {
    const sim = fresh();
    sim.faults.add({ operation: 'listScopes', status: 503, times: 1 });
    const unavailable = await scopes(sim);
    expect([unavailable.status, await unavailable.json()]).toEqual([503, { message: 'Service Unavailable' }]);
    sim.faults.add({ operation: '*', drop: true, times: 1 });
    await expect(list(sim)).rejects.toMatchObject({ name: 'TypeError', cause: { code: 'ECONNRESET' } });
    sim.faults.add({ operation: 'listTokens', malformed: true, times: 1 });
    const malformed = await list(sim);
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
  });

  it('delays an answer, and applies to a fraction of calls', async () => {
    const sim = fresh();
    const id = sim.faults.add({ operation: 'listScopes', delayMs: 150 });
    const started = Date.now();
    expect((await scopes(sim)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.faults.clear(id);
    sim.faults.add({ operation: 'listScopes', status: 500, rate: 0.5 });
    let refused = 0;
    for (let i = 0; i < 400; i++) if ((await scopes(sim)).status === 500) refused++;
    expect(refused).toBeGreaterThan(140);
    expect(refused).toBeLessThan(260);
  });

  it('drops the connection over HTTP as well', async () => {
    const sim = await startSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    try {
      sim.faults.add({ operation: 'listScopes', drop: true, times: 1 });
      await expect(fetch(`${sim.url}/scopes/v1/alice?access_token=${sim.token}`)).rejects.toThrow(TypeError);
      expect((await fetch(`${sim.url}/scopes/v1/alice?access_token=${sim.token}`)).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it.each([
    [{ operation: 'listTokens' }, /needs exactly one effect/],
    [{ operation: 'listTokens', status: 503, drop: true }, /needs exactly one effect/],
    [{ operation: 'noSuchOperation', status: 503 }, /operation must be equal to one of the allowed values \(\*, listTokens/],
    [{ operation: 'listTokens', status: 200 }, /status must be >= 400/],
    [{ operation: 'listTokens', status: 503, rate: 2 }, /rate must be <= 1/],
    [{ operation: 'listTokens', drop: true, colour: 'red' }, /must NOT have additional properties/],
  ])('refuses %j with a clear message', (fault, message) => {
    expect(() => fresh().faults.add(fault as never)).toThrow(FaultError);
    expect(() => fresh().faults.add(fault as never)).toThrow(message);
  });
});

describe('--faults FILE', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [cli, ...args]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );

  it('applies the faults of a valid file', async () => {
    const file = join(scratch, 'valid.json');
    writeFileSync(file, JSON.stringify({ faults: [{ operation: 'listScopes', status: 503, times: 1 }] }));
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [cli, '--port', '0', '--username', 'alice', '--faults', file]);
    try {
      const line = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
      const info = JSON.parse(line.split('\n')[0]!);
      expect((await fetch(`${info.url}/scopes/v1/alice?access_token=${info.token}`)).status).toBe(503);
      expect((await fetch(`${info.url}/scopes/v1/alice?access_token=${info.token}`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it.each([
    ['a file that is not there', undefined, /--faults .*missing\.json: cannot read it \(no such file\)/],
    ['a file that is not JSON', '{ faults: nope', /: not JSON/],
    ['JSON that is not a fault list', '{"fault": []}', /expected \{"faults": \[\.\.\.\]\} or an array of faults/],
    [
      'a fault that makes no sense',
      '{"faults": [{"operation": "listTokens", "status": 503}, {"operation": "listTokens"}]}',
      /faults\[1\]: needs exactly one effect/,
    ],
  ])('refuses %s with exit 2 and a clear message', async (_name, content, message) => {
    const file = join(scratch, content === undefined ? 'missing.json' : `faults-${Math.random().toString(36).slice(2)}.json`);
    if (content !== undefined) writeFileSync(file, content);
    const { code, stderr } = await run(['--faults', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
