// What a package must pass before anyone installs it: publint --strict, and attw ("are the types
// wrong") for ESM-only packages on its code entrypoints. One copy, used by the workspace test and
// by the release dry run on the versioned packages.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

export interface CheckOutcome {
  ok: boolean;
  /** What the checker said, as much as a reader needs. */
  output: string;
}

async function outcome(command: Promise<{ stdout: string }>): Promise<string> {
  try {
    return (await command).stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}` || e.message;
  }
}

export async function publint(dir: string): Promise<CheckOutcome> {
  const output = await outcome(run(bin('publint'), ['--strict', dir]));
  return { ok: output.includes('All good!'), output: output.trim() };
}

export async function attw(dir: string): Promise<CheckOutcome> {
  // The esm-only profile leaves out CommonJS resolution (these packages ship ESM only, which Node
  // >= 20.19 can also require()). Data entrypoints (an OpenAPI document in YAML) have no types.
  const exportsField = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).exports as Record<string, unknown>;
  const data = Object.entries(exportsField)
    .filter(([, target]) => typeof target === 'string' && /\.ya?ml$/.test(target))
    .map(([entry]) => entry);
  const output = await outcome(
    run(bin('attw'), ['--pack', dir, '--profile', 'esm-only', '--no-color', ...(data.length ? ['--exclude-entrypoints', ...data] : [])], {
      maxBuffer: 16 << 20,
    }),
  );
  const flagged = output.split('\n').filter((line) => /❌|⚠️|💀/.test(line) && !/\(ignored/.test(line));
  return {
    ok: output.includes("ignoring resolutions: 'node10', 'node16-cjs'") && flagged.length === 0,
    output: flagged.join('\n') || 'no problems',
  };
}
