// The simulator and the contract's rule predicates agree: whatever the simulator refuses with a row
// of the error table, the row's predicate says may apply to that request; whatever it accepts, no
// row's predicate says surely applies. Generated requests (fast-check, fixed seeds): expiries across
// both boundaries in every RFC 3339 form, scopes inside and outside the catalogue, limits, usages.
import { errorKindOf, refusalApplies, type RuleContext } from '@tokens-kit/contract';
import { errorKinds, scopeCatalogue } from '@tokens-kit/types';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createSimulator } from '../src/index.js';

const SEEDS = [6, 13, 23];
const sim = createSimulator({ username: 'rules', rateLimit: false, log: () => {} });
const ctx = (): RuleContext => ({
  now: sim.clock.now(),
  // The simulator's clock is the caller's here: no skew.
  skewMs: 0,
  ownAccount: true,
  authorizingUsage: 'sk',
  authorizingScopes: scopeCatalogue.map((s) => s.id),
});

const offset = fc.constantFrom('Z', '+00:00', '+05:30', '-08:00');
const expiry = fc.tuple(fc.integer({ min: -7200, max: 7200 }), offset, fc.constantFrom(0, 3, 6)).map(([seconds, zone, digits]) => {
  const at = new Date(Math.floor((sim.clock.now() + seconds * 1000) / 1000) * 1000);
  const minutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  return `${local}${digits ? `.${'0'.repeat(digits)}` : ''}${zone}`;
});
const scopes = fc.uniqueArray(fc.constantFrom(...scopeCatalogue.map((s) => s.id), 'no:such-scope'), { maxLength: 3 });
const createBody = fc.oneof(fc.record({ scopes, note: fc.string({ maxLength: 10 }) }), fc.record({ scopes, expires: expiry }));
const listQuery = fc.record(
  { limit: fc.integer({ min: 1, max: 120 }), usage: fc.constantFrom('pk', 'sk', 'tk'), sortby: fc.constantFrom('created', 'modified') },
  { requiredKeys: [] },
);

async function send(method: string, path: string, query: Record<string, string | number>, body?: unknown) {
  const url = new URL(`https://api.mapbox.com${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  url.searchParams.set('access_token', sim.token);
  const answer = await sim.fetch(
    url,
    body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );
  const text = await answer.text();
  return { status: answer.status, json: text ? (JSON.parse(text) as { message?: string }) : undefined };
}

/** Checks one answer against the predicates; a failure text, or undefined. */
function disagreement(
  op: 'createToken' | 'listTokens',
  request: { query: Record<string, string | number>; body?: unknown },
  status: number,
  message?: string,
) {
  if (status >= 400) {
    const kind = message === undefined ? undefined : errorKindOf(status, message);
    if (!kind) return `an answer that is no row of the error table: ${status} ${message}`;
    if (refusalApplies(kind, op, request, ctx()) === 'no') return `refused with ${kind}, which the contract says cannot apply`;
    return undefined;
  }
  const sure = errorKinds.map(([kind]) => kind).filter((kind) => refusalApplies(kind, op, request, ctx()) === 'yes');
  return sure.length ? `accepted, though ${sure.join(', ')} surely applies` : undefined;
}

it.each(SEEDS)('create: the simulator refuses exactly where the rules apply (seed %i)', async (seed) => {
  await fc.assert(
    fc.asyncProperty(createBody, async (body) => {
      const { status, json } = await send('POST', '/tokens/v2/rules', {}, body);
      const problem = disagreement('createToken', { query: {}, body }, status, json?.message);
      expect(problem, `seed ${seed}: ${JSON.stringify(body)}`).toBeUndefined();
    }),
    { seed, numRuns: 150 },
  );
});

it.each(SEEDS)('list: the simulator refuses exactly where the rules apply (seed %i)', async (seed) => {
  await fc.assert(
    fc.asyncProperty(listQuery, async (query) => {
      const { status, json } = await send('GET', '/tokens/v2/rules', query);
      const problem = disagreement('listTokens', { query }, status, json?.message);
      expect(problem, `seed ${seed}: ${JSON.stringify(query)}`).toBeUndefined();
    }),
    { seed, numRuns: 60 },
  );
});
