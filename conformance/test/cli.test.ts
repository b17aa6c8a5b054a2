// The command line: usage errors exit 2 with a clear message, drift exits 1, --dry-run sends
// nothing, and a server that answers garbage gets clear failures, not stack traces.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/index.js';
import { runCli, TOKEN_PATTERN } from './support.js';

const TOKEN = 'sk.eyJ1IjoiYWNjdCIsImEiOiJjYWJjIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
let server: Server | undefined;
afterEach(() => server?.close());

async function serve(handler: RequestListener) {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('usage errors exit 2 with a clear message', () => {
  const cases: [string[], RegExp][] = [
    [['--bogus'], /^tokens-conformance: no option --bogus \(see --help\)$/m],
    [['--explore', '-3'], /^tokens-conformance: --explore needs a value; "-3" is not one it takes$/m],
    [['cleanup', '--explore', '3', '--token', TOKEN], /^tokens-conformance cleanup: cleanup does not take --explore/m],
    [['replay', 'a.json', 'b.json'], /^tokens-conformance replay: replay takes one FILE/m],
    [['--target', 'staging'], /--target takes mock, simulator or live/],
    [['--base-url', 'http://api.example.com', '--token', TOKEN], /HTTPS only/],
    [['--base-url', 'not a url', '--token', TOKEN], /is not a URL/],
    [['--base-url', 'https://api.mapbox.com'], /needs an access token: pass --token or set MAPBOX_ACCESS_TOKEN/],
    [['--report', 'xml=out.xml'], /--report takes json=FILE, junit=FILE or html=FILE/],
    [['--only', 'no-such-behaviour'], /no behaviour no-such-behaviour/],
    [['--base-url', 'https://api.mapbox.com', '--token', TOKEN, '--budget', '0'], /--budget takes a positive number/],
    [['launch'], /unknown command "launch"/],
    [['--explore', 'many'], /--explore takes a number of generated cases per operation from 0 to 1000, not "many"/],
    [['--seed', '2147483648'], /--seed takes a whole number below 2\^31, not "2147483648"/],
    [['replay'], /replay takes one FILE/],
  ];
  // Titled with the token named, not shown: test titles end up in CI logs.
  it.each(cases.map(([args, message]) => [args.join(' ').replace(TOKEN, '$TOKEN'), args, message] as const))(
    '%s',
    async (_title, args, message) => {
      const { code, stdout, stderr } = await runCli(args).done;
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      // The one sentence, then the command's synopsis and where its help is: not the whole help.
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^Usage: tokens-conformance .*--help for the options\)$/);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stderr + stdout).not.toContain(TOKEN);
    },
  );
});

describe('--help', () => {
  it.each([
    ['run', [], /^Usage: tokens-conformance \[options\]/, /--explore N/],
    ['replay', ['replay'], /^Usage: tokens-conformance replay FILE/, /--base-url URL/],
    ['cleanup', ['cleanup'], /^Usage: tokens-conformance cleanup/, /--token TOKEN/],
    ['proxy', ['proxy'], /^Usage: tokens-conformance proxy/, /--port N/],
    ['check-har', ['check-har'], /^Usage: tokens-conformance check-har FILE/, /--baseline FILE/],
  ] as const)('prints the help of %s and exits 0', async (_name, command, synopsis, flag) => {
    const { code, stdout } = await runCli([...command, '--help']).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(synopsis);
    expect(stdout).toMatch(flag);
    // Each command's help lists only the flags it takes.
    if (command.length) expect(stdout).not.toMatch(/--explore/);
  });
});

describe('a live target', () => {
  it('--dry-run lists the planned requests and sends none', async () => {
    let received = 0;
    const url = await serve((_req, res) => {
      received++;
      res.end();
    });
    const { code, stdout, stderr } = await runCli(['--base-url', url, '--token', TOKEN, '--dry-run']).done;
    expect(code).toBe(0);
    expect(received).toBe(0);
    expect(stderr).toMatch(/live: \d+ behaviours, \d+ requests .*at most 50\/min/);
    expect(stdout).toMatch(/create-subset-rule\n {2}POST \/tokens\/v2\/\{username\}/);
    expect(stdout).toMatch(/rate-limit {2}\(n\/a on this target\)/);
  });

  it('takes an empty MAPBOX_USERNAME or MAPBOX_ACCESS_TOKEN as unset (a CI file writes `VAR=`)', async () => {
    const fromToken = await runCli(['--base-url', 'https://api.mapbox.com', '--token', TOKEN, '--dry-run'], { MAPBOX_USERNAME: '' }).done;
    expect(fromToken.code, fromToken.stderr).toBe(0);
    const none = await runCli(['--base-url', 'https://api.mapbox.com', '--dry-run'], { MAPBOX_ACCESS_TOKEN: '' }).done;
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/a live target needs an access token/);
  });

  it('a server that answers garbage fails clearly (exit 1), with reproducible requests and no token', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>'));
    const { code, stdout, stderr } = await runCli(['--base-url', url, '--token', TOKEN, '--only', 'list-tokens,usage-invalid']).done;
    expect(code).toBe(1);
    expect(stdout).toMatch(/list-tokens +live +FAIL/);
    expect(stdout).toMatch(/expected application\/json, got text\/html/);
    expect(stdout).toMatch(/curl: +curl -i -X GET 'http:\/\/127\.0\.0\.1:\d+\/tokens\/v2\/acct\?access_token=sk\.…/);
    expect(stdout).toMatch(/0 passed, 2 failed/);
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
    expect(stdout + stderr).not.toMatch(TOKEN_PATTERN);
  });

  it('an unreachable server is one clear line, exit 1', async () => {
    // A port this test held and let go: nothing listens there now (fetch refuses the well-known closed ones).
    const port = await freePort();
    const { code, stderr } = await runCli(['--base-url', `http://127.0.0.1:${port}`, '--token', TOKEN]).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: ECONNREFUSED`));
    expect(stderr).not.toContain(TOKEN);
  });
});
