// When a documented refusal applies: each row of the error table as a predicate over the request
// that was sent (and what a caller knows of the target: its clock, the authorizing token, the token
// addressed). The answer is `yes` (the rule refuses this request), `no` (it cannot: a server that
// answers with it applied a rule where it does not hold) or `unknown` (it depends on what the caller
// cannot see, such as the scopes of a secret token). Built on the same rule functions the simulator
// enforces (rules.ts), so a checker and the simulator cannot disagree on a rule.
import { type ErrorKind, type OperationId, scopeCatalogue } from '@tokens-kit/types';
import { checkScopeUpdate, checkTemporaryExpiry, missingScopes } from './rules.js';

export type Applies = 'yes' | 'no' | 'unknown';

/** A request as sent: its query (text values) and JSON body. */
export interface SentRequest {
  query: Readonly<Record<string, string | number | boolean>>;
  body?: unknown;
  /** The access token sent; null for none. */
  accessToken?: string | null;
}

/** What the caller knows of the target when it judges an answer. */
export interface RuleContext {
  /** The target's now (ms since the epoch), as the caller reads it. */
  now: number;
  /** How far the target's clock may be from `now` (ms): a rule on time applies for sure only beyond it. */
  skewMs: number;
  /** The authorizing token's scopes, when the caller knows them (an sk token does not show them). */
  authorizingScopes?: readonly string[];
  /** The authorizing token's kind and, for a temporary one, its expiry (ms). */
  authorizingUsage?: 'pk' | 'sk' | 'tk';
  authorizingExpires?: number;
  /** Whether a listing's `start` names a token of the account (undefined: the caller does not know). */
  startExists?: boolean;
  /** The token an update or delete addresses: whether it exists, and what the rules on updates need of it. */
  addressed?: { exists: boolean | undefined; usage?: 'pk' | 'sk'; createdWithoutScopes?: boolean };
  /** The account the path names is the authorizing token's own. */
  ownAccount: boolean;
}

/** The clock stated for judging time rules: a target's clock may be this far from the caller's. */
export const DEFAULT_CLOCK_SKEW_MS = 30_000;

const knownScopes = new Set<string>(scopeCatalogue.map((s) => s.id));
const asObject = (body: unknown): Record<string, unknown> | undefined =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
const any = (...answers: Applies[]): Applies => (answers.includes('yes') ? 'yes' : answers.includes('unknown') ? 'unknown' : 'no');

/** Whether a requested expiry is in the past or too far, allowing for the clocks' skew. */
function expiryRule(kind: 'ExpiresInPast' | 'ExpiresTooFar', expires: unknown, ctx: RuleContext): Applies {
  if (typeof expires !== 'string' || Number.isNaN(Date.parse(expires))) return 'unknown';
  const at = (now: number) => checkTemporaryExpiry(expires, { now });
  const early = at(ctx.now - ctx.skewMs);
  const late = at(ctx.now + ctx.skewMs);
  if (early === kind && late === kind) return 'yes';
  return early === kind || late === kind ? 'unknown' : 'no';
}

/** The subset rule and the catalogue: the requested scopes the authorizing token surely holds, or not. */
function scopesRule(scopes: unknown, ctx: RuleContext): Applies {
  if (!Array.isArray(scopes)) return 'unknown';
  if (scopes.some((s) => typeof s !== 'string' || !knownScopes.has(s))) return 'yes';
  if (!ctx.authorizingScopes) return scopes.length ? 'unknown' : 'no';
  return missingScopes(scopes as string[], ctx.authorizingScopes).length ? 'yes' : 'no';
}

type Predicate = (op: OperationId, request: SentRequest, ctx: RuleContext) => Applies;

/**
 * One predicate per row of the error table, typed by its kinds: a row added to the table does not
 * compile until it says when it applies.
 */
const predicates: Record<ErrorKind, Predicate> = {
  // The request carries no token, or one the server does not accept; a caller sending its own
  // valid token cannot know the server's view of it beyond that.
  Unauthorized: (_op, r) => (r.accessToken === null ? 'yes' : 'unknown'),
  NotFound: (op, _r, ctx) => {
    if (op !== 'updateToken' && op !== 'deleteToken') return 'unknown';
    // A token that surely does not exist is "Not found"; one that exists may still be, for a scope the token lacks.
    return ctx.addressed?.exists === false ? 'yes' : 'unknown';
  },
  NoSuchUser: (_op, _r, ctx) => (ctx.ownAccount ? 'no' : 'unknown'),
  UsageInvalid: (op, r) =>
    op !== 'listTokens' || r.query.usage === undefined ? 'no' : ['pk', 'sk'].includes(String(r.query.usage)) ? 'no' : 'yes',
  // A refusal of pace, not of the request: it may come at any time.
  RateLimited: () => 'unknown',
  // "This error can occur if the start value is not valid": a start that names a token of the account is valid.
  InvalidStart: (op, r, ctx) => (op !== 'listTokens' || r.query.start === undefined || ctx.startExists === true ? 'no' : 'unknown'),
  PayloadTooLarge: (_op, r) => (r.body === undefined || JSON.stringify(r.body).length < 16 * 1024 ? 'no' : 'unknown'),
  ScopesInvalid: (op, r, ctx) => {
    const body = asObject(r.body);
    if ((op !== 'createToken' && op !== 'updateToken') || !body || !('scopes' in body)) return 'no';
    const onUpdate =
      op === 'updateToken' && ctx.addressed?.usage !== undefined && Array.isArray(body.scopes)
        ? checkScopeUpdate(
            { usage: ctx.addressed.usage, createdWithoutScopes: ctx.addressed.createdWithoutScopes ?? false },
            body.scopes as string[],
          )
          ? 'yes'
          : 'no'
        : op === 'updateToken'
          ? 'unknown'
          : 'no';
    return any(scopesRule(body.scopes, ctx), onUpdate);
  },
  ResourcesInvalid: (op, r) => {
    const body = asObject(r.body);
    // "malformed, empty, or require higher permissions": the last is the server's to know.
    return (op === 'createToken' || op === 'updateToken') && body && 'resources' in body ? 'unknown' : 'no';
  },
  ExpiresInPast: (op, r, ctx) => {
    const body = asObject(r.body);
    return op === 'createToken' && body && 'expires' in body ? expiryRule('ExpiresInPast', body.expires, ctx) : 'no';
  },
  ExpiresTooFar: (op, r, ctx) => {
    const body = asObject(r.body);
    return op === 'createToken' && body && 'expires' in body ? expiryRule('ExpiresTooFar', body.expires, ctx) : 'no';
  },
  ExpiresBeyondAuthorizingToken: (op, r, ctx) => {
    const body = asObject(r.body);
    if (op !== 'createToken' || !body || !('expires' in body) || ctx.authorizingUsage !== 'tk') return 'no';
    if (ctx.authorizingExpires === undefined || typeof body.expires !== 'string') return 'unknown';
    const at = Date.parse(body.expires);
    return at > ctx.authorizingExpires + ctx.skewMs ? 'yes' : at <= ctx.authorizingExpires - ctx.skewMs ? 'no' : 'unknown';
  },
  AccessTokenRequired: (op, r) => (op !== 'retrieveToken' ? 'no' : r.query.access_token === undefined ? 'yes' : 'no'),
};

/** Whether the documented refusal `kind` applies to a request of `op`. */
export function refusalApplies(kind: ErrorKind, op: OperationId, request: SentRequest, ctx: RuleContext): Applies {
  return predicates[kind](op, request, ctx);
}
