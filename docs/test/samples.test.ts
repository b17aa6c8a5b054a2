// The TypeScript samples the reference shows (samples/<operationId>.ts) run as a reader would run
// them: each module as written, against the simulator, with MAPBOX_ACCESS_TOKEN and BASE_URL set
// as the samples read them. The build type-checks them; this holds them to working.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const samplesDir = join(import.meta.dirname, '..', 'samples');
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ username: 'docs-reader', rateLimit: false, log: () => {} });
  sim.seedToken({ scopes: ['styles:read'], note: 'a public token already there' });
  vi.stubEnv('MAPBOX_ACCESS_TOKEN', sim.token);
  vi.stubEnv('BASE_URL', sim.url);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await sim?.close();
});

/** Runs a sample as a module and returns what it printed, a line per console.log. */
async function run(file: string): Promise<string[]> {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
  try {
    await import(/* @vite-ignore */ `${join(samplesDir, file)}?run=${Date.now()}`);
  } finally {
    log.mockRestore();
  }
  return printed;
}

describe('the samples, against the simulator', () => {
  it('has one per operation of the spec', () => {
    expect(readdirSync(samplesDir).sort()).toEqual(
      ['createToken', 'deleteToken', 'listScopes', 'listTokens', 'retrieveToken', 'updateToken'].map((id) => `${id}.ts`),
    );
  });

  it('listTokens: a page, then every public token', async () => {
    const printed = await run('listTokens.ts');
    expect(printed.some((line) => / pk a public token already there$/.test(line))).toBe(true);
    expect(printed.some((line) => / styles:read$/.test(line))).toBe(true);
  });

  it('createToken: a public token, then a temporary one', async () => {
    expect(await run('createToken.ts')).toEqual([expect.stringMatching(/^pk \S+$/), 'tk.']);
  });

  it('updateToken: the note and scopes as sent', async () => {
    expect(await run('updateToken.ts')).toEqual(['My website (production) styles:read,fonts:read']);
  });

  it('deleteToken: a second delete is a 404 the error names', async () => {
    expect(await run('deleteToken.ts')).toEqual(['404 NotFound']);
  });

  it("retrieveToken: the client's own token is valid", async () => {
    expect(await run('retrieveToken.ts')).toEqual(['TokenValid sk']);
  });

  it('listScopes: the public scopes', async () => {
    const [line] = await run('listScopes.ts');
    expect(line).toContain('styles:read');
    expect(line).not.toContain('tokens:write');
  });
});
