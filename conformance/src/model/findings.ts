// A finding: one way an answer departed from the documented contract, with what a classifier needs
// to tell known drift (a register entry, or a team's baseline) from new drift.
import type { Issue } from '@tokens-kit/contract/validator';
import type { DeviationId, OperationId } from '@tokens-kit/types';

export type FindingAspect =
  /** The status was not the one the behaviour expects. */
  | 'status'
  /** The error message was not the table's. */
  | 'message'
  /** A retrieve answered another code. */
  | 'code'
  /** The answer broke the spec's schema, content type or headers (the validator's errors). */
  | 'schema'
  /** The answer carried a property the spec does not describe (the validator's warnings). */
  | 'additive'
  /** A behaviour's own check failed. */
  | 'check'
  /** Something the register describes was seen that no check fails on (a probe's observation). */
  | 'observation';

/** What was sent and answered, as far as classification needs it (no token in it). */
export interface FindingExchange {
  status: number;
  message?: string;
  code?: string;
  /** The Link header, when the answer had one. */
  link?: string;
  /** The usage (pk, sk, tk) of the token that authorized the request. */
  bearer?: 'pk' | 'sk' | 'tk';
  /** The request body as sent (redacted). */
  requestBody?: unknown;
}

export interface Finding {
  target: string;
  behaviour: string;
  step: string;
  aspect: FindingAspect;
  operation?: OperationId;
  /** What the contract says, in words. */
  expected: string;
  exchange?: FindingExchange;
  expectedStatus?: number;
  expectedMessage?: string;
  expectedCode?: string;
  /** The validator's issue (schema and additive findings). */
  issue?: Issue;
  /** Observations: the register entry a probe saw. */
  observed?: DeviationId;
}

export type FindingClass =
  /** Matches a register entry: reported with its evidence; fails only with --strict. */
  | 'known'
  /** Matches the team's baseline: fails only with --strict. */
  | 'accepted'
  /** Neither: drift nobody wrote down. Fails the run (additive drift warns). */
  | 'new';

export interface ClassifiedFinding extends Finding {
  class: FindingClass;
  /** The register entry it matches. */
  deviation?: DeviationId;
  /** Stable across runs (no ids, tokens or timestamps): what a baseline holds. */
  key: string;
}

/** Index segments of a JSON pointer made generic (`/3/client` → `/*\/client`), so keys do not depend on order. */
const genericPointer = (at: string) => at.replace(/\/\d+(?=\/|$)/g, '/*');

/** The finding's identity across runs: where it happened and what kind of departure, without volatile values. */
export function findingKey(f: Finding): string {
  const what =
    f.aspect === 'status'
      ? `${f.expectedStatus}->${f.exchange?.status}`
      : f.aspect === 'message'
        ? `${f.expectedMessage}->${f.exchange?.message}`
        : f.aspect === 'code'
          ? `${f.expectedCode}->${f.exchange?.code}`
          : f.aspect === 'schema' || f.aspect === 'additive'
            ? `${genericPointer(f.issue?.at ?? '')} ${f.issue?.keyword ?? ''} ${f.issue?.property ?? ''}`.trim()
            : f.aspect === 'observation'
              ? String(f.observed)
              : // A check's own words, with anything id- or time-like taken out.
                f.expected.replace(/\b[0-9a-z]{20,}\b|\d{4}-\d\d-\d\dT[\d:.]+Z|\d+/gi, '…');
  return [f.target, f.behaviour, f.step, f.aspect, f.operation ?? '', what].join(' | ');
}

/** A finding as a step states it; the runner adds the target, the behaviour and the exchange. */
export type StepFinding = Omit<Finding, 'target' | 'behaviour' | 'exchange'>;
