// Reproductions on disk: each failure's minimal case as one JSON file, for `tokens-conformance replay`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BehaviourResult } from '../model/result.js';

/** Writes each result's reproductions as one JSON file each; returns their paths. */
export function writeReproductions(results: readonly BehaviourResult[], dir: string, runId: string): string[] {
  const files: string[] = [];
  for (const r of results)
    for (const [i, reproduction] of r.reproductions.entries()) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${runId}-${r.target}-${r.id}${i ? `-${i + 1}` : ''}.json`);
      writeFileSync(file, `${JSON.stringify(reproduction, null, 2)}\n`);
      files.push(file);
    }
  return files;
}
