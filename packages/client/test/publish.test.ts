// What other teams install is publishable: publint --strict and "are the types wrong" are clean,
// and a consumer outside the workspace installs the npm pack tarballs, type-checks under
// moduleResolution node16 and bundler, and runs a real call.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSimulator } from '@tokens-kit/simulator';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const bin = (name: string) => here(`../node_modules/.bin/${name}`);
const packages = { client: here('..'), types: here('../../types') };
const scratch = mkdtempSync(join(tmpdir(), 'tokens-kit-publish-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(Object.entries(packages))('@tokens-kit/%s', (_name, dir) => {
  it('passes publint --strict', async () => {
    const { stdout } = await run(bin('publint'), ['--strict', dir]);
    expect(stdout).toContain('All good!');
  });

  it('has no "are the types wrong" problem for an ESM-only package', async () => {
    // The esm-only profile leaves out CommonJS resolution (this package ships ESM only, which
    // Node >= 20.19 can also require()); attw exits non-zero on any remaining problem.
    const { stdout } = await run(bin('attw'), ['--pack', dir, '--profile', 'esm-only', '--no-color'], { maxBuffer: 16 << 20 });
    expect(stdout).toContain("ignoring resolutions: 'node10', 'node16-cjs'");
    const flagged = stdout.split('\n').filter((line) => /❌|⚠️|💀/.test(line) && !/\(ignored/.test(line));
    expect(flagged).toEqual([]);
  });
});

describe('a consumer outside the workspace', () => {
  it('installs the tarballs, type-checks under node16 and bundler, and makes a real call', async () => {
    const tarballs = join(scratch, 'tarballs');
    for (const dir of Object.values(packages)) await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir });
    const tgz = (name: string) => join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(`tokens-kit-${name}-`))!);
    const consumer = join(scratch, 'consumer');
    cpSync(here('../fixture'), consumer, { recursive: true });
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'tokens-kit-consumer-fixture',
        private: true,
        type: 'module',
        dependencies: { '@tokens-kit/client': `file:${tgz('client')}`, '@tokens-kit/types': `file:${tgz('types')}` },
        devDependencies: { typescript: '5.9.3' },
        overrides: { '@tokens-kit/types': `file:${tgz('types')}` },
      }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: consumer });
    const tsc = join(consumer, 'node_modules', '.bin', 'tsc');
    await run(tsc, ['-p', 'tsconfig.bundler.json'], { cwd: consumer });
    await run(tsc, ['-p', 'tsconfig.node16.json'], { cwd: consumer });

    const sim = await startSimulator({ username: 'consumer', rateLimit: false, log: () => {} });
    try {
      const { stdout } = await run(process.execPath, ['dist/main.js'], { cwd: consumer, env: { ...process.env, BASE_URL: sim.url, MAPBOX_ACCESS_TOKEN: sim.token } });
      expect(JSON.parse(stdout)).toEqual({ usage: 'pk', user: 'consumer', listed: true, kind: 'InvalidStart', rows: 13 });
    } finally {
      await sim.close();
    }
  }, 240_000);
});
