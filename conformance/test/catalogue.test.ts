// The catalogue is faithful to its sources and complete: every quote is verbatim in its seed,
// every operation's success path is run, every row of the error table a client can provoke is.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorTable, operationIndex, retrieveCodes } from '@tokens-kit/types';
import { describe, expect, it } from 'vitest';
import { catalogue, type Behaviour, type Step } from '../src/index.js';

const seedsDir = fileURLToPath(new URL('../../spec/seeds', import.meta.url));
const seed = (prefix: string) => readFileSync(join(seedsDir, readdirSync(seedsDir).find((f) => f.startsWith(prefix))!), 'utf8');
const seeds = { reference: seed('000_'), tutorial: seed('004_') };
const requestSteps = (b: Behaviour) => b.steps.filter((s): s is Extract<Step, { kind: 'request' }> => s.kind === 'request');

describe('the behaviour catalogue', () => {
  it('has unique ids', () => {
    expect(new Set(catalogue.map((b) => b.id)).size).toBe(catalogue.length);
  });

  it.each(catalogue.map((b) => [b.id, b] as const))('%s quotes its seed verbatim', (_id, b) => {
    expect(seeds[b.source.seed]).toContain(b.source.quote);
  });

  it("runs every operation's success path", () => {
    const succeeded = new Set(
      catalogue.flatMap((b) =>
        requestSteps(b)
          .filter((s) => s.expect.status < 300)
          .map((s) => s.op),
      ),
    );
    expect([...succeeded].sort()).toEqual(Object.keys(operationIndex).sort());
  });

  it('provokes every error-table row a client can provoke, by its exact message', () => {
    const provoked = new Set(
      catalogue.flatMap((b) =>
        requestSteps(b)
          .map((s) => s.expect.message)
          .filter(Boolean),
      ),
    );
    // Too Many Requests is provoked by the rate-limit behaviour (status and Retry-After);
    // Payload Too Large would take a 64 KiB body to a live server, which a safe suite does not send.
    const rows = errorTable.filter((r) => !['RateLimited', 'PayloadTooLarge'].includes(r.kind));
    expect(rows.filter((r) => !provoked.has(r.message)).map((r) => r.kind)).toEqual([]);
    expect(catalogue.some((b) => b.steps.some((s) => s.kind === 'exhaustRateLimit'))).toBe(true);
  });

  it('expects every retrieve code somewhere', () => {
    const expected = new Set(
      catalogue.flatMap((b) =>
        requestSteps(b)
          .map((s) => s.expect.code)
          .filter(Boolean),
      ),
    );
    expect([...expected].sort()).toEqual([...retrieveCodes].sort());
  });

  it('covers every documented list parameter', () => {
    const params = new Set(
      catalogue.flatMap((b) =>
        requestSteps(b)
          .filter((s) => s.op === 'listTokens' && s.query && typeof s.query === 'object')
          .flatMap((s) => Object.keys(s.query as object)),
      ),
    );
    expect([...params].sort()).toEqual(['default', 'limit', 'sortby', 'start', 'usage']);
  });
});
