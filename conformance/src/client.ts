// Sends one request to a target and reads the answer: the budget (requests per minute), the pause
// and retry on 429, and the curl line that reproduces a request (with the token redacted).
import { redact } from './redact.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: any;
  /** The request, redacted, as a curl command. */
  curl: string;
  method: string;
  url: string;
  requestBody?: string;
}

export interface RequestSpec {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The access token; null sends none. */
  token: string | null;
  body?: unknown;
}

export interface ClientOptions {
  baseUrl: string;
  /** Requests per minute; undefined for none. */
  budget?: number;
  fetch?: typeof fetch;
  /** Longest single pause for a 429, in seconds. */
  maxRetryAfterSeconds?: number;
  retries429?: number;
  /** Extra strings to redact wherever they appear (the run's tokens). */
  secrets?: string[];
  onRequest?: (method: string, url: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The next page an answer links to (`Link: <…>; rel="next"`), as a path and query to send with
 * this suite's own token: the link's access_token, if any, is dropped. Undefined on a last page.
 */
export function nextPage(answer: Answer, baseUrl: string): { path: string; query: Record<string, string> } | undefined {
  const link = /<([^>]+)>;\s*rel="next"/.exec(answer.headers.get('link') ?? '')?.[1];
  if (!link) return undefined;
  const url = new URL(link, baseUrl);
  url.searchParams.delete('access_token');
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

export class TargetClient {
  /** Requests sent, for the up-front estimate and the report. */
  sent = 0;
  private readonly stamps: number[] = [];
  private readonly doFetch: typeof fetch;

  constructor(readonly options: ClientOptions) {
    this.doFetch = options.fetch ?? globalThis.fetch;
  }

  /** Waits until the per-minute budget admits one more request. */
  private async throttle(): Promise<void> {
    const budget = this.options.budget;
    if (!budget) return;
    for (;;) {
      const now = Date.now();
      while (this.stamps.length && now - this.stamps[0]! >= 60_000) this.stamps.shift();
      if (this.stamps.length < budget) {
        this.stamps.push(now);
        return;
      }
      await sleep(60_000 - (now - this.stamps[0]!) + 5);
    }
  }

  curlFor(method: string, url: string, body?: string): string {
    const parts = ['curl', '-i', '-X', method];
    if (body !== undefined) parts.push('-H', "'Content-Type: application/json'", '-d', `'${body.replace(/'/g, "'\\''")}'`);
    parts.push(`'${url}'`);
    return redact(parts.join(' '), this.options.secrets);
  }

  /** Sends a request. A 429 pauses (Retry-After, bounded) and retries unless `expect429`. */
  async send(spec: RequestSpec, expect429 = false): Promise<Answer> {
    const url = new URL(spec.path, this.options.baseUrl);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    if (spec.token !== null) url.searchParams.set('access_token', spec.token);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const retries = this.options.retries429 ?? 3;
    for (let attempt = 0; ; attempt++) {
      await this.throttle();
      this.sent++;
      this.options.onRequest?.(spec.method, redact(url.toString(), this.options.secrets));
      let response: Response;
      try {
        response = await this.doFetch(url, {
          method: spec.method,
          body,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          redirect: 'manual',
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(redact(`cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, this.options.secrets));
      }
      const text = await response.text();
      if (response.status === 429 && !expect429 && attempt < retries) {
        const wait = Number(response.headers.get('retry-after')) || 1;
        await sleep(Math.min(wait, this.options.maxRetryAfterSeconds ?? 60) * 1000);
        continue;
      }
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json, curl: this.curlFor(spec.method, url.toString(), body), method: spec.method, url: redact(url.toString(), this.options.secrets), requestBody: body === undefined ? undefined : redact(body, this.options.secrets) };
    }
  }
}
