// The `elapse` step kind: lets time pass — moves the target's clock, or waits where it has none.
import type { ElapseStep } from '../model/behaviour.js';
import type { StepKindDefinition } from '../model/runtime.js';

export const elapseStep: StepKindDefinition<ElapseStep> = {
  async run(step, { target }) {
    if (target.advanceClock) target.advanceClock(step.seconds * 1000);
    else await new Promise((resolve) => setTimeout(resolve, step.seconds * 1000));
  },
  plan: () => [],
};
