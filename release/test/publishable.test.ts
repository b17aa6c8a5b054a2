// Every publishable package of the workspace passes publint --strict and has no "are the types
// wrong" problem (the same checks the release dry run runs on the versioned packages).
import { describe, expect, it } from 'vitest';
import { attw, publint } from '../src/checks.js';
import { publishablePackages } from '../src/workspace.js';

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
    const result = await publint(pkg.dir);
    expect(result.ok, result.output).toBe(true);
  });

  it('has no "are the types wrong" problem for an ESM-only package', async () => {
    const result = await attw(pkg.dir);
    expect(result.ok, result.output).toBe(true);
  });
});
