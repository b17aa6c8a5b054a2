// Reaching the servers a run is aimed at. The embedded ones (a Prism mock of the bundled spec, the
// simulator) are started and stopped by the suite itself; a live target is any base URL.
import { checkBaseUrl as checkClientBaseUrl } from '@tokens-kit/client';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@tokens-kit/simulator';
import { scopeCatalogue } from '@tokens-kit/types';
import { startPrism, untilListening } from './prism.js';
import { CAPABILITIES, DEFAULT_LIVE_BUDGET, RATE_LIMIT_PROBE_LIMIT, type LiveTargetOptions, type Target } from '../model/target.js';

/** A mock target. Prism keeps no state and enforces no rule beyond the schemas. */
export async function mockTarget(prism?: { url: string }): Promise<Target> {
  const owned = prism ? undefined : await startPrism();
  // A Prism the run command launched may still be loading (it starts beside vitest).
  if (prism) await untilListening(prism.url);
  return {
    kind: 'mock',
    name: 'mock',
    baseUrl: (prism ?? owned)!.url,
    username: 'YOUR_MAPBOX_USERNAME',
    // Prism checks only that a token is present.
    token: 'sk.eyJ1IjoiWU9VUl9NQVBCT1hfVVNFUk5BTUUiLCJhIjoibW9jayJ9.bW9jay1zaWduYXR1cmUtIQ',
    capabilities: CAPABILITIES.mock,
    close: async () => owned?.close(),
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
