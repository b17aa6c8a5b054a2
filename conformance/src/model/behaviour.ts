// Behaviours as data: each a list of steps of a closed set of kinds, executed by the one runner
// (engine/runner.ts) through the table of step kinds composed at the top (pipeline.ts). A behaviour
// is documented (it quotes the seed sentence it tests) or generated (it says what generated it).
import type { ErrorMessage, OperationId, RetrieveCode } from '@tokens-kit/types';
import type { ExploreCase } from './case.js';
import type { Exchange } from './exchange.js';
import type { Capability } from './target.js';

/** What a step may compute from the behaviour's state (saved exchanges, the run's tag and clock). */
export interface StepContext {
  username: string;
  /** The run's authorizing token. */
  token: string;
  /** The note tag of this run: every token the suite creates carries it. */
  tag: string;
  /** A note for a token this behaviour creates: the run's tag and a label. */
  note(label: string): string;
  /** Exchanges saved by earlier steps (`save`). */
  saved: Record<string, Exchange>;
  /** An ISO timestamp `seconds` from the target's now. */
  at(seconds: number): string;
}

/** A value, or how to compute it from the step context. */
export type Value<T> = T | ((context: StepContext) => T);

/** A failure description, or undefined when the check holds. */
export type Check = (exchange: Exchange, context: StepContext) => string | undefined;

export interface Expectation {
  status: number;
  /** The exact `message` of an error-table row. */
  message?: ErrorMessage;
  /** The `code` a retrieve answers. */
  code?: RetrieveCode;
  check?: Check;
}

type ScalarQuery = Record<string, string | number | boolean>;

/** One request of a documented operation, as a step or a generated case sends it (the runner tracks what it creates). */
export interface OutgoingRequest {
  /** How reports name it. */
  name: string;
  op: OperationId;
  /** The access token; null sends none. Default: the run's token. */
  as?: Value<string | null>;
  username?: Value<string>;
  tokenId?: Value<string>;
  query?: Value<ScalarQuery>;
  body?: Value<unknown>;
  /** The body's media type as labelled. Default application/json, the one the spec declares. */
  contentType?: string;
  /** A 429 is the answer wanted, not one to wait out and retry. */
  expect429?: boolean;
}

/** Sends one request of a documented operation and checks the answer. */
export interface RequestStep extends Omit<OutgoingRequest, 'expect429'> {
  kind: 'request';
  expect: Expectation;
  /** Keeps the exchange as `saved[save]` for later steps. */
  save?: string;
}

/** Lists tokens following `Link` rel="next" until there is none (or `maxPages`). */
export interface WalkStep {
  kind: 'walk';
  name: string;
  query: Value<ScalarQuery>;
  maxPages: number;
  check: (pages: Exchange[], context: StepContext) => string | undefined;
}

/** Lets time pass: moves the target's clock, or waits where it has none. */
export interface ElapseStep {
  kind: 'elapse';
  name: string;
  seconds: number;
}

/** Sends requests to a rate-limit probe account until one is refused. */
export interface ExhaustRateLimitStep {
  kind: 'exhaustRateLimit';
  name: string;
  check: (exchanges: Exchange[], limit: number) => string | undefined;
}

/**
 * Generated cases of one operation (fast-check, from the spec's schemas), each answer held to the
 * generic checks; a failure is shrunk to a minimal case. `runs` cases from `seed`.
 */
export interface ExploreStep {
  kind: 'explore';
  name: string;
  op: OperationId;
  seed: number;
  /** The run's seed (--seed) this step's was derived from: what a reader repeats the run with. */
  runSeed: number;
  runs: number;
  /** Requests a failure may take to shrink (a live run's budget is stated up front). */
  shrinkBudget: number;
  /** The coverage phase: every mutation of every property, or one per kind (a live target's budget). */
  coverage: 'thorough' | 'per-kind';
}

/** One generated case, sent as it was generated and held to the same checks (what `replay` sends). */
export interface CaseStep {
  kind: 'case';
  name: string;
  case: ExploreCase;
}

/** An exchange the suite did not send (proxied, or from a HAR file), checked as if it had. `op`: the operation it matches, if any. */
export interface RecordedStep {
  kind: 'recorded';
  name: string;
  exchange: Exchange;
  op?: OperationId;
}

/** Generated sequences of calls checked against a model of the documented rules (explore/stateful.ts). */
export interface StatefulStep {
  kind: 'stateful';
  name: string;
  seed: number;
  /** The run's seed (--seed) this step's was derived from. */
  runSeed: number;
  runs: number;
  maxCommands: number;
}

export type Step = RequestStep | WalkStep | ElapseStep | ExhaustRateLimitStep | ExploreStep | CaseStep | RecordedStep | StatefulStep;
export type StepKind = Step['kind'];

interface BehaviourBase {
  id: string;
  title: string;
  /** What a target must be able to exhibit for the behaviour to apply (n/a otherwise). */
  needs: Capability[];
  steps: Step[];
}

/** A behaviour the documentation states: it quotes the sentence of the seed it tests, exactly. */
export interface DocumentedBehaviour extends BehaviourBase {
  origin: 'documented';
  source: { seed: 'reference' | 'tutorial'; quote: string };
}

/**
 * A behaviour made from the spec rather than a sentence: exploration's generated cases, the
 * stateful sequences, a replayed reproduction, or recorded traffic.
 */
export interface GeneratedBehaviour extends BehaviourBase {
  origin: 'generated';
  generator: 'exploration' | 'stateful' | 'replay' | 'traffic';
}

export type Behaviour = DocumentedBehaviour | GeneratedBehaviour;
