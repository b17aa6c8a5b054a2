// @tokens-kit/simulator/msw — request handlers for Mock Service Worker, backed by a simulator
// instance: every request to the base URL (https://api.mapbox.com unless given) is answered by the
// simulator's fetch, so code under test talks to the "real" URL and meets the documented API (or the
// observed one, or faults). msw is a peer dependency: msw 2 (Node ≥ 18) or msw 3 (Node ≥ 22.12).
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { Simulator } from './simulator.js';

export interface TokensApiHandlerOptions {
  /** The origin (and path prefix) to answer for. Default https://api.mapbox.com. */
  baseUrl?: string;
}

/** One handler that answers every request under `baseUrl` from the simulator. */
export function tokensApiHandlers(simulator: Pick<Simulator, 'fetch'>, options: TokensApiHandlerOptions = {}): RequestHandler[] {
  const base = (options.baseUrl ?? 'https://api.mapbox.com').replace(/\/+$/, '');
  const prefix = new URL(base).pathname.replace(/\/+$/, '');
  return [
    http.all(`${base}/*`, async ({ request }) => {
      try {
        // The simulator routes by the API's own paths: a base URL's path prefix is taken off.
        if (!prefix) return await simulator.fetch(request);
        const url = new URL(request.url);
        url.pathname = url.pathname.slice(prefix.length) || '/';
        return await simulator.fetch(new Request(url, request));
      } catch (error) {
        // A dropped-connection fault: what the code under test meets is a network error.
        if (error instanceof TypeError) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
