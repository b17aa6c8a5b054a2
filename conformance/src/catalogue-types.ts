// The shape of the behaviour catalogue: documented behaviours as data, executed by runner.ts.
import type { OperationId } from '@tokens-kit/types';
import type { Answer } from './client.js';
import type { Capability } from './targets.js';

/** What a step may compute from the behaviour's state (saved answers, the run's tag and clock). */
export interface Scope {
  username: string;
  /** The run's authorizing token. */
  token: string;
  /** The note tag of this run: every token the suite creates carries it. */
  tag: string;
  /** A note for a token this behaviour creates: the run's tag and a label. */
  note(label: string): string;
  /** Answers saved by earlier steps (`save`). */
  saved: Record<string, Answer>;
  /** An ISO timestamp `seconds` from the target's now. */
  at(seconds: number): string;
}

export type Value<T> = T | ((s: Scope) => T);

/** A failure description, or undefined when the check holds. */
export type Check = (answer: Answer, s: Scope) => string | undefined;

export interface Expectation {
  status: number;
  /** The exact `message` of an error-table row. */
  message?: string;
  /** The `code` a retrieve answers (TokenValid, TokenExpired, …). */
  code?: 'TokenValid' | 'TokenMalformed' | 'TokenInvalid' | 'TokenExpired' | 'TokenRevoked';
  check?: Check;
}

export interface RequestStep {
  name: string;
  op: OperationId;
  /** The access token; null sends none. Default: the run's token. */
  as?: Value<string | null>;
  username?: Value<string>;
  tokenId?: Value<string>;
  query?: Value<Record<string, string | number | boolean>>;
  body?: Value<unknown>;
  expect: Expectation;
  /** Keeps the answer as `saved[save]` for later steps. */
  save?: string;
}

export interface WalkStep {
  name: string;
  /** Lists tokens following `Link: <…>; rel="next"` until there is none (or maxPages). */
  walk: { query: Value<Record<string, string | number | boolean>>; maxPages: number };
  check: (pages: Answer[], s: Scope) => string | undefined;
}

export interface ElapseStep {
  name: string;
  /** Lets time pass: moves the target's clock, or waits where it has none. */
  elapse: number;
}

export interface RateLimitStep {
  name: string;
  /** Sends requests to a rate-limit probe account until one is refused. */
  exhaustRateLimit: true;
  check: (answers: Answer[], limit: number) => string | undefined;
}

export type Step = RequestStep | WalkStep | ElapseStep | RateLimitStep;

export interface Behaviour {
  id: string;
  title: string;
  /** The sentence of the seed it tests, quoted exactly. */
  source: { seed: 'reference' | 'tutorial'; quote: string };
  needs: Capability[];
  steps: Step[];
}
