// The workspace's publishable packages (every package.json without "private": true under the
// folders pnpm-workspace.yaml names), and packing them as pnpm publishes them (workspace:
// ranges replaced by versions).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  private: boolean;
  bin: Record<string, string>;
}

/** The package folders a workspace holds, from its pnpm-workspace.yaml's `packages` globs (`dir` or `dir/*`). */
function workspaceDirs(root: string): string[] {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\n((?:\s+-\s+.+\n)+)/m.exec(yaml)?.[1] ?? '';
  const globs = [...block.matchAll(/-\s+['"]?([^'"\n]+)['"]?/g)].map((m) => m[1]!.trim());
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(root, glob)];
    const parent = join(root, glob.slice(0, -2));
    return readdirSync(parent).map((entry) => join(parent, entry));
  });
}

export function workspacePackages(root = repoRoot): WorkspacePackage[] {
  return workspaceDirs(root)
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .map(({ dir, manifest }) => ({
      name: manifest.name,
      version: manifest.version,
      dir,
      private: manifest.private === true,
      bin: manifest.bin ?? {},
    }));
}

export const publishablePackages = (root = repoRoot): WorkspacePackage[] => workspacePackages(root).filter((p) => !p.private);

/** Packs each package into `destination` with `pnpm pack`; returns name → tarball path. */
export async function packAll(packages: WorkspacePackage[], destination: string): Promise<Record<string, string>> {
  mkdirSync(destination, { recursive: true });
  const tarballs: Record<string, string> = {};
  await Promise.all(
    packages.map(async (pkg) => {
      const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.dir });
      const file = (JSON.parse(stdout) as { filename: string }).filename;
      tarballs[pkg.name] = file.startsWith('/') ? file : join(destination, file);
    }),
  );
  return tarballs;
}
