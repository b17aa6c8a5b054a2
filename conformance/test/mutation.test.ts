// Proof that the suite catches drift: it must fail against every drifted simulator, pass against
// the faithful one, and only warn on additive drift. Prints the score; fails below 100%.
import { afterAll, describe, expect, it } from 'vitest';
import { runTarget, simulatorTarget, type BehaviourResult } from '../src/index.js';
import { startMutantProxy, type Mutant } from './mutant-proxy.js';
import { additive, faithful, mutants } from './mutants.js';

// Strict: the self-test proves the suite *detects* drift. Some drifted servers behave as the register
// of observed deviations says Mapbox's does (temporary tokens accepting allowed URLs); without
// --strict those are reported as known drift instead of failing (test/observed.test.ts).
async function runAgainst(mutant: Mutant, strict = true): Promise<BehaviourResult[]> {
  const target = await simulatorTarget({ name: mutant.id, wrap: (sim) => startMutantProxy(sim, mutant) });
  try {
    return await runTarget(target, { strict });
  } finally {
    await target.close();
  }
}

const caught: string[] = [];
const missed: string[] = [];

describe('the mutation self-test', () => {
  it('has at least 25 distinct drifted servers', () => {
    expect(mutants.length).toBeGreaterThanOrEqual(25);
    expect(new Set(mutants.map((m) => m.id)).size).toBe(mutants.length);
  });

  it('passes against the faithful simulator behind the same proxy, with no warning', async () => {
    const results = await runAgainst(faithful);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${JSON.stringify(r.failures)}`)).toEqual([]);
  });

  it('warns, and does not fail, on additive drift', async () => {
    const results = await runAgainst(additive, false);
    expect(results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([]);
    expect(results.some((r) => r.status === 'warn' && r.warnings.some((w) => w.includes('lastUsed')))).toBe(true);
  });

  // Several at a time: each has its own simulator and proxy.
  it.concurrent.each(mutants.map((m) => [m.id, m] as const))('fails against the drifted server "%s"', async (_id, mutant) => {
    const results = await runAgainst(mutant);
    const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
    (failed.length ? caught : missed).push(mutant.id);
    expect(failed, `nothing failed against: ${mutant.drift}`).not.toEqual([]);
  });

  afterAll(() => {
    const total = caught.length + missed.length;
    console.log(`mutation score: ${caught.length}/${total} drifted servers caught${missed.length ? `; missed: ${missed.join(', ')}` : ''}`);
  });
});
