// The request path beneath the client's methods. Its face is openapi-fetch's: the methods are
// typed by openapi-fetch's `Client<paths>` (so a spec change breaks their compile where it must),
// and URLs are built by openapi-fetch's own `createFinalURL`. What it leaves out is createClient's
// general-purpose per-call machinery (option merging, a Headers object and a Request per call,
// middleware hooks), which measured 1.08–1.10× raw fetch on its own: the client's whole budget
// (≤ 1.10×). BENCHMARKS.md has the figures; test/dispatch.test.ts proves that this path sends and
// resolves every call exactly as openapi-fetch's `createClient` does.
import { createFinalURL, type Client, type PathSerializer, type QuerySerializer } from 'openapi-fetch';
import type { paths } from '@tokens-kit/types';

/** The four methods the Tokens API uses, typed exactly as openapi-fetch types them from `paths`. */
export type Api = Pick<Client<paths>, 'GET' | 'POST' | 'PATCH' | 'DELETE'>;

/** One request, as the client sends it: a JSON body, when there is one, as a string. */
export interface Outgoing {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

const JSON_CONTENT = { 'Content-Type': 'application/json' };

export interface DispatchOptions {
  baseUrl: string;
  send: (request: Outgoing) => Promise<Response>;
  querySerializer: QuerySerializer<unknown>;
  pathSerializer: PathSerializer;
}

/** What a call resolves to, as with openapi-fetch's FetchResponse: `data` on success, `error` otherwise. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The query string of every call: its parameters, form-encoded as openapi-fetch's default does,
 * and the access token as `access_token` (the apiKey scheme) — unless the call names an
 * `access_token` of its own (retrieve), which then is not added twice.
 */
export function withAccessToken(accessToken: string): (query: Record<string, unknown>) => string {
  const tokenParameter = `access_token=${encodeURIComponent(accessToken)}`;
  return (query) => {
    let search = '';
    for (const key in query) {
      const value = query[key];
      if (value !== undefined && value !== null) search += `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}&`;
    }
    return 'access_token' in query ? search.slice(0, -1) : search + tokenParameter;
  };
}

interface Init {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
}

export function createDispatcher({ baseUrl, send, querySerializer, pathSerializer }: DispatchOptions): Api {
  const dispatch = async (method: string, schemaPath: string, init: Init = {}): Promise<FetchResult> => {
    const url = createFinalURL(schemaPath, { baseUrl, params: init.params ?? {}, querySerializer, pathSerializer });
    const response = await send(
      init.body === undefined ? { method, url } : { method, url, headers: JSON_CONTENT, body: JSON.stringify(init.body) },
    );
    // What openapi-fetch resolves a call to: no body on 204 or an empty one; a success body as
    // JSON (a body that is not JSON rejects); an error body as JSON when it parses, else as text.
    const length = response.headers.get('content-length');
    if (response.status === 204 || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    }
    if (response.ok) {
      if (length !== null) return { data: await response.json(), response };
      const text = await response.text();
      return { data: text ? (JSON.parse(text) as unknown) : undefined, response };
    }
    const text = await response.text();
    try {
      return { error: JSON.parse(text) as unknown, response };
    } catch {
      return { error: text, response };
    }
  };
  return {
    GET: (path: string, init?: Init) => dispatch('GET', path, init),
    POST: (path: string, init?: Init) => dispatch('POST', path, init),
    PATCH: (path: string, init?: Init) => dispatch('PATCH', path, init),
    DELETE: (path: string, init?: Init) => dispatch('DELETE', path, init),
  } as unknown as Api;
}
