// When to send again after 429 Too Many Requests, and after how long. One rule for the client's
// retries and conformance's pauses. Browser-safe.

/** The headers of an answer (a WHATWG Headers object fits). */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface RetryBounds {
  /** Retries after a 429, at most. */
  attempts: number;
  /** Longest single wait, ms; a 429 asking for longer is not retried. */
  maxDelayMs: number;
  /** Longest total wait across the retries of one request, ms. */
  maxTotalDelayMs: number;
}

export const DEFAULT_RETRY_BOUNDS: Readonly<RetryBounds> = { attempts: 3, maxDelayMs: 60_000, maxTotalDelayMs: 120_000 };

/** The answer's Retry-After in seconds, when it has a numeric one. */
export function retryAfterSeconds(headers: HeaderSource): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * The wait a 429 asks for: Retry-After (seconds, or an HTTP date), else X-Rate-Limit-Reset (epoch
 * seconds), else 1 s doubling per attempt. Never negative: a date in the past is no wait.
 */
export function retryDelayMs(headers: HeaderSource, attempt: number, now = Date.now()): number {
  const retryAfter = retryAfterSeconds(headers);
  if (retryAfter !== undefined) return Math.max(0, retryAfter * 1000);
  // RFC 9110 allows an HTTP date too; anything that is neither is ignored.
  const date = Date.parse(headers.get('retry-after') ?? '');
  if (Number.isFinite(date) && /[a-z]/i.test(headers.get('retry-after') ?? '')) return Math.max(0, date - now);
  const resetRaw = headers.get('x-rate-limit-reset');
  const reset = resetRaw === null || resetRaw.trim() === '' ? Number.NaN : Number(resetRaw);
  if (Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return 1000 * 2 ** attempt;
}

/**
 * How long to wait before retry number `attempt` (0 for the first) of a refused request, having
 * waited `waitedMs` already; undefined when the bounds say to give up and answer the 429.
 */
export function nextRetryDelay(
  headers: HeaderSource,
  attempt: number,
  waitedMs: number,
  bounds: Readonly<RetryBounds>,
  now = Date.now(),
): number | undefined {
  if (attempt >= bounds.attempts) return undefined;
  const delay = retryDelayMs(headers, attempt, now);
  return delay > bounds.maxDelayMs || waitedMs + delay > bounds.maxTotalDelayMs ? undefined : delay;
}
