// `redocly lint` reports zero problems, on the spec and on the tutorial's workflow: no errors and no warnings.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repoRoot, specDir } from './seeds.js';

it('redocly lint finds no errors and no warnings', async () => {
  const { stdout } = await promisify(execFile)(
    join(specDir, 'node_modules', '.bin', 'redocly'),
    ['lint', '--config', join(repoRoot, 'redocly.yaml'), '--format', 'json', 'tokens@v2'],
    { cwd: specDir, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  ).catch((error) => error as { stdout: string });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  expect(report.problems.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});

it('redocly lint finds the tutorial workflow (Arazzo) valid, as published beside the bundle', async () => {
  const { stdout } = await promisify(execFile)(
    join(specDir, 'node_modules', '.bin', 'redocly'),
    ['lint', '--format', 'json', join(specDir, 'dist', 'tutorial.arazzo.yaml')],
    { cwd: specDir, env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
  ).catch((error) => error as { stdout: string });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  expect(report.problems.map((p: { ruleId: string; message: string }) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});
