// The peer, side by side: Specmatic's contract tests, generative tests on, fed the published
// document as shipped (spec/dist/openapi.yaml), against the faithful simulator and against each of
// the project's drifted servers — beside the kit's default live run against the same servers. Needs
// Java 17 and the `specmatic` npm package's JAR: SPECMATIC_JAR, or it is installed on first use into
// node_modules/.cache/specmatic (npm registry). Outside the test command:
//   pnpm build && pnpm --filter @tokens-kit/conformance bench:specmatic
//
// Specmatic draws its values anew on each run, so its failures on the faithful server vary. A
// drifted server counts as caught when a scenario that passed in every one of the faithful runs
// fails against it (a scenario name stands for its test; generated names repeat, so all of a
// name's runs must pass). What it reports against the faithful server is counted and sorted by
// cause, as its false failures.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { it } from 'vitest';
import { liveTarget, runTarget, simulatorTarget, type Target } from '../src/index.js';
import { startMutantProxy, type Mutant } from '../test/mutant-proxy.js';
import { additiveEverywhere, mutants } from '../test/mutants.js';
import { offCatalogueMutants } from '../test/mutants-off-catalogue.js';

const SPECMATIC_VERSION = '2.55.1';
const here = dirname(fileURLToPath(import.meta.url));
const publishedSpec = join(here, '..', '..', 'spec', 'dist', 'openapi.yaml');
const SEEDS = [6, 13, 23, 1000, 4242];
const FAITHFUL_RUNS = 3;

function specmaticJar(): string {
  if (process.env.SPECMATIC_JAR) return process.env.SPECMATIC_JAR;
  const prefix = join(here, '..', 'node_modules', '.cache', 'specmatic');
  const jar = join(prefix, 'node_modules', 'specmatic', 'specmatic.jar');
  if (!existsSync(jar)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', `specmatic@${SPECMATIC_VERSION}`], { stdio: 'inherit' });
  }
  return jar;
}

interface SpecmaticRun {
  requests: number;
  failed: Map<string, number>;
  passed: Map<string, number>;
  /** The first line of each failure's reason, counted. */
  causes: Map<string, number>;
  ms: number;
}

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** One Specmatic run against a server: its scenarios, by outcome. */
async function specmatic(jar: string, target: Target): Promise<SpecmaticRun> {
  const dir = mkdtempSync(join(tmpdir(), 'specmatic-bench-'));
  try {
    // The published document unchanged; the account's username through Specmatic's own dictionary
    // (a team would write the same), the token through its environment variable named after the scheme.
    copyFileSync(publishedSpec, join(dir, 'openapi.yaml'));
    writeFileSync(join(dir, 'openapi_dictionary.yaml'), `PARAMETERS:\n  PATH:\n    username: ${target.username}\n`);
    const started = Date.now();
    const { stdout } = await promisify(execFile)(
      'java',
      ['-jar', jar, 'test', join(dir, 'openapi.yaml'), `--testBaseURL=${target.baseUrl}`],
      {
        cwd: dir,
        env: { ...process.env, accessToken: target.token, SPECMATIC_GENERATIVE_TESTS: 'true' },
        maxBuffer: 512 * 1024 * 1024,
      },
    ).catch((error: { stdout: string }) => error);
    const run: SpecmaticRun = { requests: 0, failed: new Map(), passed: new Map(), causes: new Map(), ms: Date.now() - started };
    const lines = stdout.split('\n');
    lines.forEach((line, i) => {
      if (/^\s*Request to http/.test(line)) run.requests++;
      const scenario = /Scenario: (.*) has (FAILED|SUCCEEDED)$/.exec(line);
      if (scenario) count(scenario[2] === 'FAILED' ? run.failed : run.passed, scenario[1]!);
      if (/^\s*>> /.test(line) && /^\s+"[+-]ve/.test(lines.slice(Math.max(0, i - 6), i).join('\n'))) {
        const reason = lines.slice(i + 1, i + 9).find((l) => /Specification expected/.test(l));
        if (reason) count(run.causes, `${line.trim()} — ${reason.trim().replace(/"[^"]{40,}"/g, '"…"')}`);
      }
    });
    if (run.failed.size + run.passed.size === 0) throw new Error(`Specmatic ran no scenario:\n${stdout.slice(-2000)}`);
    return run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serve(mutant: Mutant | undefined): Promise<Target> {
  return simulatorTarget(mutant ? { name: mutant.id, wrap: (s) => startMutantProxy(s, mutant) } : {});
}

/** The kit's default live run (the live plan against the simulator posing as a live server). */
async function kit(mutant: Mutant | undefined, seed: number) {
  const sim = await serve(mutant);
  const target = { ...liveTarget({ baseUrl: sim.baseUrl, token: sim.token, username: sim.username, budget: 1_000_000 }), close: sim.close };
  try {
    const results = await runTarget(target, { explore: { seed } });
    return { caught: results.some((r) => r.status === 'fail'), requests: results.reduce((n, r) => n + r.requests, 0) };
  } catch {
    return { caught: false, requests: 0 };
  } finally {
    await target.close();
  }
}

it(
  'Specmatic beside the kit on the same servers',
  async () => {
    const jar = specmaticJar();
    const faithful: SpecmaticRun[] = [];
    for (let i = 0; i < FAITHFUL_RUNS; i++) {
      const target = await serve(undefined);
      try {
        faithful.push(await specmatic(jar, target));
      } finally {
        await target.close!();
      }
    }
    // A scenario that passed every time it ran, in every faithful run, and never failed there.
    const stable = new Set(
      [...faithful[0]!.passed.keys()].filter((name) => faithful.every((run) => run.passed.has(name) && !run.failed.has(name))),
    );
    const lines: string[] = [];
    const falseFailures = faithful.map((run) => [...run.failed.values()].reduce((a, b) => a + b, 0));
    lines.push(
      `faithful simulator, ${FAITHFUL_RUNS} Specmatic runs: ${faithful.map((r) => r.requests).join(', ')} requests; ${faithful
        .map((r) => (r.ms / 1000).toFixed(1))
        .join(', ')} s; false failures ${falseFailures.join(', ')}; ${stable.size} scenario names pass in every run`,
    );
    console.log(lines.join('\n'));
    const causes = new Map<string, number>();
    for (const run of faithful) for (const [cause, n] of run.causes) causes.set(cause, (causes.get(cause) ?? 0) + n);
    lines.push('false failures on the faithful simulator by cause (all runs):');
    for (const [cause, n] of [...causes].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${n} × ${cause}`);

    // A server that adds two properties to every answer: the published responses are open, so no
    // scenario that passes on the faithful server may fail on it.
    {
      const target = await serve(additiveEverywhere);
      try {
        const run = await specmatic(jar, target);
        const broken = [...run.failed.keys()].filter((name) => stable.has(name));
        lines.push(
          `a server that adds properties to every answer: ${run.requests} requests; ${[...run.failed.values()].reduce((a, b) => a + b, 0)} failures, ${broken.length} of them in scenarios that pass on the faithful server${broken.length ? ` (${broken.slice(0, 3).join('; ')})` : ''}`,
        );
      } finally {
        await target.close!();
      }
    }
    // BENCH_ONLY=id,id… runs those drifted servers only (a quick look; the figures come from all).
    const only = process.env.BENCH_ONLY?.split(',');
    const all = [...offCatalogueMutants, ...mutants].filter((m) => !only || only.includes(m.id));
    let specmaticCaught = 0;
    let kitCaught = 0;
    let specmaticRequests = 0;
    let kitRequests = 0;
    const missedBySpecmatic: string[] = [];
    const missedByKit: string[] = [];
    // Two at a time: one Specmatic JVM and one kit run fill the two cores.
    for (let i = 0; i < all.length; i++) {
      const mutant = all[i]!;
      const target = await serve(mutant);
      const [peer, ours] = await Promise.all([
        specmatic(jar, target).finally(() => target.close!()),
        kit(mutant, SEEDS[i % SEEDS.length]!),
      ]);
      const caught = [...peer.failed.keys()].some((name) => stable.has(name));
      specmaticRequests += peer.requests;
      kitRequests += ours.requests;
      if (caught) specmaticCaught++;
      else missedBySpecmatic.push(mutant.id);
      if (ours.caught) kitCaught++;
      else missedByKit.push(mutant.id);
      // Progress, a line per server: a long run tells how far it got.
      console.log(
        `${i + 1}/${all.length} ${mutant.id}: Specmatic ${caught ? 'caught' : 'missed'} (${peer.requests} requests), the kit ${ours.caught ? 'caught' : 'missed'} (${ours.requests})`,
      );
    }
    lines.push(
      `drifted servers: Specmatic ${specmaticCaught}/${all.length} caught, ${Math.round(specmaticRequests / all.length)} requests a run; ` +
        `the kit's default live run ${kitCaught}/${all.length}, ${Math.round(kitRequests / all.length)} requests a run`,
    );
    lines.push(`missed by Specmatic: ${missedBySpecmatic.join(', ') || 'none'}`);
    lines.push(`missed by the kit's live default: ${missedByKit.join(', ') || 'none'}`);
    console.log(lines.join('\n'));
    // A Specmatic run takes about 20 s, a server at a time: well over vitest's default for a bench.
  },
  3 * 3_600_000,
);
