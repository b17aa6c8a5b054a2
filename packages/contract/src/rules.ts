// The documented rules a server enforces and a caller can predict: public or secret by scopes, the
// subset rule, the updates a token may not receive, and the temporary-token expiry limits. The
// simulator enforces them with these functions; the client offers them as predictions. Browser-safe.
import { type DeviationId, errorKinds, limits, observedErrorVariants, publicScopeIds, type ErrorKind } from '@tokens-kit/types';

const publicScopes = new Set<string>(publicScopeIds);

/** "Public tokens may only contain scopes with the public property set to true." */
export const isPublicScope = (scope: string): boolean => publicScopes.has(scope);

/** "If you add one or more secret scopes to your new token, it will be a secret token." */
export function predictUsage(scopes: readonly string[]): 'pk' | 'sk' {
  return scopes.every(isPublicScope) ? 'pk' : 'sk';
}

/** The requested scopes the authorizing token lacks ([] when the subset rule holds). */
export function missingScopes(requested: readonly string[], authorizing: Iterable<string>): string[] {
  const held = authorizing instanceof Set ? (authorizing as ReadonlySet<string>) : new Set(authorizing);
  return requested.filter((s) => !held.has(s));
}

/**
 * The subset rule: "It is not possible to create a token with access to more scopes than the token
 * that created it." `ScopesInvalid` when it is broken.
 */
export function checkScopes(requested: readonly string[], authorizing: Iterable<string>): Extract<ErrorKind, 'ScopesInvalid'> | undefined {
  return missingScopes(requested, authorizing).length ? 'ScopesInvalid' : undefined;
}

/**
 * The scopes an existing token may be updated to: "A public token may only be updated to include
 * other public scopes", and a token "created with no scopes" can never gain any.
 */
export function checkScopeUpdate(
  token: { usage: 'pk' | 'sk'; createdWithoutScopes: boolean },
  scopes: readonly string[],
): Extract<ErrorKind, 'ScopesInvalid'> | undefined {
  if (token.createdWithoutScopes && scopes.length > 0) return 'ScopesInvalid';
  if (token.usage === 'pk' && !scopes.every(isPublicScope)) return 'ScopesInvalid';
  return undefined;
}

/**
 * The error a temporary token's `expires` earns: in the past, more than one hour ahead, or beyond
 * the authorizing temporary token's own expiry (compared in whole seconds, as tokens carry them).
 * Undefined when it would be accepted.
 */
export function checkTemporaryExpiry(
  expires: Date | string,
  options: { now?: Date | number; authorizingExpires?: Date } = {},
): Extract<ErrorKind, 'ExpiresInPast' | 'ExpiresTooFar' | 'ExpiresBeyondAuthorizingToken'> | undefined {
  const at = typeof expires === 'string' ? Date.parse(expires) : expires.getTime();
  const now = options.now === undefined ? Date.now() : typeof options.now === 'number' ? options.now : options.now.getTime();
  if (!(at > now)) return 'ExpiresInPast';
  if (at > now + limits.maxTemporaryLifetimeSeconds * 1000) return 'ExpiresTooFar';
  if (options.authorizingExpires && Math.floor(at / 1000) > Math.floor(options.authorizingExpires.getTime() / 1000))
    return 'ExpiresBeyondAuthorizingToken';
  return undefined;
}

/** The error-table row an error answer stands for, by its exact status and message. */
export function errorKindOf(status: number, message: string): ErrorKind | undefined {
  return errorKinds.find(([, rowStatus, rowMessage]) => rowStatus === status && rowMessage === message)?.[0];
}

/**
 * For a tolerant reader: the documented row an error answer stands for when it is one of the
 * variants the register of observed deviations records (`Not Found` for `Not found`, a 403 for a
 * missing scope, any 401 message), with the entry that explains it. Undefined when it is none.
 */
export function observedErrorKindOf(status: number, message: string): { kind: ErrorKind; deviation: DeviationId } | undefined {
  for (const [kind, , statuses, messages, deviation] of observedErrorVariants) {
    if ((statuses as readonly number[]).includes(status) && (messages === null || (messages as readonly string[]).includes(message)))
      return { kind, deviation };
  }
  return undefined;
}
