// The CI gate between the spec and the version numbers: a spec change needs a changeset, and a
// breaking one needs a major bump of every package the spec reaches. The packages it reaches are
// read off the workspace (every publishable package whose dependencies lead to @tokens-kit/types,
// which is generated from the spec), not listed here.
import getReleasePlan from '@changesets/get-release-plan';
import { getPackages } from '@manypkg/get-packages';
import { type ContractChange, summarise } from './diff.js';
import type { JunitCase } from './junit.js';

/** The package generated from the spec: whatever depends on it carries the spec's facts. */
export const SPEC_TYPES_PACKAGE = '@tokens-kit/types';

export interface GateCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface GateVerdict {
  ok: boolean;
  checks: GateCheck[];
  /** The publishable packages the spec reaches. */
  affected: string[];
  /** Bump types the changesets since the base declare, by package. */
  declared: Record<string, string[]>;
}

/** Publishable packages whose runtime dependencies lead to the spec's types (and the types themselves). */
export async function packagesReachedBySpec(root: string): Promise<string[]> {
  const { packages } = await getPackages(root);
  const deps = new Map(
    packages.map((p) => [
      p.packageJson.name,
      Object.keys({ ...(p.packageJson.dependencies ?? {}), ...(p.packageJson.peerDependencies ?? {}) }),
    ]),
  );
  const reaches = (name: string, seen = new Set<string>()): boolean => {
    if (name === SPEC_TYPES_PACKAGE) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return (deps.get(name) ?? []).some((d) => deps.has(d) && reaches(d, seen));
  };
  return packages
    .filter((p) => p.packageJson.private !== true && reaches(p.packageJson.name))
    .map((p) => p.packageJson.name)
    .sort();
}

/** The changesets added since `base` (committed or staged; changesets reads them with git diff). */
export async function declaredSince(root: string, base: string): Promise<{ declared: Record<string, string[]>; count: number }> {
  const plan = await getReleasePlan(root, base);
  const declared: Record<string, string[]> = {};
  for (const changeset of plan.changesets)
    for (const release of changeset.releases) declared[release.name] = [...new Set([...(declared[release.name] ?? []), release.type])];
  return { declared, count: plan.changesets.length };
}

export async function gate(options: {
  root: string;
  base: string;
  /** How the base is named in the verdict (a short commit, a tag). Default: `base`. */
  label?: string;
  specChanged: boolean;
  changes: readonly ContractChange[];
}): Promise<GateVerdict> {
  const affected = await packagesReachedBySpec(options.root);
  const { declared, count } = await declaredSince(options.root, options.base);
  const checks: GateCheck[] = [];
  const at = options.label ?? options.base;
  const named = affected.filter((name) => declared[name]?.length);
  checks.push({
    name: 'a spec change has a changeset',
    ok: !options.specChanged || named.length > 0,
    detail: !options.specChanged
      ? `the bundled spec is as it was at ${at}`
      : named.length
        ? `${count} changeset(s) since ${at} name ${named.join(', ')}`
        : `the bundled spec changed since ${at}, and no changeset since then names a package it reaches (${affected.join(', ')}): run \`pnpm changeset\` and commit the file it writes`,
  });
  const { breaking } = summarise(options.changes);
  for (const name of affected) {
    const major = declared[name]?.includes('major') ?? false;
    checks.push({
      name: `major bump declared for ${name}`,
      ok: breaking === 0 || major,
      detail:
        breaking === 0
          ? 'no breaking change: any bump will do'
          : major
            ? `${breaking} breaking change(s); a changeset declares major`
            : `${breaking} breaking change(s) reach ${name}, and no changeset since ${at} declares a major bump for it (declared: ${declared[name]?.join(', ') || 'none'})`,
    });
  }
  return { ok: checks.every((c) => c.ok), checks, affected, declared };
}

export const gateCases = (verdict: GateVerdict): JunitCase[] =>
  verdict.checks.map((c) => ({ name: c.name, classname: 'contract-check', ...(c.ok ? {} : { failure: c.detail }) }));
