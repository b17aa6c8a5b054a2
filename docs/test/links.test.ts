// Every relative link in the README, the guides and the package READMEs names a file that exists
// (the guides were the root README's sections once: a link moved with its text breaks silently).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const documents = [
  'README.md',
  'BENCHMARKS.md',
  ...readdirSync(join(root, 'docs', 'guides')).map((file) => join('docs', 'guides', file)),
  ...['packages/types', 'packages/contract', 'packages/client', 'packages/simulator', 'conformance', 'evolution'].map((dir) =>
    join(dir, 'README.md'),
  ),
];

describe('relative links', () => {
  it.each(documents.map((document) => ({ document })))('$document: every one resolves', ({ document }) => {
    const text = readFileSync(join(root, document), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/.test(t));
    const broken = targets.filter((target) => !existsSync(normalize(join(root, dirname(document), target))));
    expect(broken).toEqual([]);
  });
});
