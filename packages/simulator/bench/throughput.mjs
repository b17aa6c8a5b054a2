#!/usr/bin/env node
// Requests per second on loopback for "list tokens" and "retrieve a token": the simulator against
// Prism mocking the same spec, each in its own process, driven by the same load loop in one run.
// Usage: node packages/simulator/bench/throughput.mjs [seconds-per-measurement=5] [concurrency=32]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';

const seconds = Number(process.argv[2] ?? 5);
const concurrency = Number(process.argv[3] ?? 32);
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', '..', '..', 'conformance', 'package.json'));
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
const spec = join(here, '..', '..', '..', 'spec', 'dist', 'openapi.json');

async function startSimulator() {
  const child = spawn(process.execPath, [join(here, '..', 'dist', 'cli.js'), '--rate-limit', 'off'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [line] = await once(child.stdout, 'data');
  return { child, ...JSON.parse(String(line)) };
}

async function startPrism() {
  const port = 4100 + Math.floor(Math.random() * 800);
  const child = spawn(process.execPath, [prismBin, 'mock', spec, '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  for (;;) {
    const up = await new Promise((r) =>
      connect(port, '127.0.0.1')
        .once('connect', function () {
          this.destroy();
          r(true);
        })
        .once('error', () => r(false)),
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `http://127.0.0.1:${port}`, username: 'YOUR_MAPBOX_USERNAME', token: 'sk.eyJ1IjoiYSIsImEiOiJiIn0.c2ln' };
}

async function measure(url) {
  const dispatcher = new Agent({ connections: concurrency, pipelining: 1 });
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const res = await request(url, { dispatcher });
        await res.body.text();
        if (res.statusCode === 200) done++;
        else errors++;
      }
    }),
  );
  await dispatcher.close();
  if (errors) throw new Error(`${errors} non-200 answers from ${url}`);
  return done / seconds;
}

const sim = await startSimulator();
const prism = await startPrism();
try {
  const rows = [];
  for (const [name, path] of [
    ['list tokens', (t) => `/tokens/v2/${t.username}?access_token=${t.token}`],
    ['retrieve', (t) => `/tokens/v2?access_token=${t.token}`],
  ]) {
    // Warm both up first: JIT, connection pools.
    await measure(sim.url + path(sim)).catch(() => 0);
    const simRps = await measure(sim.url + path(sim));
    const prismRps = await measure(prism.url + path(prism));
    rows.push({ name, simRps, prismRps });
  }
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(12)} simulator ${r.simRps.toFixed(0).padStart(6)} req/s   prism ${r.prismRps.toFixed(0).padStart(6)} req/s   ratio ${(r.simRps / r.prismRps).toFixed(1)}× (target ≥ 5×)`,
    );
  }
} finally {
  sim.child.kill('SIGTERM');
  prism.child.kill('SIGTERM');
}
