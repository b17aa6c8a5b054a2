// The README's examples run: its TypeScript blocks, in order, as one module, against a simulator
// playing the documented API and against one playing the API as Mapbox is observed to run it.
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator, type SimulatorProfile } from '@tokens-kit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' readme tests.
import { outputMismatches, readmeExamples, runReadmeExamples } from '../../../scripts/readme-examples.mjs';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const blocks: string[] = readmeExamples(readmePath);

it('has an example of every method, pagination, errors and token parsing', () => {
  const code = blocks.join('\n');
  for (const call of [
    'createToken(',
    'createTemporaryToken(',
    'updateToken(',
    'retrieveToken(',
    'listScopes(',
    'deleteToken(',
    'listTokens(',
    'iterateTokens(',
    'TokensApiError',
    'parseToken(',
  ]) {
    expect(code).toContain(call);
  }
});

describe.each<SimulatorProfile>(['documented', 'observed'])('against the %s simulator', (profile) => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    sim = await startSimulator({ username: 'readme', rateLimit: false, log: () => {}, profile });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('runs every example', async () => {
    process.env.BASE_URL = sim.url;
    process.env.MAPBOX_ACCESS_TOKEN = sim.token;
    const imported = await runReadmeExamples(readmePath, {
      '@tokens-kit/client': fileURLToPath(new URL('../src/index.ts', import.meta.url)),
    });
    expect(imported.ran).toBe(true);
    // What each example prints is what the README says it prints.
    expect(outputMismatches(readmePath, imported.printed)).toEqual([]);
    // The examples created, renamed and deleted a token: the account shows it.
    const notes = [...sim.state.accounts.get('readme')!.tokens.values()].map((t) => t.note);
    expect(notes).not.toContain('My website (prod)');
    expect(sim.state.accounts.get('readme')!.revoked.size).toBe(1);
  });
});
