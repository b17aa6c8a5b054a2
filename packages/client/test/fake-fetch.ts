// An injected fetch that records requests and answers from a script — no global is patched.
interface Recorded {
  method: string;
  url: URL;
  body?: unknown;
}

export type Responder = (request: Recorded) => Response | Promise<Response>;

export function fakeFetch(responder: Responder) {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const text = request.body ? await request.text() : undefined;
    const recorded = { method: request.method, url: new URL(request.url), body: text ? JSON.parse(text) : undefined };
    requests.push(recorded);
    return responder(recorded);
  };
  return { fetch, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/** A syntactically valid sk token for user "alice"; the canary of the redaction tests. */
export const CANARY = `sk.${btoa(JSON.stringify({ u: 'alice', a: 'ccanary000000000000000000' })).replace(/=+$/, '')}.Q0FOQVJZLUNBTkFSWS1DQU5BUlk`;
