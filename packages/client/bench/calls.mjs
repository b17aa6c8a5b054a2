#!/usr/bin/env node
// Per-call time of this client vs raw fetch vs Mapbox's own SDK (@mapbox/mapbox-sdk, tokens
// service): the same request ("list scopes") to one local HTTP server on loopback, measured in one
// run; then each contender's own work per call with the network taken away; and the client's
// bundled size, min+gzip.
// Usage: node packages/client/bench/calls.mjs [calls-per-batch=10] [rounds=600]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import { createTokensClient } from '../dist/index.js';

const require = createRequire(import.meta.url);
const mbxTokens = require('@mapbox/mapbox-sdk/services/tokens');

const perBatch = Number(process.argv[2] ?? 10);
const rounds = Number(process.argv[3] ?? 600);
if (!(perBatch >= 1 && rounds >= 3)) {
  console.error('usage: node bench/calls.mjs [calls-per-batch ≥ 1] [rounds ≥ 3]');
  process.exit(2);
}
const body = JSON.stringify([
  { id: 'scopes:list', description: 'List all available scopes.' },
  { id: 'styles:read', public: true, description: 'Read styles.' },
]);
// The server runs in its own process, so that what differs between contenders is their own work,
// not how they share one event loop with the server.
const serverSource = `
  const body = ${JSON.stringify(body)};
  const server = require('node:http').createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
// On a machine with two or more cores, the server gets a core of its own and this process the
// other (taskset, where present), so the two do not take turns on one core.
const pin = existsSync('/usr/bin/taskset') && availableParallelism() >= 2;
if (pin) execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
const serverProcess = pin
  ? spawn('taskset', ['-c', '1', process.execPath, '-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] })
  : spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
const [portLine] = await once(serverProcess.stdout, 'data');
const origin = `http://127.0.0.1:${String(portLine).trim()}`;
const token = `sk.${Buffer.from(JSON.stringify({ u: 'bench', a: 'cbench' })).toString('base64url')}.c2lnbmF0dXJl`;
const url = `${origin}/scopes/v1/bench?access_token=${token}`;

const client = createTokensClient({ accessToken: token, baseUrl: origin });
const sdk = mbxTokens({ accessToken: token, origin });
// openapi-fetch's createClient on its own, with the cheapest settings it offers (a plain carrier
// instead of a Request, a bodiless GET sent as fetch(url), fixed path and query serializers): the
// floor of any client that sends through it. The client sends through its own dispatcher instead
// (src/dispatch.ts) because this floor alone takes its whole budget.
class Carrier {
  constructor(u, init = {}) {
    this.url = u;
    this.method = init.method ?? 'GET';
  }
}
const viaCreateClient = createClient({
  baseUrl: origin,
  Request: Carrier,
  fetch: (r) => fetch(r.url),
  pathSerializer: (p, params) => p.replace('{username}', encodeURIComponent(params.username)),
  querySerializer: () => `access_token=${token}`,
});
const rawFetch = async () => (await fetch(url)).json();
const contenders = {
  'raw fetch': rawFetch,
  // The same code under a second name: its ratio to raw fetch should be 1.00, and how far it
  // strays is this benchmark's resolution (an A/A control).
  'raw fetch (control)': async () => (await fetch(url)).json(),
  'openapi-fetch createClient': async () =>
    (await viaCreateClient.GET('/scopes/v1/{username}', { params: { path: { username: 'bench' } } })).data,
  '@tokens-kit/client': () => client.listScopes(),
  '@mapbox/mapbox-sdk': async () => (await sdk.listScopes().send()).body,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A small seeded generator: the same run order and resamples every time. */
function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Runs the contenders in short batches, interleaved: each round runs one batch of each, in a
 * shuffled order. The machine's speed drifts over seconds (other tenants, CPU frequency, GC of the
 * whole process); batches a few milliseconds apart see the same machine, so the per-round ratio
 * cancels the drift that long batches would attribute to one contender. The order is shuffled, not
 * rotated: under rotation each contender always follows the same other one, and the first calls
 * after the Mapbox SDK (its own connection) are slower — a bias the A/A control exposed.
 * Returns per contender the per-call µs of each round.
 */
async function measure(calls, batch, roundCount, warmup) {
  const names = Object.keys(calls);
  for (const call of Object.values(calls)) for (let i = 0; i < warmup; i++) await call();
  const perRound = Object.fromEntries(names.map((name) => [name, []]));
  const random = seededRandom(0x9e3779b9);
  for (let round = 0; round < roundCount; round++) {
    const order = [...names];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const name of order) {
      const call = calls[name];
      const started = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await call();
      perRound[name].push(Number(process.hrtime.bigint() - started) / batch / 1000);
    }
  }
  return perRound;
}

/** Median over rounds of the per-round ratio a ÷ b, with a 95% bootstrap interval (fixed seed). */
function ratio(perRound, a, b) {
  const ratios = perRound[a].map((x, i) => x / perRound[b][i]);
  const random = seededRandom(0x2545f491);
  const medians = [];
  for (let i = 0; i < 1000; i++) medians.push(median(ratios.map(() => ratios[Math.floor(random() * ratios.length)])));
  medians.sort((x, y) => x - y);
  return { value: median(ratios), low: medians[25], high: medians[974] };
}
const times = (r) => `${r.value.toFixed(3)}× (95% CI ${r.low.toFixed(3)}–${r.high.toFixed(3)})`;

const onLoopback = await measure(contenders, perBatch, rounds, 500);
serverProcess.kill();
console.log(
  `Per call over loopback HTTP — ${rounds} rounds × ${perBatch} calls per contender${pin ? ', server and benchmark on separate cores' : ''}:`,
);
for (const name of Object.keys(contenders)) {
  console.log(
    `  ${name.padEnd(27)} ${median(onLoopback[name]).toFixed(1).padStart(7)} µs   ${times(ratio(onLoopback, name, 'raw fetch'))} raw fetch`,
  );
}

// The network taken away: fetch answers at once with a Response built in-process, so what is left
// is each contender's own work per call. (The Mapbox SDK does not call fetch, so it is not here.)
// Replacing the global is acceptable in a benchmark script that ends right after; tests inject.
const realFetch = globalThis.fetch;
globalThis.fetch = async () =>
  new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
const inProcessNames = ['raw fetch', 'openapi-fetch createClient', '@tokens-kit/client'];
const inProcess = await measure(Object.fromEntries(inProcessNames.map((n) => [n, contenders[n]])), 200, 100, 5000);
globalThis.fetch = realFetch;
console.log('Own work per call, fetch answered in-process (no network):');
const rawOwn = median(inProcess['raw fetch']);
for (const name of inProcessNames) {
  const own = median(inProcess[name]);
  console.log(`  ${name.padEnd(27)} ${own.toFixed(2).padStart(7)} µs   (+${(own - rawOwn).toFixed(2)} µs over raw fetch)`);
}

const vsRaw = ratio(onLoopback, '@tokens-kit/client', 'raw fetch');
const vsSdk = ratio(onLoopback, '@tokens-kit/client', '@mapbox/mapbox-sdk');
const control = ratio(onLoopback, 'raw fetch (control)', 'raw fetch');
console.log(`client vs raw fetch: ${times(vsRaw)} — target ≤ 1.10×: ${vsRaw.value <= 1.1 ? 'met' : 'NOT met'}`);
console.log(`client vs Mapbox SDK: ${times(vsSdk)} — target < 1: ${vsSdk.value < 1 ? 'met' : 'NOT met'}`);
console.log(`resolution (A/A control, raw fetch vs itself): ${times(control)}`);

async function gzipped(entry) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length / 1024;
}
const clientKb = await gzipped(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
const fetchKb = await gzipped(require.resolve('openapi-fetch').replace(/index\.cjs$/, 'index.mjs'));
console.log(
  `bundle, min+gzip: @tokens-kit/client ${clientKb.toFixed(2)} KB — target ≤ 8 KB: ${clientKb <= 8 ? 'met' : 'NOT met'} (openapi-fetch's createClient alone: ${fetchKb.toFixed(2)} KB)`,
);
