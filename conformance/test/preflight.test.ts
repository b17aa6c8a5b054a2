// A wrong credential is not drift: before a live run, its token is checked, and a token that cannot
// run the plan — forged, revoked, expired, public, or without a scope the run needs — stops the run
// with one sentence and exit 3, having sent only the check (counted by a server in front).
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialError, liveTarget, runTarget } from '../src/index.js';
import { type CountingFront, countingFront, runCli, TOKEN_PATTERN } from './support.js';

let sim: RunningSimulator;
let front: CountingFront;

beforeAll(async () => {
  sim = await startSimulator({ username: 'acct', rateLimit: false, log: () => {} });
  front = await countingFront(sim.url);
});
afterAll(async () => {
  await front.close();
  await sim.close();
});

/** A live run against `url` with `token` on the account "acct", unthrottled. */
const live = (url: string, token: string, ...more: string[]) =>
  runCli(['--base-url', url, '--token', token, '--username', 'acct', '--budget', '100000', ...more]).done;

const api = async (method: string, path: string, body?: unknown) => {
  const answer = await fetch(`${sim.url}${path}${path.includes('?') ? '&' : '?'}access_token=${sim.token}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await answer.text();
  return (text ? JSON.parse(text) : {}) as { id: string; token: string };
};

/** Each case: a token, and what the one sentence must say. */
const cases: [string, () => Promise<string>, RegExp][] = [
  ['a forged token', async () => `${sim.token.slice(0, -6)}AAAAAA`, /the access token is not valid: its signature does not check out/],
  [
    'a revoked token',
    async () => {
      const created = await api('POST', '/tokens/v2/acct', { note: 'to revoke', scopes: ['tokens:read', 'tokens:write', 'scopes:list'] });
      await api('DELETE', `/tokens/v2/acct/${created.id}`);
      return created.token;
    },
    /the access token has been revoked/,
  ],
  [
    'an expired token',
    async () => {
      const { token } = await api('POST', '/tokens/v2/acct', {
        expires: new Date(sim.clock.now() + 60_000).toISOString(),
        scopes: ['tokens:read'],
      });
      sim.clock.advance(120_000);
      return token;
    },
    /the access token has expired/,
  ],
  [
    'a public token',
    async () => sim.seedToken({ scopes: ['styles:read'], note: 'public' }).token,
    /a public \(pk\) token: it cannot hold tokens:read or tokens:write/,
  ],
  [
    'a token without tokens:write',
    async () => sim.seedToken({ scopes: ['tokens:read', 'scopes:list', 'styles:read'], note: 'read only' }).token,
    /the access token lacks tokens:write, which the run needs; without tokens:write, \d+ of the \d+ behaviours could not run/,
  ],
  [
    'a token without tokens:read and scopes:list',
    async () => sim.seedToken({ scopes: ['tokens:write', 'styles:read'], note: 'write only' }).token,
    /the access token lacks tokens:read, scopes:list, which the run needs/,
  ],
];

describe('a live run whose credential cannot run it', () => {
  it.each(cases)('stops on %s: one sentence, exit 3, nothing sent but the check', async (_name, tokenOf, sentence) => {
    const token = await tokenOf();
    front.seen.length = 0;
    const { code, stdout, stderr } = await live(front.url, token);
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(sentence);
    expect(stderr).toContain('Nothing else was sent.');
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(TOKEN_PATTERN);
    // The check: the token itself, then one request per scope (and the delete of what it created).
    expect(front.seen.length).toBeGreaterThanOrEqual(1);
    expect(front.seen.length).toBeLessThanOrEqual(5);
    expect(front.seen[0]).toBe('GET /tokens/v2');
    // Nothing tagged is left behind by the check.
    expect([...sim.state.accounts.get('acct')!.tokens.values()].filter((t) => t.note.includes('preflight'))).toEqual([]);
  });

  it('throws a CredentialError from the library, before any behaviour', async () => {
    const token = sim.seedToken({ scopes: ['tokens:read', 'scopes:list'], note: 'read only' }).token;
    front.seen.length = 0;
    const target = liveTarget({ baseUrl: front.url, token, username: 'acct', budget: 100000 });
    const error = await runTarget(target, { explore: { seed: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).check.missingScopes).toEqual(['tokens:write']);
    expect(front.seen.length).toBeLessThanOrEqual(5);
  });

  it('takes an undocumented retrieve code for drift, not for a bad credential: the run goes on and reports it', async () => {
    const server = createServer((req, res) => {
      req.resume();
      const body = req.url?.startsWith('/tokens/v2?') ? { code: 'Valid', token: { usage: 'sk', user: 'acct', authorization: 'cabc' } } : [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { code, stdout, stderr } = await live(url, sim.token, '--only', 'retrieve-token', '--explore', '0');
      expect(code, stderr).toBe(1);
      expect(stderr).not.toMatch(/Nothing else was sent/);
      expect(stdout).toMatch(/retrieve-token .*FAIL/);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('lets a token that can run it through', async () => {
    front.seen.length = 0;
    const { code, stderr } = await live(front.url, sim.token, '--only', 'list-tokens', '--explore', '0');
    expect(code, stderr).toBe(0);
    // The check (5), the behaviour (1), the sweep (1).
    expect(front.seen).toHaveLength(7);
  });
});
