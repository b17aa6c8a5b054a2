// Passive mode: Prism's validation proxy in front of a server checks any client's traffic and
// summarises the violations on Ctrl-C (exit 1 when there were any).
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { freePort } from '../src/index.js';
import { runCli, TOKEN_PATTERN, waitFor } from './support.js';

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ username: 'px', rateLimit: false, log: () => {} });
});
afterEach(() => sim.close());

async function throughProxy(paths: string[]) {
  const port = await freePort();
  const cli = runCli(['proxy', '--base-url', sim.url, '--token', sim.token, '--port', String(port)]);
  let stderr = '';
  cli.child.stderr.on('data', (d) => (stderr += d));
  await waitFor(() => stderr.includes('Validating proxy'), 30_000);
  const statuses = [];
  for (const path of paths)
    statuses.push((await fetch(`http://127.0.0.1:${port}${path}${path.includes('?') ? '&' : '?'}access_token=${sim.token}`)).status);
  cli.child.kill('SIGINT');
  return { statuses, ...(await cli.done) };
}

it('passes conforming traffic through and reports no violation', async () => {
  const { statuses, code, stdout } = await throughProxy(['/tokens/v2/px', '/scopes/v1/px']);
  expect(statuses).toEqual([200, 200]);
  expect(stdout).toMatch(/2 request\(s\) proxied; 0 contract violation\(s\)/);
  expect(code).toBe(0);
}, 60_000);

it('reports a request that breaks the contract, without printing the token', async () => {
  const { code, stdout, stderr } = await throughProxy(['/tokens/v2/px', '/tokens/v2/px?usage=tk']);
  expect(stdout).toMatch(/2 request\(s\) proxied; 1 contract violation\(s\)/);
  expect(stdout).toMatch(/usage must be equal to one of the allowed values: pk, sk/);
  expect(code).toBe(1);
  expect(stdout + stderr).not.toMatch(TOKEN_PATTERN);
}, 60_000);
