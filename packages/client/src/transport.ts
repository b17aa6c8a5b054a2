// How the client reaches the API: which base URLs it accepts, how it refuses a redirect (the
// token would travel with it), the bounds of its retries, and the next page's query from `Link`.
import { DEFAULT_RETRY_BOUNDS, nextLinkUri, operations, type RetryBounds } from '@tokens-kit/contract';
import type { ListTokensQuery } from '@tokens-kit/types';
import { RedirectRefusedError, TokensClientError } from './errors.js';

/** Bounds of the retries after 429 (the contract's rule); each defaults to DEFAULT_RETRY_BOUNDS: 3 attempts, 60 s, 120 s. */
export type RetryOptions = Partial<RetryBounds>;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * A base URL the client may talk to: https, or plain http on a loopback host (a simulator or a
 * local server); the API itself is HTTPS only. `name` is how the caller's users know the setting.
 * Returns it without a trailing slash; throws TokensClientError.
 */
export function checkBaseUrl(raw: string, name = 'baseUrl'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TokensClientError(`${name} "${raw}" is not a URL (expected e.g. https://api.mapbox.com)`);
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new TokensClientError(`${name} ${url.origin}: the Tokens API is HTTPS only (plain http is allowed for loopback hosts alone)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TokensClientError(`${name} ${raw}: expected an https:// URL`);
  return url.href.replace(/\/$/, '');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 3xx, or what a browser's fetch hands over for one with redirect: 'manual' (an opaque redirect, status 0). */
export const isRedirect = (response: Response) => response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);

/** Where a redirect pointed, as text safe to show: origin and path only (its query may carry the token). */
function redirectTarget(location: string | null, from: string): string {
  if (!location) return 'an address the answer does not show';
  try {
    const to = new URL(location, from);
    return `${to.origin}${to.pathname}`;
  } catch {
    return 'an address that is not a URL';
  }
}

/** A redirect ends the call with RedirectRefusedError; its body is not read, the connection is released. */
export async function refuseRedirect(method: string, url: string, response: Response): Promise<never> {
  await response.body?.cancel();
  throw new RedirectRefusedError(method, new URL(url).origin, response.status, redirectTarget(response.headers.get('location'), url));
}

/** The retry bounds, defaults filled in; anything but a non-negative number is refused. */
export function retryBounds(given: RetryOptions): RetryBounds {
  const bounds = { ...DEFAULT_RETRY_BOUNDS };
  for (const key of Object.keys(bounds) as (keyof RetryBounds)[]) {
    const value = given[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0))
      throw new TokensClientError(`retry.${key} must be a number ≥ 0, not ${JSON.stringify(value)}`);
    bounds[key] = value;
  }
  return bounds;
}

/**
 * The query of the next page, from the answer's `Link` header (any relation list that names
 * `next`, quoted or not). Only the query is taken from the link: the request goes to this client's
 * own base URL, and its access_token is added once, by the client (never copied from the link).
 */
export function nextQuery(link: string | null): ListTokensQuery | undefined {
  const target = nextLinkUri(link);
  if (!target) return undefined;
  const params = new URL(target, 'https://link.invalid').searchParams;
  const query: Record<string, string | number | boolean> = {};
  // The parameters "list tokens" documents (the contract's index), as the values they spell; the
  // server's own words for the next page, sent back to it.
  for (const name of Object.keys(operations.listTokens.query)) {
    const value = params.get(name);
    if (value === null || name === 'access_token') continue;
    query[name] = /^\d+$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
  }
  return query as ListTokensQuery;
}
