#!/usr/bin/env node
// Wall time of the README's main job: `tokens-conformance` against both embedded targets (Prism
// mock + simulator), start-up included, as a fresh process each time. Target: <= 15 s.
// Usage: node conformance/bench/conformance-wall.mjs [runs=3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const runs = Number(process.argv[2] ?? 3);
const times = [];
let requests = 0;
for (let i = 0; i < runs; i++) {
  const report = join(mkdtempSync(join(tmpdir(), 'bench-')), 'r.json');
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, '--report', `json=${report}`], { stdio: 'ignore' });
  times.push(Number(process.hrtime.bigint() - started) / 1e9);
  requests = JSON.parse(readFileSync(report, 'utf8')).results.reduce((n, r) => n + r.requests, 0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `tokens-conformance (mock + simulator), ${runs} runs: median ${median.toFixed(2)} s (min ${times[0].toFixed(2)}, max ${times.at(-1).toFixed(2)}); ${requests} requests per run; budget 15 s → ${(median / 15).toFixed(2)}× of budget`,
);
