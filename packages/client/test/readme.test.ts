// The README's examples run: its TypeScript blocks, in order, as one module, against a simulator.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const dir = fileURLToPath(new URL('./.readme/', import.meta.url));
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ username: 'readme', rateLimit: false, log: () => {} });
  process.env.BASE_URL = sim.url;
  process.env.MAPBOX_ACCESS_TOKEN = sim.token;
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

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

it('runs every example', async () => {
  mkdirSync(dir, { recursive: true });
  // The package's own source stands in for the installed package.
  const module = `${blocks.join('\n').replace(/from '@tokens-kit\/client'/g, "from '../../src/index.js'")}\nexport const ran = true;\n`;
  writeFileSync(`${dir}examples.ts`, module);
  const log = console.log;
  console.log = () => {};
  try {
    const imported = await import(`${dir}examples.ts`);
    expect(imported.ran).toBe(true);
  } finally {
    console.log = log;
  }
  // The examples created, renamed and deleted a token: the account shows it.
  const notes = [...sim.state.accounts.get('readme')!.tokens.values()].map((t) => t.note);
  expect(notes).not.toContain('My website (prod)');
  expect(sim.state.accounts.get('readme')!.revoked.size).toBe(1);
});
