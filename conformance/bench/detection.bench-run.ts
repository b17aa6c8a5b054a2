// Detection power per target kind, in one run: for the default plan of the mock, the simulator
// and a live target (the live plan against the simulator posing as a live server), the requests it
// states and sends, its wall time, and how many of the project's drifted servers it catches — the
// 30 written for exploration (test/mutants-off-catalogue.ts) and the 37 of the catalogue's
// self-test (test/mutants.ts). Seeds are named: 6, 13, 23, 1000, 4242 in turn. A live run cannot
// catch what needs the rate-limit probe (n/a on a live account); such servers are counted apart.
import { it } from 'vitest';
import {
  CredentialError,
  liveTarget,
  mockTarget,
  runTarget,
  simulatorTarget,
  startPrism,
  type BehaviourResult,
  type Target,
} from '../src/index.js';
import { startMutantProxy, type Mutant } from '../test/mutant-proxy.js';
import { mutants } from '../test/mutants.js';
import { offCatalogueMutants } from '../test/mutants-off-catalogue.js';

const SEEDS = [6, 13, 23, 1000, 4242];
const all = [...offCatalogueMutants, ...mutants];

async function against(kind: 'simulator' | 'live', mutant: Mutant | undefined, seed: number) {
  const sim = await simulatorTarget(mutant ? { name: mutant.id, wrap: (s) => startMutantProxy(s, mutant) } : {});
  const target: Target =
    kind === 'live'
      ? { ...liveTarget({ baseUrl: sim.baseUrl, token: sim.token, username: sim.username, budget: 1_000_000 }), close: sim.close }
      : sim;
  const started = Date.now();
  let stated = 0;
  try {
    const results: BehaviourResult[] = await runTarget(target, { explore: { seed }, strict: true, onPlan: (p) => (stated = p.atMost) });
    return {
      caught: results.some((r) => r.status === 'fail'),
      sent: results.reduce((n, r) => n + r.requests, 0),
      stated,
      ms: Date.now() - started,
    };
  } catch (error) {
    // A drifted server the credential check takes for a bad token: the run stops (exit 3), which is no catch.
    if (error instanceof CredentialError) return { caught: false, sent: 0, stated, ms: Date.now() - started };
    throw error;
  } finally {
    await target.close();
  }
}

it('detection per target kind', async () => {
  const lines: string[] = [];
  const prism = await startPrism();
  try {
    const started = Date.now();
    let stated = 0;
    const results = await runTarget(await mockTarget(prism), { explore: { seed: 6 }, onPlan: (p) => (stated = p.atMost) });
    lines.push(
      `| mock (Prism) | ${results.reduce((n, r) => n + r.requests, 0)} (states at most ${stated}) | ${((Date.now() - started) / 1000).toFixed(1)} s | — (keeps no state or rules: the drifted servers are simulators) |`,
    );
  } finally {
    await prism.close();
  }
  for (const kind of ['simulator', 'live'] as const) {
    const faithful = await against(kind, undefined, 6);
    let caught = 0;
    const missed: string[] = [];
    for (const [i, mutant] of all.entries()) {
      const outcome = await against(kind, mutant, SEEDS[i % SEEDS.length]!);
      if (outcome.caught) caught++;
      else missed.push(mutant.id);
    }
    lines.push(
      `| ${kind === 'live' ? 'live default (the live plan, against the simulator as a live server)' : 'simulator'} | ${faithful.sent} (states at most ${faithful.stated}) | ${(faithful.ms / 1000).toFixed(1)} s | ${caught}/${all.length}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}; faithful: ${faithful.caught ? 'FAILS' : 'passes'} |`,
    );
  }
  console.log(
    [
      '| target kind | requests, faithful run | wall, faithful run | drifted servers caught |',
      '| --- | ---: | ---: | --- |',
      ...lines,
    ].join('\n'),
  );
});

it('the default live run against every off-catalogue drifted server, on each named seed', async () => {
  const runs = offCatalogueMutants.flatMap((mutant) => SEEDS.map((seed) => ({ mutant, seed })));
  const missed: string[] = [];
  // Eight at a time: each is a simulator and a proxy of its own.
  for (let i = 0; i < runs.length; i += 8)
    await Promise.all(
      runs.slice(i, i + 8).map(async ({ mutant, seed }) => {
        if (!(await against('live', mutant, seed)).caught) missed.push(`${mutant.id} (seed ${seed})`);
      }),
    );
  console.log(
    `live default × ${SEEDS.length} seeds: ${runs.length - missed.length}/${runs.length} caught${missed.length ? `; missed: ${missed.join(', ')}` : ''}`,
  );
});
