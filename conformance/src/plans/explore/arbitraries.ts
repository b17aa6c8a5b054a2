// fast-check arbitraries from the bundled spec's request schemas, positive and negative. Written
// here rather than taken from a JSON-Schema-to-arbitrary package: the one published for fast-check
// (json-schema-fast-check) is built on fast-check 1 and unmaintained, and this spec's request
// schemas use a small set of keywords (type, enum, const, oneOf, $ref, format date-time, minLength,
// maxLength, minItems, maxItems, minimum, required, minProperties, additionalProperties), each
// turned into its arbitrary below; an unknown keyword is a clear error, not a silent skip.
//
// Positive values are valid by the schema, with their boundaries (empty and maximal strings and
// arrays, unicode, every enum value, RFC 3339 date-times with offsets and fractions). The catalogue's
// knowledge steers them where the schema alone would almost never reach a success: scopes come
// from the scope catalogue, expiries from the next hour, notes carry the run's tag (live safety).
// Negative values break one rule of the schema each, and say which.
import fc from 'fast-check';
import { type JsonObject, type OpenApiDocument, resolvePointer } from '@tokens-kit/contract/validator';
import { limits, scopeCatalogue, type OperationId } from '@tokens-kit/types';

export type Schema = JsonObject;

/** A schema keyword this generator understands; anything else in a request schema is refused. */
const KNOWN = new Set([
  'type',
  'enum',
  'const',
  'oneOf',
  '$ref',
  'format',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'items',
  'properties',
  'required',
  'minProperties',
  'additionalProperties',
  // Annotations.
  'title',
  'description',
  'examples',
  'example',
  'default',
]);

export interface GenerationContext {
  doc: OpenApiDocument;
  /** The run's note tag: every note the exploration sends starts with it. */
  tag: string;
  /** The target's now, for expiries (ms since the epoch). */
  now: number;
  /** Whether a body is valid for an operation by its schema (the contract's validator): positive cases must be, negative ones must not. */
  validBody: (op: OperationId, body: unknown) => boolean;
}

/** A schema with its $refs followed (sibling keywords kept). */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops++) {
    const target = resolvePointer<Schema | undefined>(doc, current.$ref as string);
    if (!target) throw new Error(`explore: the spec's $ref ${current.$ref as string} resolves to nothing`);
    // Sibling keywords of a $ref (a description) apply too.
    const { $ref: _ref, ...siblings } = current;
    current = { ...(target as Schema), ...siblings };
  }
  return current;
}

/** Schema lookup by JSON pointer (the operation index's pointers). */
export const schemaAt = (doc: OpenApiDocument, pointer: string): Schema => resolve(doc, { $ref: pointer });

/** RFC 3339 date-times of every form: `Z` or a numeric offset, with or without fractional seconds. */
function dateTimeForms(at: number): fc.Arbitrary<string> {
  return fc
    .record({ offsetMinutes: fc.constantFrom(0, 0, 60, -300, 330, 840, -720), fraction: fc.constantFrom(0, 1, 3, 6), zulu: fc.boolean() })
    .map(({ offsetMinutes, fraction, zulu }) => {
      const whole = Math.floor(at / 1000) * 1000;
      const local = new Date(whole + offsetMinutes * 60_000).toISOString().slice(0, 19);
      const frac = fraction
        ? `.${String(at % 1000)
            .padStart(3, '0')
            .padEnd(fraction, '0')
            .slice(0, fraction)}`
        : '';
      if (offsetMinutes === 0 && zulu) return `${local}${frac}Z`;
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      return `${local}${frac}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    });
}

/** Strings within a length range, biased to the boundaries and to unicode beyond ASCII. */
function strings(minLength: number, maxLength: number | undefined): fc.Arbitrary<string> {
  const max = maxLength ?? Math.max(minLength, 40);
  const within = (s: string) => {
    const length = [...s].length;
    return length >= minLength && length <= max;
  };
  const pad = (s: string, length: number) => (s + 'x'.repeat(length)).slice(0, length);
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength, maxLength: Math.min(max, 40), unit: 'grapheme' }) },
      // Control and formatting characters (not unit 'binary': its first use builds a 1.5 s table).
      {
        weight: 1,
        arbitrary: fc.string({
          minLength,
          maxLength: Math.min(max, 12),
          unit: fc.constantFrom('\u0000', '\t', '\n', '\u202e', '\ufeff', '"', '\\', '%', 'a'),
        }),
      },
      { weight: 1, arbitrary: fc.constantFrom(pad('', minLength), pad('é😀 中文 ', Math.max(minLength, Math.min(max, 8)))) },
      ...(maxLength === undefined ? [] : [{ weight: 1, arbitrary: fc.constant('n'.repeat(maxLength)) }]),
    )
    .filter(within);
}

const catalogueScopes = scopeCatalogue.map((s) => s.id);

/** An expiry the rules accept: between a minute ahead and a minute under the hour, in any RFC 3339 form. */
const expiryWithinTheHour = (ctx: GenerationContext) =>
  fc.integer({ min: 60, max: limits.maxTemporaryLifetimeSeconds - 60 }).chain((s) => dateTimeForms(ctx.now + s * 1000));

/** Hints by property name: where the catalogue's knowledge makes a success reachable. */
function hinted(name: string | undefined, schema: Schema, ctx: GenerationContext): fc.Arbitrary<unknown> | undefined {
  if (name === 'note') {
    // The tag first: cleanup finds a token by it. What follows is generated (unicode, boundaries).
    const limit = typeof schema.maxLength === 'number' ? schema.maxLength - ctx.tag.length - 9 : undefined;
    return strings(0, limit === undefined ? undefined : Math.max(0, limit)).map((s) => `${ctx.tag} explore ${s}`);
  }
  if (name === 'scopes')
    return fc.oneof(
      { weight: 4, arbitrary: fc.uniqueArray(fc.constantFrom(...catalogueScopes), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(strings(1, 30), { maxLength: 3 }) },
    );
  if (name === 'expires')
    return fc.oneof(
      { weight: 4, arbitrary: expiryWithinTheHour(ctx) },
      { weight: 1, arbitrary: fc.integer({ min: -86_400, max: 86_400 }).chain((s) => dateTimeForms(ctx.now + s * 1000)) },
    );
  if (name === 'allowedUrls') {
    // Not fc.webUrl: its first construction builds fast-check's domain tables (1.5 s on this machine).
    const url = fc
      .tuple(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        fc.constantFrom('com', 'org', 'io', 'mapbox.com', 'example'),
        fc.string({ maxLength: 12, unit: 'grapheme' }),
      )
      .map(([host, tld, path]) => `https://${host}.${tld}/${encodeURIComponent(path)}`);
    return fc.oneof(
      { weight: 4, arbitrary: fc.array(url, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(url, { minLength: 100, maxLength: 100 }) },
    );
  }
  return undefined;
}

/** A positive value for `schema`: valid by it. `name` is the property it is for, when it is one. */
export function positive(schemaIn: Schema, ctx: GenerationContext, name?: string): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.doc, schemaIn);
  for (const key of Object.keys(schema))
    if (!KNOWN.has(key) && !key.startsWith('x-')) throw new Error(`explore: the request schema keyword "${key}" has no generator`);
  const hint = hinted(name, schema, ctx);
  if (hint) return hint;
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.oneOf)) return fc.oneof(...(schema.oneOf as Schema[]).map((branch) => positive(branch, ctx, name)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => positive({ ...schema, type }, ctx, name)));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time')
        return fc.integer({ min: -10 * 365 * 86_400, max: 10 * 365 * 86_400 }).chain((s) => dateTimeForms(ctx.now + s * 1000));
      return strings((schema.minLength as number | undefined) ?? 0, schema.maxLength as number | undefined);
    case 'integer':
      return fc.integer({ min: (schema.minimum as number | undefined) ?? -1000, max: (schema.maximum as number | undefined) ?? 1000 });
    case 'number':
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 1000,
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = positive((schema.items as Schema) ?? {}, ctx);
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = (schema.maxItems as number | undefined) ?? Math.max(minLength, 4);
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(items, { minLength, maxLength: Math.min(maxLength, Math.max(minLength, 4)) }) },
        { weight: 1, arbitrary: fc.array(items, { minLength: maxLength, maxLength }) },
      );
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, positive(value, ctx, key)])), {
        requiredKeys: required,
      }) as fc.Arbitrary<Record<string, unknown>>;
      const minProperties = (schema.minProperties as number | undefined) ?? 0;
      return record.filter((value) => Object.keys(value).length >= minProperties);
    }
    default:
      throw new Error(`explore: the request schema type ${JSON.stringify(schema.type)} has no generator`);
  }
}

/**
 * The smallest valid value of an object schema: its required properties (arrays empty where they
 * may be), and, where `minProperties` asks for more, its first optional properties. What negative
 * cases break one rule of, so that a refusal is the broken rule's and nothing else's.
 */
export function minimalPositive(schemaIn: Schema, ctx: GenerationContext): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolve(ctx.doc, schemaIn);
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const optional = Object.keys(properties).filter((k) => !required.includes(k));
  const needed = Math.max(0, ((schema.minProperties as number | undefined) ?? 0) - required.length);
  const keys = [...required, ...optional.slice(0, needed)];
  const smallest = (name: string): fc.Arbitrary<unknown> => {
    const property = resolve(ctx.doc, properties[name]!);
    if (property.type === 'array' && !property.minItems) return fc.constant([]);
    // Inside the rules too, not only the schema: a case that breaks one thing must break only that
    // (an expiry a day off would have the server refuse it for the expiry, whatever else it tests).
    if (name === 'expires') return expiryWithinTheHour(ctx);
    return positive(property, ctx, name);
  };
  return fc.record(Object.fromEntries(keys.map((k) => [k, smallest(k)]))) as fc.Arbitrary<Record<string, unknown>>;
}

/** Positive values of one property at its boundaries: an array at its maxItems, a note beyond ASCII, any other value. */
export function boundaryValues(schemaIn: Schema, ctx: GenerationContext, name: string): fc.Arbitrary<unknown>[] {
  const schema = resolve(ctx.doc, schemaIn);
  const values = [positive(schema, ctx, name)];
  if (schema.type === 'array' && typeof schema.maxItems === 'number')
    values.push(fc.array(positive((schema.items as Schema) ?? {}, ctx), { minLength: schema.maxItems, maxLength: schema.maxItems }));
  // The same item twice (the schemas ask no uniqueness): kept as sent, not de-duplicated. A scope is
  // one the catalogue has, so only the duplicate is under test.
  if (schema.type === 'array' && schema.uniqueItems !== true)
    values.push(
      (name === 'scopes' ? fc.constant(catalogueScopes[0]!) : positive((schema.items as Schema) ?? {}, ctx)).map((item) => [item, item]),
    );
  // Unicode and control characters, and whitespace at the edges: kept as sent, byte for byte.
  if (name === 'note')
    values.push(fc.constant(`${ctx.tag} explore é😀 中文 \u202e\u0000`), fc.constant(`${ctx.tag} explore \t edge whitespace `));
  return values;
}

/**
 * Expiries just inside both ends of a temporary token's life (a minute ahead, a minute under the
 * hour) in every RFC 3339 form the spec's date-time allows: Z or a numeric offset, with no
 * fraction, milliseconds or microseconds.
 */
export function dateTimeBoundaries(now: number, thorough: boolean): [string, { label: string; value: string }][] {
  const forms = [
    { label: 'Z, no fraction', offsetMinutes: 0, digits: 0 },
    { label: 'Z, milliseconds', offsetMinutes: 0, digits: 3 },
    { label: '+05:30, microseconds', offsetMinutes: 330, digits: 6 },
    { label: '-08:00, no fraction', offsetMinutes: -480, digits: 0 },
  ];
  const at = [
    ['a minute ahead', now + 60_000],
    ['a minute under the hour', now + (limits.maxTemporaryLifetimeSeconds - 60) * 1000],
  ] as const;
  // On a budget (a live target), each form once, the ends taking turns: every form and both ends in four requests.
  const pairs = thorough ? at.flatMap((a) => forms.map((f) => [a, f] as const)) : forms.map((f, i) => [at[i % 2]!, f] as const);
  return pairs.map(([[when, ms], f]): [string, { label: string; value: string }] => {
    const whole = Math.floor(ms / 1000) * 1000;
    const local = new Date(whole + f.offsetMinutes * 60_000).toISOString().slice(0, 19);
    const zone =
      f.offsetMinutes === 0
        ? 'Z'
        : `${f.offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(f.offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(f.offsetMinutes) % 60).padStart(2, '0')}`;
    return [when, { label: f.label, value: `${local}${f.digits ? `.${'0'.repeat(f.digits)}` : ''}${zone}` }];
  });
}
