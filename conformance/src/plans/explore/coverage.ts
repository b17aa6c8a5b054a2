// The coverage phase of exploration: the deterministic cases sent before the random ones, so that
// every class of input — each property's boundaries, each way of breaking the schemas, each query
// parameter's bounds, the media type the tutorial sends, a path that needs encoding — is met by
// every run, not by a lucky one.
import fc from 'fast-check';
import { operations } from '@tokens-kit/contract';
import type { JsonObject } from '@tokens-kit/contract/validator';
import { limits, type OperationId, publicScopeIds } from '@tokens-kit/types';
import type { ExploreCase } from '../../model/case.js';
import { boundaryValues, dateTimeBoundaries, type GenerationContext, minimalPositive, schemaAt } from './arbitraries.js';
import { ABSENT, bodyPointer, queryCases, TARGET } from './cases.js';
import { negativeBodyOptions } from './negatives.js';

const caseVariantScope = publicScopeIds[0]!.toUpperCase();

/**
 * The coverage phase: before the random cases, one case for each way the schemas can be broken —
 * every mutation of every body property (`thorough`), or one per kind of mutation (a live target's
 * budget) — and one for every enum value of every query parameter. Deterministic for a seed, so a
 * drift of any kind is met by every run, not by a lucky one.
 */
export function coverageCases(
  op: OperationId,
  ctx: GenerationContext,
  seed: number,
  { thorough, checksPaths }: { thorough: boolean; checksPaths: boolean },
): ExploreCase[] {
  const info = operations[op];
  const one = <T>(arb: fc.Arbitrary<T>, salt: number): T => fc.sample(arb, { seed: (seed + salt * 104_729) % 2 ** 31, numRuns: 1 })[0]!;
  const cases: ExploreCase[] = [];
  const withTokenId = info.pathParams.includes('token_id') ? { tokenId: 'target' } : {};
  let smallestBody: Record<string, unknown> | undefined;
  if (info.requestBody) {
    const bodySchema = schemaAt(ctx.doc, bodyPointer(op));
    // Positive boundaries: the smallest valid body, then each optional property alone at its
    // boundaries (every branch of a oneOf).
    const branches = Array.isArray(bodySchema.oneOf)
      ? (bodySchema.oneOf as JsonObject[]).map((b) => schemaAt(ctx.doc, b.$ref as string))
      : [bodySchema];
    const boundedOnce = new Set<string>();
    branches.forEach((branch, b) => {
      // This branch's optional properties, each with the boundary values it is sent with.
      const bounded: { name: string; values: unknown[] }[] = [];
      const minimal = one(minimalPositive(branch, ctx), 1000 + b);
      smallestBody ??= minimal;
      cases.push({ op, polarity: 'positive', what: 'the smallest valid body', query: {}, body: minimal, ...withTokenId });
      const required = (branch.required ?? []) as string[];
      for (const [name, property] of Object.entries((branch.properties ?? {}) as Record<string, JsonObject>)) {
        // A required date-time (a temporary token's expiry): just inside both ends of the hour, in
        // every RFC 3339 form the spec allows — each one a request every server must accept; and just
        // outside them (beyond any clock's skew), schema-valid requests the rules refuse, as a server must.
        const dateTime =
          property.format === 'date-time' || (property.$ref && schemaAt(ctx.doc, property.$ref as string).format === 'date-time');
        if (required.includes(name) && dateTime) {
          for (const [at, form] of dateTimeBoundaries(ctx.now, thorough))
            cases.push({
              op,
              polarity: 'positive',
              what: `boundary: ${name} ${at}, ${form.label}`,
              query: {},
              body: { ...minimal, [name]: form.value },
              ...withTokenId,
            });
          for (const [when, seconds] of [
            ['a minute in the past', -60],
            ['two minutes past the hour', limits.maxTemporaryLifetimeSeconds + 120],
          ] as const)
            cases.push({
              op,
              polarity: 'positive',
              what: `beyond a rule: ${name} ${when}`,
              query: {},
              body: { ...minimal, [name]: new Date(ctx.now + seconds * 1000).toISOString() },
              ...withTokenId,
            });
        }
        if (required.includes(name)) continue;
        // On a budget, a property's boundaries once, in the first branch that has it.
        if (!thorough && boundedOnce.has(name)) continue;
        boundedOnce.add(name);
        const values = boundaryValues(property, ctx, name)
          .map((arb, k) => one(arb, 2000 + b * 100 + k))
          .filter((value) => ctx.validBody(op, { ...minimal, [name]: value }));
        bounded.push({ name, values });
      }
      // Each property's boundary values in a request of its own; on a budget, a covering: row k
      // sends every property's k-th value at once (all valid, so all must be kept as sent), each
      // (property × value) sent once in as many requests as the property with the most values.
      const rows = thorough
        ? bounded.flatMap(({ name, values }) => values.map((value) => [[name, value]] as [string, unknown][]))
        : Array.from({ length: Math.max(0, ...bounded.map((p) => p.values.length)) }, (_, k) =>
            bounded.filter((p) => k < p.values.length).map((p) => [p.name, p.values[k]] as [string, unknown]),
          );
      for (const row of rows) {
        const body = { ...minimal, ...Object.fromEntries(row) };
        // A row the schemas refuse as a whole (properties that exclude each other) goes one property at a time.
        for (const part of ctx.validBody(op, body) ? [row] : row.map((entry) => [entry]))
          cases.push({
            op,
            polarity: 'positive',
            what: `boundary: ${part.map(([name]) => name).join(', ')}`,
            query: {},
            body: { ...minimal, ...Object.fromEntries(part) },
            ...withTokenId,
          });
      }
      // A scope in another case is no scope of the catalogue: the rules refuse it ("scopes are
      // invalid"), where a server that folds case would accept it.
      if ('scopes' in ((branch.properties ?? {}) as object) && b === 0)
        cases.push({
          op,
          polarity: 'positive',
          what: `beyond a rule: scopes in another case (${caseVariantScope})`,
          query: {},
          body: { ...minimal, scopes: [caseVariantScope] },
          ...withTokenId,
        });
      // The tutorial's curl sends its JSON without a Content-Type (curl labels it
      // application/x-www-form-urlencoded) and it works: a JSON body is read as JSON whatever its
      // label. The tutorial's is a create; on a budget, only a create is sent so.
      if (b === 0 && (thorough || op === 'createToken'))
        cases.push({
          op,
          polarity: 'positive',
          what: "media type: JSON labelled application/x-www-form-urlencoded, as the tutorial's curl sends it",
          query: {},
          body: minimal,
          contentType: 'application/x-www-form-urlencoded',
          ...withTokenId,
        });
    });
    // No body at all, where one is required: refused, not read as an empty token.
    cases.push({ op, polarity: 'negative', what: 'empty body: none sent', query: {}, ...withTokenId });
    const options = negativeBodyOptions(bodySchema, ctx);
    // On a budget, a covering rather than every value: each property × way of breaking it once (its
    // first value: a number for a string, a string for an array — the confusions servers make).
    const firstOf = new Map<string, (typeof options)[number]>();
    for (const o of options) if (!firstOf.has(`${o.property ?? ''} ${o.mutation}`)) firstOf.set(`${o.property ?? ''} ${o.mutation}`, o);
    const chosen = thorough ? options : [...firstOf.values()];
    chosen.forEach((option, i) => {
      // A few candidates, the first that is really invalid: breaking one oneOf branch can make a
      // value of another (a temporary request without expires is a permanent one), and such an
      // option has no negative case at all.
      const negative = fc
        .sample(option.arbitrary, { seed: (seed + i * 104_729) % 2 ** 31, numRuns: 8 })
        .find((n) => !ctx.validBody(op, n.value));
      if (negative)
        cases.push({
          op,
          polarity: 'negative',
          what: `${negative.mutation}: ${negative.what}`,
          query: {},
          body: negative.value,
          ...withTokenId,
        });
    });
  } else if (info.authorized) {
    const { negatives } = queryCases(op, ctx);
    negatives.forEach((arb, i) => {
      const n = one(arb, i);
      cases.push({
        op,
        polarity: 'negative',
        what: `${n.mutation}: ${n.name}=${n.what}`,
        query: { [n.name]: n.value as string | number | boolean },
        ...withTokenId,
      });
    });
    for (const [name, p] of Object.entries(info.query)) {
      const schema = schemaAt(ctx.doc, p.schemaPointer);
      // Every enum value — on a budget (a live target) left to the catalogue, whose listings send each.
      if (thorough)
        for (const value of (schema.enum ?? []) as (string | number | boolean)[])
          cases.push({ op, polarity: 'positive', what: `every enum value: ${name}=${value}`, query: { [name]: value }, ...withTokenId });
      // Just inside the bounds of an integer: its minimum — a page of one, so the answer links a
      // next page whose filters can be checked — and a full page of 100.
      if (schema.type === 'integer' && typeof schema.minimum === 'number')
        for (const value of [schema.minimum, Math.max(schema.minimum, 100)])
          cases.push({ op, polarity: 'positive', what: `boundary: ${name}=${value}`, query: { [name]: value }, ...withTokenId });
      // A start that is a token of the account (the one the behaviour created): a page after it, never the invalid-start 500.
      if (name === 'start')
        cases.push({ op, polarity: 'positive', what: 'boundary: start=a token of the account', query: { start: TARGET }, ...withTokenId });
    }
  }
  // The operation whose subject is the token in the query (retrieve): an empty one is no token.
  if (!info.authorized)
    cases.push({ op, polarity: 'negative', what: 'empty: the token to retrieve is ""', query: {}, as: { kind: 'string', value: '' } });
  // A token id that needs percent-encoding in the path (a space, a slash, a non-ASCII letter, `%`,
  // `?`, `#`), outside the id's pattern: decoded by the server, it is an id no token has — a
  // documented 4xx, not a crash. (A mock validates paths by the spec itself: nothing to learn there.)
  // One path serves update and delete: on a budget, the delete (no body) is sent so.
  if (withTokenId.tokenId && checksPaths && (thorough || info.method === 'DELETE'))
    cases.push({
      op,
      polarity: 'negative',
      what: 'path: a token id outside its pattern that needs percent-encoding',
      query: {},
      tokenId: `${ABSENT}é ü/%?#`,
      ...(smallestBody === undefined ? {} : { body: smallestBody }),
    });
  return cases;
}
