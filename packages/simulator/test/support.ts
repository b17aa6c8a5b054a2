// Calls a running simulator over HTTP and checks every answer against the bundled spec: each
// test that uses `api()` also proves that what the simulator said is documented.
import { matchOperation } from '@tokens-kit/contract';
import { ContractValidator, type Issue } from '@tokens-kit/contract/validator';
import { afterEach, beforeEach, expect } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../src/index.js';

export const contract = new ContractValidator();

/** One exchange with the simulator, as a test reads it. */
export interface SimulatorReply<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface CallOptions {
  token?: string | null;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A raw body string, sent as is. */
  rawBody?: string;
  contentType?: string;
}

export function api(sim: RunningSimulator) {
  const violations: { request: string; issues: Issue[] }[] = [];
  async function call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<SimulatorReply<T>> {
    const url = new URL(path, sim.url);
    const token = options.token === undefined ? sim.token : options.token;
    if (token !== null) url.searchParams.set('access_token', token);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(url, {
      method,
      body,
      headers: body === undefined ? {} : { 'content-type': options.contentType ?? 'application/json' },
    });
    const text = await response.text();
    const matched = matchOperation(method, url.pathname);
    if (matched) {
      const { errors } = contract.validateResponse(matched.operationId, {
        status: response.status,
        headers: response.headers,
        bodyText: text,
      });
      if (errors.length) violations.push({ request: `${method} ${url.pathname}`, issues: errors });
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, text, body: parsed as T };
  }
  return {
    call,
    violations,
    /** Asserts that every answer so far was documented by the spec. */
    expectAllDocumented: () => expect(violations).toEqual([]),
  };
}

export async function withSimulator(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ rateLimit: false, log: () => {}, ...options });
  return { sim, ...api(sim) };
}

export const tokensPath = (sim: RunningSimulator, username = sim.username) => `/tokens/v2/${username}`;
export const inAnHour = (sim: RunningSimulator, seconds = 3600) => new Date(sim.clock.now() + seconds * 1000).toISOString();

/** A fresh simulator for every test of the file, its answers checked against the spec after each. */
export function simulatorPerTest(options: SimulatorOptions = {}) {
  const harness = {} as Awaited<ReturnType<typeof withSimulator>>;
  beforeEach(async () => {
    Object.assign(harness, await withSimulator(options));
  });
  afterEach(async () => {
    harness.expectAllDocumented();
    await harness.sim.close();
  });
  return harness;
}
