// The vitest suite: one test per behaviour, for one target. The CLI (cli.ts) starts vitest on the
// entry files of the targets it runs (entries/*.suite.ts) and provides their settings; the
// progress reporter reads each test's result from its meta.
import { ContractValidator } from '@tokens-kit/contract/validator';
import { deviations } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { catalogue } from '../catalogue/index.js';
import type { Behaviour } from '../catalogue/types.js';
import { explorationBehaviours, LIVE_EXPLORE } from '../explore/behaviours.js';
import { runBehaviour, type BehaviourResult } from '../engine/behaviour-runner.js';
import { TargetHttp } from '../engine/target-http.js';
import { liveTarget, mockTarget, simulatorTarget, type LiveTargetOptions, type Target } from '../targets.js';

export type TargetKind = 'mock' | 'simulator' | 'live';

export interface SuiteSettings {
  runId: string;
  /** Behaviour ids to run; all when empty. */
  only: string[];
  /** A Prism mock the CLI already started (it owns the process). */
  prismUrl?: string;
  live?: LiveTargetOptions;
  /** Any drift fails, known or not. */
  strict: boolean;
  /** Keys of findings the team accepted (`--baseline`). */
  baseline: string[];
  /** Generated exploration after the catalogue: cases per operation (0 for none) and the seed. */
  explore: { runs: number; seed: number };
}

/** The behaviours a run of one target kind executes: the catalogue, then the exploration (both filtered by --only). */
export function suiteBehaviours(kind: TargetKind, settings: Pick<SuiteSettings, 'only' | 'explore'>): Behaviour[] {
  const explore = explorationBehaviours({
    ...settings.explore,
    ...(kind === 'live'
      ? { shrinkBudget: LIVE_EXPLORE.shrinkBudget, coverage: LIVE_EXPLORE.coverage, stateful: LIVE_EXPLORE.stateful }
      : {}),
  });
  const all = [...catalogue, ...explore];
  return settings.only.length ? all.filter((b) => settings.only.includes(b.id)) : all;
}

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

export function defineSuite(kind: TargetKind): void {
  const settings = inject('conformance');
  const behaviours = suiteBehaviours(kind, settings);
  const validator = new ContractValidator();
  const baseline = new Set(settings.baseline);
  let target: Target;
  let http: TargetHttp;

  beforeAll(async () => {
    target =
      kind === 'mock'
        ? await mockTarget(settings.prismUrl ? { url: settings.prismUrl } : undefined)
        : kind === 'simulator'
          ? await simulatorTarget()
          : liveTarget(settings.live!);
    http = new TargetHttp({ baseUrl: target.baseUrl, budget: target.budget, secrets: [target.token] });
  }, 60_000);
  afterAll(async () => target?.close());

  describe(kind, () => {
    for (const behaviour of behaviours) {
      it(`${behaviour.id}: ${behaviour.title}`, async (ctx) => {
        const result = await runBehaviour(behaviour, { target, http, validator, runId: settings.runId, strict: settings.strict, baseline });
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
