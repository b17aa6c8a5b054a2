// A redirect never carries the access token to another address: the client does not follow
// redirects at all (the token is in the query; 307/308 also re-send the body). Tested with two real
// loopback servers — the API that redirects, and the "other host" it points at, which records
// everything that reaches it — through the global fetch and through an injected one.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokensClient, RedirectRefusedError } from '../src/index.js';
import { CANARY } from './fake-fetch.js';

const signature = CANARY.split('.')[2]!;

async function listen(handler: (req: IncomingMessage, res: import('node:http').ServerResponse) => void): Promise<[Server, string]> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return [server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`];
}

let other: Server;
let otherUrl: string;
let api: Server;
let apiUrl: string;
/** What reached the other host: every request line and body. */
const reachedOther: string[] = [];
/** The status the API redirects with, set per test. */
let status = 307;

beforeAll(async () => {
  [other, otherUrl] = await listen((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      reachedOther.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
  });
  [api, apiUrl] = await listen((req, res) => {
    req.resume();
    // The redirect keeps the path and query, as a moved server's would: the token is in it.
    res.writeHead(status, { location: `${otherUrl}${req.url}` }).end();
  });
});
afterAll(async () => {
  api.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([new Promise((r) => api.close(r)), new Promise((r) => other.close(r))]);
});

const calls = {
  listScopes: (c: ReturnType<typeof createTokensClient>) => c.listScopes(),
  createToken: (c: ReturnType<typeof createTokensClient>) => c.createToken({ scopes: ['styles:read'], note: CANARY }),
  retrieveToken: (c: ReturnType<typeof createTokensClient>) => c.retrieveToken(),
};

describe('a redirect is refused, and the token never reaches the address it names', () => {
  for (const code of [301, 302, 303, 307, 308])
    for (const [operation, call] of Object.entries(calls))
      for (const via of ['global fetch', 'injected fetch'] as const)
        it(`${code} on ${operation} (${via})`, async () => {
          status = code;
          reachedOther.length = 0;
          const client = createTokensClient({
            accessToken: CANARY,
            baseUrl: apiUrl,
            retry: false,
            ...(via === 'injected fetch' ? { fetch: (request: Request) => fetch(request) } : {}),
          });
          const error = await call(client).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(RedirectRefusedError);
          const refused = error as RedirectRefusedError;
          expect(refused.status).toBe(code);
          expect(refused.operation).toBe(operation);
          expect(refused.message).toContain(`answered ${operation === 'createToken' ? 'POST' : 'GET'} with a redirect (${code})`);
          expect(refused.message).toContain(`to ${otherUrl}/`);
          expect(refused.message).toContain('does not follow redirects');
          for (const form of [refused.message, String(refused), JSON.stringify(refused), refused.stack ?? ''])
            expect(form).not.toContain(signature);
          expect(reachedOther).toEqual([]);
        });
});
