// The step kinds are a closed set with one definition each (run and plan side by side), checked by
// the compiler (this file is type-checked by the package's typecheck task).
import { expectTypeOf } from 'vitest';
import type { Step, StepKind } from '../src/model/behaviour.js';
import type { StepKindTable } from '../src/model/runtime.js';
import { stepKinds } from '../src/pipeline.js';

expectTypeOf<keyof typeof stepKinds>().toEqualTypeOf<StepKind>();
expectTypeOf<StepKind>().toEqualTypeOf<'request' | 'walk' | 'elapse' | 'exhaustRateLimit' | 'explore' | 'case' | 'recorded' | 'stateful'>();

// @ts-expect-error — a table without a kind's definition does not compile.
export const missingKind: StepKindTable = { request: stepKinds.request, walk: stepKinds.walk, elapse: stepKinds.elapse };

// @ts-expect-error — a kind's definition without its plan does not compile (--dry-run could not count it).
export const withoutPlan: StepKindTable = { ...stepKinds, elapse: { run: stepKinds.elapse.run } };

// @ts-expect-error — a step must say which kind it is.
export const untagged: Step = { name: 'wait', seconds: 1 };
