#!/usr/bin/env node
// Wall time of the README's main job: `tokens-conformance` against both embedded targets (Prism
// mock + simulator), start-up and exploration included, as a fresh process each time, measured in
// the same run beside the same job with exploration off (--explore 0); then `pnpm conformance` as
// the README runs it, warm (turbo's cache hit) — target <= 3 s — and cold: the first run in a fresh
// clone of HEAD after its install, which builds what it runs — target <= 15 s. Also the requests a
// default live run states up front, catalogue and exploration (--dry-run; nothing is sent).
// Target: at most 250.
// Usage: node conformance/bench/conformance-wall.mjs [runs=3] [--no-cold]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const cold = !process.argv.includes('--no-cold');

/** Seconds a command takes, its output dropped; throws when it fails. */
function seconds(command, args, cwd = repoRoot) {
  const started = process.hrtime.bigint();
  execFileSync(command, args, { cwd, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e9;
}
const pnpmConformance = (cwd) => seconds('pnpm', ['run', 'conformance'], cwd);

function measure(extra) {
  const times = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const report = join(mkdtempSync(join(tmpdir(), 'bench-')), 'r.json');
    times.push(seconds(process.execPath, [cli, '--report', `json=${report}`, ...extra]));
    requests = JSON.parse(readFileSync(report, 'utf8')).results.reduce((n, r) => n + r.requests, 0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1), requests };
}

// Interleaved would be fairer still; alternating whole series keeps each one's caches alike.
const withExploration = measure([]);
const without = measure(['--explore', '0']);
const show = (m) => `median ${m.median.toFixed(2)} s (min ${m.min.toFixed(2)}, max ${m.max.toFixed(2)}), ${m.requests} requests`;
console.log(`tokens-conformance (mock + simulator), ${runs} runs each:`);
console.log(
  `  with the default exploration: ${show(withExploration)}; budget 15 s → ${(withExploration.median / 15).toFixed(2)}× of budget`,
);
console.log(`  with --explore 0:             ${show(without)}`);
console.log(
  `  exploration adds ${(withExploration.median - without.median).toFixed(2)} s and ${withExploration.requests - without.requests} requests`,
);

// The README's main job as a user runs it: `pnpm conformance` (pnpm, turbo's check, the CLI).
pnpmConformance(repoRoot); // turbo's cache filled for what follows
const warm = Array.from({ length: runs }, () => pnpmConformance(repoRoot)).sort((a, b) => a - b);
const warmMedian = warm[Math.floor(warm.length / 2)];
console.log(
  `pnpm conformance, warm (turbo cache hit), ${runs} runs: median ${warmMedian.toFixed(2)} s (min ${warm[0].toFixed(2)}, max ${warm.at(-1).toFixed(2)}); target 3 s → ${(warmMedian / 3).toFixed(2)}× of target (${warmMedian <= 3 ? 'met' : 'NOT met'})`,
);
// The README's literal command adds npx's own resolution of pnpm (no global pnpm on a bare machine).
const npxSeconds = seconds('npx', ['-y', 'pnpm@12.21.0', 'run', 'conformance']);
const npxOnly = seconds('npx', ['-y', 'pnpm@12.21.0', '--version']);
console.log(
  `npx -y pnpm@12.21.0 conformance (the README's line, warm): ${npxSeconds.toFixed(2)} s, of which npx finding pnpm ${npxOnly.toFixed(2)} s (npx -y pnpm@12.21.0 --version)`,
);
if (cold) {
  // Cold: a fresh clone of HEAD, installed from the store (not timed: the install is its own
  // command), then its first `pnpm conformance`, which builds everything the run needs.
  const clone = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  try {
    execFileSync('git', ['clone', '-q', repoRoot, clone]);
    execFileSync('pnpm', ['install', '--frozen-lockfile', '--offline'], { cwd: clone, stdio: 'ignore' });
    const seconds = pnpmConformance(clone);
    console.log(
      `pnpm conformance, cold (a fresh clone after its install: builds, then runs): ${seconds.toFixed(2)} s; target 15 s → ${(seconds / 15).toFixed(2)}× of target (${seconds <= 15 ? 'met' : 'NOT met'})`,
    );
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

// The whole default live run — catalogue and exploration — as it states itself before sending
// anything (--dry-run sends nothing), for a few seeds; target: at most 250.
for (const seed of [6, 13, 23]) {
  const dry = spawnSync(
    process.execPath,
    [
      cli,
      '--dry-run',
      '--seed',
      String(seed),
      '--base-url',
      'https://api.mapbox.com',
      '--username',
      'bench',
      '--token',
      'sk.eyJ1IjoiYmVuY2giLCJhIjoiYiJ9.c2lnbmF0dXJl',
    ],
    { encoding: 'utf8' },
  );
  const line = /live: (\d+) behaviours, (\d+) requests(?: \(at most (\d+)\))?, at most (\d+)\/min \(about (\d+) min\)/.exec(dry.stderr);
  if (!line) throw new Error(`no estimate in the dry run's output:\n${dry.stderr}`);
  const atMost = Number(line[3] ?? line[2]);
  console.log(
    `  a live run (seed ${seed}) states ${line[2]} requests, at most ${atMost}, at ${line[4]}/min (about ${line[5]} min) (target ≤ 250: ${atMost <= 250 ? 'met' : 'NOT met'})`,
  );
}
