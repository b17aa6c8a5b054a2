// What a behaviour will send, known before it runs: whether it applies to a target at all, and the
// requests its steps plan through the table of step kinds (the one the engine runs them with).
import type { Behaviour, Step } from '../model/behaviour.js';
import type { PlannedRequest, StepKindDefinition, StepKindTable } from '../model/runtime.js';
import type { PlanTarget } from '../model/target.js';

/** Why a behaviour cannot run on a target, or undefined when it can. */
export function notApplicable(behaviour: Behaviour, target: PlanTarget): string | undefined {
  const missing = behaviour.needs.filter((need) => !target.capabilities.has(need));
  if (missing.length) return `the ${target.name} target cannot exhibit ${missing.join(', ')}`;
  return undefined;
}

export const kindOf = (kinds: StepKindTable, step: Step) => kinds[step.kind] as StepKindDefinition<Step>;

/** The requests a behaviour would make, for --dry-run and the up-front count: its steps', then its clean-up. */
export function plannedRequests(behaviour: Behaviour, target: PlanTarget, kinds: StepKindTable): PlannedRequest[] {
  if (notApplicable(behaviour, target)) return [];
  const planned = behaviour.steps.flatMap((step) => kindOf(kinds, step).plan(step, target));
  return [...planned.filter((p) => !p.cleanup), ...planned.filter((p) => p.cleanup)];
}
