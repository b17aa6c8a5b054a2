// Exploration as behaviours: one per documented operation, each an `explore` step of generated
// cases (after a token to update or delete is created, where the operation needs one). They run
// after the catalogue, through the same runner, so classification, reports and coverage hold alike.
import { operationIds, operations } from '@tokens-kit/contract';
import type { GeneratedBehaviour } from '../../model/behaviour.js';
import { targetTokenStep } from './cases.js';

/** Generated cases per operation when --explore is not given. */
export const DEFAULT_EXPLORE_RUNS = 10;

/**
 * Against a live target exploration keeps to a budget, so that the whole default run — catalogue
 * and exploration — states at most 250 requests (a test holds the plan to it): the coverage phase
 * one case per property and way of breaking it and each boundary once (enum values are the
 * catalogue's), 1 random case and 1 request to shrink a failure per operation, the tokens to address and their clean-up,
 * the auth cases, and the fixed stateful sequence (no generated ones).
 */
export const LIVE_EXPLORE = { runs: 1, shrinkBudget: 1, coverage: 'per-kind', stateful: 'fixed' } as const;
/** Elsewhere a failure may take up to 30 requests to shrink. */
const EMBEDDED_SHRINK_BUDGET = 30;

export interface ExploreOptions {
  /** Generated cases per operation; 0 for none. */
  runs: number;
  seed: number;
  /** Requests a failing operation may send to shrink its case (default EMBEDDED_SHRINK_BUDGET). */
  shrinkBudget?: number;
  /** The coverage phase (default thorough). */
  coverage?: 'thorough' | 'per-kind';
  /** Stateful sequences after the operations: the fixed one and generated ones (default), the fixed one alone (a live target's budget), or none. */
  stateful?: 'generated' | 'fixed' | 'off';
}

/** Stateful sequences per run, and commands per sequence. */
const STATEFUL = { runs: 4, maxCommands: 8 } as const;

/** A seed for a run that names none: printed, so the run can be repeated. */
export const newSeed = () => Math.floor(Math.random() * 2 ** 31);

export function explorationBehaviours(options: ExploreOptions): GeneratedBehaviour[] {
  if (options.runs === 0) return [];
  const stateful: GeneratedBehaviour[] =
    options.stateful === 'off'
      ? []
      : [
          {
            id: 'explore-stateful',
            title: 'Generated sequences of create, update, delete and list, checked against a model of the documented rules',
            origin: 'generated',
            generator: 'stateful',
            needs: ['logic', 'state'],
            steps: [
              {
                kind: 'stateful',
                name: 'stateful sequences',
                seed: (options.seed + 104_723) % 2 ** 31,
                runSeed: options.seed,
                ...STATEFUL,
                ...(options.stateful === 'fixed' ? { runs: 0 } : {}),
              },
            ],
          },
        ];
  return [...perOperation(options), ...stateful];
}

function perOperation(options: ExploreOptions): GeneratedBehaviour[] {
  return operationIds.map((op, i) => ({
    id: `explore-${op}`,
    title: `Generated cases of ${operations[op].method} ${operations[op].path}: positive, negative and auth, held to the generic checks`,
    origin: 'generated',
    generator: 'exploration',
    needs: ['validation'],
    steps: [
      // A token of its own to address: by id (update, delete), or as where a listing starts.
      ...(operations[op].pathParams.includes('token_id') || 'start' in operations[op].query ? [targetTokenStep('explore')] : []),
      // One seed per operation, derived from the run's.
      {
        kind: 'explore' as const,
        name: `explore ${op}`,
        op,
        seed: (options.seed + i * 7919) % 2 ** 31,
        runSeed: options.seed,
        runs: options.runs,
        shrinkBudget: options.shrinkBudget ?? EMBEDDED_SHRINK_BUDGET,
        coverage: options.coverage ?? 'thorough',
      },
    ],
  }));
}
