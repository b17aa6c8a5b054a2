// The simulator's node:http face: `startSimulator` = the in-process simulator (simulator.ts) served
// on a port, its state kept in a file where asked (store.ts). Node only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { documented } from './failures.js';
import { assemble, type Incoming, type RunningSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
import { fileStore } from './store.js';

/** A simulator in this process: state, rules and the handler, served by a fetch; no port is opened. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return assemble(options, options.stateFile ? fileStore(options.stateFile) : undefined).simulator;
}

/** The node:http face's body reader: the declared length first, then the bytes as they arrive. */
async function readNodeBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw documented('PayloadTooLarge');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw documented('PayloadTooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The simulator served over HTTP on a port (0, the default, picks a free one). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (options.admin && options.adminSecret === undefined && !/^(127(\.\d{1,3}){3}|localhost|::1)$/.test(host)) {
    throw new Error(
      `the admin API on host ${host} needs a secret (adminSecret, --admin-secret): anyone who can reach it could change the state`,
    );
  }
  const { simulator, respond } = assemble(options, options.stateFile ? fileStore(options.stateFile) : undefined);
  // A slow or stalled client (a body that never ends) is cut off and its socket freed (Node answers
  // 408), checked often enough for the bound to hold.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const timeouts = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) };
  const server: Server = createServer(timeouts, (req: IncomingMessage, res: ServerResponse) => {
    const incoming: Incoming = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`),
      readBody: (max) => readNodeBody(req, max),
      discard: () => req.resume(),
      adminSecret: typeof req.headers['x-admin-secret'] === 'string' ? req.headers['x-admin-secret'] : null,
    };
    void respond(incoming).then((out) => {
      if (out.drop) req.socket.destroy();
      else if (!res.headersSent) res.writeHead(out.status, out.headers).end(out.body);
    });
  });

  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    ...simulator,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
