// check-har: a HAR file's traffic checked offline with the kit's validator and classification —
// known drift named, new drift failing with its curl line, coverage reached, no token printed.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TOKEN_PATTERN } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'tokens-conformance-har-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const TOKEN = 'sk.eyJ1IjoiYWNjdCIsImEiOiJjaGFyIn0.c2lnbmF0dXJlLWhhci1maWxl';
const API = 'https://api.mapbox.com';
const json = [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }];

const entry = (method: string, path: string, status: number, body: unknown, headers = json, postData?: unknown) => ({
  startedDateTime: '2026-12-01T12:00:00.000Z',
  time: 12,
  request: {
    method,
    url: `${API}${path}${path.includes('?') ? '&' : '?'}access_token=${TOKEN}`,
    headers: [],
    ...(postData ? { postData: { mimeType: 'application/json', text: JSON.stringify(postData) } } : {}),
  },
  response: { status, headers, content: { mimeType: 'application/json', text: JSON.stringify(body) } },
});
const scopes = [{ id: 'styles:read', description: 'Read styles.', public: true }];
const har = (entries: unknown[]) => {
  const file = join(scratch, `t${Math.random().toString(36).slice(2)}.har`);
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
  return file;
};

describe('tokens-conformance check-har FILE', () => {
  it('passes traffic that conforms, and says what it covered', async () => {
    const { code, stdout } = await runCli(['check-har', har([entry('GET', '/scopes/v1/acct', 200, scopes)])]).done;
    expect(stdout).toMatch(/1 exchange\(s\) checked: 1 as documented, 0 new drift, 0 known drift\./);
    expect(stdout).toMatch(/har: 1\/29 operation × status/);
    expect(code).toBe(0);
  });

  it('names known drift by its register entry, and fails new drift with a curl line', async () => {
    const file = har([
      entry('GET', '/scopes/v1/acct', 404, { message: 'Not Found' }),
      entry('POST', '/tokens/v2/acct', 200, { token: 1 }, json, { scopes: [], expires: '2026-12-01T12:30:00Z' }),
    ]);
    const { code, stdout, stderr } = await runCli(['check-har', file]).done;
    expect(stdout).toMatch(/2 exchange\(s\) checked: 0 as documented, 1 new drift, 1 known drift\./);
    expect(stdout).toMatch(/known drift not-found-message-case/);
    expect(stdout).toMatch(/1 × POST \/tokens\/v2\/acct: a response as the spec documents it for createToken 200/);
    expect(stdout).toMatch(/curl: +curl -i -X POST .*access_token=sk\.…/);
    expect(code).toBe(1);
    expect(stdout + stderr).not.toMatch(TOKEN_PATTERN);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it('refuses a file that is not a HAR, clearly', async () => {
    const bad = join(scratch, 'bad.har');
    writeFileSync(bad, '{"entries": []}');
    const { code, stderr } = await runCli(['check-har', bad]).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(/not a HAR file \(no log\.entries\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['cut short', (file: string) => writeFileSync(file, '{"log":{"entries":[{"request":'), /cannot read it \(not JSON, or cut short: /],
    ['not JSON', (file: string) => writeFileSync(file, 'hello'), /cannot read it \(not JSON, or cut short: /],
    // Sparse: 120 MB on paper, nothing on disk.
    [
      'huge',
      (file: string) => {
        writeFileSync(file, '');
        truncateSync(file, 120 * 2 ** 20);
      },
      /it is 120 MB; check-har reads HAR files up to 100 MB/,
    ],
  ] as const)('refuses a HAR file that is %s, in one sentence, exit 2', async (_name, make, message) => {
    const file = join(scratch, `${_name.replace(/\W/g, '-')}.har`);
    make(file);
    const { code, stderr } = await runCli(['check-har', file]).done;
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
