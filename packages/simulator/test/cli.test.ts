// The command line: one line of JSON on stdout, usage errors exit 2, signals stop it cleanly.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal, stdout, stderr }));
  return { child, exited, stdout: () => stdout };
}

describe('tokens-simulator CLI', () => {
  it('plays the observed profile with --profile observed, and says so', async () => {
    const { child, exited, stdout } = run(['--port', '0', '--profile', 'observed']);
    while (!stdout().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const info = JSON.parse(stdout().split('\n')[0]!);
    const unauthorized = await fetch(`${info.url}/tokens/v2/${info.username}`);
    expect(await unauthorized.json()).toEqual({ message: 'Not Authorized - Invalid Token' });
    child.kill('SIGTERM');
    expect((await exited).stderr).toContain('profile observed');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('prints one JSON line, serves, and stops on %s', async (signal) => {
    const { child, exited, stdout } = run(['--port', '0', '--username', 'cli-user', '--rate-limit', 'off']);
    while (!stdout().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const lines = stdout().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const info = JSON.parse(lines[0]!);
    expect(Object.keys(info)).toEqual(['url', 'username', 'token']);
    expect(info).toMatchObject({
      username: 'cli-user',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      token: expect.stringMatching(/^sk\./),
    });
    const scopes = await fetch(`${info.url}/scopes/v1/cli-user?access_token=${info.token}`);
    expect(scopes.status).toBe(200);
    child.kill(signal);
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['--bogus'], /no option --bogus/],
    [['--port', '-3'], /--port needs a value; "-3" is not one it takes/],
    [['--port', 'eighty'], /--port takes a non-negative integer/],
    [['--port', '70000'], /at most 65535/],
    [['--rate-limit', 'lots'], /--rate-limit takes a positive integer/],
    [['--username', 'a b'], /--username takes letters/],
    [['--profile', 'live'], /--profile takes documented or observed, not "live"/],
    [['--admin-secret', 'a-secret-of-sixteen-characters'], /--admin-secret goes with --admin/],
    [['--admin', '--admin-secret', 'short'], /--admin-secret must be at least 16 characters/],
  ])('refuses %j with exit 2 and a clear message, no stack trace', async (args, message) => {
    const result = await run(args).exited;
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    // One sentence and the synopsis, which names every option; the options' help is on --help.
    const [sentence, ...rest] = result.stderr.trimEnd().split('\n');
    expect(sentence).toMatch(/^tokens-simulator: /);
    expect(rest.join('\n')).toMatch(/^Usage: tokens-simulator/);
    expect(rest.at(-1)).toBe('(tokens-simulator --help for the options)');
    expect(rest).toHaveLength(3);
  });

  it('--help prints every option, each in the synopsis, and exits 0', async () => {
    const result = await run(['--help']).exited;
    expect(result.code).toBe(0);
    const options = [...result.stdout.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]!);
    expect(options.length).toBeGreaterThanOrEqual(10);
    const synopsis = result.stdout.slice(0, result.stdout.indexOf('\n\n'));
    for (const option of options) expect(synopsis).toContain(`[${option}`);
  });

  it('says when the port is taken, exit 1', async () => {
    const first = run(['--port', '0']);
    while (!first.stdout().includes('\n')) await new Promise((r) => setTimeout(r, 20));
    const port = new URL(JSON.parse(first.stdout()).url).port;
    const second = await run(['--port', port]).exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(`port ${port} is in use`);
    first.child.kill('SIGTERM');
    await first.exited;
  });
});
