// A team's baseline: findings it has accepted, by their stable keys. `--update-baseline` writes
// the run's findings that no register entry explains; `--baseline FILE` accepts them on later runs
// and reports the ones that are gone.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ClassifiedFinding } from '../model/findings.js';

interface BaselineFile {
  kind: 'tokens-conformance baseline';
  version: 1;
  findings: { key: string; expected: string }[];
}

/** Reads a baseline; a missing, unreadable or foreign file is a clear error. */
export function readBaseline(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`--baseline ${file}: cannot read it (${reason})`);
  }
  const baseline = parsed as Partial<BaselineFile>;
  if (baseline?.kind !== 'tokens-conformance baseline' || baseline.version !== 1 || !Array.isArray(baseline.findings)) {
    throw new Error(`--baseline ${file}: not a tokens-conformance baseline (write one with --update-baseline)`);
  }
  return new Map(baseline.findings.filter((f) => typeof f?.key === 'string').map((f) => [f.key, String(f.expected ?? '')]));
}

/** Writes the findings no register entry explains, as the baseline later runs accept. */
export async function writeBaseline(file: string, findings: readonly ClassifiedFinding[]): Promise<number> {
  const unexplained = new Map<string, string>();
  for (const f of findings) if (f.class !== 'known') unexplained.set(f.key, f.expected);
  const content: BaselineFile = {
    kind: 'tokens-conformance baseline',
    version: 1,
    findings: [...unexplained].sort(([a], [b]) => a.localeCompare(b)).map(([key, expected]) => ({ key, expected })),
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
  return unexplained.size;
}
