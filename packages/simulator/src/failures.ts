import { errorTable, type ErrorKind } from '@tokens-kit/types';

/** What else a failure knows about its cause (for the observed profile's variants). */
export interface FailureDetail {
  /** A NotFound for want of this scope. */
  missingScope?: string;
}

/** An answer other than success: a status and the `message` of the body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    /** The error-table row it is, when it is one. */
    readonly kind?: ErrorKind,
    readonly detail: FailureDetail = {},
  ) {
    super(message);
  }
}

/** A failure that is a row of the documented error table, with its exact status and message. */
export function documented(kind: ErrorKind, headers?: Record<string, string>, detail?: FailureDetail): ApiFailure {
  const row = errorTable.find((r) => r.kind === kind);
  if (!row) throw new Error(`No error-table row ${kind}`);
  return new ApiFailure(row.status, row.message, headers, kind, detail);
}

/**
 * A 422 for a body that breaks the schema in a way the error table has no row for (the API
 * answers these 422 too, with its own wording).
 */
export const invalidRequest = (message: string) => new ApiFailure(422, message);
