#!/usr/bin/env node
// Per-call time of this client vs raw fetch vs Mapbox's own SDK (@mapbox/mapbox-sdk, tokens
// service), the same request ("list scopes") to one local HTTP server on loopback, measured in one
// run with the three interleaved round by round; and the client's bundled size, min+gzip.
// Usage: node packages/client/bench/calls.mjs [calls-per-round=300] [rounds=21]
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

const perRound = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 21);
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
// openapi-fetch on its own, configured as the client configures it, shows which part of the
// client's cost is openapi-fetch's.
class Carrier {
  constructor(u, init = {}) {
    this.url = u;
    this.method = init.method ?? 'GET';
  }
}
const bare = createClient({
  baseUrl: origin,
  Request: Carrier,
  fetch: (r) => fetch(r.url, r),
  pathSerializer: (p, params) => p.replace(/\{(\w+)\}/g, (_m, n) => encodeURIComponent(String(params[n]))),
  querySerializer: () => `access_token=${token}`,
});
const contenders = {
  'raw fetch': async () => (await fetch(url)).json(),
  'openapi-fetch (bare)': async () => (await bare.GET('/scopes/v1/{username}', { params: { path: { username: 'bench' } } })).data,
  '@tokens-kit/client': () => client.listScopes(),
  '@mapbox/mapbox-sdk': async () => (await sdk.listScopes().send()).body,
};

// Rounds rotate the order (no contender always goes first) and each round yields ratios; the
// median ratio over rounds is the figure, robust to a noisy round.
const names = Object.keys(contenders);
const perCallRounds = Object.fromEntries(names.map((k) => [k, []]));
for (const call of Object.values(contenders)) for (let i = 0; i < 200; i++) await call(); // warm-up
for (let round = 0; round < rounds; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) await contenders[name]();
    perCallRounds[name].push(Number(process.hrtime.bigint() - started) / perRound / 1000);
  }
}
serverProcess.kill();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a, b) => median(perCallRounds[a].map((x, i) => x / perCallRounds[b][i]));
for (const name of names) {
  console.log(`${name.padEnd(20)} ${median(perCallRounds[name]).toFixed(1).padStart(7)} µs/call (median of ${rounds} rounds × ${perRound})   ${ratio(name, 'raw fetch').toFixed(2)}× raw fetch`);
}
console.log(`client vs raw fetch: ${ratio('@tokens-kit/client', 'raw fetch').toFixed(2)}× (target ≤ 1.10×); client vs Mapbox SDK: ${ratio('@tokens-kit/client', '@mapbox/mapbox-sdk').toFixed(2)}× (target < 1)`);

async function gzipped(entry) {
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  return gzipSync(out.outputFiles[0].contents, { level: 9 }).length / 1024;
}
const clientKb = await gzipped(fileURLToPath(new URL('../src/index.ts', import.meta.url)));
const fetchKb = await gzipped(require.resolve('openapi-fetch').replace(/index\.cjs$/, 'index.mjs'));
console.log(`bundle, min+gzip: @tokens-kit/client ${clientKb.toFixed(2)} KB (target ≤ 8 KB; includes openapi-fetch, alone ${fetchKb.toFixed(2)} KB)`);
