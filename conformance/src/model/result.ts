// What running a behaviour yields: its status, failures with their reproduction, findings,
// coverage and minimal cases. Reports and commands read these; nothing below them does.
import type { OperationId } from '@tokens-kit/types';
import type { ExploreCase } from './case.js';
import type { ClassifiedFinding } from './findings.js';

/**
 * pass: as documented. fail: new drift (or, with strict, any drift). known: only drift the register
 * or the baseline explains — never shown as a pass. warn: properties the spec does not describe,
 * which nothing explains. n/a: the target cannot exhibit the behaviour.
 */
export type Status = 'pass' | 'fail' | 'known' | 'warn' | 'n/a';

export interface StepFailure {
  step: string;
  expected: string;
  actual?: { status: number; body: string };
  request?: { method: string; url: string; body?: string };
  curl?: string;
}

/** One exchange, as coverage counts it. */
export interface Exercised {
  operation: OperationId;
  status: number;
  /** The error message, when the answer had one. */
  message?: string;
  /** The query parameters sent (the access token left out). */
  query: Record<string, string>;
}

/** What a step knows of a failing case once it is minimal: the runner adds where it was found. */
export interface FoundCase {
  seed: number;
  /** The check that failed, as the report says it. */
  expected: string;
  /** The generated case: what replay sends. */
  case: ExploreCase;
  /** The request as sent, the access token left out. */
  request: { method: string; url: string; body?: string };
  curl: string;
  shrinks: number;
}

/** A failing case, minimal after shrinking, as `tokens-conformance replay` re-sends it. */
export interface Reproduction extends FoundCase {
  kind: 'tokens-conformance reproduction';
  version: 1;
  behaviour: string;
  target: string;
  baseUrl: string;
  username: string;
}

export interface BehaviourResult {
  id: string;
  title: string;
  target: string;
  status: Status;
  /** Why it is n/a. */
  reason?: string;
  /** New drift (every drift with strict), as a person reads it, with its reproduction. */
  failures: StepFailure[];
  /** Additive drift nothing explains. */
  warnings: string[];
  /** Every departure seen, classified. */
  findings: ClassifiedFinding[];
  /** What each exchange exercised, for API coverage: operation, status, message, query. */
  exercised: Exercised[];
  /** Minimal failing cases of exploration, as `tokens-conformance replay` re-sends them. */
  reproductions: Reproduction[];
  requests: number;
  durationMs: number;
}
