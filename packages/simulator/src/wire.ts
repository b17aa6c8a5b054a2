// The simulator's wire: its answers in the documented shape (JSON, CORS for a page's fetch), the
// fetch face's Response, and the request body as read and parsed.
import { utf8 } from './bytes.js';
import { ApiFailure, documented } from './failures.js';

export interface Incoming {
  method: string;
  url: URL;
  /** The body as text; more than `max` bytes is refused with 413. Read only for operations that take one. */
  readBody(max: number): Promise<string>;
  /** Lets an unread body go. */
  discard(): void;
  /** The X-Admin-Secret header, for the admin API. */
  adminSecret: string | null;
}

/** An answer as the handler gives it: status, every header, and the body's text. */
export interface Outgoing {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** A fault: drop the connection instead of answering. */
  drop?: true;
}

export const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-expose-headers': 'link, retry-after, x-rate-limit-interval, x-rate-limit-limit, x-rate-limit-reset',
};

export function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Outgoing {
  if (body === undefined) return { status, headers: { ...CORS, ...headers } };
  const text = JSON.stringify(body);
  return {
    status,
    headers: { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(utf8(text).length), ...headers },
    body: text,
  };
}

/**
 * The fetch face's answer: a real Response whose text() and json() resolve from the string it was
 * made with. Node 20's undici reads even a string body through web streams, which measured ~100 µs
 * per json() — more than the rest of an in-process call together (BENCHMARKS.md). Reading it
 * twice fails, as with any Response; `body` is the usual stream for code that reads it directly.
 */
export class InProcessResponse extends Response {
  #text: string | undefined;
  #read = false;
  constructor(text: string | undefined, init: ResponseInit) {
    super(text ?? null, init);
    this.#text = text;
  }
  #take(): string {
    if (this.#read || this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.#read = true;
    return this.#text ?? '';
  }
  override get bodyUsed(): boolean {
    return this.#read || super.bodyUsed;
  }
  override text(): Promise<string> {
    try {
      return Promise.resolve(this.#take());
    } catch (error) {
      return Promise.reject(error);
    }
  }
  override json(): Promise<unknown> {
    return this.text().then((text) => JSON.parse(text));
  }
}

/** The fetch face's body reader. */
export async function readRequestBody(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw documented('PayloadTooLarge');
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > max) throw documented('PayloadTooLarge');
  return new TextDecoder().decode(bytes);
}

/**
 * The body as JSON whatever its Content-Type: the tutorial's first temporary-token command sends
 * JSON without one (curl then labels it application/x-www-form-urlencoded), and it works.
 */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiFailure(422, 'request body must be valid JSON');
  }
}
