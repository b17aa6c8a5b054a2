// The README's examples run, in order, as one module, against this package's source.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' readme tests.
import { outputMismatches, printedAsClaimed, readmeExamples, runReadmeExamples } from '../../../scripts/readme-examples.mjs';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

it('shows both entries: the browser-safe runtime and the validator', () => {
  const code = (readmeExamples(readmePath) as string[]).join('\n');
  for (const name of [
    'matchOperation(',
    'operationPath(',
    'parseToken(',
    'nextLinkUri(',
    'nextRetryDelay(',
    'checkScopes(',
    'checkTemporaryExpiry(',
    'errorKindOf(',
    'validateResponse(',
    'checkRequestBody(',
  ]) {
    expect(code).toContain(name);
  }
});

it('runs every example', async () => {
  const imported = await runReadmeExamples(readmePath, {
    '@tokens-kit/contract/validator': fileURLToPath(new URL('../src/validator.ts', import.meta.url)),
    '@tokens-kit/contract': fileURLToPath(new URL('../src/index.ts', import.meta.url)),
  });
  expect(imported.ran).toBe(true);
  // What each example prints is what the README says it prints.
  expect(outputMismatches(readmePath, imported.printed)).toEqual([]);
});

it('holds a printed line to what the README claims (the check the readme tests rest on)', () => {
  expect(printedAsClaimed('1', '1: request bodies are held to the document as written')).toBe(true);
  expect(printedAsClaimed('4', '1: request bodies are held to the document as written')).toBe(false);
  expect(printedAsClaimed('sk', "'sk': one secret scope")).toBe(false);
  expect(printedAsClaimed('404 Not Found x', '404 Not found undefined — or 404 Not Found x')).toBe(true);
  expect(printedAsClaimed('{ at: 1, resetAt: 2026-12-07T05:44:20.000Z }', '{ at: 1, resetAt: … }')).toBe(true);
  expect(printedAsClaimed('{ at: 2, resetAt: 2026 }', '{ at: 1, resetAt: … }')).toBe(false);
});
