// `tokens-conformance` (run): states the plan of each target kind, prints it on --dry-run, or
// sends it — each target's plan in a vitest suite of its own (vitest/suite.ts), side by side —
// then the table, coverage, reports and reproductions. A live run deletes what it created, also
// when interrupted.
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupTagged } from '../engine/cleanup.js';
import { launchPrism } from '../engine/prism.js';
import { liveTarget } from '../engine/targets.js';
import { writeBaseline } from '../judging/baseline.js';
import { redact } from '../model/redact.js';
import type { TargetKind } from '../model/target.js';
import { newRunId, preflight } from '../pipeline.js';
import { coverage, coverageSummary } from '../reports/coverage.js';
import { writeHtmlReport } from '../reports/html.js';
import { planListing, planStatement, seedStatement } from '../reports/plan.js';
import { writeReproductions } from '../reports/reproductions.js';
import { driftSummary, table, writeJsonReport } from '../reports/table.js';
import { ProgressReporter } from '../vitest/progress-reporter.js';
import { type SuiteSettings, suitePlan } from '../vitest/settings.js';
import type { CliOptions } from './args.js';
import { err, out } from './io.js';

/** The exit code of a run whose credential cannot run it (beside 0 conforms, 1 drift, 2 usage error). */
const EXIT_CREDENTIAL = 3;

export async function run(options: CliOptions): Promise<number> {
  // The mock's Prism loads in a process of its own while this one plans and starts vitest.
  const prism = options.kinds.includes('mock') && !options.dryRun ? await launchPrism() : undefined;
  try {
    return await send(options, prism);
  } finally {
    await prism?.stop();
  }
}

async function send(options: CliOptions, prism: Awaited<ReturnType<typeof launchPrism>> | undefined): Promise<number> {
  const plans = new Map(options.kinds.map((kind) => [kind, suitePlan(kind, options)] as const));
  err(seedStatement(plans.values().next().value!));
  for (const p of plans.values()) err(planStatement(p));
  if (options.dryRun) {
    for (const p of plans.values()) out(`\n${planListing(p).join('\n')}`);
    return 0;
  }

  const runId = newRunId();
  const secrets = options.live ? [options.live.token] : [];
  const say = (line: string) => out(redact(line, secrets));
  const behavioursOf = (kind: TargetKind) => plans.get(kind)!.behaviours.map((b) => b.behaviour);

  const { createVitest } = await import('vitest/node');
  const reporter = new ProgressReporter(say, Object.fromEntries(options.kinds.map((kind) => [kind, behavioursOf(kind).length])));
  // The suite's entry files are beside this folder, in dist/vitest/entries.
  const distDir = dirname(dirname(fileURLToPath(import.meta.url)));
  let vitest: Awaited<ReturnType<typeof createVitest>> | undefined;
  let interrupted: string | undefined;
  const cleanupLive = async () => {
    if (!options.live || !sweep) return;
    const { deleted } = await cleanupTagged({ ...options.live, runId, log: err }).catch((e: Error) => {
      err(redact(`cleanup failed: ${e.message}; run \`tokens-conformance cleanup\` to remove this run's tokens`, secrets));
      return { deleted: [] as string[] };
    });
    if (deleted.length) err(`live: deleted ${deleted.length} token(s) this run left behind.`);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = signal;
    err(`\n${signal}: stopping; cleaning up what this run created…`);
    void vitest?.cancelCurrentRun('keyboard-input');
  };
  // From here on, an interruption stops the run and deletes what it created (the credential check's token too).
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let pace: number[] = [];
  /** Whether the run may have left a token: not when its credential was refused or the target unreachable. */
  let sweep = true;
  try {
    if (options.live) {
      // The credential first: a token that cannot run the plan is one sentence and exit 3, not 40 failed behaviours.
      try {
        const checked = await preflight(liveTarget(options.live), plans.get('live')!, { runId });
        if (checked.problem) {
          err(redact(`tokens-conformance: ${checked.problem.problem}. Nothing else was sent.`, secrets));
          sweep = false;
          return EXIT_CREDENTIAL;
        }
        pace = checked.pace;
      } catch (error) {
        // Unreachable, or an answer that is not HTTP: one clear line instead of every behaviour failing the same way.
        err(redact((error as Error).message, secrets));
        sweep = false;
        return 1;
      }
      err(`live: run ${runId}; every token this run creates is noted "tokens-conformance run=${runId}" and deleted at the end.`);
    }
    if (interrupted) return interrupted === 'SIGINT' ? 130 : 143;
    let prismFailed: Error | undefined;
    prism?.ready.catch((error: Error) => {
      // Its suite would wait out its deadline: the run stops here instead, with what Prism said.
      prismFailed = error;
      void vitest?.cancelCurrentRun('keyboard-input');
    });
    const settings: SuiteSettings = {
      runId,
      ...(prism ? { prismUrl: prism.url } : {}),
      only: options.only,
      ...(options.live ? { live: options.live, pace } : {}),
      strict: options.strict,
      baseline: [...options.baseline.keys()],
      explore: options.explore,
    };
    const junit = options.reports.junit ? [['junit', { outputFile: options.reports.junit }] as [string, object]] : [];
    vitest = await createVitest(
      'test',
      {
        root: distDir,
        config: false,
        watch: false,
        include: ['vitest/entries/*.suite.js'],
        reporters: [reporter, ...junit] as never,
        pool: 'threads',
        maxWorkers: 2,
        fileParallelism: true,
        testTimeout: 30 * 60_000,
        hookTimeout: 60_000,
        provide: { conformance: settings },
        // The suite is built JavaScript: Node's own import loads it (Vite's module runner would
        // transform every file of the kit again on each run, about half a second of a warm run).
        experimental: { viteModuleRunner: false, nodeLoader: false },
      },
      { logLevel: 'silent' },
    );
    // Vitest's logger exits the process on SIGINT/SIGTERM; this CLI must first delete the tokens a
    // live run created, so its own handlers (above) are the only ones.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
    }
    if (!interrupted && !prismFailed) await vitest.start(options.kinds.map((k) => `vitest/entries/${k}.suite.js`));
    await vitest?.close();
    if (prismFailed) {
      err(`tokens-conformance: ${(prismFailed as Error).message}`);
      return 1;
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cleanupLive();
  }
  if (interrupted) return interrupted === 'SIGINT' ? 130 : 143;

  // Results arrive interleaved (targets run side by side): order them by target, then catalogue.
  const order = (r: { target: string; id: string }) =>
    options.kinds.indexOf(r.target as TargetKind) * 1000 + behavioursOf(r.target as TargetKind).findIndex((b) => b.id === r.id);
  const results = [...reporter.results].sort((a, b) => order(a) - order(b));
  say('');
  const drift = driftSummary(results, options.baseline);
  say(table(results, drift, options.kinds.includes('live')));
  const covered = coverage(results);
  say('');
  say(coverageSummary(covered));
  if (options.reports.json) {
    await writeJsonReport(options.reports.json, runId, results, drift, covered);
    err(`JSON report: ${relative(process.cwd(), options.reports.json)}`);
  }
  if (options.reports.junit) err(`JUnit report: ${relative(process.cwd(), options.reports.junit)}`);
  for (const e of reporter.errors) err(redact(`error: ${e}`, secrets));
  const replays = new Map<string, string>();
  for (const r of results)
    for (const file of writeReproductions([r], options.replayDir, runId)) {
      replays.set(`${r.target} ${r.id}`, relative(process.cwd(), file));
      err(`replay: tokens-conformance replay ${relative(process.cwd(), file)}`);
    }
  if (options.reports.html) {
    await writeHtmlReport(options.reports.html, {
      runId,
      seed: options.explore.seed,
      exploreRuns: options.explore.runs,
      results,
      drift,
      coverage: covered,
      replays,
    });
    err(`HTML report: ${relative(process.cwd(), options.reports.html)}`);
  }
  const expected = options.kinds.reduce((n, kind) => n + behavioursOf(kind).length, 0);
  if (reporter.results.length < expected) {
    err(`error: only ${reporter.results.length} of ${expected} behaviour runs reported`);
    return 1;
  }
  if (options.updateBaseline && options.baselineFile) {
    const written = await writeBaseline(
      options.baselineFile,
      results.flatMap((r) => r.findings),
    );
    err(`Baseline: ${written} finding(s) written to ${relative(process.cwd(), options.baselineFile)}.`);
  }
  const minCoverage = options.minCoverage;
  const short = minCoverage === undefined ? [] : covered.filter((c) => c.percent < minCoverage);
  for (const c of short)
    err(`coverage: ${c.target} exercised ${c.percent}% of the documented operation × status pairs, below --min-coverage ${minCoverage}`);
  // New drift fails; with --strict the runner has already failed behaviours on any drift.
  return results.some((r) => r.status === 'fail') || reporter.errors.length || short.length ? 1 : 0;
}
