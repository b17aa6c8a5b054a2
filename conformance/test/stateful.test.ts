// The stateful phase: a failing sequence is reported as the commands that ran (shrunk), with each
// request and answer, so a reader sees what broke; the model knows the documented rules, so the
// faithful simulator passes the named seeds that once failed (6, 13, 23).
import { describe, expect, it } from 'vitest';
import { runTarget, simulatorTarget, type BehaviourResult } from '../src/index.js';
import { startMutantProxy, type Mutant } from './mutant-proxy.js';
import { offCatalogueMutants } from './mutants-off-catalogue.js';

const SEEDS = [6, 13, 23] as const;

async function stateful(mutant: Mutant | undefined, seed: number): Promise<BehaviourResult> {
  const target = await simulatorTarget(mutant ? { name: mutant.id, wrap: (sim) => startMutantProxy(sim, mutant) } : {});
  try {
    const [result] = await runTarget(target, { only: ['explore-stateful'], explore: { seed } });
    return result!;
  } finally {
    await target.close();
  }
}

/** A rule applied nowhere: a token created with no scopes is updated to hold some, which the reference forbids. */
const scopesGainedAfterNone: Mutant = {
  id: 'scopes-gained-after-none',
  drift: 'a token created with no scopes accepts scopes in an update',
  reply: async (e, r, ctx) => {
    if (e.method !== 'PATCH' || r.status !== 422) return r;
    // Answer as if the rule did not exist: the token, with the scopes asked for.
    const listing = await ctx.forward({
      method: 'GET',
      url: new URL(`${e.url.pathname.split('/').slice(0, -1).join('/')}?limit=100${e.url.search.replace('?', '&')}`, e.url),
      body: '',
    });
    const token = (JSON.parse(listing.body) as { id: string }[]).find((t) => t.id === e.url.pathname.split('/').pop());
    return { ...r, status: 200, body: JSON.stringify({ ...token, ...JSON.parse(e.body) }) };
  },
};

describe('the stateful phase', () => {
  it.each(SEEDS)('passes the faithful simulator with seed %i (the model knows the scope-update rules)', async (seed) => {
    const result = await stateful(undefined, seed);
    expect(result.status, `seed ${seed}: ${JSON.stringify(result.failures[0])}`).toBe('pass');
  });

  it('reports a broken generated sequence as the commands that ran, shrunk, with each request and answer', async () => {
    const results = await Promise.all(SEEDS.map((seed) => stateful(scopesGainedAfterNone, seed)));
    const failed = results.filter((r) => r.status === 'fail');
    // The seeds whose sequences create a token with no scopes and then update its scopes.
    expect(failed.length, 'no named seed met the rule').toBeGreaterThan(0);
    for (const r of failed) {
      const [failure] = r.failures;
      expect(failure!.step).toMatch(
        /minimal sequence after \d+ shrink\(s\) \(--seed (6|13|23)\): create\(\[\]\), update\(#\d+, \{[^}]*"scopes":\[[^\]]+\]\}\), list\(\)$/,
      );
      expect(failure!.expected).toMatch(/refused by the rules: ScopesInvalid\): expected 422, got 200/);
      expect(failure!.expected).toMatch(
        /the sequence's requests and answers:\n {4}POST \/tokens\/v2\/conformance [^\n]*"scopes":\[\][^\n]* → 200 /,
      );
      expect(failure!.expected).toMatch(/\n {4}PATCH \/tokens\/v2\/conformance\/\S+ [^\n]*"scopes":\[[^\n]* → 200 /);
      expect(failure!.curl).toMatch(/^curl -i -X PATCH /);
    }
  });

  it('reports a broken fixed sequence with its commands too', async () => {
    const mutant = offCatalogueMutants.find((m) => m.id === 'deleted-token-still-listed')!;
    const result = await stateful(mutant, 13);
    expect(result.status).toBe('fail');
    expect(result.failures[0]!.step).toMatch(
      /the fixed sequence: createTogether\(\["styles:read"\], \["styles:read","tokens:read"\]\), .*delete\(#0\), .*list\(\)$/,
    );
    // The deleted token's row is caught as it comes (a row the listing should not hold), then the sequence that led there.
    expect(result.failures[0]!.expected).toMatch(
      /^stateful: the server keeps the documented state — listTokens: .*\n {2}the sequence's requests and answers:\n {4}POST /,
    );
    expect(result.failures[0]!.expected).toMatch(/\n {4}DELETE \/tokens\/v2\/conformance\/\S+ → 204 /);
  });

  // Each invariant across operations, proved by a drifted server that breaks it and nothing else the fixed sequence sees.
  it.each([
    [
      'overlapping-updates-mix-fields',
      // Whichever of the two arrives second loses its scopes to the first: b with a's, or a with b's.
      /overlapping update \{[^\n]*together b[^\n]*\}: token \S+ shows note "[^"]*together b" and scopes \["styles:read"\], expected [^\n]*"fonts:read","styles:read"|overlapping update \{[^\n]*together a[^\n]*\}: token \S+ shows note "[^"]*together a" and scopes \["fonts:read","styles:read"\], expected [^\n]*\["styles:read"\]/,
    ],
    ['update-restamps-created', /update \{[^\n]*\}: token \S+ shows created "[^"]+", its create answered /],
    [
      'temporary-retrieve-default-expiry',
      /retrieve a temporary token created with scopes \["styles:read"\], expiring \S+: it shows expires "/,
    ],
    ['overlapping-creates-share-a-token', /two overlapping creates answered the same token/],
    ['scope-list-only-public', /list scopes: tokens:read not listed, though the account's tokens were given it/],
    ['note-update-drops-scopes', /update \{"note":"[^"]*sk renamed"\}: token \S+ shows note "[^"]*" and scopes \[\], expected /],
  ])('fails the fixed sequence on "%s", saying which invariant broke', async (id, message) => {
    const result = await stateful(offCatalogueMutants.find((m) => m.id === id)!, 13);
    expect(result.status).toBe('fail');
    expect(result.failures[0]!.step).toMatch(/the fixed sequence: /);
    expect(result.failures[0]!.expected).toMatch(message);
  });
});
