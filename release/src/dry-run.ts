// `pnpm release --dry-run`: the whole release, rehearsed on a staged copy of the workspace so the
// checkout is never touched, and nothing published. Build; version (changesets turns the pending
// changesets into versions and CHANGELOG.md entries, and the document takes the spec's version);
// build again at the new versions; pack every publishable package; publint and attw on each;
// install the tarballs with plain npm into a fresh consumer outside the workspace; type-check it
// under node16 and bundler resolution; run `npx tokens-conformance` and the client README's example.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import getReleasePlan from '@changesets/get-release-plan';
import { attw, publint } from './checks.js';
import { installConsumer, runConformance, runConsumerModule, typecheckConsumer, withSimulator } from './consumer.js';
import { packAll, publishablePackages, repoRoot, workspacePackages } from './workspace.js';

const run = promisify(execFile);

export interface DryRunOptions {
  /** The workspace to rehearse (default: this one). */
  root?: string;
  /** A new folder for the staged copy, the tarballs and the consumer. */
  scratch: string;
  /** Build the workspace before staging it (the CLI does; a test that runs after `turbo build` need not). */
  build?: boolean;
  /** Changesets to add to the staged copy only (file name → content): what a release with them would be. */
  extraChangesets?: Record<string, string>;
  log?: (line: string) => void;
}

interface PlannedRelease {
  name: string;
  from: string;
  to: string;
  private: boolean;
  /** The tarball that would be published (publishable packages). */
  tarball?: string;
  bytes?: number;
  /** The CHANGELOG.md section the version step wrote. */
  changelog?: string;
}

interface DryRunStep {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface DryRunReport {
  ok: boolean;
  releases: PlannedRelease[];
  steps: DryRunStep[];
  staged: string;
  consumer: string;
  tarballs: Record<string, string>;
  /** Outputs a caller may check further: conformance's table, the consumer's and README example's stdout. */
  outputs: { conformance?: string; consumer?: string; readmeExample?: string };
}

/** The environment for tools started in the staged copy: none of an enclosing turbo run's settings. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TURBO_')));

/**
 * A copy of the workspace's files (tracked and untracked, not ignored), with its own node_modules
 * installed from the pnpm store, offline and at the lockfile's versions. Its own: pnpm relinks
 * whatever node_modules it finds, so one shared with this checkout (a symlink) would be rewired.
 */
async function stage(root: string, staged: string): Promise<void> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(staged, file)), { recursive: true });
    cpSync(join(root, file), join(staged, file), { verbatimSymlinks: true });
  }
  await run('pnpm', ['install', '--offline', '--frozen-lockfile'], { cwd: staged, env: cleanEnv(), maxBuffer: 64 << 20 });
}

/** The section of a CHANGELOG.md for one version. */
function changelogSection(file: string, version: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n## ${version}\n`);
  if (start < 0) return undefined;
  const end = text.indexOf('\n## ', start + 4);
  return text.slice(start + 1, end < 0 ? undefined : end).trim();
}

export async function releaseDryRun(options: DryRunOptions): Promise<DryRunReport> {
  const root = options.root ?? repoRoot;
  const log = options.log ?? (() => {});
  const staged = join(options.scratch, 'workspace');
  const consumer = join(options.scratch, 'consumer');
  const report: DryRunReport = { ok: true, releases: [], steps: [], staged, consumer, tarballs: {}, outputs: {} };
  const step = async (name: string, fn: () => Promise<string | undefined>): Promise<boolean> => {
    const started = Date.now();
    try {
      const detail = (await fn()) ?? '';
      report.steps.push({ name, ok: true, detail, ms: Date.now() - started });
      log(`✓ ${name}${detail ? ` — ${detail.split('\n')[0]}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return true;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      const detail = [e.message, e.stderr, e.stdout].filter(Boolean).join('\n').slice(0, 4000);
      report.steps.push({ name, ok: false, detail, ms: Date.now() - started });
      report.ok = false;
      log(`✗ ${name}\n${detail}`);
      return false;
    }
  };
  // Builds only emit (tsconfig.build.json): the workspace is type-checked before anything is staged.
  const pnpmTurbo = (cwd: string, tasks = ['build']) =>
    run(join(cwd, 'node_modules', '.bin', 'turbo'), ['run', ...tasks, '--output-logs=errors-only'], {
      cwd,
      env: cleanEnv(),
      maxBuffer: 64 << 20,
    });

  if (
    options.build &&
    !(await step('build and type-check the workspace', async () => void (await pnpmTurbo(root, ['build', 'typecheck']))))
  )
    return report;
  const before = new Map(workspacePackages(root).map((p) => [p.name, p]));
  const ok =
    (await step('stage a copy of the workspace', async () => {
      await stage(root, staged);
      for (const [name, content] of Object.entries(options.extraChangesets ?? {})) writeFileSync(join(staged, '.changeset', name), content);
      return staged;
    })) &&
    (await step('version: changesets', async () => {
      const plan = await getReleasePlan(staged);
      if (!plan.releases.length) return 'no pending changeset: the packages would be published at their current versions';
      await run(process.execPath, [join(staged, 'node_modules', '@changesets', 'cli', 'bin.js'), 'version'], {
        cwd: staged,
        env: cleanEnv(),
      });
      await run(process.execPath, [join(staged, 'spec', 'scripts', 'sync-version.mjs')], { cwd: staged });
      return `${plan.changesets.length} changeset(s), ${plan.releases.length} package(s) versioned`;
    })) &&
    (await step('build at the new versions', async () => void (await pnpmTurbo(staged))));
  if (!ok) return report;
  for (const pkg of workspacePackages(staged)) {
    const was = before.get(pkg.name);
    if (!was || (pkg.private && was.version === pkg.version)) continue;
    report.releases.push({
      name: pkg.name,
      from: was.version,
      to: pkg.version,
      private: pkg.private,
      changelog: was.version === pkg.version ? undefined : changelogSection(join(pkg.dir, 'CHANGELOG.md'), pkg.version),
    });
  }
  const publishable = publishablePackages(staged);
  if (
    !(await step('pack every publishable package', async () => {
      report.tarballs = await packAll(publishable, join(options.scratch, 'tarballs'));
      for (const r of report.releases) {
        const tarball = report.tarballs[r.name];
        if (tarball) Object.assign(r, { tarball, bytes: statSync(tarball).size });
      }
      return `${Object.keys(report.tarballs).length} tarballs`;
    }))
  )
    return report;
  for (const pkg of publishable) {
    await step(`publint --strict ${pkg.name}`, async () => {
      const r = await publint(pkg.dir);
      if (!r.ok) throw new Error(r.output);
      return undefined;
    });
    await step(`attw ${pkg.name}`, async () => {
      const r = await attw(pkg.dir);
      if (!r.ok) throw new Error(r.output);
      return undefined;
    });
  }
  if (
    !(await step(
      'install the tarballs with npm into a fresh consumer',
      async () => void (await installConsumer(consumer, report.tarballs)),
    ))
  )
    return report;
  if (!(await step('type-check the consumer (node16 and bundler resolution)', async () => void (await typecheckConsumer(consumer)))))
    return report;
  await step('npx tokens-conformance in the consumer', async () => {
    report.outputs.conformance = await runConformance(consumer);
    return report.outputs.conformance
      .trim()
      .split('\n')
      .find((l) => /^\d+ passed, \d+ failed/.test(l));
  });
  await step("the client README's example and the consumer's code, against npx tokens-simulator", () =>
    withSimulator(consumer, async (started) => {
      report.outputs.readmeExample = await runConsumerModule(consumer, 'readme-example', started);
      report.outputs.consumer = await runConsumerModule(consumer, 'main', started);
      return undefined;
    }),
  );
  return report;
}

/** The report as a reader meets it: what would be published, then how each step went. */
export function formatReport(report: DryRunReport): string {
  const lines = ['Release dry run — nothing was published.', '', 'Would release:'];
  if (!report.releases.length) lines.push('  nothing (no package changed version)');
  for (const r of report.releases) {
    const size = r.bytes === undefined ? '' : `  ${(r.bytes / 1024).toFixed(1)} KB`;
    const version = r.from === r.to ? `at ${r.to} (no pending changeset)` : `${r.from} → ${r.to}`;
    lines.push(`  ${r.name} ${version}${r.private ? ' (private: versioned, not published)' : ''}${size}`);
    if (r.tarball) lines.push(`    ${r.tarball}`);
    if (r.changelog) for (const l of r.changelog.split('\n').slice(0, 12)) lines.push(`    | ${l}`);
  }
  lines.push('', 'Steps:');
  for (const s of report.steps)
    lines.push(`  ${s.ok ? '✓' : '✗'} ${s.name} (${(s.ms / 1000).toFixed(1)} s)${s.ok ? '' : `\n${s.detail.replace(/^/gm, '      ')}`}`);
  lines.push('', report.ok ? 'The release would succeed.' : 'The release would fail (see ✗ above).');
  return lines.join('\n');
}
