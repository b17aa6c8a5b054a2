#!/usr/bin/env node
// tokens-conformance — runs the documented behaviours and the error table against a target.
//   tokens-conformance                         the Prism mock and the simulator (no credentials)
//   tokens-conformance --base-url URL …        a live server
//   tokens-conformance cleanup --base-url URL  delete tagged leftovers of earlier runs
//   tokens-conformance proxy --base-url URL    check any client's traffic through Prism's proxy
// Exit: 0 conforms, 1 drift, 2 usage error.
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseToken } from '@tokens-kit/client';
import { catalogue } from './catalogue/index.js';
import { cleanupTagged } from './cleanup.js';
import { estimateRequests, plannedRequests, type PlanTarget } from './engine/behaviour-runner.js';
import { newRunId } from './engine/run-target.js';
import { TargetHttp } from './engine/target-http.js';
import { readBaseline, writeBaseline } from './drift/baseline.js';
import { coverage, coverageSummary } from './output/coverage.js';
import { driftSummary, table, writeJsonReport } from './output/table.js';
import { writeHtmlReport } from './output/html.js';
import { redact } from './redact.js';
import { ProgressReporter } from './vitest/progress-reporter.js';
import { suiteBehaviours, type SuiteSettings, type TargetKind } from './vitest/suite.js';
import { DEFAULT_EXPLORE_RUNS, explorationBehaviours, LIVE_EXPLORE, newSeed } from './explore/behaviours.js';
import { replay, writeReproductions } from './explore/replay.js';
import { checkTraffic, exchangeOf, readHar, TrafficError, type RecordedExchange } from './traffic.js';
import type { BehaviourResult } from './engine/behaviour-runner.js';
import { MOCK_CAPABILITIES, SIMULATOR_CAPABILITIES, checkBaseUrl, liveTarget, startPrism, type PrismProcess } from './targets.js';

const USAGE = `Usage:
  tokens-conformance [options]                 run against the embedded targets (Prism mock + simulator)
  tokens-conformance --base-url URL [options]  run against a live server
  tokens-conformance cleanup --base-url URL    delete tokens earlier runs left behind (tagged ones only)
  tokens-conformance proxy --base-url URL      check any client's traffic on its way to URL (Ctrl-C prints the summary)
  tokens-conformance replay FILE               re-send a failure's minimal case (written by a run) and check it again
  tokens-conformance check-har FILE            check the traffic in a HAR file (from a browser or a proxy), offline

Options:
  --target mock|simulator|live   targets to run (repeatable; default mock and simulator, or live with --base-url)
  --base-url URL                 a live server (https; http only for loopback). Default https://api.mapbox.com for --target live
  --username NAME                the account (default: MAPBOX_USERNAME, or the token's own user)
  --token TOKEN                  an access token with tokens:read and tokens:write (default: MAPBOX_ACCESS_TOKEN)
  --budget N                     requests per minute against a live target (default 100, the documented limit)
  --only ID[,ID…]                run only these behaviours
  --report json=FILE             write a JSON report (repeatable: junit=FILE for JUnit XML, html=FILE for a page that works offline)
  --strict                       fail on any drift, also drift the register of observed deviations explains
  --baseline FILE                accept the findings FILE lists (written by --update-baseline); report those gone
  --update-baseline              write this run's findings that no register entry explains to the --baseline FILE
  --min-coverage P               fail when a target exercised less than P% of the documented operation × status pairs
  --explore N                    generated cases per operation after the catalogue (default ${DEFAULT_EXPLORE_RUNS}, ${LIVE_EXPLORE.runs} live; 0 turns it off)
  --seed S                       the seed of the generated cases (default: a new one, printed; the same seed plans the same requests)
  --replay-dir DIR               where failures' minimal cases are written for \`replay\` (default tokens-conformance-replays)
  --dry-run                      list the planned requests and send none
  --port N                       port for proxy mode (default: a free one)
  -h, --help                     this text`;

class UsageError extends Error {}
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function usernameFromToken(token: string): string | undefined {
  try {
    return parseToken(token).user;
  } catch {
    return undefined;
  }
}

const CLI_OPTIONS = {
  target: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  username: { type: 'string' },
  token: { type: 'string' },
  budget: { type: 'string' },
  only: { type: 'string' },
  report: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  strict: { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'min-coverage': { type: 'string' },
  explore: { type: 'string' },
  seed: { type: 'string' },
  'replay-dir': { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof CLI_OPTIONS }>>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: CLI_OPTIONS,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'run';
  if (command === 'replay' || command === 'check-har') {
    if (positionals.length !== 2)
      throw new UsageError(
        command === 'replay' ? 'replay takes one FILE (a reproduction a run wrote)' : 'check-har takes one FILE (a HAR file)',
      );
  } else if (!['run', 'cleanup', 'proxy'].includes(command) || positionals.length > 1)
    throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  const targets = (values.target ?? []).flatMap((t) => t.split(','));
  for (const t of targets)
    if (!['mock', 'simulator', 'live'].includes(t)) throw new UsageError(`--target takes mock, simulator or live, not "${t}"`);
  const wantsLive =
    command === 'cleanup' ||
    command === 'proxy' ||
    targets.includes('live') ||
    (command === 'run' && (values['base-url'] !== undefined || (values.token !== undefined && !targets.length)));
  const kinds = (targets.length ? targets : wantsLive ? ['live'] : ['mock', 'simulator']) as TargetKind[];
  const reports: { json?: string; junit?: string; html?: string } = {};
  for (const r of values.report ?? []) {
    const m = /^(json|junit|html)=(.+)$/.exec(r);
    if (!m) throw new UsageError(`--report takes json=FILE, junit=FILE or html=FILE, not "${r}"`);
    reports[m[1] as 'json' | 'junit' | 'html'] = m[2]!;
  }
  const only = values.only
    ? values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  let exploreRuns: number | undefined;
  if (values.explore !== undefined) {
    if (!/^\d+$/.test(values.explore) || Number(values.explore) > 1000)
      throw new UsageError(`--explore takes a number of generated cases per operation from 0 to 1000, not "${values.explore}"`);
    exploreRuns = Number(values.explore);
  }
  let seed = newSeed();
  if (values.seed !== undefined) {
    if (!/^\d+$/.test(values.seed) || Number(values.seed) >= 2 ** 31)
      throw new UsageError(`--seed takes a whole number below 2^31, not "${values.seed}"`);
    seed = Number(values.seed);
  }
  const known = [...catalogue, ...explorationBehaviours({ runs: 1, seed: 0 })];
  const unknown = only.filter((id) => !known.some((b) => b.id === id));
  if (unknown.length) throw new UsageError(`--only: no behaviour ${unknown.join(', ')} (see --dry-run for the list)`);
  let budget: number | undefined;
  if (values.budget !== undefined) {
    if (!/^[1-9]\d*$/.test(values.budget))
      throw new UsageError(`--budget takes a positive number of requests per minute, not "${values.budget}"`);
    budget = Number(values.budget);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port takes a port number, not "${values.port}"`);
    port = Number(values.port);
  }
  let live: SuiteSettings['live'];
  if (wantsLive || kinds.includes('live')) {
    const baseUrl = (() => {
      try {
        return checkBaseUrl(values['base-url'] ?? 'https://api.mapbox.com');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    })();
    const token = values.token ?? process.env.MAPBOX_ACCESS_TOKEN;
    if (!token) throw new UsageError('a live target needs an access token: pass --token or set MAPBOX_ACCESS_TOKEN');
    const username = values.username ?? process.env.MAPBOX_USERNAME ?? usernameFromToken(token);
    if (!username) throw new UsageError('no username: pass --username or set MAPBOX_USERNAME (the token carries none)');
    live = { baseUrl, username, token, budget: budget ?? 100 };
  }
  if (values['update-baseline'] && !values.baseline) throw new UsageError('--update-baseline writes to the --baseline FILE: give one');
  let minCoverage: number | undefined;
  if (values['min-coverage'] !== undefined) {
    minCoverage = Number(values['min-coverage']);
    if (!/^\d+(\.\d+)?$/.test(values['min-coverage']) || minCoverage > 100) {
      throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not "${values['min-coverage']}"`);
    }
  }
  let baseline = new Map<string, string>();
  if (values.baseline && !(values['update-baseline'] && !existsSync(values.baseline))) {
    try {
      baseline = readBaseline(values.baseline);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return {
    command,
    kinds,
    reports,
    only,
    live,
    dryRun: values['dry-run'] === true,
    help: values.help === true,
    port,
    strict: values.strict === true,
    baseline,
    baselineFile: values.baseline,
    updateBaseline: values['update-baseline'] === true,
    minCoverage,
    explore: { runs: exploreRuns ?? (kinds.includes('live') ? LIVE_EXPLORE.runs : DEFAULT_EXPLORE_RUNS), seed },
    replayDir: values['replay-dir'] ?? 'tokens-conformance-replays',
    replayFile: command === 'replay' || command === 'check-har' ? positionals[1] : undefined,
    baseUrlGiven: values['base-url'],
    tokenGiven: values.token ?? process.env.MAPBOX_ACCESS_TOKEN,
  };
}

async function run(options: ReturnType<typeof parse>): Promise<number> {
  const behavioursOf = (kind: TargetKind) => suiteBehaviours(kind, options);
  const planTargets: (PlanTarget & { budget?: number; kind: TargetKind })[] = options.kinds.map((kind) => ({
    kind,
    ...(kind === 'live'
      ? liveTarget(options.live!)
      : { name: kind, capabilities: kind === 'mock' ? MOCK_CAPABILITIES : SIMULATOR_CAPABILITIES }),
  }));
  err(
    options.explore.runs
      ? `seed ${options.explore.seed}: ${options.explore.runs} generated cases per operation after the catalogue (--seed ${options.explore.seed} plans the same requests)`
      : 'exploration off (--explore 0)',
  );
  for (const target of planTargets) {
    const behaviours = behavioursOf(target.kind);
    const { count, atMost } = estimateRequests(behaviours, target);
    const pace = target.budget ? `, at most ${target.budget}/min (about ${Math.ceil(atMost / target.budget)} min)` : ', unthrottled';
    err(`${target.name}: ${behaviours.length} behaviours, ${count} requests${atMost > count ? ` (at most ${atMost})` : ''}${pace}`);
  }
  if (options.dryRun) {
    for (const target of planTargets) {
      out(`\n# ${target.name}`);
      for (const b of behavioursOf(target.kind)) {
        const lines = plannedRequests(b, target);
        out(`${b.id}${lines.length ? '' : '  (n/a on this target)'}`);
        for (const { line } of lines) out(`  ${line}`);
      }
    }
    return 0;
  }

  const runId = newRunId();
  const secrets = options.live ? [options.live.token] : [];
  const say = (line: string) => out(redact(line, secrets));
  if (options.live) {
    // Reachability first: one clear line instead of every behaviour failing the same way.
    try {
      await new TargetHttp({ baseUrl: options.live.baseUrl, secrets }).send({
        method: 'GET',
        path: '/tokens/v2',
        token: options.live.token,
      });
    } catch (error) {
      err(redact((error as Error).message, secrets));
      return 1;
    }
    err(`live: run ${runId}; every token this run creates is noted "tokens-conformance run=${runId}" and deleted at the end.`);
  }

  let prism: PrismProcess | undefined;
  const { createVitest } = await import('vitest/node');
  const reporter = new ProgressReporter(say, Object.fromEntries(options.kinds.map((kind) => [kind, behavioursOf(kind).length])));
  const distDir = dirname(fileURLToPath(import.meta.url));
  let vitest: Awaited<ReturnType<typeof createVitest>> | undefined;
  let interrupted: string | undefined;
  const cleanupLive = async () => {
    if (!options.live) return;
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
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (options.kinds.includes('mock')) prism = await startPrism({ mode: 'mock' });
    const settings: SuiteSettings = {
      runId,
      only: options.only,
      prismUrl: prism?.url,
      live: options.live,
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
      },
      { logLevel: 'silent' },
    );
    // Vitest's logger exits the process on SIGINT/SIGTERM; this CLI must first delete the tokens a
    // live run created, so its own handlers (above) are the only ones.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (listener !== onSignal) process.off(signal, listener);
    }
    if (!interrupted) await vitest.start(options.kinds.map((k) => `vitest/entries/${k}.suite.js`));
    await vitest?.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await prism?.stop();
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
  const short = options.minCoverage === undefined ? [] : covered.filter((c) => c.percent < options.minCoverage!);
  for (const c of short)
    err(
      `coverage: ${c.target} exercised ${c.percent}% of the documented operation × status pairs, below --min-coverage ${options.minCoverage}`,
    );
  // New drift fails; with --strict the runner has already failed behaviours on any drift.
  return results.some((r) => r.status === 'fail') || reporter.errors.length || short.length ? 1 : 0;
}

async function cleanup(options: ReturnType<typeof parse>): Promise<number> {
  const live = options.live!;
  const { deleted, listed } = await cleanupTagged({ ...live, log: err });
  out(
    `Listed ${listed} token(s); deleted ${deleted.length} left by earlier conformance runs${deleted.length ? `: ${deleted.join(', ')}` : ''}.`,
  );
  return 0;
}

/** What a check of recorded traffic prints: the figures, each failure once with how often, the coverage. */
function trafficReport(results: BehaviourResult[], baseline: ReadonlyMap<string, string>): number {
  const drift = driftSummary(results, baseline);
  const failed = results.filter((r) => r.status === 'fail');
  const known = results.filter((r) => r.status === 'known');
  out(
    `${results.length} exchange(s) checked: ${results.length - failed.length - known.length} as documented, ${failed.length} new drift, ${known.length} known drift.`,
  );
  const grouped = new Map<string, { count: number; example: BehaviourResult }>();
  for (const r of failed) {
    const key = `${r.failures[0]?.step ?? r.title}: ${r.failures[0]?.expected ?? ''}`;
    const seen = grouped.get(key);
    grouped.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? r });
  }
  for (const [key, { count, example }] of grouped) {
    out(redact(`  ${count} × ${key}`));
    const f = example.failures[0];
    if (f?.actual) out(redact(`      actual: ${f.actual.status} ${f.actual.body.slice(0, 200)}`));
    if (f?.curl) out(redact(`      curl:   ${f.curl}`));
  }
  for (const k of drift.known) out(`  known drift ${k.id}: ${k.title} (${k.evidence[0]?.url ?? ''})`);
  out('');
  out(coverageSummary(coverage(results)));
  return failed.length ? 1 : 0;
}

async function checkHar(options: ReturnType<typeof parse>): Promise<number> {
  let recorded: RecordedExchange[];
  try {
    recorded = readHar(options.replayFile!);
  } catch (error) {
    if (error instanceof TrafficError) {
      err(`tokens-conformance: ${redact(error.message)}`);
      return 2;
    }
    throw error;
  }
  const exchanges = recorded.map((r) => exchangeOf(r));
  const origin = exchanges[0] ? new URL(exchanges[0].url).origin : 'https://api.mapbox.com';
  const results = await checkTraffic(exchanges, {
    target: 'har',
    baseUrl: origin,
    strict: options.strict,
    baseline: new Set(options.baseline.keys()),
  });
  return trafficReport(results, options.baseline);
}

/**
 * The proxy mode: a server on loopback forwards every request to the base URL as it is, answers
 * the client with what came back, and keeps the exchange; on SIGINT/SIGTERM every exchange is
 * checked (the kit's validator and classification) and summarised, with the coverage reached.
 */
async function proxy(options: ReturnType<typeof parse>): Promise<number> {
  const upstream = options.live!.baseUrl;
  const recorded: RecordedExchange[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const target = new URL(req.url ?? '/', upstream);
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      try {
        const answer = await fetch(target, {
          method: req.method,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
          headers: body === undefined ? {} : { 'content-type': req.headers['content-type'] ?? 'application/json' },
          redirect: 'manual',
        });
        const text = await answer.text();
        const headers = [...answer.headers].filter(
          ([name]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name),
        );
        recorded.push({
          method: req.method ?? 'GET',
          url: target.toString(),
          ...(body === undefined ? {} : { requestBody: body }),
          status: answer.status,
          headers,
          body: text,
        });
        res.writeHead(answer.status, Object.fromEntries(headers)).end(text);
      } catch (error) {
        res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `proxy: cannot reach ${target.origin}` }));
        err(redact(`proxy: cannot reach ${target.origin}: ${(error as Error).message}`));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  err(`Checking proxy on ${url} → ${upstream}. Point any client at it; Ctrl-C prints the summary.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const secrets = options.live?.token ? [options.live.token] : [];
  const results = await checkTraffic(
    recorded.map((r) => exchangeOf(r, secrets)),
    { target: 'proxied', baseUrl: upstream, strict: options.strict, baseline: new Set(options.baseline.keys()) },
  );
  out(`${recorded.length} request(s) proxied.`);
  return trafficReport(results, options.baseline);
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      err(`tokens-conformance: ${redact(error.message)}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    out(USAGE);
    return 0;
  }
  if (options.command === 'cleanup') return cleanup(options);
  if (options.command === 'proxy') return proxy(options);
  if (options.command === 'check-har') return checkHar(options);
  if (options.command === 'replay')
    return replay(options.replayFile!, { baseUrl: options.baseUrlGiven, token: options.tokenGiven, say: out });
  return run(options);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    err(`tokens-conformance: ${redact(error.message)}`);
    process.exit(1);
  },
);
