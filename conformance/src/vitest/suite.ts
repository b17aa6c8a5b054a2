// The vitest suite: one test per planned behaviour, for one target. The run command
// (commands/run.ts) starts vitest on the entry files of the targets it runs (entries/*.suite.ts)
// and provides their settings; each entry makes the same plan the command stated (pipeline.ts)
// and sends it; the progress reporter reads each test's result from its meta.
import { writeFileSync } from 'node:fs';
import { deviations } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { liveTarget, mockTarget, simulatorTarget } from '../engine/targets.js';
import type { BehaviourResult } from '../model/result.js';
import type { Target, TargetKind } from '../model/target.js';
import { openSession, type PlanSession } from '../pipeline.js';
import { type SuiteSettings, suitePlan } from './settings.js';

declare module 'vitest' {
  interface ProvidedContext {
    conformance: SuiteSettings;
  }
  interface TaskMeta {
    conformance?: BehaviourResult;
  }
}

function formatFailure(result: BehaviourResult): string {
  return result.failures
    .map((f) =>
      [`${f.step}: expected ${f.expected}`, f.actual && `  got ${f.actual.status} ${f.actual.body}`, f.curl && `  reproduce: ${f.curl}`]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
}

/** One annotation per register entry or class of drift a behaviour met. */
function driftAnnotations(result: BehaviourResult): { type: string; message: string }[] {
  const lines = new Map<string, { type: string; message: string }>();
  for (const f of result.findings) {
    const deviation = f.deviation ? deviations.find((d) => d.id === f.deviation) : undefined;
    const line = deviation
      ? { type: 'known-drift', message: `${deviation.id}: ${deviation.title} (${deviation.evidence[0]!.url})` }
      : { type: f.class === 'accepted' ? 'accepted-drift' : 'new-drift', message: `${f.step}: ${f.expected}` };
    lines.set(`${line.type} ${line.message}`, line);
  }
  return [...lines.values()];
}

/**
 * A test hook, for the kit's own tests of interrupting a run (test/safety.test.ts): with this
 * variable naming a file, the run writes that file once its first behaviour has created a token and
 * pauses there (until the run is cancelled, or 60 s), so a test can stop it at a known point
 * instead of racing it. Unset, nothing changes.
 */
const PAUSE_HOOK = 'TOKENS_CONFORMANCE_TEST_PAUSE_FILE';

function pauseOnce(file: string): (id: string, signal: AbortSignal | undefined) => Promise<void> {
  let paused = false;
  return async (id, signal) => {
    if (paused) return;
    paused = true;
    writeFileSync(file, `${id}\n`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
}

export function defineSuite(kind: TargetKind): void {
  const settings = inject('conformance');
  const planned = suitePlan(kind, settings);
  let target: Target;
  let session: PlanSession;

  beforeAll(async () => {
    target =
      kind === 'mock'
        ? await mockTarget(settings.prismUrl ? { url: settings.prismUrl } : undefined)
        : kind === 'simulator'
          ? await simulatorTarget()
          : liveTarget(settings.live!);
    session = openSession(target, planned, {
      runId: settings.runId,
      strict: settings.strict,
      baseline: new Set(settings.baseline),
      ...(settings.pace ? { pace: settings.pace } : {}),
      ...(process.env[PAUSE_HOOK] ? { onCreated: pauseOnce(process.env[PAUSE_HOOK]) } : {}),
      // A wait is said as it starts (the reporter prints what the suite logs).
      onWait: (line) => console.error(`${kind}: ${line}`),
    });
  }, 60_000);
  afterAll(async () => target?.close());

  describe(kind, () => {
    for (const { behaviour } of planned.behaviours) {
      it(`${behaviour.id}: ${behaviour.title}`, async (ctx) => {
        const result = await session.run(behaviour, ctx.signal);
        ctx.task.meta.conformance = result;
        if (result.status === 'n/a') ctx.skip(result.reason);
        // Drift is named in the JUnit report (test annotations become <property> elements there).
        for (const line of driftAnnotations(result)) await ctx.annotate(line.message, line.type);
        // Known drift is never a pass: it is a skipped test, annotated with what explains it.
        if (result.status === 'known')
          ctx.skip(`known drift: ${[...new Set(result.findings.map((f) => f.deviation ?? 'baseline'))].join(', ')}`);
        if (result.status === 'fail') throw new Error(formatFailure(result));
      });
    }
  });
}
