// A drifted server for the mutation self-test: a proxy in front of the faithful simulator that
// changes requests before they reach it, or answers after, the way a real server drifts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSimulator } from '@tokens-kit/simulator';

export interface InterceptedRequest {
  method: string;
  url: URL;
  body: string;
  /** The body's label as sent (the proxy forwards it as is). */
  contentType?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MutantContext {
  sim: RunningSimulator;
  /** Sends a request to the faithful simulator. */
  forward(exchange: InterceptedRequest): Promise<Reply>;
  /** Anything the mutant wants to remember across requests (tokens it has seen…). */
  memory: Map<string, unknown>;
}

export interface Mutant {
  id: string;
  /** How a real server would drift this way. */
  drift: string;
  request?(exchange: InterceptedRequest, ctx: MutantContext): InterceptedRequest;
  reply?(exchange: InterceptedRequest, reply: Reply, ctx: MutantContext): Reply | Promise<Reply>;
}

const KEPT_HEADERS = ['content-type', 'link', 'retry-after', 'x-rate-limit-interval', 'x-rate-limit-limit', 'x-rate-limit-reset'];

export async function startMutantProxy(sim: RunningSimulator, mutant: Mutant): Promise<{ url: string; close(): Promise<void> }> {
  const forward = async (exchange: InterceptedRequest): Promise<Reply> => {
    const target = new URL(exchange.url.pathname + exchange.url.search, sim.url);
    const response = await fetch(target, {
      method: exchange.method,
      body: exchange.method === 'GET' || exchange.method === 'DELETE' ? undefined : exchange.body,
      headers: exchange.body ? { 'content-type': exchange.contentType ?? 'application/json' } : {},
    });
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: response.status, headers, body: await response.text() };
  };
  const ctx: MutantContext = { sim, forward, memory: new Map() };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        let exchange: InterceptedRequest = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', sim.url),
          body: Buffer.concat(chunks).toString('utf8'),
          ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        };
        if (mutant.request) exchange = mutant.request(exchange, ctx);
        let reply = await forward(exchange);
        if (mutant.reply) reply = await mutant.reply(exchange, reply, ctx);
        // A proxy's own links point at itself, as a real server's would.
        if (reply.headers.link) reply.headers.link = reply.headers.link.split(sim.url).join(`http://${req.headers.host}`);
        res.writeHead(reply.status, reply.headers).end(reply.body);
      } catch (error) {
        res.writeHead(599).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
