// The register of observed deviations (spec/observed/deviations.yaml, as generated constants) is
// faithful to the documentation it departs from, and a finding can tell whether it breaks a rule the
// documentation states or one the kit inferred.
import { deviations, errorTable, observedErrorVariants } from '@tokens-kit/types';
import { describe, expect, it } from 'vitest';
import { readSeed } from '../../../spec/test/seeds.js';
import { operations } from '../src/index.js';
import { ContractValidator } from '../src/validator.js';

const seeds = { reference: readSeed('reference'), tutorial: readSeed('tutorial') };
/** A listed public token, every documented field as documented. */
const token = {
  id: 'cabc',
  usage: 'pk',
  client: 'api',
  default: false,
  scopes: [],
  note: '',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-01T00:00:00Z',
  token: 'pk.a.b',
};
const validator = new ContractValidator();

describe('the register', () => {
  it('holds every medium- or high-confidence deviation of the research, by id', () => {
    expect(deviations.map((d) => d.id)).toEqual(
      expect.arrayContaining([
        'not-found-message-case',
        'missing-scope-403',
        'unauthorized-message-varies',
        'temporary-token-extra-fields',
        'temporary-token-with-allowed-urls-or-note',
        'undocumented-request-fields',
        'note-max-length',
        'listed-token-extra-fields',
        'client-not-constant',
        'temporary-token-payload-claims',
        'link-on-last-page',
        'link-several-relations',
        'link-unquoted-rel',
        'rate-limit-headers-on-success',
        'scopes-beyond-catalogue',
      ]),
    );
  });

  it.each(deviations.map((d) => [d.id, d] as const))('%s quotes the documentation verbatim and cites its evidence', (_id, d) => {
    expect(seeds[d.documented.source]).toContain(d.documented.quote);
    for (const e of d.evidence) expect(e.url).toMatch(/^https:\/\/(github\.com\/mapbox\/|docs\.mapbox\.com\/)/);
  });

  it('maps every observed error variant to a documented row, keeping the deviation it comes from', () => {
    expect(observedErrorVariants.length).toBeGreaterThanOrEqual(3);
    for (const [row, status, , , id] of observedErrorVariants) {
      expect(errorTable.find((r) => r.kind === row)?.status).toBe(status);
      expect(deviations.some((d) => d.id === id)).toBe(true);
    }
  });
});

describe('the basis of a finding', () => {
  const listed = operations.listTokens.responses['200']!.schemaPointer!;

  it("is the kit's inference for a constraint the documentation does not state (a required property, a closed object)", () => {
    const { default: _d, ...withoutDefault } = token;
    expect(validator.check(listed, [withoutDefault]).errors).toEqual([
      expect.objectContaining({ keyword: 'required', basis: 'inference' }),
    ]);
    expect(validator.check(listed, [{ ...token, lastUsed: 'x' }]).warnings).toEqual([
      expect.objectContaining({ keyword: 'additionalProperties', property: 'lastUsed', basis: 'inference' }),
    ]);
  });

  it('is documented for a rule the documentation states (client is always "api", usage is pk, sk or tk)', () => {
    expect(validator.check(listed, [{ ...token, client: 'web' }]).errors).toEqual([
      expect.objectContaining({ at: '/0/client', keyword: 'const', basis: 'documented' }),
    ]);
    expect(validator.check(listed, [{ ...token, usage: 'public' }]).errors.every((e) => e.basis === 'documented')).toBe(true);
  });
});

describe('additive drift under a oneOf', () => {
  it("names only the created token's extra field, not every property the temporary-token branch does not know", () => {
    const created = operations.createToken.responses['200']!.schemaPointer!;
    expect(validator.check(created, { ...token, resources: [] })).toEqual({
      errors: [],
      warnings: [expect.objectContaining({ at: '/', property: 'resources' })],
    });
    expect(validator.check(created, { token: 'tk.a.b', expires_in: 3600 }).warnings.map((w) => w.property)).toEqual(['expires_in']);
  });
});

describe("the kit's inferences in the spec", () => {
  // Every node marked x-kit-inference or x-kit-closed (a response the kit's inference closes,
  // published open), wherever it is in the bundle.
  const marked: { at: string; node: Record<string, unknown> }[] = [];
  const closed: { at: string; node: Record<string, unknown> }[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (Array.isArray(record['x-kit-inference'])) marked.push({ at, node: record });
    if (record['x-kit-closed'] === true) closed.push({ at, node: record });
    for (const [key, value] of Object.entries(record)) walk(value, `${at}/${key}`);
  };
  walk(validator.doc, '#');

  it('marks the constraints the documentation does not state, and only keywords the schema has', () => {
    expect(marked.length + closed.length).toBeGreaterThanOrEqual(15);
    for (const { at, node } of marked) {
      for (const keyword of node['x-kit-inference'] as string[]) expect(node, `${at} marks ${keyword}`).toHaveProperty(keyword);
    }
    // Published open: a response schema the kit closes carries the mark, not the keyword.
    expect(closed.map((c) => c.at)).toEqual(
      expect.arrayContaining([
        '#/components/schemas/TokenMetadata',
        '#/components/schemas/RetrieveTokenResult',
        '#/components/schemas/Error',
      ]),
    );
    for (const { at, node } of closed) expect(node, at).toHaveProperty('additionalProperties', true);
    expect(marked.map((m) => m.at)).toEqual(
      expect.arrayContaining([
        '#/components/schemas/TokenMetadata',
        '#/components/schemas/UpdateTokenRequest',
        '#/components/schemas/Resources',
      ]),
    );
  });

  it("marks the 413 answer and the Retry-After header as the kit's own decisions", () => {
    const components = validator.doc.components as Record<string, Record<string, Record<string, unknown>>>;
    expect(components.responses!.PayloadTooLarge!['x-kit-decision']).toBe(true);
    expect(components.headers!.RetryAfter!['x-kit-decision']).toBe(true);
  });
});
