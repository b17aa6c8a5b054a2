import type { Clock } from './clock.js';

/** X-Rate-Limit-* as Mapbox sends them: the interval and limit, and when the window resets (Unix seconds). */
function rateLimitHeaders(limit: number, intervalSeconds: number, resetMs: number): Record<string, string> {
  return {
    'x-rate-limit-interval': String(intervalSeconds),
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)),
  };
}

/** Requests per account in fixed windows ("limited to 100 requests per minute per account"). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  /** The account's current window as X-Rate-Limit-* headers (a window not yet open starts now). */
  headers(account: string): Record<string, string> {
    const window = this.windows.get(account);
    const now = this.clock.now();
    const start = window && now - window.start < this.windowSeconds * 1000 ? window.start : now;
    return rateLimitHeaders(this.limit, this.windowSeconds, start + this.windowSeconds * 1000);
  }

  /** Counts one request; returns undefined when allowed, or the headers of a 429 when not. */
  take(account: string): Record<string, string> | undefined {
    const now = this.clock.now();
    const windowMs = this.windowSeconds * 1000;
    let window = this.windows.get(account);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(account, window);
    }
    window.count++;
    if (window.count <= this.limit) return undefined;
    const resetMs = window.start + windowMs;
    return {
      'retry-after': String(Math.max(1, Math.ceil((resetMs - now) / 1000))),
      ...rateLimitHeaders(this.limit, this.windowSeconds, resetMs),
    };
  }
}
