// Runs the catalogue against one target, behaviour after behaviour (they create and inspect
// state, so they do not overlap on one target; separate targets run side by side).
import { randomBytes } from 'node:crypto';
import { ContractValidator } from '@tokens-kit/contract/validator';
import { catalogue } from '../catalogue/index.js';
import type { Behaviour } from '../catalogue/types.js';
import type { Target } from '../targets.js';
import { runBehaviour, type BehaviourResult } from './behaviour-runner.js';
import { TargetHttp } from './target-http.js';
import { DEFAULT_EXPLORE_RUNS, explorationBehaviours, newSeed, type ExploreOptions } from '../explore/behaviours.js';

export const newRunId = () => `${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;

export interface RunOptions {
  runId?: string;
  /** Any drift fails, known or not. */
  strict?: boolean;
  /** Keys of findings the team accepted. */
  baseline?: ReadonlySet<string>;
  behaviours?: Behaviour[];
  /** Generated exploration after the behaviours (default: DEFAULT_EXPLORE_RUNS cases per operation, a new seed); runs 0 for none. */
  explore?: Partial<ExploreOptions>;
  validator?: ContractValidator;
  fetch?: typeof fetch;
  onResult?: (result: BehaviourResult) => void;
  /** Stops between behaviours when aborted (SIGINT). */
  signal?: AbortSignal;
}

export async function runTarget(target: Target, options: RunOptions = {}): Promise<BehaviourResult[]> {
  const runId = options.runId ?? newRunId();
  const validator = options.validator ?? new ContractValidator();
  const http = new TargetHttp({ baseUrl: target.baseUrl, budget: target.budget, fetch: options.fetch, secrets: [target.token] });
  const results: BehaviourResult[] = [];
  const explore = { runs: options.explore?.runs ?? DEFAULT_EXPLORE_RUNS, seed: options.explore?.seed ?? newSeed() };
  for (const behaviour of [...(options.behaviours ?? catalogue), ...explorationBehaviours(explore)]) {
    if (options.signal?.aborted) break;
    const result = await runBehaviour(behaviour, { target, http, validator, runId, strict: options.strict, baseline: options.baseline });
    results.push(result);
    options.onResult?.(result);
  }
  return results;
}
