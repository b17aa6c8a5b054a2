// API coverage: operation × documented status, error-table rows, parameters and enum values
// exercised, statuses answered that the spec lacks; printed, in the JSON report, gated by
// --min-coverage.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BehaviourResult } from '../src/index.js';
import { coverage } from '../src/reports/coverage.js';
import { runCli } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'tokens-conformance-coverage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const result = (status: BehaviourResult['status'], exercised: BehaviourResult['exercised']): BehaviourResult => ({
  id: 'b',
  title: 't',
  target: 'x',
  status,
  failures: [],
  warnings: [],
  findings: [],
  exercised,
  reproductions: [],
  requests: exercised.length,
  durationMs: 0,
});

describe('coverage', () => {
  const [c] = coverage([
    result('pass', [
      { operation: 'listTokens', status: 200, query: { usage: 'pk', limit: '2' } },
      { operation: 'listTokens', status: 422, message: 'usage must be pk or sk', query: { usage: 'tk' } },
    ]),
    result('fail', [
      { operation: 'listTokens', status: 200, query: {} },
      { operation: 'deleteToken', status: 418, query: {} },
    ]),
  ]);

  it('counts each documented operation × status exercised, and passed where its behaviour did not fail', () => {
    expect(c!.statuses.find((s) => s.operation === 'listTokens' && s.status === 200)).toEqual({
      operation: 'listTokens',
      status: 200,
      exercised: 2,
      passed: 1,
    });
    expect(c!.statuses.find((s) => s.operation === 'createToken' && s.status === 200)?.exercised).toBe(0);
    expect(c!.percent).toBeCloseTo((2 / c!.statuses.length) * 100, 0);
  });

  it('marks the error rows, parameters and enum values exercised, and the statuses the spec lacks', () => {
    expect(c!.errorRows.find((r) => r.kind === 'UsageInvalid')?.exercised).toBe(true);
    expect(c!.errorRows.find((r) => r.kind === 'NotFound')?.exercised).toBe(false);
    expect(
      c!.parameters
        .filter((p) => p.exercised)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['limit', 'usage']);
    expect(c!.enumValues.find((v) => v.parameter === 'usage' && v.value === 'pk')?.exercised).toBe(true);
    expect(c!.enumValues.find((v) => v.parameter === 'usage' && v.value === 'sk')?.exercised).toBe(false);
    expect(c!.undocumented).toEqual([{ operation: 'deleteToken', status: 418, count: 1 }]);
  });
});

describe('--min-coverage', () => {
  it('prints the coverage and writes it to the JSON report; passes above the threshold', async () => {
    const json = join(scratch, 'report.json');
    const { code, stdout } = await runCli(['--target', 'simulator', '--min-coverage', '40', '--report', `json=${json}`]).done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/Coverage:\n {2}simulator: \d+\/29 operation × status \(\d+(\.\d)?%\), error rows \d+\/13/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.coverage[0]).toMatchObject({ target: 'simulator' });
    expect(report.coverage[0].percent).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('fails a run whose coverage is below it, saying which target', async () => {
    const { code, stderr } = await runCli(['--target', 'simulator', '--only', 'list-tokens', '--min-coverage', '50']).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/coverage: simulator exercised [\d.]+% of the documented operation × status pairs, below --min-coverage 50/);
  }, 60_000);

  it('refuses a threshold that is not a percentage', async () => {
    const { code, stderr } = await runCli(['--min-coverage', '120']).done;
    expect(code).toBe(2);
    expect(stderr).toContain('--min-coverage takes a percentage from 0 to 100, not "120"');
  });
});
