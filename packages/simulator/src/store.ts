// State that survives a restart (`--state FILE`): the snapshot written after each change — to a
// temporary file renamed over the old one, so a crash never leaves half a file — and loaded at
// start. A corrupt or foreign file is a clear error, never a silently empty simulator. The file
// holds tokens and the signing key: it is written readable by its owner only. Node only.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { checkSnapshot, type StateSnapshot, StateFileError, type StateStore } from './snapshot.js';

/** The snapshot in `file`, or undefined when there is no file yet. */
function readSnapshot(file: string): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StateFileError(`state file ${file} is corrupt (not JSON: ${(error as Error).message}); move it away to start afresh`);
  }
  if ((parsed as { kind?: unknown } | null)?.kind !== 'tokens-simulator state') {
    throw new StateFileError(`state file ${file} is not a tokens-simulator state file; refusing to overwrite it`);
  }
  return checkSnapshot(parsed, `state file ${file}`, '; move it away to start afresh');
}

/** Writes the snapshot atomically: a temporary file beside it, renamed over it. */
function writeSnapshot(file: string, snapshot: StateSnapshot): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** A store in a file. */
export function fileStore(file: string): StateStore {
  return { read: () => readSnapshot(file), write: (snapshot) => writeSnapshot(file, snapshot) };
}
