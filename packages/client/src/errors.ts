import { errorKindOf, redactTokens } from '@tokens-kit/contract';
import type { ErrorKind, OperationId } from '@tokens-kit/types';

/**
 * The API answered with an error status. `kind` names the documented error-table row
 * (`ScopesInvalid`, `ExpiresTooFar`, `NoSuchUser`, `Unauthorized`, …), so callers branch on it
 * instead of matching strings; `Undocumented` when the status and message match no row.
 */
export class TokensApiError extends Error {
  override name = 'TokensApiError';
  readonly status: number;
  readonly kind: ErrorKind | 'Undocumented';
  readonly operation: OperationId;
  /** Seconds the API asked to wait (429), when it said. */
  readonly retryAfterSeconds?: number;

  constructor(init: { status: number; message: string; operation: OperationId; retryAfterSeconds?: number }) {
    super(redactTokens(init.message));
    this.status = init.status;
    this.operation = init.operation;
    this.kind = errorKindOf(init.status, init.message) ?? 'Undocumented';
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
    readonly code: string,
  ) {
    super(`${operation}: no answer from the API (${code})`);
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
