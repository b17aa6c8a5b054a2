// The mock target: Prism's own mock server (@stoplight/prism-http-server on @stoplight/prism-http,
// the engine behind `prism mock`), started from its libraries rather than as the `prism mock` CLI:
// that CLI's start-up (yargs, a file watcher, a logger that parses and re-prints every line) was
// most of the main job's time on a 2-core machine.
// The configuration is the one `prism mock` uses (prism-cli's createServer.js): static examples,
// requests and responses validated, security checked, CORS on, violations reported in a header.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { documentPath } from '@tokens-kit/contract/validator';

const require = createRequire(import.meta.url);

interface PrismServer {
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}
interface PrismHttp {
  getHttpOperationsFromSpec(specPath: string): Promise<unknown[]>;
}
interface PrismHttpServer {
  createServer(operations: unknown[], options: { cors: boolean; config: object; components: { logger: unknown } }): PrismServer;
}
interface PrismCore {
  createLogger(name: string, options: { level: string }): { child(bindings: object): unknown };
}

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * Loads Prism's libraries. Prism's mocker requires @faker-js/faker, whose main entry builds every
 * one of faker's ~60 locales (about 0.8 s on a 2-core machine, paid by every run of the main job);
 * faker documents `@faker-js/faker/locale/en` as the entry for a single locale, and it stands in
 * while Prism loads (Prism asks for the default export only; the mock runs static, so faker is not
 * even called). The hook is Node's synchronous CommonJS loader (Node 20 has no public one), on for
 * this one synchronous require and off again; a faker without that entry loads whole, as before.
 */
function loadPrism(): { http: PrismHttp; server: PrismHttpServer; core: PrismCore } {
  const Module = require('node:module') as { _load: Load };
  const load = Module._load;
  Module._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    if (request === '@faker-js/faker') {
      try {
        const english = load.call(this, '@faker-js/faker/locale/en', parent, isMain);
        return { default: english, faker: english };
      } catch {
        // Not this faker's layout: the whole package, below.
      }
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    return {
      http: require('@stoplight/prism-http') as PrismHttp,
      server: require('@stoplight/prism-http-server') as PrismHttpServer,
      core: require('@stoplight/prism-core') as PrismCore,
    };
  } finally {
    Module._load = load;
  }
}

export interface PrismMock {
  url: string;
  close(): Promise<void>;
}

/** Starts Prism's mock of the bundled document (or `specPath`) on a free loopback port. */
export async function startPrism(options: { specPath?: string; port?: number } = {}): Promise<PrismMock> {
  const { http, server, core } = loadPrism();
  const operations = await http.getHttpOperationsFromSpec(options.specPath ?? documentPath);
  if (operations.length === 0) throw new Error(`Prism found no operations in ${options.specPath ?? documentPath}`);
  // Prism logs every request at "info"; warnings and errors only, and nowhere: a failure shows in the answer.
  const logger = core.createLogger('PRISM', { level: 'silent' });
  const prism = server.createServer(operations, {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      mock: { dynamic: false },
      isProxy: false,
    },
    components: { logger: logger.child({ name: 'HTTP SERVER' }) },
  });
  const url = await prism.listen(options.port ?? 0, '127.0.0.1');
  return { url, close: () => prism.close() };
}

/**
 * Prism in a child process of its own (engine/prism-process.ts), for the run command: launched
 * before the plans are made, it loads on the core the CLI's main thread leaves idle and answers
 * the mock's requests beside the simulator's worker. Its port is chosen here, so its URL is known
 * at once; `ready` settles once it listens (the mock suite waits for that itself, untilListening),
 * or rejects with what it printed when it exits first. The child exits when this process goes away.
 */
export async function launchPrism(): Promise<{ url: string; ready: Promise<void>; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL('./prism-process.js', import.meta.url)), String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const ready = untilListening(url, { gone: exited }).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`the Prism mock did not start (${error.message}):\n${output.slice(-2000)}`);
  });
  ready.catch(() => {});
  return {
    url,
    ready,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free TCP port on loopback (the OS picks it; the probe closes before it is used). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections at `url`; rejects at the deadline, or once `gone` settles first. */
export async function untilListening(url: string, options: { deadlineMs?: number; gone?: Promise<unknown> } = {}): Promise<void> {
  const { hostname, port } = new URL(url);
  const deadlineMs = options.deadlineMs ?? 30_000;
  const deadline = Date.now() + deadlineMs;
  let gone = false;
  void options.gone?.finally(() => (gone = true));
  for (;;) {
    // A TCP connect, not a request: readiness is checked without sending the server any traffic.
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), hostname);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (listening) return;
    if (gone) throw new Error('it exited before it listened');
    if (Date.now() > deadline) throw new Error(`nothing listened on ${url} within ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
