// Every ```console block in the README and the guides (and any package README) runs, and prints
// what it shows. A block is commands (`$ …`) each followed by the output it shows, and `[exit N]`
// when it does not exit 0. In the output, `…` alone stands for any lines, and within a line for any
// text (a seed, a timing). The package scripts are run as the CLIs they end in (`pnpm conformance`
// is `node conformance/dist/cli.js` once built: turbo has built it before this test), from the
// repository's root, with SIMULATOR_URL set to a simulator this test starts.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs', 'guides')).map((file) => join('docs', 'guides', file)),
  ...['packages/types', 'packages/contract', 'packages/client', 'packages/simulator', 'conformance', 'evolution'].map((dir) =>
    join(dir, 'README.md'),
  ),
];

/** What the documents' commands stand for, run here. */
const COMMANDS: [string, string][] = [
  ['pnpm conformance', 'node conformance/dist/cli.js'],
  ['npx tokens-conformance', 'node conformance/dist/cli.js'],
  ['pnpm simulator', 'node packages/simulator/dist/cli.js'],
  ['npx tokens-simulator', 'node packages/simulator/dist/cli.js'],
];

interface Example {
  document: string;
  line: number;
  command: string;
  output: string[];
  exit: number;
}

function examples(document: string): Example[] {
  const text = readFileSync(join(root, document), 'utf8');
  const found: Example[] = [];
  for (const block of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    const line = text.slice(0, block.index).split('\n').length;
    for (const part of block[1]!.split(/^(?=\$ )/m).filter((p) => p.startsWith('$ '))) {
      const [command, ...rest] = part.trimEnd().split('\n');
      const exit = /^\[exit (\d+)\]$/.exec(rest.at(-1) ?? '');
      found.push({ document, line, command: command!.slice(2), output: exit ? rest.slice(0, -1) : rest, exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return found;
}

/** Whether `actual` is what `shown` shows: `…` alone is any lines, `…` within a line any text. */
function shows(shown: string[], actual: string[]): boolean {
  const line = (pattern: string) =>
    new RegExp(
      `^${pattern
        .split('…')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
  const patterns = shown.map((s) => (s === '…' ? undefined : line(s.trimEnd())));
  const memo = new Map<string, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = `${i} ${j}`;
    if (memo.has(key)) return memo.get(key)!;
    let result: boolean;
    if (i === patterns.length) result = j === actual.length;
    else if (patterns[i] === undefined) result = match(i + 1, j) || (j < actual.length && match(i, j + 1));
    else result = j < actual.length && patterns[i]!.test(actual[j]!.trimEnd()) && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ username: 'docs', rateLimit: false, log: () => {} });
});
afterAll(() => sim?.close());

const all = documents.flatMap(examples);

describe('the console blocks of the README and the guides', () => {
  it('finds them (the README shows a run)', () => {
    expect(all.filter((e) => e.document === 'README.md').length).toBeGreaterThan(0);
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it.each(all.map((e) => ({ name: `${relative(root, join(root, e.document))}:${e.line} $ ${e.command.slice(0, 60)}`, e })))(
    '$name',
    async ({ e }) => {
      const [shown, runs] = COMMANDS.find(([shown]) => e.command.startsWith(shown)) ?? ['', ''];
      const command = runs + e.command.slice(shown.length);
      // Not spawnSync: the simulator the command may talk to answers from this process.
      const child = spawn('bash', ['-c', `${command} 2>&1`], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, SIMULATOR_URL: sim.url, MAPBOX_ACCESS_TOKEN: '', MAPBOX_USERNAME: '', FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
      const result = { status, stdout };
      const actual = stripVTControlCharacters(result.stdout).trimEnd().split('\n');
      expect(result.status, `${e.document}:${e.line}\n${result.stdout}`).toBe(e.exit);
      expect(shows(e.output, actual), `${e.document}:${e.line} shows:\n${e.output.join('\n')}\n\nprinted:\n${actual.join('\n')}`).toBe(
        true,
      );
    },
  );
});

describe('the matcher', () => {
  it('takes … alone for any lines and within a line for any text, and nothing else', () => {
    expect(shows(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(shows(['a', '…', 'd'], ['a', 'd'])).toBe(true);
    expect(shows(['seed …: x'], ['seed 42: x'])).toBe(true);
    expect(shows(['a', 'd'], ['a', 'b', 'd'])).toBe(false);
    expect(shows(['1 issue'], ['4 issues'])).toBe(false);
    expect(shows(['a (b)'], ['a (b)'])).toBe(true);
  });
});
