// Exploration: the generated requests are the planned ones, the faithful servers pass whatever the
// seed, every off-catalogue drifted server is caught, a failure is a minimal case with its curl line
// and a reproduction that `replay` re-sends, and a live run's exploration keeps the live limits and
// touches only its own tokens.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '@tokens-kit/simulator';
import {
  explorationBehaviours,
  LIVE_EXPLORE,
  liveTarget,
  mockTarget,
  plan,
  planTargetOf,
  runTarget,
  simulatorTarget,
  startPrism,
  type BehaviourResult,
} from '../src/index.js';
import { startMutantProxy, type Mutant } from './mutant-proxy.js';
import { offCatalogueMutants } from './mutants-off-catalogue.js';
import { countingFront, runCli } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'tokens-conformance-explore-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const exploreOnly = { behaviours: [] };
const problems = (results: BehaviourResult[]) =>
  results
    .filter((r) => r.status === 'fail' || r.status === 'warn')
    .map((r) => `${r.id}: ${JSON.stringify(r.failures[0] ?? r.warnings[0])}`);

describe('exploration against the faithful servers', () => {
  it.concurrent.each(Array.from({ length: 20 }, (_, i) => 1000 + i * 7))('passes on the simulator with seed %i', async (seed) => {
    const target = await simulatorTarget();
    try {
      const results = await runTarget(target, { ...exploreOnly, explore: { runs: 10, seed }, strict: true });
      expect(results.map((r) => r.id)).toEqual(explorationBehaviours({ runs: 1, seed }).map((b) => b.id));
      expect(problems(results)).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('passes on the Prism mock with five seeds', async () => {
    const prism = await startPrism();
    try {
      for (const seed of [3, 14, 15, 92, 65]) {
        const target = await mockTarget(prism);
        expect(problems(await runTarget(target, { ...exploreOnly, explore: { runs: 10, seed } })), `seed ${seed}`).toEqual([]);
      }
    } finally {
      await prism.close();
    }
  });

  it('sends what --dry-run plans for the same seed', async () => {
    const sent: string[] = [];
    const target = await simulatorTarget();
    const record: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      url.searchParams.delete('access_token');
      // Timestamps and the run's tag depend on when and which run: the rest must be the same.
      // A body labelled other than the declared application/json shows its label, as --dry-run does.
      const label = new Headers(init?.headers).get('content-type');
      const shown = label && label !== 'application/json' ? `[${label}] ` : '';
      sent.push(`${init?.method} ${decodeURIComponent(url.pathname + url.search)} ${shown}${init?.body ?? ''}`);
      return fetch(input, init);
    };
    try {
      await runTarget(target, { ...exploreOnly, explore: { runs: 6, seed: 77 }, fetch: record, only: ['explore-createToken'] });
    } finally {
      await target.close();
    }
    const { stdout } = await runCli([
      '--target',
      'simulator',
      '--dry-run',
      '--explore',
      '6',
      '--seed',
      '77',
      '--only',
      'explore-createToken',
    ]).done;
    const planned = stdout.split('\n').filter((l) => l.startsWith('  POST'));
    const sentCreates = sent.filter((l) => l.startsWith('POST')).slice(0, planned.length);
    const normal = (line: string) =>
      line
        .replace(/\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:\d\d)/g, 'T')
        .replace(/tokens-conformance run=[^ "]+/g, 'TAG')
        .replace(/^ {2}/, '')
        .replace(/ {2}\((positive|negative|auth).*$/, '')
        .replace(/ \/tokens\/v2\/[^ ?]+/, ' /tokens/v2/U')
        .trim()
        // --dry-run shows a body's first 160 characters.
        .slice(0, 140);
    expect(planned.length).toBeGreaterThan(10);
    expect(sentCreates.map(normal)).toEqual(planned.map(normal).slice(0, sentCreates.length));
  }, 60_000);
});

describe('exploration against drifted servers nobody wrote a behaviour for', () => {
  it('has at least 15 of them, distinct', () => {
    expect(offCatalogueMutants.length).toBeGreaterThanOrEqual(15);
    expect(new Set(offCatalogueMutants.map((m) => m.id)).size).toBe(offCatalogueMutants.length);
  });

  // The default run (catalogue and exploration, a new seed each time) against each, several at once.
  // Named seeds, one per drifted server in turn (the sweep over many is a benchmark): a failure names its seed.
  const SEEDS = [6, 13, 23, 1000, 4242] as const;
  it.concurrent.each(offCatalogueMutants.map((m, i) => [m.id, SEEDS[i % SEEDS.length]!, m] as const))(
    'catches "%s" (seed %i)',
    async (_id, seed, mutant: Mutant) => {
      const target = await simulatorTarget({ name: mutant.id, wrap: (sim) => startMutantProxy(sim, mutant) });
      try {
        const results = await runTarget(target, { strict: true, explore: { seed } });
        const failedExploring = results.filter((r) => r.status === 'fail' && r.id.startsWith('explore-'));
        expect(
          failedExploring.map((r) => r.id),
          `seed ${seed}: nothing explored failed against: ${mutant.drift}`,
        ).not.toEqual([]);
        // Every failure is a minimal case, reproducible: its curl line and a reproduction (a sequence, for the stateful one).
        for (const r of failedExploring) {
          expect(r.failures[0]!.curl).toMatch(/^curl -i -X (GET|POST|PATCH|DELETE) /);
          if (r.id === 'explore-stateful') expect(r.failures[0]!.step).toMatch(/(minimal|fixed) sequence/);
          else expect(r.reproductions.length, r.id).toBeGreaterThan(0);
        }
      } finally {
        await target.close();
      }
    },
  );
});

describe('the default live run against the same drifted servers', () => {
  const SEEDS = [6, 13, 23, 1000, 4242] as const;

  it.each(SEEDS)('states at most 250 requests, catalogue and exploration (seed %i)', (seed) => {
    expect(plan(planTargetOf('live', 100), { explore: { seed } }).atMost).toBeLessThanOrEqual(250);
  });

  // As a team runs it against its account: the live plan (its limits, the credential check, the sweep).
  it.concurrent.each(offCatalogueMutants.map((m, i) => [m.id, SEEDS[(i + 2) % SEEDS.length]!, m] as const))(
    'catches "%s" (seed %i), within what it stated',
    async (_id, seed, mutant: Mutant) => {
      const drifted = await simulatorTarget({ name: mutant.id, wrap: (sim) => startMutantProxy(sim, mutant) });
      const target = {
        ...liveTarget({ baseUrl: drifted.baseUrl, token: drifted.token, username: drifted.username, budget: 1_000_000 }),
        close: drifted.close,
      };
      try {
        let stated = 0;
        const results = await runTarget(target, { explore: { seed }, onPlan: (p) => (stated = p.atMost) });
        const failed = results.filter((r) => r.status === 'fail');
        expect(
          failed.map((r) => r.id),
          `seed ${seed}: the live run caught nothing of: ${mutant.drift}`,
        ).not.toEqual([]);
        expect(results.reduce((n, r) => n + r.requests, 0)).toBeLessThanOrEqual(stated);
      } finally {
        await target.close();
      }
    },
  );
});

describe('a failure, shrunk and replayed', () => {
  const mutant = offCatalogueMutants.find((m) => m.id === 'create-drops-unknown-fields')!;

  it('is written as a reproduction that `replay` re-sends: reproduced on the drifted server, gone on the faithful one', async () => {
    const target = await simulatorTarget({ name: 'simulator', wrap: (sim) => startMutantProxy(sim, mutant) });
    const dir = join(scratch, 'replays');
    try {
      // Through the CLI's own writer: run the exploration of create against the drifted server.
      const results = await runTarget(target, { behaviours: [], explore: { runs: 10, seed: 4242 } });
      const failed = results.find((r) => r.id === 'explore-createToken')!;
      expect(failed.status).toBe('fail');
      const reproduction = failed.reproductions[0]!;
      expect(reproduction.expected).toMatch(/negative_data_rejection/);
      expect(reproduction.case.polarity).toBe('negative');
      expect(reproduction.curl).not.toContain(target.token);
      const { writeReproductions } = await import('../src/index.js');
      const [file] = writeReproductions(results, dir, 'test-run');
      expect(JSON.parse(readFileSync(file!, 'utf8')).case).toEqual(reproduction.case);

      const again = await runCli(['replay', file!, '--base-url', target.baseUrl, '--token', target.token]).done;
      expect(again.code, again.stdout + again.stderr).toBe(1);
      expect(again.stdout).toContain('The failure is reproduced.');
      expect(again.stdout + again.stderr).not.toContain(target.token);

      // Without --base-url: the embedded simulator it was found on, started anew (faithful).
      const faithful = await runCli(['replay', file!]).done;
      expect(faithful.code, faithful.stdout + faithful.stderr).toBe(0);
      expect(faithful.stdout).toContain('The failure is gone: the case passes now.');
      expect(readdirSync(dir)).toHaveLength(1);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('refuses a file that is not a reproduction, clearly', async () => {
    const missing = await runCli(['replay', join(scratch, 'nope.json')]).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read it \(no such file\)/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a live run', () => {
  it('is planned with the live limits, whoever plans it: per-kind coverage, 2 shrinks, the fixed stateful sequence alone', () => {
    const planned = plan(planTargetOf('live', 100), { explore: { seed: 9 } });
    const steps = planned.behaviours.flatMap(({ behaviour }) => behaviour.steps);
    const explore = steps.flatMap((s) => (s.kind === 'explore' ? [s] : []));
    expect(explore).toHaveLength(6);
    for (const s of explore)
      expect([s.runs, s.shrinkBudget, s.coverage]).toEqual([LIVE_EXPLORE.runs, LIVE_EXPLORE.shrinkBudget, LIVE_EXPLORE.coverage]);
    expect(steps.flatMap((s) => (s.kind === 'stateful' ? [s.runs] : []))).toEqual([0]);
    // The same plan the embedded targets get is bigger: the limits are the live kind's.
    expect(plan(planTargetOf('simulator'), { explore: { seed: 9 } }).atMost).toBeGreaterThan(planned.atMost);
  });

  it("addresses no token it did not create: the account's own tokens are untouched, every update and delete is of its own", async () => {
    const sim = await startSimulator({ username: 'acct', rateLimit: false, log: () => {} });
    const own = [
      sim.seedToken({ scopes: ['styles:read'], note: 'production website' }),
      sim.seedToken({ scopes: ['styles:read', 'tokens:read'], note: 'CI' }),
    ];
    const front = await countingFront(sim.url);
    const stored = () => JSON.stringify(own.map((t) => sim.state.accounts.get('acct')!.tokens.get(t.id)));
    const before = stored();
    try {
      const target = liveTarget({ baseUrl: front.url, token: sim.token, username: 'acct', budget: 100_000 });
      const exploration = explorationBehaviours({ runs: 1, seed: 0 }).map((b) => b.id);
      const results = await runTarget(target, { only: exploration, explore: { seed: 5 } });
      expect(results.map((r) => r.id)).toEqual(exploration);
      const addressed = front.seen.filter((l) => /^(PATCH|DELETE) /.test(l)).map((l) => l.split('/').pop());
      expect(addressed.length).toBeGreaterThan(10);
      expect(addressed.filter((id) => own.some((t) => t.id === id))).toEqual([]);
      expect(stored()).toBe(before);
    } finally {
      await front.close();
      await sim.close();
    }
  });
});

describe('the command line', () => {
  it('prints the seed of every run, and plans the generated requests with --dry-run', async () => {
    const { code, stdout, stderr } = await runCli(['--dry-run', '--seed', '31337', '--explore', '3']).done;
    expect(code).toBe(0);
    expect(stderr).toContain('seed 31337: 3 generated cases per operation after the catalogue (--seed 31337 plans the same requests)');
    expect(stdout).toMatch(/^explore-createToken\n {2}POST \/tokens\/v2\/\{username\} /m);
    expect(stdout).toMatch(/\[\+ at most 30 to shrink a failure\]/);
  });

  it('turns exploration off with --explore 0', async () => {
    const { code, stdout, stderr } = await runCli(['--dry-run', '--explore', '0']).done;
    expect(code).toBe(0);
    expect(stderr).toContain('exploration off (--explore 0)');
    expect(stdout).not.toContain('explore-');
  });
});
