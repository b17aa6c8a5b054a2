// The README's examples run, in order, as one module, against this package's source.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' readme tests.
import { outputMismatches, readmeExamples, runReadmeExamples } from '../../../scripts/readme-examples.mjs';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

it('shows the simulator on a port and in process, its faults, its state file, its admin API and its msw handlers', () => {
  const code = (readmeExamples(readmePath) as string[]).join('\n');
  for (const name of [
    'startSimulator(',
    'createSimulator(',
    'clock.advance(',
    'seedToken(',
    '.fetch(',
    'faults.add(',
    'stateFile',
    '/__admin/',
  ])
    expect(code).toContain(name);
});

it('runs every example', async () => {
  const imported = await runReadmeExamples(readmePath, {
    '@tokens-kit/simulator': fileURLToPath(new URL('../src/index.ts', import.meta.url)),
  });
  expect(imported.ran).toBe(true);
  // What each example prints is what the README says it prints.
  expect(outputMismatches(readmePath, imported.printed)).toEqual([]);
});
