// Runs a package README's examples: its ```ts blocks, in order, as one module, with the package's
// own source standing in for the installed package. Shared by the packages' readme tests, so that
// "the README's examples run" means the same thing everywhere.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { inspect } from 'node:util';

let runs = 0;

/** The ```ts blocks of a README, in order. */
export function readmeExamples(readmePath) {
  return [...readFileSync(readmePath, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * Writes the blocks as one module beside `testDir` (in `.readme/`), with each `from '<package>'`
 * replaced by the relative path of its source entry, imports it with console.log captured, and
 * removes it. Resolves to the module's exports and `printed`, each line it printed.
 */
export async function runReadmeExamples(readmePath, sources) {
  const dir = join(dirname(readmePath), 'test', '.readme');
  mkdirSync(dir, { recursive: true });
  let code = readmeExamples(readmePath).join('\n');
  for (const [name, entry] of Object.entries(sources)) {
    const path = relative(dir, entry).replace(/\.ts$/, '.js');
    code = code.replaceAll(`from '${name}'`, `from '${path.startsWith('.') ? path : `./${path}`}'`);
  }
  // A new file each run: a module imported once is not run again from the same path.
  const file = join(dir, `examples-${process.pid}-${++runs}.ts`);
  // What each console.log call site prints, as Node prints it (objects on one line): sites are
  // numbered in the order they stand in the README, as claimedOutput numbers them.
  /** @type {string[][]} */
  const printed = [];
  let site = 0;
  code = code.replace(/console\.log\(/g, () => `globalThis.__readmeLog(${site++}, `);
  globalThis.__readmeLog = (at, ...args) => {
    printed[at] ??= [];
    printed[at].push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { breakLength: Infinity, depth: 6 }))).join(' '));
  };
  writeFileSync(file, `${code}\nexport const ran = true;\n`);
  try {
    const exports = await import(file);
    return { ...exports, printed };
  } finally {
    delete globalThis.__readmeLog;
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What the README says its examples print, in order: the comment after a `console.log(…);` on its
 * line, or the comment line right below it. A claim may go on to explain itself after `: `
 * (`// 'sk': one secret scope…`); the printed line must then be the claim up to there.
 */
export function claimedOutput(readmePath) {
  const claims = [];
  for (const block of readmeExamples(readmePath)) {
    const lines = block.split('\n');
    lines.forEach((line, i) => {
      // Every call site counts (one in a loop, too), so the numbers match runReadmeExamples'.
      const sites = line.split('console.log(').length - 1;
      if (!sites) return;
      const inline = /\);\s*\/\/ (.*)$/.exec(line);
      const below = /^\s*console\.log\(/.test(line) ? /^\s*\/\/ (.*)$/.exec(lines[i + 1] ?? '') : null;
      claims.push(inline?.[1] ?? below?.[1] ?? null, ...Array(sites - 1).fill(null));
    });
  }
  return claims;
}

/**
 * Whether a printed line is what the README claims: the claim itself, or the claim followed by
 * `: ` and an explanation. ` — or ` separates what different servers print (the documented and
 * the observed simulator); `…` stands for what changes from run to run (a timestamp, an id).
 */
export function printedAsClaimed(printed, claim) {
  if (claim === null) return true;
  const flat = (text) => text.replace(/\s+/g, ' ').trim();
  const out = flat(printed);
  const matches = (text) =>
    new RegExp(
      `^${text
        .split('…')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+')}$`,
    ).test(out);
  return flat(claim)
    .split(' — or ')
    .some((alternative) => {
      if (matches(alternative)) return true;
      // The claim up to any `: ` may be what was printed, the rest its explanation.
      for (let at = alternative.indexOf(': '); at !== -1; at = alternative.indexOf(': ', at + 1))
        if (matches(alternative.slice(0, at))) return true;
      return false;
    });
}

/** Each example output that is not what the README says it is ([] when every one is). `printed`: per call site. */
export function outputMismatches(readmePath, printed) {
  const out = [];
  claimedOutput(readmePath).forEach((claim, i) => {
    if (claim === null) return;
    const lines = printed[i] ?? [];
    if (lines.length !== 1) out.push(`console.log #${i + 1} ("${claim}") printed ${lines.length} line(s)`);
    else if (!printedAsClaimed(lines[0], claim)) out.push(`console.log #${i + 1}: the README says "${claim}", it printed "${lines[0]}"`);
  });
  return out;
}
