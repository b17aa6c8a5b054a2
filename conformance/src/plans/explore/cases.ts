// Generated cases, one operation at a time: what is sent (the generic checks that judge the
// answers are the explore step's: steps/generic-checks.ts).
import fc from 'fast-check';
import { operations } from '@tokens-kit/contract';
import type { JsonObject } from '@tokens-kit/contract/validator';
import type { OperationId } from '@tokens-kit/types';
import type { OutgoingRequest, StepContext } from '../../model/behaviour.js';
import type { ExploreCase } from '../../model/case.js';
import { createStep } from '../catalogue/checks.js';
import { type GenerationContext, minimalPositive, positive, schemaAt } from './arbitraries.js';
import { negativeBody, negativeParameterOptions } from './negatives.js';

/** The step that creates the token a `target` case addresses (exploration and replay alike). */
export const targetTokenStep = (label: string) =>
  createStep(`create the token to ${label}`, 'target', (s: StepContext) => ({ note: s.note(`${label} target`), scopes: ['styles:read'] }));

/** Where a case names "the token the behaviour created for the purpose" (a token id, a start). */
export const TARGET = 'target';
/** The id of the token the behaviour created, or one no token has when it was not created. */
const targetId = (s: StepContext) => (s.saved.target?.json as { id?: string } | undefined)?.id ?? `${ABSENT}none`;

/** A token id no account has: exploration never addresses a token it did not create. */
export const ABSENT = 'tokens-conformance-absent-';
/** A token of the documented format whose signature no server made. */
const FORGED_TOKEN = 'sk.eyJ1IjoidG9rZW5zLWNvbmZvcm1hbmNlIiwiYSI6ImZvcmdlZCJ9.Zm9yZ2VkLXNpZ25hdHVyZQ';

export const bodyPointer = (op: OperationId) => operations[op].requestBody!.schemaPointer;

export function queryCases(op: OperationId, ctx: GenerationContext) {
  const params = Object.entries(operations[op].query).filter(([name]) => name !== 'access_token');
  const positiveQuery = fc.record(
    Object.fromEntries(
      params.map(([name, p]) => [
        name,
        name === 'start'
          ? // Mostly absent: an unknown start is the documented 500, which says little once seen.
            fc.stringMatching(/^[a-z0-9]{6,25}$/)
          : (positive(schemaAt(ctx.doc, p.schemaPointer), ctx) as fc.Arbitrary<string | number | boolean>),
      ]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string | number | boolean>>;
  const negatives = params.flatMap(([name, p]) =>
    negativeParameterOptions(schemaAt(ctx.doc, p.schemaPointer), ctx).map((arb) => arb.map((n) => ({ name, ...n }))),
  );
  return { positiveQuery, negatives };
}

/** The generated cases of an operation (auth cases are fixed: see authCases). */
export function caseArbitrary(op: OperationId, ctx: GenerationContext): fc.Arbitrary<ExploreCase> {
  const info = operations[op];
  const tokenId = fc.oneof(
    { weight: 3, arbitrary: fc.constant('target') },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{4,12}$/).map((s) => `${ABSENT}${s}`) },
  );
  const withTokenId = info.pathParams.includes('token_id');
  const options: fc.Arbitrary<ExploreCase>[] = [];
  const { positiveQuery, negatives } = queryCases(op, ctx);
  // The operation whose access_token is its subject, not its authorization (retrieve): the token sent is the case.
  if (!info.authorized) {
    options.push(
      fc
        .oneof(
          { weight: 2, arbitrary: fc.constant({ kind: 'run' as const }) },
          { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 60 }).map((value) => ({ kind: 'string' as const, value })) },
          {
            weight: 1,
            arbitrary: fc
              .stringMatching(/^(pk|sk|tk)\.[A-Za-z0-9_-]{1,20}\.[A-Za-z0-9_-]{1,20}$/)
              .map((value) => ({ kind: 'string' as const, value })),
          },
        )
        .map((as) => ({ op, polarity: 'positive' as const, query: {}, as })),
    );
    return fc.oneof(...options);
  }
  if (info.requestBody) {
    const schema = schemaAt(ctx.doc, bodyPointer(op));
    // The contract's validator has the last word: a generated body is positive only if it validates,
    // negative only if it does not (breaking one oneOf branch may make a value of another).
    options.push(
      fc.record({ body: positive(schema, ctx).filter((body) => ctx.validBody(op, body)), tokenId }).map(({ body, tokenId: id }) => ({
        op,
        polarity: 'positive' as const,
        query: {},
        body,
        ...(withTokenId ? { tokenId: id } : {}),
      })),
      fc
        .record({ negative: negativeBody(schema, ctx).filter((n) => !ctx.validBody(op, n.value)), id: fc.constant('target') })
        .map(({ negative, id }) => ({
          op,
          polarity: 'negative' as const,
          what: `${negative.mutation}: ${negative.what}`,
          query: {},
          body: negative.value,
          ...(withTokenId ? { tokenId: id } : {}),
        })),
    );
  } else {
    options.push(
      positiveQuery.chain((query) =>
        tokenId.map((id) => ({ op, polarity: 'positive' as const, query, ...(withTokenId ? { tokenId: id } : {}) })),
      ),
    );
    for (const negative of negatives)
      options.push(
        fc.tuple(positiveQuery, negative).map(([query, n]) => ({
          op,
          polarity: 'negative' as const,
          what: `${n.mutation}: ${n.name}=${n.what}`,
          query: { ...query, [n.name]: n.value as string | number | boolean },
        })),
      );
  }
  return fc.oneof(...options);
}

/** The auth cases of an operation that requires a token: none, and a forged one (where the target checks tokens). */
export function authCases(op: OperationId, ctx: GenerationContext, checksTokens: boolean): ExploreCase[] {
  if (!operations[op].authorized) return [];
  const base = {
    op,
    polarity: 'auth' as const,
    query: {},
    ...(operations[op].pathParams.includes('token_id') ? { tokenId: `${ABSENT}auth` } : {}),
  };
  // A valid body, so that only the missing or forged token is wrong: the smallest the schema allows.
  const info = operations[op];
  const branch = info.requestBody ? schemaAt(ctx.doc, info.requestBody.schemaPointer) : undefined;
  const first = branch && Array.isArray(branch.oneOf) ? schemaAt(ctx.doc, (branch.oneOf as JsonObject[])[0]!.$ref as string) : branch;
  const body = first ? { body: fc.sample(minimalPositive(first, ctx), { seed: 1, numRuns: 1 })[0] } : {};
  return [
    { ...base, ...body, what: 'no access token', as: { kind: 'none' } },
    ...(checksTokens ? [{ ...base, ...body, what: 'a forged access token', as: { kind: 'forged' } } as ExploreCase] : []),
  ];
}

/** The request a case is sent as (through the runner, which tracks created tokens and secrets). */
export function requestOf(c: ExploreCase, name: string): OutgoingRequest {
  const as = c.as?.kind === 'none' ? null : c.as?.kind === 'forged' ? FORGED_TOKEN : c.as?.kind === 'string' ? c.as.value : undefined;
  return {
    name,
    op: c.op,
    ...(as === undefined ? {} : { as }),
    ...(c.tokenId === undefined
      ? {}
      : {
          tokenId: (s: StepContext) => (c.tokenId === TARGET ? targetId(s) : c.tokenId!),
        }),
    query: Object.values(c.query).includes(TARGET)
      ? (s: StepContext) => Object.fromEntries(Object.entries(c.query).map(([k, v]) => [k, v === TARGET ? targetId(s) : v]))
      : c.query,
    ...(c.body === undefined ? {} : { body: c.body }),
    ...(c.contentType === undefined ? {} : { contentType: c.contentType }),
  };
}

/** A case as a person reads it: `PATCH /tokens/v2/{username}/{token_id} {"note":…} (negative: wrong-type: …)`. */
export function describeCase(c: ExploreCase): string {
  const info = operations[c.op];
  const query = Object.keys(c.query).length ? `?${new URLSearchParams(Object.entries(c.query).map(([k, v]) => [k, String(v)]))}` : '';
  const body = c.body === undefined ? '' : ` ${c.contentType ? `[${c.contentType}] ` : ''}${JSON.stringify(c.body).slice(0, 160)}`;
  const who = c.as?.kind === 'string' ? ` access_token=${JSON.stringify(c.as.value).slice(0, 40)}` : '';
  return `${info.method} ${info.path}${query}${body}${who}  (${c.polarity}${c.what ? `: ${c.what}` : ''})`;
}
