#!/usr/bin/env node
// A client call served in process (createSimulator's fetch, no socket) against the same call to the
// simulator over loopback HTTP (its CLI, in a process of its own, on its own core where taskset is
// there): "list scopes" through @tokens-kit/client, short interleaved batches in a shuffled order,
// the median of per-round ratios, for two calls: "retrieve a token" (a small answer) and "list
// scopes" (the 35-scope catalogue, 2.7 KB of JSON each way). Target: in process at least 5× faster.
// Usage: node packages/client/bench/in-process.mjs [calls-per-batch=10] [rounds=300]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSimulator } from '@tokens-kit/simulator';
import { createTokensClient } from '../dist/index.js';

const perBatch = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 300);
if (!(perBatch >= 1 && rounds >= 3)) {
  console.error('usage: node bench/in-process.mjs [calls-per-batch ≥ 1] [rounds ≥ 3]');
  process.exit(2);
}

const cli = fileURLToPath(import.meta.resolve('@tokens-kit/simulator').replace(/index\.js$/, 'cli.js'));
const pin = existsSync('/usr/bin/taskset') && availableParallelism() >= 2;
const args = [cli, '--port', '0', '--rate-limit', 'off', '--username', 'bench'];
const child = pin ? spawn('taskset', ['-c', '1', process.execPath, ...args]) : spawn(process.execPath, args);
const started = JSON.parse(await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)));

const inProcess = createSimulator({ rateLimit: false, username: 'bench', log: () => {} });
const contenders = {
  'in process (createSimulator fetch)': createTokensClient({ fetch: inProcess.fetch, accessToken: inProcess.token }),
  'loopback HTTP (tokens-simulator)': createTokensClient({ baseUrl: started.url, accessToken: started.token }),
};
const names = Object.keys(contenders);

const calls = { 'retrieve a token': (client) => client.retrieveToken(), 'list scopes': (client) => client.listScopes() };

async function batch(client, call) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < perBatch; i++) await call(client);
  return Number(process.hrtime.bigint() - t0) / 1000 / perBatch;
}

let seed = 42;
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const [callName, call] of Object.entries(calls)) {
  // Warm both paths (JIT, connection pool) before measuring.
  for (const client of Object.values(contenders)) for (let i = 0; i < 200; i++) await call(client);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const order = [...names].sort(() => random() - 0.5);
    const perCall = {};
    for (const name of order) perCall[name] = await batch(contenders[name], call);
    for (const name of names) samples[name].push(perCall[name]);
    ratios.push(perCall[names[1]] / perCall[names[0]]);
  }
  results.push({ callName, samples, ratio: median(ratios) });
}
child.kill();

console.log(
  `Per call through @tokens-kit/client — ${rounds} rounds × ${perBatch} calls per contender${pin ? ', the HTTP simulator on its own core' : ''}:`,
);
for (const { callName, samples, ratio } of results) {
  console.log(`  ${callName}:`);
  for (const name of names) console.log(`    ${name.padEnd(36)} ${median(samples[name]).toFixed(1).padStart(8)} µs`);
  console.log(
    `    in process vs loopback: ${ratio.toFixed(1)}× faster (median of per-round ratios) — target ≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'}`,
  );
}
