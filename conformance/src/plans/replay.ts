// A reproduction file — a failure exploration found, at its minimal case — read back and made
// into the behaviour that re-sends that case (after creating the token it addresses, where it
// addresses one). `tokens-conformance replay` runs it (commands/replay.ts).
import { readFileSync } from 'node:fs';
import type { GeneratedBehaviour } from '../model/behaviour.js';
import type { Reproduction } from '../model/result.js';
import { targetTokenStep } from './explore/cases.js';

/** A reproduction file that cannot be read, or is not one. */
export class ReplayError extends Error {}

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
export function replayBehaviour(reproduction: Reproduction): GeneratedBehaviour {
  return {
    id: `replay-${reproduction.behaviour}`,
    title: `Replay of ${reproduction.behaviour}: ${reproduction.expected}`,
    origin: 'generated',
    generator: 'replay',
    needs: ['validation'],
    steps: [
      ...(reproduction.case.tokenId === 'target' ? [targetTokenStep('replay')] : []),
      { kind: 'case', name: 'replay', case: reproduction.case },
    ],
  };
}
