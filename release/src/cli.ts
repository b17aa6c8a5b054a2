#!/usr/bin/env node
// pnpm release --dry-run [--keep] [--json FILE]: rehearses a release (see dry-run.ts). Publishing
// itself is not this kit's to do from a checkout: without --dry-run it refuses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, releaseDryRun } from './dry-run.js';

const USAGE = `Usage: pnpm release --dry-run [--keep] [--json FILE]
  --dry-run     build, version, pack, check and install the release in a scratch folder; publish nothing
  --keep        keep the scratch folder (staged workspace, tarballs, consumer) and print its path
  --json FILE   also write the report as JSON`;

let values: { 'dry-run'?: boolean; keep?: boolean; json?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: { 'dry-run': { type: 'boolean' }, keep: { type: 'boolean' }, json: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  process.stderr.write(`release: ${(error as Error).message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values['dry-run']) {
  process.stderr.write(`release: only --dry-run is supported: this command never publishes.\n\n${USAGE}\n`);
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'tokens-kit-release-'));
try {
  const report = await releaseDryRun({ scratch, build: true, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`\n${formatReport(report)}\n`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  if (values.keep) process.stdout.write(`Scratch folder kept: ${scratch}\n`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
}
