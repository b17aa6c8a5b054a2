// The kit as another team installs it: tarballs installed with plain npm into an empty folder
// outside the workspace (so none of the workspace's pnpm overrides apply), type-checked under
// node16 and bundler resolution, and then what the READMEs promise.
import { execFile, spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('../fixture', import.meta.url));

/** The client README's ```ts blocks, in order (the README as it ships in the tarball). */
const readmeBlocks = (readme: string) => [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

/**
 * Installs the tarballs into `consumer` (a new folder): the fixture's code, and the client README's
 * examples as `src/readme-example.ts`, so that both are type-checked and run as a consumer's code.
 */
export async function installConsumer(consumer: string, tarballs: Record<string, string>): Promise<void> {
  cpSync(fixture, consumer, { recursive: true });
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
  const readme = readFileSync(join(consumer, 'node_modules', '@tokens-kit', 'client', 'README.md'), 'utf8');
  writeFileSync(
    join(consumer, 'src', 'readme-example.ts'),
    `// The client README's examples, as shipped.\ndeclare const process: { env: Record<string, string | undefined> };\n${readmeBlocks(readme).join('\n')}\nexport {};\n`,
  );
}

/** tsc under bundler (no emit) and node16 (emits dist/) resolution. */
export async function typecheckConsumer(consumer: string): Promise<void> {
  const tsc = join(consumer, 'node_modules', '.bin', 'tsc');
  await run(tsc, ['-p', 'tsconfig.bundler.json'], { cwd: consumer });
  await run(tsc, ['-p', 'tsconfig.node16.json'], { cwd: consumer });
}

/** `npx tokens-conformance` against the embedded targets: its output. */
export async function runConformance(consumer: string): Promise<string> {
  const { stdout } = await run('npx', ['--no-install', 'tokens-conformance'], { cwd: consumer, maxBuffer: 16 << 20, timeout: 180_000 });
  return stdout;
}

/** Runs `fn` with `npx tokens-simulator --port 0` started (and stopped after, its whole process group). */
export async function withSimulator<T>(consumer: string, fn: (started: { url: string; username: string; token: string }) => Promise<T>) {
  // Its own process group: npx starts the simulator as a child of its own, and the whole group
  // must stop with the caller (a signal to npx alone would leave the simulator running).
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
    return await fn(JSON.parse(line));
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
  }
}

/** Runs one of the consumer's compiled modules (dist/NAME.js) against a server: its stdout. */
export async function runConsumerModule(consumer: string, name: string, server: { url: string; token: string }): Promise<string> {
  const { stdout } = await run(process.execPath, [`dist/${name}.js`], {
    cwd: consumer,
    env: { ...process.env, BASE_URL: server.url, MAPBOX_ACCESS_TOKEN: server.token },
  });
  return stdout;
}
