// Reproductions: every failure exploration found, at its minimal case, written to a file; and
// `tokens-conformance replay FILE` re-sending that case (after creating the token it addresses,
// where it addresses one) to the target it failed on, or another (--base-url), and checking again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Behaviour } from '../catalogue/types.js';
import type { BehaviourResult } from '../engine/behaviour-runner.js';
import { runTarget } from '../engine/run-target.js';
import type { Reproduction } from '../engine/steps.js';
import { targetTokenStep } from './cases.js';
import { table } from '../output/table.js';
import { redact } from '../redact.js';
import { checkBaseUrl, liveTarget, mockTarget, simulatorTarget, type Target } from '../targets.js';

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

class ReplayError extends Error {}

export function readReproduction(file: string): Reproduction {
  let parsed: Partial<Reproduction>;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ReplayError(`replay ${file}: cannot read it (${reason})`);
  }
  if (parsed?.kind !== 'tokens-conformance reproduction' || parsed.version !== 1 || typeof parsed.case?.op !== 'string')
    throw new ReplayError(`replay ${file}: not a reproduction written by tokens-conformance (see --replay-dir)`);
  return parsed as Reproduction;
}

/** The behaviour that re-sends a reproduction's case. */
export function replayBehaviour(reproduction: Reproduction): Behaviour {
  return {
    id: `replay-${reproduction.behaviour}`,
    title: `Replay of ${reproduction.behaviour}: ${reproduction.expected}`,
    source: { seed: 'reference', quote: '' },
    needs: ['validation'],
    steps: [
      ...(reproduction.case.tokenId === 'target' ? [targetTokenStep('replay')] : []),
      { kind: 'case', name: 'replay', case: reproduction.case },
    ],
  };
}

async function targetFor(reproduction: Reproduction, options: { baseUrl?: string; token?: string }): Promise<Target> {
  if (options.baseUrl || reproduction.target === 'live') {
    const baseUrl = checkBaseUrl(options.baseUrl ?? reproduction.baseUrl);
    if (!options.token)
      throw new ReplayError('replay against a live server needs an access token: pass --token or set MAPBOX_ACCESS_TOKEN');
    return liveTarget({ baseUrl, token: options.token, username: reproduction.username });
  }
  // The embedded targets are started anew: the run that found the failure has stopped them.
  return reproduction.target === 'mock' ? mockTarget() : simulatorTarget();
}

/** Re-sends a reproduction; 1 when the failure is there again, 0 when it is not, 2 on a bad file or option. */
export async function replay(file: string, options: { baseUrl?: string; token?: string; say: (line: string) => void }): Promise<number> {
  let reproduction: Reproduction;
  let target: Target;
  try {
    reproduction = readReproduction(file);
    target = await targetFor(reproduction, options);
  } catch (error) {
    if (error instanceof ReplayError || /--base-url/.test((error as Error).message)) {
      process.stderr.write(`tokens-conformance: ${redact((error as Error).message)}\n`);
      return 2;
    }
    throw error;
  }
  try {
    options.say(
      `Replaying ${reproduction.behaviour} (seed ${reproduction.seed}, found on ${reproduction.target}) against ${target.name} ${target.baseUrl}`,
    );
    options.say(`  was: ${reproduction.expected}`);
    const results = await runTarget(target, { behaviours: [replayBehaviour(reproduction)], explore: { runs: 0 } });
    options.say(redact(table(results), [target.token]));
    const failed = results.some((r) => r.status === 'fail');
    options.say(failed ? 'The failure is reproduced.' : 'The failure is gone: the case passes now.');
    return failed ? 1 : 0;
  } finally {
    await target.close();
  }
}
