import type { Clock } from './clock.js';

/** Requests per account in fixed windows ("limited to 100 requests per minute per account"). */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
    readonly windowSeconds: number,
  ) {}

  /** The account's current window: its limit and when it resets (ms). */
  window(account: string): { limit: number; resetMs: number } {
    const window = this.windows.get(account);
    const now = this.clock.now();
    const start = window && now - window.start < this.windowSeconds * 1000 ? window.start : now;
    return { limit: this.limit, resetMs: start + this.windowSeconds * 1000 };
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
      'x-rate-limit-interval': String(this.windowSeconds),
      'x-rate-limit-limit': String(this.limit),
      'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)),
    };
  }
}
