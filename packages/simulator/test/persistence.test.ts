// State that survives a restart: --state FILE is written atomically after each change and loaded at
// start — the same tokens, revocations and master token, still valid — and a corrupt or foreign
// file is a clear error, never a silently empty simulator.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, StateFileError } from '../src/index.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'tokens-simulator-state-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const call = (sim: ReturnType<typeof createSimulator>, method: string, path: string, body?: unknown) =>
  sim.fetch(`https://api.mapbox.com${path}${path.includes('?') ? '&' : '?'}access_token=${sim.token}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('a state file', () => {
  it('keeps accounts, tokens, revocations and the master token across a restart, the tokens still valid', async () => {
    const file = join(scratch, 'state.json');
    const first = createSimulator({ username: 'team', rateLimit: false, stateFile: file, log: () => {} });
    const kept = (await (await call(first, 'POST', '/tokens/v2/team', { note: 'kept', scopes: ['styles:read'] })).json()) as {
      id: string;
      token: string;
    };
    const gone = (await (await call(first, 'POST', '/tokens/v2/team', { note: 'gone', scopes: ['styles:read'] })).json()) as {
      id: string;
      token: string;
    };
    await call(first, 'DELETE', `/tokens/v2/team/${gone.id}`);
    first.seedToken({ username: 'other', scopes: ['styles:read'], note: 'seeded' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(scratch).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = createSimulator({ username: 'ignored', stateFile: file, rateLimit: false, log: () => {} });
    expect(second.token).toBe(first.token);
    expect(second.username).toBe('team');
    const listed = (await (await call(second, 'GET', '/tokens/v2/team')).json()) as { note: string }[];
    expect(listed.map((t) => t.note)).toEqual(expect.arrayContaining(['kept']));
    expect(listed.map((t) => t.note)).not.toContain('gone');
    const retrieve = async (token: string) =>
      (await (await second.fetch(`https://api.mapbox.com/tokens/v2?access_token=${token}`)).json()) as { code: string };
    expect(await retrieve(kept.token)).toMatchObject({ code: 'TokenValid' });
    expect(await retrieve(gone.token)).toMatchObject({ code: 'TokenRevoked' });
    expect(second.state.accounts.get('other')?.tokens.size).toBe(2);
  });

  it('is started when it does not exist yet', () => {
    const file = join(scratch, 'new.json');
    createSimulator({ stateFile: file, log: () => {} });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kind: 'tokens-simulator state', version: 1 });
  });

  it.each([
    ['corrupt (not JSON)', '{"kind": "tokens-simulator state", ', /is corrupt \(not JSON/],
    ['foreign', '{"name": "some other tool"}', /is not a tokens-simulator state file; refusing to overwrite it/],
    [
      'of the right kind but broken',
      '{"kind": "tokens-simulator state", "version": 1, "secret": "s", "username": "u", "masterTokenId": "m", "counter": 0, "accounts": [{"username": "u"}]}',
      /is corrupt \(\/accounts\/0 must have required property/,
    ],
  ])('refuses a %s file with a clear error, and leaves it as it was', (_name, content, message) => {
    const file = join(scratch, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    expect(() => createSimulator({ stateFile: file, log: () => {} })).toThrow(StateFileError);
    expect(() => createSimulator({ stateFile: file, log: () => {} })).toThrow(message);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('on the command line: a corrupt file is exit 1 with a one-line reason, no stack trace', async () => {
    const file = join(scratch, 'cli-bad.json');
    writeFileSync(file, 'not json');
    const result = await promisify(execFile)(process.execPath, [cli, '--state', file]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^tokens-simulator: state file .* is corrupt \(not JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(file)).toBe(true);
  });

  it.each([
    ['a directory', () => mkdtempSync(join(scratch, 'dir-')), /^tokens-simulator: state file .* is a directory: give the path of a file/],
    [
      'a path whose folder does not exist',
      () => join(scratch, 'no', 'such', 'folder', 'state.json'),
      /^tokens-simulator: cannot write the state file .*: its folder .*folder does not exist$/m,
    ],
  ] as const)('on the command line: %s is exit 1 with that said in words', async (_name, path, message) => {
    const result = await promisify(execFile)(process.execPath, [cli, '--state', path(), '--port', '0']).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/ENOENT|\.tmp|\n\s+at /);
  });
});
