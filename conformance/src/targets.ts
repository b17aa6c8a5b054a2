// The servers the suite can run against. The embedded ones (a Prism mock of the bundled spec, the
// simulator) are started and stopped by the suite itself; a live target is any base URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { checkBaseUrl as checkClientBaseUrl } from '@tokens-kit/client';
import { documentPath } from '@tokens-kit/contract/validator';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@tokens-kit/simulator';

/**
 * What a target can exhibit. `validation`: answers follow the spec's schemas and reject what they
 * reject (Prism does this). `logic`: enforces the documented rules (subset rule, expiry limits…).
 * `state`: remembers what was created, updated and deleted. `rateLimit`: a 429 can be provoked
 * safely. (A target whose clock can be moved says so with `advanceClock`; none is needed.)
 */
export type Capability = 'validation' | 'logic' | 'state' | 'rateLimit';

/** What the embedded targets can exhibit (the CLI plans with these before starting anything). */
export const MOCK_CAPABILITIES: ReadonlySet<Capability> = new Set(['validation']);
export const SIMULATOR_CAPABILITIES: ReadonlySet<Capability> = new Set(['validation', 'logic', 'state', 'rateLimit']);
const LIVE_CAPABILITIES: ReadonlySet<Capability> = new Set(['validation', 'logic', 'state']);

/** The rate limit of the embedded simulator's probe account: a 429 takes this many requests + 1. */
export const RATE_LIMIT_PROBE_LIMIT = 5;

export interface RateLimitProbe {
  baseUrl: string;
  username: string;
  token: string;
  limit: number;
  close(): Promise<void>;
}

export interface Target {
  name: string;
  baseUrl: string;
  username: string;
  token: string;
  capabilities: ReadonlySet<Capability>;
  /** Requests per minute the suite allows itself; undefined for none. */
  budget?: number;
  advanceClock?(ms: number): void;
  /** The target's own time, where the suite can read it (the simulator's clock). */
  now?(): number;
  /** A fresh account with a small rate limit, for provoking a 429 without touching the real one. */
  rateLimitProbe?(): Promise<RateLimitProbe>;
  close(): Promise<void>;
}

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

/** Starts `prism mock <spec>` on a free loopback port and waits until it answers. (The proxy mode is the kit's own: cli.ts.) */
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
    name: 'mock',
    baseUrl: (prism ?? owned)!.url,
    username: 'YOUR_MAPBOX_USERNAME',
    // Prism checks only that a token is present.
    token: 'sk.eyJ1IjoiWU9VUl9NQVBCT1hfVVNFUk5BTUUiLCJhIjoibW9jayJ9.bW9jay1zaWduYXR1cmUtIQ',
    capabilities: MOCK_CAPABILITIES,
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
    name: options.name ?? 'simulator',
    baseUrl: main.url,
    username: main.sim.username,
    token: main.sim.token,
    capabilities: SIMULATOR_CAPABILITIES,
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

export interface LiveTargetOptions {
  baseUrl: string;
  username: string;
  token: string;
  /** Requests per minute (default: the documented 100). */
  budget?: number;
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
    name: 'live',
    baseUrl: checkBaseUrl(options.baseUrl),
    username: options.username,
    token: options.token,
    capabilities: LIVE_CAPABILITIES,
    budget: options.budget ?? 100,
    close: async () => {},
  };
}
