#!/usr/bin/env node
// Wall time of the README's main job: `tokens-conformance` against both embedded targets (Prism
// mock + simulator), start-up and exploration included, as a fresh process each time, measured in
// the same run beside the same job with exploration off (--explore 0). Target: <= 15 s. Also the
// requests the default exploration adds against a live target, as the run states them up front
// (--dry-run; nothing is sent). Target: at most 100.
// Usage: node conformance/bench/conformance-wall.mjs [runs=3]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 3);

function measure(extra) {
  const times = [];
  let requests = 0;
  for (let i = 0; i < runs; i++) {
    const report = join(mkdtempSync(join(tmpdir(), 'bench-')), 'r.json');
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, [cli, '--report', `json=${report}`, ...extra], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
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

// The live exploration as a live run states it before sending anything (--dry-run sends nothing).
const only = ['listTokens', 'createToken', 'updateToken', 'deleteToken', 'retrieveToken', 'listScopes', 'stateful']
  .map((op) => `explore-${op}`)
  .join(',');
const dry = spawnSync(
  process.execPath,
  [
    cli,
    '--dry-run',
    '--base-url',
    'https://api.mapbox.com',
    '--username',
    'bench',
    '--token',
    'sk.eyJ1IjoiYmVuY2giLCJhIjoiYiJ9.c2lnbmF0dXJl',
    '--only',
    only,
  ],
  { encoding: 'utf8' },
);
const line = /live: 7 behaviours, (\d+) requests(?: \(at most (\d+)\))?/.exec(dry.stderr);
if (!line) throw new Error(`no estimate in the dry run's output:\n${dry.stderr}`);
const atMost = Number(line[2] ?? line[1]);
console.log(
  `  against a live target the default exploration states ${line[1]} requests, at most ${atMost} with shrinking (target ≤ 100: ${atMost <= 100 ? 'met' : 'NOT met'})`,
);
