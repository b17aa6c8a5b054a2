// The servers a run can be aimed at, as the rest of the suite sees them: what each kind can
// exhibit, and how a run reaches it. Starting them is the engine's (engine/targets.ts).
import { defaultServer, limits } from '@tokens-kit/types';

/**
 * What a target can exhibit. `validation`: answers follow the spec's schemas and reject what they
 * reject (Prism does this). `logic`: enforces the documented rules (subset rule, expiry limits…).
 * `state`: remembers what was created, updated and deleted. `rateLimit`: a 429 can be provoked
 * safely. (A target whose clock can be moved says so with `advanceClock`; none is needed.)
 */
export type Capability = 'validation' | 'logic' | 'state' | 'rateLimit';

/**
 * The kinds of target a plan is made for: the embedded mock and simulator, a live server, and
 * recorded traffic (the proxy's, a HAR file's: checked, never sent to).
 */
export type TargetKind = 'mock' | 'simulator' | 'live' | 'recorded';
/** The kinds a run can be aimed at (--target). */
export const targetKinds = ['mock', 'simulator', 'live'] as const satisfies readonly TargetKind[];

/** What each kind can exhibit (a plan is made with these before anything is started). */
export const CAPABILITIES: Record<TargetKind, ReadonlySet<Capability>> = {
  mock: new Set(['validation']),
  simulator: new Set(['validation', 'logic', 'state', 'rateLimit']),
  live: new Set(['validation', 'logic', 'state']),
  recorded: new Set(),
};

/** The rate limit of the embedded simulator's probe account: a 429 takes this many requests + 1. */
export const RATE_LIMIT_PROBE_LIMIT = 5;

/** The documented rate limit, requests per minute, per account. */
export const DOCUMENTED_RATE_LIMIT = (limits.rateLimit.requests * 60) / limits.rateLimit.perSeconds;

/**
 * A live run's default pace: half the account's documented limit, so that production traffic on the
 * same account keeps the other half while CI runs (`--budget N` for an account of your own).
 */
export const DEFAULT_LIVE_BUDGET = DOCUMENTED_RATE_LIMIT / 2;

/** Where a live run goes when no base URL is given. */
export const DEFAULT_BASE_URL: string = defaultServer;

export interface RateLimitProbe {
  baseUrl: string;
  username: string;
  token: string;
  limit: number;
  close(): Promise<void>;
}

export interface Target {
  /** Which kind of target it is: the plan is made for this kind. */
  kind: TargetKind;
  /** How reports name it (a kind, or a drifted server's id in the kit's own tests). */
  name: string;
  baseUrl: string;
  username: string;
  token: string;
  capabilities: ReadonlySet<Capability>;
  /** Requests per minute the suite allows itself; undefined for none. */
  budget?: number;
  /** How long one request may take (default: the engine's 30 s). */
  timeoutMs?: number;
  /** The run's token's scopes, where the suite knows them (the simulator's master token): the subset rule can then be judged. */
  tokenScopes?: readonly string[];
  advanceClock?(ms: number): void;
  /** The target's own time, where the suite can read it (the simulator's clock). */
  now?(): number;
  /** A fresh account with a small rate limit, for provoking a 429 without touching the real one. */
  rateLimitProbe?(): Promise<RateLimitProbe>;
  close(): Promise<void>;
}

/** Who a plan is for: a target's kind, name and capabilities (no connection needed). */
export type PlanTarget = Pick<Target, 'kind' | 'name' | 'capabilities'> & { budget?: number };

export interface LiveTargetOptions {
  baseUrl: string;
  username: string;
  token: string;
  /** Requests per minute (default: the documented limit). */
  budget?: number;
  /** How long one request may take (default 30 s). */
  timeoutMs?: number;
}
