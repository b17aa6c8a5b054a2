// The kit as another team installs it: every publishable package packed as pnpm publishes it, the
// tarballs installed with plain npm into an empty folder outside the workspace (so none of the
// workspace's pnpm overrides apply), and then what the READMEs promise: `npx tokens-conformance`
// conforms, `npx tokens-simulator --port 0` prints its URL, and the client, type-checked under
// node16 and bundler resolution, makes real calls.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAll, publishablePackages } from '../src/workspace.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'tokens-kit-consumer-'));
const consumer = join(scratch, 'consumer');
const packages = publishablePackages();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

beforeAll(async () => {
  const tarballs = await packAll(packages, join(scratch, 'tarballs'));
  cpSync(fileURLToPath(new URL('../fixture', import.meta.url)), consumer, { recursive: true });
  // Only the tarballs, as dependencies: no overrides, no workspace, no lockfile. The packages'
  // dependencies on each other (exact versions) resolve to these same tarballs, as npm dedupes them.
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({
      name: 'tokens-kit-consumer-fixture',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
      devDependencies: { typescript: '5.9.3' },
    }),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer, maxBuffer: 16 << 20 });
}, 300_000);

describe('a consumer outside the workspace', () => {
  it("gets Prism's internal packages at releases that run on this Node, without any override", () => {
    const versionOf = (name: string) => JSON.parse(readFileSync(join(consumer, 'node_modules', name, 'package.json'), 'utf8'));
    for (const name of ['@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server']) {
      const { version, engines } = versionOf(name);
      const minimum = /(\d+)\.(\d+)/.exec(engines?.node ?? '0.0')!;
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      expect(
        major > Number(minimum[1]) || (major === Number(minimum[1]) && minor >= Number(minimum[2])),
        `${name}@${version} needs Node ${engines?.node}`,
      ).toBe(true);
    }
  });

  it('runs `npx tokens-conformance` against the embedded targets, and it conforms', async () => {
    const { stdout } = await run('npx', ['--no-install', 'tokens-conformance'], { cwd: consumer, maxBuffer: 16 << 20, timeout: 180_000 });
    expect(stdout).toMatch(/^\d+ passed, 0 failed, 0 known drift, \d+ n\/a/m);
    expect(Number(/^(\d+) passed/m.exec(stdout)![1])).toBeGreaterThan(40);
  }, 200_000);

  it('starts `npx tokens-simulator --port 0`, which prints its URL, and the installed client calls it', async () => {
    // Its own process group: npx starts the simulator as a child of its own, and the whole group
    // must stop with the test (a signal to npx alone would leave the simulator running).
    const child = spawn('npx', ['--no-install', 'tokens-simulator', '--port', '0'], {
      cwd: consumer,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`tokens-simulator exited ${code}`)));
      });
      const started = JSON.parse(line) as { url: string; username: string; token: string };
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const tsc = join(consumer, 'node_modules', '.bin', 'tsc');
      await run(tsc, ['-p', 'tsconfig.bundler.json'], { cwd: consumer });
      await run(tsc, ['-p', 'tsconfig.node16.json'], { cwd: consumer });
      const { stdout } = await run(process.execPath, ['dist/main.js'], {
        cwd: consumer,
        env: { ...process.env, BASE_URL: started.url, MAPBOX_ACCESS_TOKEN: started.token },
      });
      expect(JSON.parse(stdout)).toEqual({
        usage: 'pk',
        user: started.username,
        listed: true,
        kind: 'InvalidStart',
        rows: 13,
        matched: 'listTokens',
      });
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
  }, 120_000);
});
