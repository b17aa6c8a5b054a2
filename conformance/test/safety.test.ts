// Safe on a real account: against a simulator that plays the live API, holding tokens the suite
// did not create, a run — finished, interrupted, or killed and followed by `cleanup` — leaves
// those tokens byte-identical and none of its own behind, and never prints a token.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSuiteToken } from '../src/index.js';
import { runCli, TOKEN_PATTERN, waitFor } from './support.js';

let sim: RunningSimulator;
let others: () => string;
const suiteTokens = () => [...sim.state.accounts.get('acct')!.tokens.values()].filter((t) => isSuiteToken(t.note));

beforeEach(async () => {
  sim = await startSimulator({ username: 'acct', rateLimit: false, log: () => {} });
  sim.seedToken({ scopes: ['styles:read', 'fonts:read'], note: 'production website', allowedUrls: ['https://example.com'] });
  sim.seedToken({ scopes: ['uploads:write', 'styles:read'], note: 'CI uploads' });
  sim.seedToken({ scopes: [], note: 'tokens-conformance is in this note, but not as the tag' });
  // Everything but the suite's own tokens, as stored: ids, scopes, notes, timestamps, tokens.
  others = () => JSON.stringify([...sim.state.accounts.get('acct')!.tokens.values()].filter((t) => !isSuiteToken(t.note)));
});
afterEach(() => sim.close());

const live = () => ['--base-url', sim.url, '--budget', '100000'];
const scratch = mkdtempSync(join(tmpdir(), 'conformance-safety-'));
let pauses = 0;
/** A file of this test's own for the run's pause hook (it does not exist until the run pauses). */
const pauseFile = () => join(scratch, `pause-${++pauses}`);

describe('against an account with tokens of its own', () => {
  it('a full run conforms, deletes all it created, leaves the rest byte-identical, and prints no token', async () => {
    const before = others();
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    const { code, stdout, stderr } = await runCli(
      [...live(), '--report', `json=${join(dir, 'r.json')}`, '--report', `junit=${join(dir, 'r.xml')}`],
      { MAPBOX_ACCESS_TOKEN: sim.token },
    ).done;
    expect(code, stdout + stderr).toBe(0);
    expect(others()).toBe(before);
    expect(suiteTokens()).toEqual([]);
    expect(stderr).toMatch(/live: \d+ behaviours, \d+ requests/);
    for (const text of [stdout, stderr, readFileSync(join(dir, 'r.json'), 'utf8'), readFileSync(join(dir, 'r.xml'), 'utf8')]) {
      expect(text).not.toMatch(TOKEN_PATTERN);
      expect(text).not.toContain(sim.token);
    }
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(report.summary.fail).toBe(0);
    expect(report.results.find((r: { id: string }) => r.id === 'rate-limit').status).toBe('n/a');
  }, 60_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s midway stops the run and deletes what it created',
    async (signal, exitCode) => {
      const before = others();
      // The run pauses at a known point — its first behaviour's token created — and is stopped there.
      const pause = pauseFile();
      const { child, done } = runCli([...live(), '--token', sim.token], { TOKENS_CONFORMANCE_TEST_PAUSE_FILE: pause });
      await waitFor(() => existsSync(pause));
      expect(suiteTokens().length).toBeGreaterThan(0);
      child.kill(signal);
      const { code, stdout, stderr } = await done;
      expect(code).toBe(exitCode);
      expect(suiteTokens()).toEqual([]);
      expect(others()).toBe(before);
      expect(stdout + stderr).not.toMatch(TOKEN_PATTERN);
    },
    60_000,
  );

  it('after a run killed midway, cleanup removes its leftovers and nothing else', async () => {
    const before = others();
    // Killed while paused with a token of its own on the account: something is always left to clean up.
    const pause = pauseFile();
    const { child, done } = runCli([...live(), '--token', sim.token], { TOKENS_CONFORMANCE_TEST_PAUSE_FILE: pause });
    await waitFor(() => existsSync(pause));
    child.kill('SIGKILL');
    await done;
    expect(suiteTokens().length).toBeGreaterThan(0);
    const cleanup = await runCli(['cleanup', '--base-url', sim.url, '--token', sim.token]).done;
    expect(cleanup.code, cleanup.stderr).toBe(0);
    expect(cleanup.stdout).toMatch(/deleted \d+ left by earlier conformance runs/);
    expect(suiteTokens()).toEqual([]);
    expect(others()).toBe(before);
  }, 60_000);
});

describe('the embedded targets', () => {
  /** The run's Prism mock: the child process it launched (engine/prism-process.ts). */
  const prismOf = (pid: number) =>
    execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('prism-process'))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it.each(['SIGINT', 'SIGKILL'] as const)(
    'a default run stopped by %s leaves no Prism behind',
    async (signal) => {
      // Paused at its first created token, the run has launched its Prism (before it planned).
      const pause = pauseFile();
      const { child, done } = runCli([], { TOKENS_CONFORMANCE_TEST_PAUSE_FILE: pause });
      await waitFor(() => existsSync(pause));
      const [prism] = prismOf(child.pid!);
      expect(prism, 'the run launched its Prism mock').toBeGreaterThan(0);
      child.kill(signal);
      await done;
      // Killed outright, the run cannot stop it: Prism notices its parent gone (its stdin closes).
      await waitFor(() => !alive(prism!));
    },
    60_000,
  );
});
