// Reaching the servers a run is aimed at. The embedded ones (a Prism mock of the bundled spec, the
// simulator) are started and stopped by the suite itself; a live target is any base URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { checkBaseUrl as checkClientBaseUrl } from '@tokens-kit/client';
import { documentPath } from '@tokens-kit/contract/validator';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@tokens-kit/simulator';
import { scopeCatalogue } from '@tokens-kit/types';
import { CAPABILITIES, DEFAULT_LIVE_BUDGET, RATE_LIMIT_PROBE_LIMIT, type LiveTargetOptions, type Target } from '../model/target.js';

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

const require = createRequire(import.meta.url);
/** Prism's own executable (its bin), started with this Node. */
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

export interface PrismProcess {
  url: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `prism mock <spec>` on a free loopback port and waits until it answers. (The proxy is the kit's own: commands/proxy.ts.) */
export async function startPrism(
  options: { mode: 'mock'; specPath?: string; port?: number; extraArgs?: string[] } = { mode: 'mock' },
): Promise<PrismProcess> {
  const port = options.port ?? (await freePort());
  const args = [
    prismBin,
    options.mode,
    options.specPath ?? documentPath,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const done = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 100))]);
    if (done) throw new Error(`Prism exited before it was ready:\n${output.slice(-2000)}`);
    // A TCP connect, not a request: readiness is checked without sending Prism any traffic.
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (listening) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Prism did not listen on ${url} within 30 s:\n${output.slice(-2000)}`);
    }
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A mock target. Prism keeps no state and enforces no rule beyond the schemas. */
export async function mockTarget(prism?: { url: string }): Promise<Target> {
  const owned = prism ? undefined : await startPrism({ mode: 'mock' });
  return {
    kind: 'mock',
    name: 'mock',
    baseUrl: (prism ?? owned)!.url,
    username: 'YOUR_MAPBOX_USERNAME',
    // Prism checks only that a token is present.
    token: 'sk.eyJ1IjoiWU9VUl9NQVBCT1hfVVNFUk5BTUUiLCJhIjoibW9jayJ9.bW9jay1zaWduYXR1cmUtIQ',
    capabilities: CAPABILITIES.mock,
    close: async () => owned?.stop(),
  };
}

export interface SimulatorTargetOptions {
  simulator?: SimulatorOptions;
  /** Interposes something between the suite and the simulator (the mutation self-test's drifted servers). */
  wrap?: (sim: RunningSimulator) => Promise<{ url: string; close(): Promise<void> }>;
  name?: string;
}

export async function simulatorTarget(options: SimulatorTargetOptions = {}): Promise<Target> {
  const start = async (extra: SimulatorOptions) => {
    const sim = await startSimulator({ username: 'conformance', rateLimit: false, log: () => {}, ...options.simulator, ...extra });
    const front = options.wrap ? await options.wrap(sim) : { url: sim.url, close: async () => {} };
    const close = async () => {
      await front.close();
      await sim.close();
    };
    return { sim, url: front.url, close };
  };
  const main = await start({});
  return {
    kind: 'simulator',
    name: options.name ?? 'simulator',
    baseUrl: main.url,
    username: main.sim.username,
    token: main.sim.token,
    capabilities: CAPABILITIES.simulator,
    // The simulator's master token holds every scope of the catalogue.
    tokenScopes: scopeCatalogue.map((s) => s.id),
    advanceClock: (ms) => main.sim.clock.advance(ms),
    now: () => main.sim.clock.now(),
    rateLimitProbe: async () => {
      const probe = await start({ username: 'ratelimit-probe', rateLimit: RATE_LIMIT_PROBE_LIMIT });
      return {
        baseUrl: probe.url,
        username: probe.sim.username,
        token: probe.sim.token,
        limit: RATE_LIMIT_PROBE_LIMIT,
        close: probe.close,
      };
    },
    close: main.close,
  };
}

/** Checks a base URL: https, or http only for loopback (the client's rule); no query or fragment. */
export function checkBaseUrl(raw: string): string {
  const checked = checkClientBaseUrl(raw, '--base-url');
  const url = new URL(checked);
  if (url.search || url.hash) throw new Error(`--base-url ${url.origin}: give the base URL without a query or fragment`);
  return checked;
}

export function liveTarget(options: LiveTargetOptions): Target {
  return {
    kind: 'live',
    name: 'live',
    baseUrl: checkBaseUrl(options.baseUrl),
    username: options.username,
    token: options.token,
    capabilities: CAPABILITIES.live,
    budget: options.budget ?? DEFAULT_LIVE_BUDGET,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    close: async () => {},
  };
}
