#!/usr/bin/env node
// The stateful phase over a wide sweep of seeds, outside the test command (which runs the named
// seeds 6, 13 and 23), generated sequences included: against the faithful simulator, the
// simulator's observed profile (the API as it is observed to run) and the simulator behind a server that adds two
// undocumented properties to every JSON object. Prints, per server, how many seeds passed, and
// each failing seed with its first failure. Exit 1 when any seed fails.
// Usage: node conformance/bench/stateful-seeds.mjs [seeds=50]
import { once } from 'node:events';
import { createServer } from 'node:http';
import { runTarget, simulatorTarget } from '../dist/index.js';

const seeds = Number(process.argv[2] ?? 50);
if (!(seeds >= 1)) {
  console.error('usage: node conformance/bench/stateful-seeds.mjs [seeds ≥ 1]');
  process.exit(2);
}

/** Two properties the spec does not describe, on every object of every JSON answer. */
const addEverywhere = (v) =>
  Array.isArray(v)
    ? v.map(addEverywhere)
    : v && typeof v === 'object'
      ? { ...Object.fromEntries(Object.entries(v).map(([k, x]) => [k, addEverywhere(x)])), servedBy: 'edge-7', traceId: 'abc123' }
      : v;

async function additiveFront(upstream) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const answer = await fetch(new URL(req.url, upstream), {
      method: req.method,
      ...(chunks.length ? { body: Buffer.concat(chunks), headers: { 'content-type': 'application/json' } } : {}),
      redirect: 'manual',
    });
    const text = await answer.text();
    let body = text;
    try {
      body = text ? JSON.stringify(addEverywhere(JSON.parse(text))) : text;
    } catch {}
    const headers = Object.fromEntries(
      [...answer.headers].filter(([n]) => !['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(n)),
    );
    res.writeHead(answer.status, headers).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

const servers = {
  faithful: async () => simulatorTarget(),
  // As an embedded target, so the generated sequences run too (a live target runs the fixed one alone).
  observed: async () => simulatorTarget({ name: 'observed', simulator: { profile: 'observed' } }),
  'additive-everywhere': async () => simulatorTarget({ name: 'additive-everywhere', wrap: (sim) => additiveFront(sim.url) }),
};

let failed = 0;
for (const [name, start] of Object.entries(servers)) {
  const failures = [];
  const started = Date.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const target = await start();
    try {
      const [result] = await runTarget(target, { only: ['explore-stateful'], explore: { seed } });
      if (result.status === 'fail')
        failures.push(`seed ${seed}: ${result.failures[0]?.step} — ${result.failures[0]?.expected.split('\n')[0]}`);
    } finally {
      await target.close();
    }
  }
  failed += failures.length;
  console.log(
    `${name}: ${seeds - failures.length}/${seeds} seeds pass the stateful phase (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const f of failures) console.log(`  ${f}`);
}
process.exit(failed ? 1 : 0);
