// Runs a package README's examples: its ```ts blocks, in order, as one module, with the package's
// own source standing in for the installed package. Shared by the packages' readme tests, so that
// "the README's examples run" means the same thing everywhere.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

let runs = 0;

/** The ```ts blocks of a README, in order. */
export function readmeExamples(readmePath) {
  return [...readFileSync(readmePath, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/**
 * Writes the blocks as one module beside `testDir` (in `.readme/`), with each `from '<package>'`
 * replaced by the relative path of its source entry, imports it with console.log silenced, and
 * removes it. Resolves to the module's exports.
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
  writeFileSync(file, `${code}\nexport const ran = true;\n`);
  const log = console.log;
  console.log = () => {};
  try {
    return await import(file);
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
}
