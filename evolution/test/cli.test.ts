// The CLI in a repository of its own: a small workspace (the spec's types, a client on them, a
// private tool) on a branch off main, the bundled spec changed commit by commit, and the verdicts
// of `diff` and `check` at each step.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bundled = readFileSync(new URL('../../spec/dist/openapi.json', import.meta.url), 'utf8');
const repo = mkdtempSync(join(tmpdir(), 'contract-evolution-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const write = (file: string, content: string) => {
  mkdirSync(join(repo, file, '..'), { recursive: true });
  writeFileSync(join(repo, file), content);
};
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
};
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const editSpec = (mutate: (doc: any) => void) => {
  const doc = JSON.parse(readFileSync(join(repo, 'spec/dist/openapi.json'), 'utf8'));
  mutate(doc);
  write('spec/dist/openapi.json', JSON.stringify(doc, null, 2));
};
const changeset = (name: string, bumps: Record<string, string>, summary: string) =>
  write(
    `.changeset/${name}.md`,
    `---\n${Object.entries(bumps)
      .map(([p, b]) => `"${p}": ${b}`)
      .join('\n')}\n---\n\n${summary}\n`,
  );
const pkg = (dir: string, manifest: object) => write(`${dir}/package.json`, JSON.stringify(manifest));

beforeAll(() => {
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'kit@example.invalid');
  git('config', 'user.name', 'kit');
  pkg('.', { name: 'fixture', private: true });
  write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n');
  pkg('packages/types', { name: '@tokens-kit/types', version: '1.0.0' });
  pkg('packages/client', { name: '@tokens-kit/client', version: '1.0.0', dependencies: { '@tokens-kit/types': 'workspace:*' } });
  pkg('packages/tool', { name: 'tool', version: '0.0.0', private: true, dependencies: { '@tokens-kit/client': 'workspace:*' } });
  write('.changeset/config.json', JSON.stringify({ changelog: false, commit: false, baseBranch: 'main', access: 'public' }));
  write('spec/dist/openapi.json', bundled);
  commit('base');
  git('checkout', '-q', '-b', 'feature');
});

describe('contract-evolution on a branch', () => {
  it('passes while the spec is as it was on main', () => {
    const diff = run('diff');
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/since [0-9a-f]{12} \(the merge base with main\): 0 breaking, 0 non-breaking, 0 annotation/);
    expect(run('check').code).toBe(0);
  });

  it('fails a breaking spec change that has no changeset, and names what to do', () => {
    editSpec((d) => d.components.schemas.TokenUsage.enum.push('xk'));
    commit('spec: a new usage');
    const diff = run('diff');
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/BREAKING \(3 causes\)/);
    expect(diff.out).toMatch(/may now be "xk": code that switches over its values breaks/);
    const check = run('check');
    expect(check.code).toBe(1);
    expect(check.out).toMatch(
      /FAIL a spec change has a changeset: .*no changeset since then names a package it reaches \(@tokens-kit\/client, @tokens-kit\/types\): run `pnpm changeset`/,
    );
  });

  it('fails when the changesets bump less than major for a package the breaking change reaches', () => {
    changeset('usage-xk', { '@tokens-kit/types': 'major', '@tokens-kit/client': 'minor' }, 'A new token usage, xk.');
    commit('changeset: minor');
    const check = run('check', '--junit', 'reports/check.xml');
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/ok {3}major bump declared for @tokens-kit\/types/);
    expect(check.out).toMatch(
      /FAIL major bump declared for @tokens-kit\/client: 3 breaking change\(s\) reach @tokens-kit\/client, .*declared: minor/,
    );
    const junit = readFileSync(join(repo, 'reports/check.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="contract-check" tests="\d+" failures="1">/);
    expect(junit).toMatch(/<testcase classname="contract-check" name="major bump declared for @tokens-kit\/client">\s*<failure/);
  });

  it('passes once every package the spec reaches is declared major (the private tool is not asked)', () => {
    changeset('usage-xk', { '@tokens-kit/types': 'major', '@tokens-kit/client': 'major' }, 'A new token usage, xk.');
    commit('changeset: major');
    const check = run('check', '--junit', 'reports/check.xml');
    expect(check.code, check.out).toBe(0);
    expect(check.out).not.toMatch(/tool/);
    expect(readFileSync(join(repo, 'reports/check.xml'), 'utf8')).toMatch(/<testsuite name="contract-check" tests="\d+" failures="0">/);
  });

  it('takes the latest release tag as the base when there is one', () => {
    git('tag', '@tokens-kit/types@2.0.0');
    editSpec((d) => (d.info.description += '\n\nA clarification.'));
    commit('spec: words');
    const diff = run('diff', '--json', 'reports/diff.json');
    expect(diff.code).toBe(0);
    expect(diff.out).toMatch(/since @tokens-kit\/types@2\.0\.0 \(the latest release tag\): 0 breaking, 0 non-breaking, 1 annotation/);
    expect(JSON.parse(readFileSync(join(repo, 'reports/diff.json'), 'utf8')).summary).toEqual({
      breaking: 0,
      nonBreaking: 0,
      annotation: 1,
    });
    // An annotation is still a change of the spec: it needs a changeset too.
    expect(run('check').code).toBe(1);
    changeset('words', { '@tokens-kit/types': 'patch' }, 'Clearer words.');
    commit('changeset: patch');
    expect(run('check').code).toBe(0);
  });

  it('says clearly what is wrong with its input', () => {
    const badRef = run('diff', 'no-such-ref');
    expect(badRef.code).toBe(2);
    expect(badRef.err).toBe('contract-evolution: "no-such-ref" is not a commit, branch or tag of this repository\n');
    write('garbage.json', '{"not": "a spec"}');
    const garbage = run('diff', '--before', 'garbage.json');
    expect(garbage.code).toBe(2);
    expect(garbage.err).toMatch(/garbage\.json is not an OpenAPI document/);
    const usage = run('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/unknown command "frobnicate"[\s\S]*Usage:/);
    expect(run('check', '--before', 'x.json').err).toMatch(/--before, --after and --json belong to diff/);
    const outside = spawnSync(process.execPath, [cli, 'diff'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/is not inside a git checkout/);
    for (const r of [badRef, garbage, usage]) expect(r.err).not.toMatch(/\bat .*\.js:\d+/);
  });
});
