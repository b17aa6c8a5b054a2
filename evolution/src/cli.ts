#!/usr/bin/env node
// contract-evolution — how the contract changed, and whether the version numbers say so.
//   contract-evolution diff [REF]    classify every change of the bundled spec since REF; exit 1 on a breaking one
//   contract-evolution check [REF]   the CI gate: a spec change has a changeset, a breaking one a major bump
//   contract-evolution observed      the documented spec against the observed one (the register as an Overlay)
// REF defaults to the latest release tag, else the merge base with main. Exit 2 on a usage error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { gate, gateCases } from './changeset-gate.js';
import { causes, diffContracts, formatChanges, summarise, type ContractChange } from './diff.js';
import {
  currentDocument,
  defaultBaseRef,
  documentAt,
  EvolutionError,
  readDocument,
  readJson,
  repoRoot,
  sourcesAt,
  workingSources,
} from './git.js';
import { documentedVsObserved, documentedVsObservedHtml, type OverlayDocument } from './observed.js';
import { junitXml, type JunitCase } from './junit.js';

const USAGE = `Usage:
  contract-evolution diff [REF] [--before FILE] [--after FILE] [--junit FILE] [--json FILE]
  contract-evolution check [REF] [--junit FILE]
  contract-evolution observed [--html FILE] [--json FILE] [--quiet]

  diff    every change of the bundled spec (spec/dist/openapi.json) since REF, classified as
          breaking, non-breaking or annotation; exit 1 when one is breaking
  check   the CI gate: fails when the spec changed since REF without a changeset, or when a
          breaking change lacks a major bump for every package the spec reaches
  observed  the documented spec against the API as observed (spec/dist/observed.overlay.json applied
          to it), entry by entry of the register; --html writes the page, --quiet prints only the totals

  REF             a tag, branch or commit (default: the latest release tag, else the merge base with main)
  --before FILE   compare from this bundled document instead of REF's
  --after FILE    compare to this bundled document instead of the working tree's
  --junit FILE    also write the verdict as JUnit XML
  --json FILE     (diff, observed) also write the changes as JSON`;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        before: { type: 'string' },
        after: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ref, ...extra] = positionals;
    if (values.help) return { help: true as const };
    if (command !== 'diff' && command !== 'check' && command !== 'observed')
      throw new UsageError(command ? `unknown command "${command}"` : 'name a command: diff, check or observed');
    if (command === 'observed' && (ref || values.before || values.after || values.junit))
      throw new UsageError('observed compares the bundled spec with its observed overlay: it takes no REF, --before, --after or --junit');
    if (command !== 'observed' && (values.html || values.quiet)) throw new UsageError('--html and --quiet belong to observed');
    if (extra.length) throw new UsageError(`one REF at most, not "${[ref, ...extra].join(' ')}"`);
    if (command === 'check' && (values.before || values.after || values.json))
      throw new UsageError('check compares the working tree with REF: --before, --after and --json belong to diff');
    if (ref && values.before) throw new UsageError('give REF or --before, not both');
    return { help: false as const, command, ref, ...values };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
}

function write(file: string, text: string) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** One case per change; `breakingFails` for the diff's verdict (the gate's is its checks: a declared major makes a breaking change pass). */
const changeCases = (changes: readonly ContractChange[], breakingFails: boolean): JunitCase[] =>
  changes.length
    ? changes.map((c) => ({
        name: `${c.where}: ${c.sentence}`,
        classname: `contract-diff.${c.severity}`,
        ...(breakingFails && c.severity === 'breaking' ? { failure: `${c.sentence}\nat ${c.pointer}` } : {}),
      }))
    : [{ name: 'no change to the contract', classname: 'contract-diff' }];

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.command === 'observed') return observed(options);
  const root = repoRoot(process.cwd());
  let baseName: string;
  let before: Record<string, unknown>;
  let base: string | undefined;
  let label: string | undefined;
  if (options.before) {
    before = readDocument(options.before);
    baseName = options.before;
  } else {
    const chosen = options.ref ? { ref: options.ref, why: 'as given' } : defaultBaseRef(root);
    base = chosen.ref;
    before = documentAt(root, chosen.ref);
    label = chosen.ref.length === 40 ? chosen.ref.slice(0, 12) : chosen.ref;
    baseName = `${label} (${chosen.why})`;
  }
  const after = options.after ? readDocument(options.after) : currentDocument(root);
  // Each change located in the split spec: the working tree's (when comparing with it), the ref's for what was removed.
  const changes = diffContracts(before, after, {
    ...(options.after ? {} : { after: workingSources(root) }),
    ...(base ? { before: sourcesAt(root, base) } : {}),
  });
  const heading = `Contract changes since ${baseName}`;
  process.stdout.write(`${formatChanges(changes, heading)}\n`);

  if (options.command === 'diff') {
    if (options.json) {
      const grouped = causes(changes).map((c) => ({ severity: c.severity, at: c.at, places: c.changes.map((x) => x.where) }));
      write(options.json, `${JSON.stringify({ base: baseName, summary: summarise(changes), causes: grouped, changes }, null, 2)}\n`);
    }
    if (options.junit) write(options.junit, junitXml('contract-diff', changeCases(changes, true)));
    return summarise(changes).breaking > 0 ? 1 : 0;
  }

  const verdict = await gate({ root, base: base!, label, specChanged: !isDeepStrictEqual(before, after), changes });
  process.stdout.write('\nChangeset check:\n');
  for (const c of verdict.checks) process.stdout.write(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}\n`);
  process.stdout.write(`${verdict.ok ? 'The versions say what changed.' : 'The versions do not say what changed (see FAIL above).'}\n`);
  if (options.junit) write(options.junit, junitXml('contract-check', [...gateCases(verdict), ...changeCases(changes, false)]));
  return verdict.ok ? 0 : 1;
}

/** The spec package's outputs, beside this package (no git needed: the spec build made them). */
const specFile = (name: string) => fileURLToPath(new URL(`../../spec/dist/${name}`, import.meta.url));

function observed(options: { html?: string; json?: string; quiet?: boolean }): number {
  const report = documentedVsObserved(
    readDocument(specFile('openapi.json')),
    readJson(specFile('observed.overlay.json')) as unknown as OverlayDocument,
    readJson(specFile('deviations.json')) as never,
  );
  const lines = [
    `Documented vs observed (${report.entries.length} register entries): ${report.summary.breaking} breaking, ${report.summary.nonBreaking} non-breaking, ${report.summary.annotation} annotation.`,
  ];
  if (!options.quiet) for (const e of report.entries) lines.push('', formatChanges(e.changes, `${e.id} — ${e.title}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.html) write(options.html, documentedVsObservedHtml(report));
  if (options.json) write(options.json, `${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`contract-evolution: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`contract-evolution: ${error.message}\n`);
    process.exit(error instanceof EvolutionError ? 2 : 1);
  },
);
