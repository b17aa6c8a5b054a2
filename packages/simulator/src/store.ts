// State that survives a restart (`--state FILE`): the snapshot written after each change — to a
// temporary file renamed over the old one, so a crash never leaves half a file — and loaded at
// start. A corrupt or foreign file is a clear error, never a silently empty simulator. The file
// holds tokens and the signing key: it is written readable by its owner only. Node only.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkSnapshot, type StateSnapshot, StateFileError, type StateStore } from './snapshot.js';

/** The snapshot in `file`, or undefined when there is no file yet. */
function readSnapshot(file: string): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  if (statSync(file).isDirectory())
    throw new StateFileError(`state file ${file} is a directory: give the path of a file (it is created when missing)`);
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
  try {
    writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    // Said in words: which folder is missing or not writable, not a raw ENOENT on a temporary name.
    const code = (error as NodeJS.ErrnoException).code;
    const folder = dirname(file);
    const why =
      code === 'ENOENT'
        ? `its folder ${folder} does not exist`
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? `its folder ${folder} is not writable`
          : code === 'EISDIR'
            ? 'it is a directory'
            : (error as Error).message;
    throw new StateFileError(`cannot write the state file ${file}: ${why}`);
  }
}

/** A store in a file. */
export function fileStore(file: string): StateStore {
  return { read: () => readSnapshot(file), write: (snapshot) => writeSnapshot(file, snapshot) };
}
