// Negative values: each breaks one rule of a request schema (a wrong type, a property the schema
// does not know, a required one missing, a value out of range or outside an enum, not an object at
// all) of an otherwise valid value, and says which.
import fc from 'fast-check';
import { type GenerationContext, minimalPositive, resolve, type Schema } from './arbitraries.js';

/** How a negative value breaks its schema. */
export type Mutation = 'wrong-type' | 'unknown-property' | 'missing-required' | 'out-of-range' | 'not-an-object' | 'not-in-enum';

export interface NegativeValue {
  value: unknown;
  mutation: Mutation;
  /** What the mutation did, for a reader: `scopes: a number instead of an array`. */
  what: string;
}

const wrongTypeFor = (schema: Schema): unknown[] => {
  switch (schema.type) {
    case 'string':
      return [42, true, ['text'], null];
    case 'integer':
    case 'number':
      return ['twelve', 1.5, null];
    case 'boolean':
      return ['maybe', 1];
    case 'array':
      return ['styles:read', 3, { 0: 'x' }];
    default:
      return [];
  }
};

/**
 * Negative values for an object schema (a request body): a positive value with one rule broken —
 * a property of the wrong type, a property the schema does not know, a required property missing,
 * a value out of range, or not an object at all. `branches` for a oneOf: each branch is broken alone.
 */
export const negativeBody = (schema: Schema, ctx: GenerationContext): fc.Arbitrary<NegativeValue> =>
  fc.oneof(...negativeBodyOptions(schema, ctx).map((o) => o.arbitrary));

/** Each way of breaking a body schema, with what it breaks (the coverage phase takes one of each). */
export function negativeBodyOptions(
  schemaIn: Schema,
  ctx: GenerationContext,
): { mutation: Mutation; property?: string; arbitrary: fc.Arbitrary<NegativeValue> }[] {
  const schema = resolve(ctx.doc, schemaIn);
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as Schema[]).flatMap((branch) => negativeBodyOptions(branch, ctx));
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = (schema.required ?? []) as string[];
  const base = minimalPositive(schema, ctx);
  const options: { mutation: Mutation; property?: string; arbitrary: fc.Arbitrary<NegativeValue> }[] = [];
  const add = (mutation: Mutation, property: string | undefined, arbitrary: fc.Arbitrary<NegativeValue>) =>
    options.push({ mutation, ...(property ? { property } : {}), arbitrary });
  for (const [name, raw] of Object.entries(properties)) {
    const property = resolve(ctx.doc, raw);
    // One option per wrong value: the coverage phase sends each (a server may accept one and not another).
    for (const bad of wrongTypeFor(property))
      add(
        'wrong-type',
        name,
        base.map((value) => ({
          value: { ...value, [name]: bad },
          mutation: 'wrong-type' as const,
          what: `${name}: ${JSON.stringify(bad)} instead of ${String(property.type)}`,
        })),
      );
    for (const outOfRange of outOfRangeFor(property, ctx))
      add(
        'out-of-range',
        name,
        base.map((value) => ({
          value: { ...value, [name]: outOfRange.value },
          mutation: 'out-of-range' as const,
          what: `${name}: ${outOfRange.what}`,
        })),
      );
  }
  if (schema.additionalProperties === false)
    add(
      'unknown-property',
      undefined,
      fc.tuple(base, fc.stringMatching(/^[a-z]{3,8}$/)).map(([value, suffix]) => ({
        value: { ...value, [`x_unexpected_${suffix}`]: 'value' },
        mutation: 'unknown-property' as const,
        what: `a property the schema does not know: x_unexpected_${suffix}`,
      })),
    );
  for (const name of required)
    add(
      'missing-required',
      name,
      base.map(({ [name]: _dropped, ...rest }) => ({
        value: rest,
        mutation: 'missing-required' as const,
        what: `the required ${name} left out`,
      })),
    );
  add(
    'not-an-object',
    undefined,
    fc
      .constantFrom<unknown>([], 'text', 7, null)
      .map((value) => ({ value, mutation: 'not-an-object' as const, what: `a body of ${JSON.stringify(value)}` })),
  );
  return options;
}

/** The values just outside a schema's range, for each bound it has. */
function outOfRangeFor(schema: Schema, ctx: GenerationContext): { value: unknown; what: string }[] {
  const items = schema.items ? resolve(ctx.doc, schema.items as Schema) : undefined;
  const out: { value: unknown; what: string }[] = [];
  if (schema.type === 'array' && typeof schema.maxItems === 'number')
    out.push({
      value: Array.from({ length: schema.maxItems + 1 }, (_, i) => `https://example.com/${i}`),
      what: `${schema.maxItems + 1} items (at most ${schema.maxItems})`,
    });
  if (schema.type === 'array' && typeof schema.minItems === 'number' && schema.minItems > 0)
    out.push({ value: [], what: `no item (at least ${schema.minItems})` });
  if (schema.type === 'array' && items?.minLength === 1) out.push({ value: [''], what: 'an empty string as an item' });
  if (schema.type === 'string' && typeof schema.maxLength === 'number')
    out.push({ value: 'n'.repeat(schema.maxLength + 1), what: `${schema.maxLength + 1} characters (at most ${schema.maxLength})` });
  if (schema.type === 'string' && typeof schema.minLength === 'number' && schema.minLength > 0)
    out.push({ value: '', what: `empty (at least ${schema.minLength})` });
  return out;
}

/** The ways to break a query parameter's schema, one arbitrary each: wrong type, out of range, not in its enum. */
export function negativeParameterOptions(schemaIn: Schema, ctx: GenerationContext): fc.Arbitrary<NegativeValue>[] {
  const schema = resolve(ctx.doc, schemaIn);
  if (Array.isArray(schema.enum))
    return [
      fc
        .stringMatching(/^[a-z]{2,6}$/)
        .filter((s) => !(schema.enum as unknown[]).includes(s))
        .map((value) => ({ value, mutation: 'not-in-enum' as const, what: `"${value}", not one of ${JSON.stringify(schema.enum)}` })),
    ];
  if (schema.type === 'integer')
    return [
      // Not '': an empty query value reads as no value.
      fc
        .constantFrom('twelve', '1.5', '2e')
        .map((value) => ({ value, mutation: 'wrong-type' as const, what: `"${value}", not an integer` })),
      ...(typeof schema.minimum === 'number'
        ? [
            fc
              .integer({ min: (schema.minimum as number) - 1000, max: (schema.minimum as number) - 1 })
              .map((value) => ({ value, mutation: 'out-of-range' as const, what: `${value}, below ${schema.minimum}` })),
          ]
        : []),
    ];
  if (schema.type === 'boolean')
    return [
      fc.constantFrom('maybe', 'yes', '2').map((value) => ({ value, mutation: 'wrong-type' as const, what: `"${value}", not a boolean` })),
    ];
  return [];
}
