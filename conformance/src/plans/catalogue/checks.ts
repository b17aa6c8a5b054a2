// Small checks the catalogue's behaviours are written with, each returning a failure text or
// undefined, and typed readers of the bodies they look at. Checks run only after the runner has
// validated the answer against the spec for its operation and status, so a body read here has its
// documented type; comparisons are structural (key order differs between servers).
import { isDeepStrictEqual } from 'node:util';
import { parseToken, type ParsedToken } from '@tokens-kit/contract';
import {
  publicScopeIds,
  type CreatedToken,
  type RetrieveTokenResult,
  type Scope,
  type StoredToken,
  type TemporaryToken,
} from '@tokens-kit/types';
import type { Exchange } from '../../model/exchange.js';
import type { Check, RequestStep, StepContext } from '../../model/behaviour.js';

export const fail = (condition: boolean, text: string) => (condition ? undefined : text);
export const all =
  (...checks: Check[]): Check =>
  (exchange, context) =>
    checks.map((c) => c(exchange, context)).find(Boolean);

/** A token answer (create, update): a metadata object, or a temporary token's `{ token }`. */
export const tokenBody = (exchange: Exchange) => (exchange.json ?? {}) as Partial<CreatedToken> & Partial<TemporaryToken>;
/** A creation answer saved for later steps (a 200, so the documented CreatedToken or TemporaryToken). */
export const created = (exchange: Exchange) => exchange.json as CreatedToken & TemporaryToken;
/** The tokens of a listing ([] for anything else). */
export const listed = (exchange: Exchange): StoredToken[] => (Array.isArray(exchange.json) ? (exchange.json as StoredToken[]) : []);
export const ids = (exchange: Exchange) => listed(exchange).map((t) => t.id);
export const retrieved = (exchange: Exchange) => exchange.json as RetrieveTokenResult;
export const scopesListed = (exchange: Exchange): Scope[] => (Array.isArray(exchange.json) ? (exchange.json as Scope[]) : []);
export const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);
/**
 * Whether an object holds what `expected` states, property by property: a property the spec does
 * not describe is additive drift, which the validator reports as a warning, not a check's failure.
 */
export const holds = (actual: unknown, expected: Record<string, unknown>) =>
  typeof actual === 'object' &&
  actual !== null &&
  Object.entries(expected).every(([k, v]) => same((actual as Record<string, unknown>)[k], v));

/** The answer's property `name` equals `expected`, structurally. */
export const field =
  (name: keyof CreatedToken, expected: unknown): Check =>
  (exchange) => {
    const actual = tokenBody(exchange)[name];
    return fail(same(actual, expected), `${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
export const tokenPrefix =
  (usage: string): Check =>
  (exchange) => {
    const token = tokenBody(exchange).token;
    return fail(typeof token === 'string' && token.startsWith(`${usage}.`), `token does not start with "${usage}."`);
  };
export const hasNoToken: Check = (exchange) => fail(!('token' in tokenBody(exchange)), 'the token is shown again');

/** A token decoded with the contract's parser (the documented format); a failure text otherwise. */
export function decoded(token: string | undefined): ParsedToken | string {
  if (typeof token !== 'string') return 'no token in the answer';
  try {
    return parseToken(token);
  } catch (error) {
    return `the token is not of the documented format: ${(error as Error).message}`;
  }
}

export const tokenFormat =
  (usage: 'pk' | 'sk' | 'tk'): Check =>
  (exchange) =>
    tokenFormatOf(tokenBody(exchange).token, usage);
export function tokenFormatOf(token: string | undefined, usage: 'pk' | 'sk' | 'tk'): string | undefined {
  const parsed = decoded(token);
  if (typeof parsed === 'string') return parsed;
  return fail(parsed.usage === usage, `the token's header is "${parsed.usage}", expected "${usage}"`);
}

/** Whether a `Link` header announces a next page. */
export const linksNext = (exchange: Exchange) => /rel="next"/.test(exchange.headers.get('link') ?? '');

// Scopes the run's token must hold for the behaviours that create tokens; secret ones make sk.
export const PUBLIC: readonly string[] = publicScopeIds;
export const READ = 'styles:read';
export const FONTS = 'fonts:read';
export const SECRET = 'tokens:write';

export const createStep = (
  name: string,
  save: string,
  body: (s: StepContext) => Record<string, unknown>,
  as?: RequestStep['as'],
): RequestStep => ({
  kind: 'request',
  name,
  op: 'createToken',
  as,
  body,
  save,
  expect: { status: 200 },
});
/** The id or token of a saved creation answer. */
export const saved = (key: string, path: 'id' | 'token') => (s: StepContext) => created(s.saved[key]!)[path];
