// The suite against the API as Mapbox is observed to run it: the simulator's observed profile, as a
// live target at its URL. Every simulable entry of the register is reported as known drift with its
// evidence and the run passes; --strict fails it; a deviation outside the register fails it, named
// as new; a team's baseline accepts its own findings and reports them gone once fixed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { deviations } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMutantProxy } from './mutant-proxy.js';
import { mutants } from './mutants.js';
import { runCli, TOKEN_PATTERN } from './support.js';

const simulable = deviations.filter((d) => 'exhibits' in d.simulate);
const notSimulable = deviations.filter((d) => 'notSimulable' in d.simulate);
const scratch = mkdtempSync(join(tmpdir(), 'tokens-conformance-observed-'));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ profile: 'observed', username: 'observed', rateLimit: false, log: () => {} });
});
afterAll(async () => {
  await sim?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const live = (url: string, ...more: string[]) => runCli(['--base-url', url, '--token', sim.token, '--budget', '100000', ...more]).done;

describe('the observed profile as a live target', () => {
  it('passes, reporting every simulable register entry as known drift with its evidence', async () => {
    const json = join(scratch, 'report.json');
    const junit = join(scratch, 'junit.xml');
    const { code, stdout, stderr } = await live(sim.url, '--report', `json=${json}`, '--report', `junit=${junit}`);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^\d+ passed, 0 failed, \d+ known drift/m);
    for (const d of simulable) {
      expect(stdout).toContain(`  ${d.id}: ${d.title}`);
      expect(stdout).toContain(d.evidence[0]!.url);
    }
    // What the simulator cannot play is what the run could not see: the register can be pruned by this.
    expect(stdout).toContain(`Register entries not seen in this run: ${notSimulable.map((d) => d.id).join(', ')}`);

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.drift.known.map((k: { id: string }) => k.id).sort()).toEqual(simulable.map((d) => d.id).sort());
    expect(report.drift.notSeen.sort()).toEqual(notSimulable.map((d) => d.id).sort());
    const findings = report.results.flatMap((r: { findings: { class: string }[] }) => r.findings);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f: { class: string }) => f.class === 'known')).toBe(true);
    // A behaviour with known drift is never a pass: in JUnit it is skipped, saying which.
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<skipped\/>\s*<properties>\s*<property name="known-drift" value="unauthorized-message-varies: /);
    expect(xml).not.toMatch(/<failure/);
    for (const text of [stdout, stderr, JSON.stringify(report), xml]) expect(text).not.toMatch(TOKEN_PATTERN);
  }, 120_000);

  it('fails with --strict, on the known drift itself', async () => {
    const { code, stdout } = await live(sim.url, '--strict', '--only', 'unauthorized-no-token,list-tokens');
    expect(code).toBe(1);
    expect(stdout).toMatch(/unauthorized-no-token +live +FAIL/);
    expect(stdout).toContain('(known drift: unauthorized-message-varies)');
  }, 60_000);

  it('fails on a deviation outside the register, naming it as new', async () => {
    const renamed = mutants.find((m) => m.id === 'renamed-field')!;
    const proxy = await startMutantProxy(sim, renamed);
    try {
      const { code, stdout } = await live(proxy.url, '--only', 'update-token-applies,unauthorized-no-token');
      expect(code).toBe(1);
      expect(stdout).toMatch(/update-token-applies +live +FAIL/);
      expect(stdout).toContain('allowedUrls is undefined');
      expect(stdout).not.toMatch(/allowed_urls[^\n]*known drift/);
      // The known drift of the same run is still told apart.
      expect(stdout).toMatch(/unauthorized-no-token +live +KNOWN/);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('a team baseline', () => {
  it('accepts the findings --update-baseline wrote, and reports them gone once the server is fixed', async () => {
    const baseline = join(scratch, 'baseline.json');
    const renamed = mutants.find((m) => m.id === 'renamed-field')!;
    const proxy = await startMutantProxy(sim, renamed);
    try {
      const written = await live(proxy.url, '--only', 'update-token-applies', '--baseline', baseline, '--update-baseline');
      expect(written.code).toBe(1);
      expect(written.stderr).toMatch(/Baseline: [1-9]\d* finding\(s\) written/);
      const accepted = await live(proxy.url, '--only', 'update-token-applies', '--baseline', baseline);
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toMatch(/update-token-applies +live +KNOWN/);
      expect(accepted.stdout).toMatch(/Accepted by the baseline: [1-9]\d* finding/);
      const strict = await live(proxy.url, '--only', 'update-token-applies', '--baseline', baseline, '--strict');
      expect(strict.code).toBe(1);
    } finally {
      await proxy.close();
    }
    const fixed = await live(sim.url, '--only', 'update-token-applies', '--baseline', baseline);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Gone from the baseline');
    expect(fixed.stdout).toMatch(/update-token-applies \| .*allowedUrls/);
  }, 120_000);

  it('refuses a baseline file that is not one, with a clear message', async () => {
    const { code, stderr } = await live(sim.url, '--baseline', join(scratch, 'missing.json'));
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read it (no such file)');
    const { code: noFile, stderr: noFileMessage } = await live(sim.url, '--update-baseline');
    expect(noFile).toBe(2);
    expect(noFileMessage).toContain('--update-baseline writes to the --baseline FILE');
  });
});
