import { errorKindOf, observedErrorKindOf, redactTokens } from '@tokens-kit/contract';
import type { DeviationId, ErrorKind, OperationId } from '@tokens-kit/types';

/**
 * The API answered with an error status. `kind` names the documented error-table row
 * (`ScopesInvalid`, `ExpiresTooFar`, `NoSuchUser`, `Unauthorized`, …), so callers branch on it
 * instead of matching strings — also when the answer is one of the variants the live API is
 * observed to send for that row (`Not Found` for `Not found`, a 403 for a missing scope, another
 * 401 wording), in which case `deviation` names the register entry; `status` and `message` stay
 * as received. `Undocumented` when the answer matches no row and no variant.
 */
export class TokensApiError extends Error {
  override name = 'TokensApiError';
  readonly status: number;
  readonly kind: ErrorKind | 'Undocumented';
  /** The observed deviation this answer is an instance of, when `kind` was read through one. */
  readonly deviation?: DeviationId;
  readonly operation: OperationId;
  /** Seconds the API asked to wait (429), when it said. */
  readonly retryAfterSeconds?: number;

  constructor(init: { status: number; message: string; operation: OperationId; retryAfterSeconds?: number }) {
    super(redactTokens(init.message));
    this.status = init.status;
    this.operation = init.operation;
    const documented = errorKindOf(init.status, init.message);
    const observed = documented ? undefined : observedErrorKindOf(init.status, init.message);
    this.kind = documented ?? observed?.kind ?? 'Undocumented';
    if (observed) this.deviation = observed.deviation;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }

  override toString(): string {
    return `${this.name}: ${this.status} ${this.message} (${this.kind}) on ${this.operation}`;
  }

  toJSON() {
    return {
      name: this.name,
      status: this.status,
      kind: this.kind,
      deviation: this.deviation,
      message: this.message,
      operation: this.operation,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

/** The request did not get an answer (DNS, refused connection, reset, abort). */
export class NetworkError extends Error {
  override name = 'NetworkError';
  constructor(
    readonly operation: OperationId,
    /** The system's code (ECONNREFUSED, ECONNRESET, …), or TIMEOUT when the client's deadline passed. */
    readonly code: string,
    detail?: string,
  ) {
    super(`${operation}: no answer from the API (${detail ?? code})`);
  }
}

/** The API answered, but not with what the contract documents (not JSON, wrong shape). */
export class InvalidResponseError extends Error {
  override name = 'InvalidResponseError';
  constructor(
    readonly operation: OperationId,
    readonly status: number,
    detail: string,
  ) {
    super(redactTokens(`${operation}: ${status} answer is not as documented: ${detail}`));
  }
}

/** The client was given options it cannot work with. */
export class TokensClientError extends Error {
  override name = 'TokensClientError';
  constructor(message: string) {
    super(redactTokens(message));
  }
}

/**
 * The server answered a redirect, which the client does not follow: the access token is in the
 * request's query (and a 307/308 re-sends the body), so following it would send the token to the
 * address the redirect names. Set `baseUrl` to where the API really is instead.
 */
export class RedirectRefusedError extends Error {
  override name = 'RedirectRefusedError';
  constructor(
    readonly method: string,
    /** The origin that answered the redirect. */
    readonly origin: string,
    /** 301, 302, 303, 307, 308 (0 where a browser hides it). */
    readonly status: number,
    /** Where it pointed: origin and path, never the query. */
    readonly location: string,
    readonly operation?: OperationId,
  ) {
    super(
      redactTokens(
        `${operation ? `${operation}: ` : ''}${origin} answered ${method} with a redirect${status ? ` (${status})` : ''} to ${location}; ` +
          'the client does not follow redirects, which would carry the access token to that address (set baseUrl to where the API is)',
      ),
    );
  }

  /** The same refusal, naming the operation that met it. */
  on(operation: OperationId): RedirectRefusedError {
    return new RedirectRefusedError(this.method, this.origin, this.status, this.location, operation);
  }
}
