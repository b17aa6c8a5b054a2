// Predictions of what the API would say, made before a call, from the documented rules.
import { limits, publicScopeIds, scopeCatalogue, type ErrorKind } from '@tokens-kit/types';

export interface KnownScope {
  id: string;
  public: boolean;
}

/** The scopes the contract knows, with whether public tokens may hold them. */
export const knownScopes: readonly KnownScope[] = scopeCatalogue;

const publicSet = new Set<string>(publicScopeIds);

export const isPublicScope = (scope: string): boolean => publicSet.has(scope);

/** "If you add one or more secret scopes to your new token, it will be a secret token." */
export function predictUsage(scopes: readonly string[]): 'pk' | 'sk' {
  return scopes.every(isPublicScope) ? 'pk' : 'sk';
}

/** The requested scopes the authorizing token lacks ([] when the subset rule holds). */
export function missingScopes(requested: readonly string[], authorizing: readonly string[]): string[] {
  const held = new Set(authorizing);
  return requested.filter((s) => !held.has(s));
}

/** `ScopesInvalid` when a token with `requested` scopes cannot be made by one with `authorizing`. */
export function checkScopes(requested: readonly string[], authorizing: readonly string[]): Extract<ErrorKind, 'ScopesInvalid'> | undefined {
  return missingScopes(requested, authorizing).length ? 'ScopesInvalid' : undefined;
}

/**
 * The error a temporary token's `expires` would earn: in the past, more than one hour ahead, or
 * beyond the authorizing temporary token's own expiry. Undefined when it would be accepted.
 */
export function checkTemporaryExpiry(
  expires: Date | string,
  options: { now?: Date; authorizingExpires?: Date } = {},
): Extract<ErrorKind, 'ExpiresInPast' | 'ExpiresTooFar' | 'ExpiresBeyondAuthorizingToken'> | undefined {
  const at = typeof expires === 'string' ? Date.parse(expires) : expires.getTime();
  const now = (options.now ?? new Date()).getTime();
  if (!(at > now)) return 'ExpiresInPast';
  if (at > now + limits.maxTemporaryLifetimeSeconds * 1000) return 'ExpiresTooFar';
  if (options.authorizingExpires && Math.floor(at / 1000) > Math.floor(options.authorizingExpires.getTime() / 1000)) return 'ExpiresBeyondAuthorizingToken';
  return undefined;
}
