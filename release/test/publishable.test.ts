// Every publishable package passes publint --strict and has no "are the types wrong" problem.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { publishablePackages } from '../src/workspace.js';

const run = promisify(execFile);
const bin = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const packages = publishablePackages();

it('finds the five publishable packages, and no private one among them', () => {
  expect(packages.map((p) => p.name).sort()).toEqual([
    '@tokens-kit/client',
    '@tokens-kit/conformance',
    '@tokens-kit/contract',
    '@tokens-kit/simulator',
    '@tokens-kit/types',
  ]);
});

describe.each(packages.map((p) => [p.name, p] as const))('%s', (_name, pkg) => {
  it('passes publint --strict', async () => {
    const { stdout } = await run(bin('publint'), ['--strict', pkg.dir]);
    expect(stdout).toContain('All good!');
  });

  it('has no "are the types wrong" problem for an ESM-only package', async () => {
    // The esm-only profile leaves out CommonJS resolution (these packages ship ESM only, which
    // Node >= 20.19 can also require()); attw exits non-zero on any remaining problem.
    // Data entrypoints (an OpenAPI document in YAML) have no types to resolve: attw checks the code ones.
    const exportsField = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')).exports as Record<string, unknown>;
    const dataEntrypoints = Object.entries(exportsField)
      .filter(([, target]) => typeof target === 'string' && /\.ya?ml$/.test(target))
      .map(([entry]) => entry);
    const exclude = dataEntrypoints.length ? ['--exclude-entrypoints', ...dataEntrypoints] : [];
    const { stdout } = await run(bin('attw'), ['--pack', pkg.dir, '--profile', 'esm-only', '--no-color', ...exclude], {
      maxBuffer: 16 << 20,
    });
    expect(stdout).toContain("ignoring resolutions: 'node10', 'node16-cjs'");
    const flagged = stdout.split('\n').filter((line) => /❌|⚠️|💀/.test(line) && !/\(ignored/.test(line));
    expect(flagged).toEqual([]);
  });
});
