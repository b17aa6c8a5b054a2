import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Any access token, in any output of the suite, would match this. */
export const TOKEN_PATTERN = /\b(pk|sk|tk)\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

export function runCli(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MAPBOX_ACCESS_TOKEN: undefined, MAPBOX_USERNAME: undefined, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, done };
}

export const waitFor = async (condition: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

export interface CountingFront {
  url: string;
  /** Every request that passed: method and path (no query, so no token). */
  seen: string[];
  close(): Promise<void>;
}

/** A loopback server in front of another that forwards every request as it is and records it: what a run really sent. */
export async function countingFront(upstreamUrl: string): Promise<CountingFront> {
  const upstream = new URL(upstreamUrl);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
