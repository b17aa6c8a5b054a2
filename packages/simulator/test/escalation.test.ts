// Nobody can escalate: whatever sequence of creates and updates a limited token and its
// descendants make, no token ever holds a scope the limited token lacked.
import fc from 'fast-check';
import { scopeCatalogue } from '@tokens-kit/types';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, verifyToken, type RunningSimulator, type VerifiedToken } from '../src/index.js';
import { api, tokensPath } from './support.js';

const allScopes = scopeCatalogue.map((s) => s.id);
let sim: RunningSimulator;
let http: ReturnType<typeof api>;

beforeAll(async () => {
  sim = await startSimulator({ username: 'esc', rateLimit: false, secret: 'escalation-test', log: () => {} });
  http = api(sim);
});
afterAll(() => sim.close());

const step = fc.record({
  kind: fc.constantFrom('create', 'createTemporary', 'update'),
  actor: fc.nat(),
  target: fc.nat(),
  scopes: fc.subarray(allScopes),
});

it('no sequence of calls yields a token with a scope its creator lacked', async () => {
  await fc.assert(
    fc.asyncProperty(fc.subarray(allScopes, { minLength: 1 }), fc.array(step, { minLength: 1, maxLength: 12 }), async (granted, steps) => {
      const allowed = new Set([...granted, 'tokens:write']);
      const root = await http.call('POST', tokensPath(sim), { body: { scopes: [...allowed] } });
      expect(root.status).toBe(200);
      const chain: { token: string; id?: string }[] = [{ token: root.body.token, id: root.body.id }];
      for (const s of steps) {
        const actor = chain[s.actor % chain.length]!;
        if (s.kind === 'update') {
          const targets = chain.filter((t) => t.id);
          const target = targets[s.target % targets.length]!;
          await http.call('PATCH', `${tokensPath(sim)}/${target.id}`, { token: actor.token, body: { scopes: s.scopes } });
        } else {
          const body =
            s.kind === 'create' ? { scopes: s.scopes } : { scopes: s.scopes, expires: new Date(sim.clock.now() + 600_000).toISOString() };
          const answer = await http.call('POST', tokensPath(sim), { token: actor.token, body });
          if (answer.status === 200) chain.push({ token: answer.body.token, id: answer.body.id });
        }
      }
      const account = sim.state.accounts.get('esc')!;
      for (const link of chain) {
        const scopes = link.id
          ? account.tokens.get(link.id)!.scopes
          : (verifyToken('escalation-test', link.token) as Extract<VerifiedToken, { usage: 'tk' }>).payload.scopes;
        for (const scope of scopes) expect(allowed.has(scope), `${scope} is not among ${[...allowed]}`).toBe(true);
      }
    }),
    { numRuns: 150 },
  );
  http.expectAllDocumented();
}, 120_000);
