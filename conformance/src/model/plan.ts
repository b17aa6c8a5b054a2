// A plan: what a run of one target kind sends, behaviour by behaviour, fixed before anything is
// sent. --dry-run prints it, every run states its figures up front, and the engine's HTTP refuses
// a request past its "at most".
import type { Behaviour } from './behaviour.js';
import type { PlannedRequest } from './runtime.js';
import type { PlanTarget } from './target.js';

export interface PlannedBehaviour {
  behaviour: Behaviour;
  /** Its requests in the order they are sent ([] when the target cannot exhibit it). */
  requests: PlannedRequest[];
  /** Why it is n/a on the target, when it is. */
  notApplicable?: string;
}

export interface Plan {
  target: PlanTarget;
  /** A live target's credential check, sent before the behaviours (engine/preflight.ts). */
  preflight: PlannedRequest[];
  /** The seed of the generated cases (the same seed plans the same requests). */
  seed: number;
  /** Generated cases per operation (0: no exploration). */
  exploreRuns: number;
  behaviours: PlannedBehaviour[];
  /** The behaviours' requests sent whatever the answers. */
  count: number;
  /** The behaviours' requests it may send at most (walks, shrinking, clean-ups of what was created): never exceeded. */
  atMost: number;
  /**
   * A live run ends with a sweep for its own leftovers (a listing, one request per 100 tokens on
   * the account, and a delete for any token of the run's still there): safety, so it is stated, not capped.
   */
  sweep: boolean;
}
