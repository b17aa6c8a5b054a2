// Hostile targets: a server that hangs, answers a byte a second, closes mid-body, answers HTML or
// a 200 of garbage JSON, or redirects to another host. Every command that reaches a server ends
// within its stated timeout (--timeout) with a sentence — never a hang, never a stack trace — and
// never sends the token to another origin.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hostility, hostileServer } from '../../scripts/hostile-server.mjs';
import { runCli, TOKEN_PATTERN, waitFor } from './support.js';

const TOKEN = 'sk.eyJ1IjoiYWNjdCIsImEiOiJjYWJjIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
let hostile: Awaited<ReturnType<typeof hostileServer>>;
beforeAll(async () => {
  hostile = await hostileServer();
});
afterAll(() => hostile.close());

const clear = (out: string) => {
  expect(out).not.toMatch(/\n\s+at /);
  expect(out).not.toMatch(TOKEN_PATTERN);
  expect(out).not.toContain(TOKEN);
};

describe('a run against a hostile server', () => {
  it.each<[Hostility, RegExp]>([
    ['hang', /no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s \(GET \/hang\/tokens\/v2\); --timeout sets how long to wait/],
    ['drip', /no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s \(GET \/drip\/tokens\/v2\)/],
    ['close-mid-body', /cannot reach http:\/\/127\.0\.0\.1:\d+: .+ \(GET \/close-mid-body\/tokens\/v2\)/],
    ['html', /FAIL/],
    ['garbage-json', /FAIL/],
    ['redirect', /FAIL/],
  ])('%s: ends in time with a sentence, exit 1', async (how, sentence) => {
    const started = Date.now();
    const { code, stdout, stderr } = await runCli([
      '--base-url',
      hostile.url(how),
      '--token',
      TOKEN,
      '--username',
      'acct',
      '--timeout',
      '1',
      '--only',
      'list-tokens',
      '--explore',
      '0',
    ]).done;
    expect(code).toBe(1);
    expect(stdout + stderr).toMatch(sentence);
    // The credential check and one behaviour, each request at most 1 s: far inside this bound.
    expect(Date.now() - started).toBeLessThan(20_000);
    clear(stdout + stderr);
    expect(hostile.reachedOther).toEqual([]);
  });
});

describe('the other commands against a server that hangs', () => {
  it('cleanup ends with a sentence, exit 1', async () => {
    const { code, stderr } = await runCli([
      'cleanup',
      '--base-url',
      hostile.url('hang'),
      '--token',
      TOKEN,
      '--username',
      'acct',
      '--timeout',
      '1',
    ]).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^tokens-conformance: no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s/);
    clear(stderr);
  });

  it('replay ends with a sentence, exit 1', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'r.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'tokens-conformance reproduction',
        version: 1,
        behaviour: 'explore-listScopes',
        target: 'live',
        baseUrl: hostile.url('hang'),
        username: 'acct',
        seed: 1,
        expected: 'a documented answer',
        case: { op: 'listScopes', polarity: 'positive', query: {} },
        request: { method: 'GET', url: 'x' },
        curl: 'curl',
        shrinks: 0,
      }),
    );
    const { code, stdout, stderr } = await runCli(['replay', file, '--token', TOKEN, '--timeout', '1']).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ within 1 s/);
    clear(stdout + stderr);
  });

  it.each<[Hostility, number]>([
    ['hang', 504],
    ['drip', 504],
    ['close-mid-body', 502],
    ['html', 200],
    ['garbage-json', 200],
    ['redirect', 307],
  ])('proxy in front of an upstream that answers %s: its client gets %i in time, the proxy follows nothing', async (how, status) => {
    const cli = runCli(['proxy', '--base-url', hostile.url(how), '--token', TOKEN, '--timeout', '1']);
    let stderr = '';
    cli.child.stderr.on('data', (d) => (stderr += d));
    await waitFor(() => /Checking proxy on (\S+)/.test(stderr), 30_000);
    const url = /Checking proxy on (\S+)/.exec(stderr)![1]!;
    const started = Date.now();
    const answer = await fetch(`${url}/scopes/v1/acct?access_token=${TOKEN}`, { redirect: 'manual' });
    expect(answer.status).toBe(status);
    if (status === 504) expect(await answer.text()).toMatch(/no answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
    cli.child.kill('SIGINT');
    const done = await cli.done;
    clear(done.stdout + stderr);
    // The proxy passes a redirect on; it never sends the request (and its token) to the other host.
    expect(hostile.reachedOther).toEqual([]);
  });
});
