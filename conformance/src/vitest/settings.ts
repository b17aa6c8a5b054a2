// What the run command hands each target's vitest suite (vitest's `provide`), and the plan the
// suite makes from it: the run command states the same plan before it starts vitest. Apart from
// suite.ts so the run command's process does not load vitest's test API to make it.
import { liveTarget } from '../engine/targets.js';
import type { Plan } from '../model/plan.js';
import type { LiveTargetOptions, TargetKind } from '../model/target.js';
import { plan, planTargetOf } from '../pipeline.js';

export interface SuiteSettings {
  runId: string;
  /** Behaviour ids to run; all when empty. */
  only: string[];
  /** The Prism mock the run command launched (it owns the process); the suite starts its own without. */
  prismUrl?: string;
  live?: LiveTargetOptions;
  /** When the run command's credential check sent its requests, so the pace counts them. */
  pace?: number[];
  /** Any drift fails, known or not. */
  strict: boolean;
  /** Keys of findings the team accepted (`--baseline`). */
  baseline: string[];
  /** Generated exploration after the catalogue: cases per operation (0 for none) and the seed. */
  explore: { runs: number; seed: number };
}

/** The plan a run of one target kind sends: the one plan function, with the suite's settings. */
export function suitePlan(kind: TargetKind, settings: Pick<SuiteSettings, 'only' | 'explore' | 'live'>): Plan {
  return plan(planTargetOf(kind, kind === 'live' ? liveTarget(settings.live!).budget : undefined), settings);
}
