// The typed client: one method per operation, on openapi-fetch with the generated `paths`.
import { fillPath, isJsonObject, nextRetryDelay, parseToken, redactToken, retryAfterSeconds, type RetryBounds } from '@tokens-kit/contract';
import { defaultServer, limits, type OperationId } from '@tokens-kit/types';
import type {
  CreatedToken,
  CreateTemporaryTokenRequest,
  CreateTokenRequest,
  ListTokensQuery,
  RetrieveTokenResult,
  Scope,
  StoredToken,
  TemporaryToken,
  TemporaryTokenExtras,
  TokenMetadataExtras,
  UpdateTokenRequest,
} from '@tokens-kit/types';
import { InvalidResponseError, NetworkError, RedirectRefusedError, TokensApiError, TokensClientError } from './errors.js';
import { createDispatcher, withAccessToken, type FetchResult, type Outgoing } from './dispatch.js';
import { checkBaseUrl, isRedirect, nextQuery, refuseRedirect, type RetryOptions, retryBounds, sleep } from './transport.js';

export type { RetryOptions } from './transport.js';

/** How long a request may take when the caller does not say. */
const DEFAULT_TIMEOUT_MS = 30_000;
export { checkBaseUrl } from './transport.js';

export interface TokensClientOptions {
  /** A Mapbox access token (pk., sk. or tk.). */
  accessToken: string;
  /** Default https://api.mapbox.com. Must be https, or http on a loopback host (a simulator). */
  baseUrl?: string;
  /** The account; default the user inside the access token, as Mapbox's own SDK does. */
  username?: string;
  /** A fetch to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: (request: Request) => Promise<Response>;
  /** Retry on 429 Too Many Requests; false never retries. */
  retry?: RetryOptions | false;
  /** How long one request may take, answer and body, before it fails with a NetworkError (code TIMEOUT). Default 30 000 ms. */
  timeoutMs?: number;
}

/**
 * Token metadata as the client hands it over: the documented object, and the fields the live API
 * is observed to add (the register's listed-token-extra-fields), typed as possible, never required.
 */
export type Observed<T> = T & TokenMetadataExtras;

/** One page of "list tokens", and the query for the next one (from `Link: <…>; rel="next"`). */
export interface TokensPage {
  tokens: Observed<StoredToken>[];
  next?: ListTokensQuery;
}

/** The X-Rate-Limit-* headers of the latest answer that carried them. */
export interface RateLimitStatus {
  /** Requests allowed per interval. */
  limit: number;
  intervalSeconds: number;
  /** When the current interval ends. */
  resetAt: Date;
}

export interface TokensClient {
  readonly username: string;
  readonly baseUrl: string;
  /** One page of the account's tokens (sk tokens come without `token`). */
  listTokens(query?: ListTokensQuery): Promise<TokensPage>;
  /** Every token, following `Link: <…>; rel="next"` page after page. */
  iterateTokens(query?: ListTokensQuery): AsyncIterableIterator<Observed<StoredToken>>;
  /** Creates a public (only public scopes) or secret (any secret scope) token. */
  createToken(body: CreateTokenRequest): Promise<Observed<CreatedToken>>;
  /** Creates a temporary token, expiring at most one hour ahead (with issued_at, expires and expires_in where the API sends them). */
  createTemporaryToken(body: CreateTemporaryTokenRequest): Promise<TemporaryToken & TemporaryTokenExtras>;
  updateToken(tokenId: string, body: UpdateTokenRequest): Promise<Observed<StoredToken>>;
  deleteToken(tokenId: string): Promise<void>;
  /** Checks a token — by default the client's own — and answers its `code` and parsed body. */
  retrieveToken(token?: string): Promise<RetrieveTokenResult>;
  listScopes(): Promise<Scope[]>;
  /**
   * The X-Rate-Limit-* headers of the latest answer that carried them (the live API is observed
   * to send them on successful answers too), so callers can pace themselves; undefined until then.
   */
  readonly rateLimitStatus: RateLimitStatus | undefined;
}

export function createTokensClient(options: TokensClientOptions): TokensClient {
  if (!options || typeof options.accessToken !== 'string' || options.accessToken.length === 0) {
    throw new TokensClientError('createTokensClient needs an accessToken (a Mapbox access token: pk., sk. or tk.)');
  }
  const accessToken = options.accessToken;
  let username = options.username;
  if (username === undefined) {
    try {
      username = parseToken(accessToken).user;
    } catch (error) {
      throw new TokensClientError(
        `accessToken ${redactToken(accessToken)} is not a Mapbox token (${(error as Error).message}); pass username explicitly to use it anyway`,
      );
    }
  }
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultServer);
  const retry = options.retry === false ? undefined : retryBounds(options.retry ?? {});
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new TokensClientError(`timeoutMs must be a number of milliseconds > 0, not ${JSON.stringify(options.timeoutMs)}`);

  const sendOnce = ({ method, url, headers, body }: Outgoing): Promise<Response> => {
    // Redirects are never followed: the access token travels in the query string (and a 307/308
    // re-sends the body), so following a Location would hand the token to whatever host it names.
    // An injected fetch receives a Request, as openapi-fetch gives it one; the global fetch gets a
    // plain init object (a Request built first would validate and copy everything once more).
    // The deadline covers the body too: a server that hangs or drips bytes cannot hold a call.
    const signal = AbortSignal.timeout(timeoutMs);
    const answer = options.fetch
      ? options.fetch(new Request(url, { method, headers, body, redirect: 'manual', signal }))
      : globalThis.fetch(
          url,
          body === undefined ? { method, redirect: 'manual', signal } : { method, headers, body, redirect: 'manual', signal },
        );
    return answer.then((response) => (isRedirect(response) ? refuseRedirect(method, url, response) : response));
  };

  /** Sends again after a 429, waiting as asked, within the retry bounds; any other answer ends it. */
  async function retryAfter429(request: Outgoing, refused: Response, bounds: RetryBounds): Promise<Response> {
    let response = refused;
    let waited = 0;
    for (let attempt = 0; response.status === 429; attempt++) {
      const delay = nextRetryDelay(response.headers, attempt, waited, bounds);
      if (delay === undefined) break;
      await response.body?.cancel();
      await sleep(delay);
      waited += delay;
      response = await sendOnce(request);
    }
    return response;
  }

  const api = createDispatcher({
    baseUrl,
    // The spec's paths hold only simple {name} segments; openapi-fetch's general serializer
    // (matrix and label styles, exploded objects) costs more per call than the rest of the client.
    pathSerializer: fillPath,
    // A 429 means the request was refused before it took effect, so any method may be retried;
    // nothing else is retried (a failure after sending may have taken effect). Bodies are JSON
    // strings, so a request can be sent again as it is.
    send: (request) => {
      const first = sendOnce(request);
      return retry ? first.then((response) => (response.status === 429 ? retryAfter429(request, response, retry) : response)) : first;
    },
    querySerializer: withAccessToken(accessToken),
  });

  let rateLimitStatus: RateLimitStatus | undefined;
  /** Keeps the X-Rate-Limit-* headers of an answer that has them. */
  function noteRateLimit(headers: Headers): void {
    const limit = headers.get('x-rate-limit-limit');
    if (limit === null) return;
    const interval = Number(headers.get('x-rate-limit-interval'));
    const reset = Number(headers.get('x-rate-limit-reset'));
    if (Number.isFinite(Number(limit)) && Number.isFinite(interval) && Number.isFinite(reset)) {
      rateLimitStatus = { limit: Number(limit), intervalSeconds: interval, resetAt: new Date(reset * 1000) };
    }
  }

  /** An answer, checked: error statuses and bodies without the documented shape become typed errors. */
  function checked<T>(operation: OperationId, { data, error, response }: FetchResult, check?: (data: unknown) => boolean): T {
    noteRateLimit(response.headers);
    if (!response.ok) {
      const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : undefined;
      if (message === undefined) throw new InvalidResponseError(operation, response.status, 'the error body has no message');
      throw new TokensApiError({ status: response.status, message, operation, retryAfterSeconds: retryAfterSeconds(response.headers) });
    }
    if (check && !check(data)) throw new InvalidResponseError(operation, response.status, 'the body does not have the documented shape');
    return data as T;
  }

  /** A call that got no usable answer: no connection, or a success body that is not JSON. */
  function unanswered(operation: OperationId, error: unknown): never {
    if (error instanceof RedirectRefusedError) throw error.on(operation);
    if (error instanceof SyntaxError) throw new InvalidResponseError(operation, 200, 'the body is not JSON');
    if ((error as Error)?.name === 'TimeoutError') throw new NetworkError(operation, 'TIMEOUT', `no answer within ${timeoutMs / 1000} s`);
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new NetworkError(operation, cause?.code ?? (error as Error).name ?? 'fetch failed');
  }

  // Plain promise chains rather than async wrappers: each async layer is another allocation and
  // microtask on every call, and the client's budget over raw fetch is small (see BENCHMARKS.md).
  const call = <T>(operation: OperationId, pending: Promise<FetchResult>, check?: (data: unknown) => boolean): Promise<T> =>
    pending.then(
      (answer) => checked<T>(operation, answer, check),
      (error: unknown) => unanswered(operation, error),
    );

  const isArray = (d: unknown) => Array.isArray(d);

  const path = { username };

  const client: TokensClient = {
    username,
    baseUrl,
    get rateLimitStatus() {
      return rateLimitStatus;
    },
    listTokens(query = {}) {
      return api.GET('/tokens/v2/{username}', { params: { path, query } }).then(
        (answer) => {
          const tokens = checked<Observed<StoredToken>[]>('listTokens', answer, isArray);
          const next = nextQuery(answer.response.headers.get('link'));
          return next ? { tokens, next } : { tokens };
        },
        (error: unknown) => unanswered('listTokens', error),
      );
    },
    async *iterateTokens(query = {}) {
      let current: ListTokensQuery | undefined = query;
      const seen = new Set<string>();
      while (current) {
        const page: TokensPage = await client.listTokens(current);
        yield* page.tokens;
        if (page.next?.start !== undefined) {
          // A server that links back to a page already read would make this loop forever.
          if (seen.has(page.next.start))
            throw new InvalidResponseError('listTokens', 200, `Link rel="next" repeats start=${page.next.start}`);
          seen.add(page.next.start);
        }
        current = page.next;
      }
    },
    createToken(body) {
      return call<Observed<CreatedToken>>('createToken', api.POST('/tokens/v2/{username}', { params: { path }, body }), isJsonObject);
    },
    createTemporaryToken(body) {
      return call<TemporaryToken & TemporaryTokenExtras>(
        'createToken',
        api.POST('/tokens/v2/{username}', { params: { path }, body }),
        (d) => isJsonObject(d) && typeof (d as TemporaryToken).token === 'string',
      );
    },
    updateToken(tokenId, body) {
      return call<Observed<StoredToken>>(
        'updateToken',
        api.PATCH('/tokens/v2/{username}/{token_id}', { params: { path: { username: username!, token_id: tokenId } }, body }),
        isJsonObject,
      );
    },
    deleteToken(tokenId) {
      return call<void>(
        'deleteToken',
        api.DELETE('/tokens/v2/{username}/{token_id}', { params: { path: { username: username!, token_id: tokenId } } }),
      );
    },
    retrieveToken(token = accessToken) {
      return call<RetrieveTokenResult>(
        'retrieveToken',
        api.GET('/tokens/v2', { params: { query: { access_token: token } } }),
        isJsonObject,
      );
    },
    listScopes() {
      return call<Scope[]>('listScopes', api.GET('/scopes/v1/{username}', { params: { path } }), isArray);
    },
  };
  return client;
}

/** The documented rate limit, for callers that pace themselves. */
export const rateLimit = limits.rateLimit;
