// The spec as it was at a git ref: the ref a comparison starts from by default (the latest release
// tag, else where this branch left main) and the bundled document at that ref.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from './json.js';

/** Where the bundled document lives in the repository (what consumers read). */
export const BUNDLED_SPEC = 'spec/dist/openapi.json';

/** A problem the caller can fix (a bad ref, no git): printed as it is, never as a stack. */
export class EvolutionError extends Error {}

const git = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).trim();

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args) || undefined;
  } catch {
    return undefined;
  }
}

/** The repository's top folder, or a clear error outside one. */
export function repoRoot(cwd: string): string {
  const top = tryGit(cwd, ['rev-parse', '--show-toplevel']);
  if (!top) throw new EvolutionError(`${cwd} is not inside a git checkout: a comparison needs the spec's history`);
  return top;
}

/**
 * The ref a comparison starts from: the latest release tag reachable from HEAD (changesets tags a
 * release `@tokens-kit/<package>@<version>`), else the merge base with main (origin/main first).
 */
export function defaultBaseRef(cwd: string): { ref: string; why: string } {
  const tag = tryGit(cwd, ['describe', '--tags', '--abbrev=0', '--match', '@tokens-kit/*@*', 'HEAD']);
  if (tag) return { ref: tag, why: 'the latest release tag' };
  for (const main of ['origin/main', 'main']) {
    const base = tryGit(cwd, ['merge-base', 'HEAD', main]);
    if (base) return { ref: base, why: `the merge base with ${main}` };
  }
  throw new EvolutionError('no release tag and no main branch to compare with: name a ref (a tag, a branch or a commit)');
}

/** The bundled document at `ref`. */
export function documentAt(cwd: string, ref: string): Json {
  if (!tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))
    throw new EvolutionError(`"${ref}" is not a commit, branch or tag of this repository`);
  const text = tryGit(cwd, ['show', `${ref}:${BUNDLED_SPEC}`]);
  if (!text) throw new EvolutionError(`${ref} has no ${BUNDLED_SPEC} to compare with`);
  return parseDocument(text, `${ref}:${BUNDLED_SPEC}`);
}

/** The bundled document in the working tree (as the last build left it). */
export const currentDocument = (root: string): Json => readDocument(join(root, BUNDLED_SPEC));

export const readDocument = (file: string): Json => parseDocument(readText(file), file);

/** A JSON file, or a clear error. */
export const readJson = (file: string): Json => parseJson(readText(file), file);

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new EvolutionError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parseJson(text: string, name: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new EvolutionError(`${name} is not JSON: ${(error as Error).message}`);
  }
}

function parseDocument(text: string, name: string): Json {
  const doc: unknown = parseJson(text, name);
  if (!doc || typeof doc !== 'object' || typeof (doc as Json).openapi !== 'string' || typeof (doc as Json).paths !== 'object')
    throw new EvolutionError(`${name} is not an OpenAPI document (no "openapi" version or "paths")`);
  return doc as Json;
}

/** The split spec's files at `ref`, read from git (for where a removed part was). */
export const sourcesAt =
  (cwd: string, ref: string) =>
  (path: string): string | undefined =>
    tryGit(cwd, ['show', `${ref}:${path}`]);

/** The split spec's files in the working tree. */
export const workingSources =
  (root: string) =>
  (path: string): string | undefined => {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  };
