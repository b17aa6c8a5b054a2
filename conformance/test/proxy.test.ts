// Passive mode: the proxy in front of a server checks any client's traffic with the kit's own
// validator and classification and summarises it on Ctrl-C, with the coverage the traffic reached
// (exit 1 on new drift); check-har does the same offline for a HAR file.
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli, TOKEN_PATTERN, waitFor } from './support.js';

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSimulator({ username: 'px', rateLimit: false, log: () => {} });
});
afterEach(() => sim.close());

async function throughProxy(paths: string[]) {
  // The proxy picks a free port itself and says which: no port is chosen here and raced for.
  const cli = runCli(['proxy', '--base-url', sim.url, '--token', sim.token]);
  let stderr = '';
  cli.child.stderr.on('data', (d) => (stderr += d));
  await waitFor(() => /Checking proxy on (\S+)/.test(stderr), 30_000);
  const url = /Checking proxy on (\S+)/.exec(stderr)![1]!;
  const statuses = [];
  for (const path of paths) statuses.push((await fetch(`${url}${path}${path.includes('?') ? '&' : '?'}access_token=${sim.token}`)).status);
  cli.child.kill('SIGINT');
  return { statuses, ...(await cli.done) };
}

it('passes conforming traffic through and reports no violation', async () => {
  const { statuses, code, stdout } = await throughProxy(['/tokens/v2/px', '/scopes/v1/px']);
  expect(statuses).toEqual([200, 200]);
  expect(stdout).toMatch(/2 request\(s\) proxied\./);
  expect(stdout).toMatch(/2 exchange\(s\) checked: 2 as documented, 0 new drift, 0 known drift\./);
  expect(stdout).toMatch(/proxied: 2\/29 operation × status/);
  expect(code).toBe(0);
}, 60_000);

it('reports a request that breaks the contract, without printing the token', async () => {
  const { code, stdout, stderr } = await throughProxy(['/tokens/v2/px', '/tokens/v2/px?usage=tk']);
  expect(stdout).toMatch(/2 exchange\(s\) checked: 1 as documented, 1 new drift, 0 known drift\./);
  expect(stdout).toMatch(
    /1 × GET \/tokens\/v2\/px: a request as the spec documents it: query usage=tk must be equal to one of the allowed values/,
  );
  expect(stdout).toMatch(/curl: +curl -i -X GET /);
  expect(code).toBe(1);
  expect(stdout + stderr).not.toMatch(TOKEN_PATTERN);
}, 60_000);

it('reports a request to a path the spec does not document', async () => {
  const { code, stdout } = await throughProxy(['/tokens/v2', '/nowhere']);
  expect(stdout).toMatch(/2 exchange\(s\) checked: 1 as documented, 1 new drift/);
  expect(stdout).toMatch(/GET \/nowhere: a documented operation: the spec has no GET \/nowhere/);
  expect(code).toBe(1);
}, 60_000);
