// Sends one request to a target and records the exchange: the budget (requests per minute), the
// pause and retry on 429 (the contract's retry rule), and the curl line that reproduces a request
// (with its token redacted).
import { DEFAULT_RETRY_BOUNDS, nextLinkUri, nextRetryDelay, type RetryBounds } from '@tokens-kit/contract';
import { curlLine, JSON_MEDIA_TYPE, parseJsonBody, type Exchange } from '../model/exchange.js';
import { redact } from '../model/redact.js';

export type { Exchange } from '../model/exchange.js';

export interface TargetRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The access token; null sends none. */
  token: string | null;
  body?: unknown;
  /** The body's label; default application/json. */
  contentType?: string;
}

export interface TargetHttpOptions {
  baseUrl: string;
  /** Requests per minute; undefined for none. */
  budget?: number;
  fetch?: typeof fetch;
  /** How long and how often to wait out a 429 (default: the contract's DEFAULT_RETRY_BOUNDS). */
  retry?: RetryBounds;
  /** Extra strings to redact wherever they appear (the run's tokens). */
  secrets?: string[];
  onRequest?: (method: string, url: string) => void;
  /**
   * The most requests this run may send (its plan's "at most"): one more is refused with an error
   * instead of being sent, so a run never sends more than it stated. Undefined for no cap.
   */
  maxRequests?: number;
  /** When requests to the same target were already sent (ms since the epoch): the per-minute budget counts them. */
  pace?: readonly number[];
  /** How long one request may take, answer and body (default DEFAULT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Told before each wait longer than a second: how long, and why (the pace, a 429). */
  onWait?: (line: string) => void;
}

/** How long a request may take before the run says the target does not answer. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** A request the run's stated maximum does not allow. */
export class OverBudgetError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The next page an exchange links to (`Link` with relation `next`), as a path and query to send
 * with this suite's own token: the link's access_token, if any, is dropped. Undefined on a last page.
 */
export function nextPage(exchange: Exchange, baseUrl: string): { path: string; query: Record<string, string> } | undefined {
  const link = nextLinkUri(exchange.headers.get('link'));
  if (!link) return undefined;
  const url = new URL(link, baseUrl);
  url.searchParams.delete('access_token');
  // A path the link gives under the base URL's own path (a gateway's prefix) is sent under it again: keep it once.
  const prefix = basePath(baseUrl);
  const path = prefix && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
  return { path, query: Object.fromEntries(url.searchParams) };
}

/** A base URL's path without its trailing slash ('' for none): a gateway's prefix, kept in front of every path. */
const basePath = (baseUrl: string) => new URL(baseUrl).pathname.replace(/\/$/, '');

/** An operation's path under a base URL, its path prefix kept (`https://gw.example/mapbox` + `/tokens/v2`). */
export const underBase = (baseUrl: string, path: string) => new URL(`${basePath(baseUrl)}${path}`, baseUrl);

export class TargetHttp {
  private readonly doFetch: typeof fetch;
  private readonly stamps: number[];

  constructor(
    readonly options: TargetHttpOptions,
    /** The count and the pace's timestamps, shared with the senders made by `elsewhere`. */
    private readonly shared: { sent: number; stamps: number[]; budget?: number } = {
      sent: 0,
      stamps: [...(options.pace ?? [])],
      ...(options.budget ? { budget: options.budget } : {}),
    },
  ) {
    this.doFetch = options.fetch ?? globalThis.fetch;
    this.stamps = shared.stamps;
  }

  /** Requests sent, for the up-front estimate and the report. */
  get sent(): number {
    return this.shared.sent;
  }

  /** Requests per minute the run allows itself now: the budget, halved by each 429 the target answered. */
  get budget(): number | undefined {
    return this.shared.budget;
  }

  /** Waits until the per-minute budget admits one more request. */
  private async throttle(): Promise<void> {
    const budget = this.shared.budget;
    if (!budget) return;
    for (;;) {
      const now = Date.now();
      while (this.stamps.length && now - this.stamps[0]! >= 60_000) this.stamps.shift();
      if (this.stamps.length < budget) {
        this.stamps.push(now);
        return;
      }
      const wait = 60_000 - (now - this.stamps[0]!) + 5;
      if (wait > 1000)
        this.options.onWait?.(
          `waiting ${Math.ceil(wait / 1000)} s: the run keeps to ${budget} requests a minute on this account (--budget)`,
        );
      await sleep(wait);
    }
  }

  /**
   * A sender to another base URL (the rate-limit probe's account) that shares this one's count,
   * cap and pace, so what it sends is part of the run's stated requests.
   */
  elsewhere(baseUrl: string, secrets: string[]): TargetHttp {
    return new TargetHttp({ ...this.options, baseUrl, secrets: [...(this.options.secrets ?? []), ...secrets] }, this.shared);
  }

  /** Sends a request. A 429 pauses and retries within the retry bounds, unless `expect429`. */
  async send(request: TargetRequest, expect429 = false): Promise<Exchange> {
    const url = underBase(this.options.baseUrl, request.path);
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    if (request.token !== null) url.searchParams.set('access_token', request.token);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const bounds = this.options.retry ?? DEFAULT_RETRY_BOUNDS;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      if (this.options.maxRequests !== undefined && this.sent >= this.options.maxRequests)
        throw new OverBudgetError(
          `the run stated at most ${this.options.maxRequests} requests and has sent them all; ${request.method} ${request.path} was not sent`,
        );
      await this.throttle();
      this.shared.sent++;
      this.options.onRequest?.(request.method, redact(url.toString(), this.options.secrets));
      // One deadline for the answer and its whole body: a server that hangs, or answers a byte a
      // second, ends the request with a sentence instead of holding the run.
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      let response: Response;
      let text: string;
      try {
        response = await this.doFetch(url, {
          method: request.method,
          body,
          headers: body === undefined ? {} : { 'content-type': request.contentType ?? JSON_MEDIA_TYPE },
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const what = `${request.method} ${url.pathname}`;
        if ((error as Error).name === 'TimeoutError')
          throw new Error(`no answer from ${url.origin} within ${timeoutMs / 1000} s (${what}); --timeout sets how long to wait`);
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(
          redact(
            `cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message} (${what})`,
            this.options.secrets,
          ),
        );
      }
      // A 429 the run did not ask for means the account is busier than the run's share assumed:
      // the whole run slows down (half the pace, at least one a minute), not only this request.
      if (response.status === 429 && !expect429 && this.shared.budget) this.shared.budget = Math.max(1, Math.floor(this.shared.budget / 2));
      if (response.status === 429 && !expect429) {
        const delay = nextRetryDelay(response.headers, attempt, waited, bounds);
        if (delay !== undefined) {
          if (delay > 1000)
            this.options.onWait?.(
              `waiting ${Math.ceil(delay / 1000)} s: ${url.origin} answered 429 Too Many Requests; the run's pace is now ${this.shared.budget ?? 'unthrottled'} a minute`,
            );
          await sleep(delay);
          waited += delay;
          continue;
        }
      }
      const json = parseJsonBody(text);
      return {
        status: response.status,
        headers: response.headers,
        text,
        json,
        curl: curlLine(request.method, url.toString(), body, this.options.secrets, request.contentType),
        method: request.method,
        url: redact(url.toString(), this.options.secrets),
        requestBody: body === undefined ? undefined : redact(body, this.options.secrets),
      };
    }
  }
}
