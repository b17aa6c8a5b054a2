#!/usr/bin/env node
// The task graph declares its inputs and outputs: after a build, a second build with nothing
// changed is a cache hit for every task; and a change to the spec's source invalidates every
// task downstream of it. Checked with turbo's dry run, which executes nothing.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const turbo = join(root, 'node_modules', '.bin', 'turbo');
const dryRun = () =>
  JSON.parse(
    execFileSync(turbo, ['run', 'build', '--dry=json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    }),
  );

// Tasks a package does not define (no such script) are listed too; they never run.
const statuses = (run) => Object.fromEntries(run.tasks.filter((t) => t.command !== '<NONEXISTENT>').map((t) => [t.taskId, t.cache.status]));
let failed = false;

const unchanged = statuses(dryRun());
const misses = Object.entries(unchanged).filter(([, s]) => s !== 'HIT');
if (misses.length) {
  console.error(`A second build would not be a cache hit for: ${misses.map(([id]) => id).join(', ')}`);
  failed = true;
}

// Touch the spec source (a YAML comment changes no meaning) and restore it whatever happens.
const specFile = join(root, 'spec', 'openapi.yaml');
const original = readFileSync(specFile, 'utf8');
let afterChange;
try {
  appendFileSync(specFile, '\n# turbo graph check\n');
  afterChange = statuses(dryRun());
} finally {
  writeFileSync(specFile, original);
}
const stillHit = Object.entries(afterChange).filter(([, s]) => s === 'HIT');
if (stillHit.length) {
  console.error(`A spec change would not rebuild: ${stillHit.map(([id]) => id).join(', ')}`);
  failed = true;
}
if (failed) process.exit(1);
console.log(`turbo: ${Object.keys(unchanged).length} build tasks are cache hits on a second run; a spec change invalidates all of them.`);
