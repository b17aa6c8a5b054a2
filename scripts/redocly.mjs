// Runs a package's own Redocly CLI (bundle, build-docs): shared by the spec's build and the docs'.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Runs the package's own redocly in `cwd`; a failure carries redocly's message, not our stack. */
export async function redocly(cwd, args) {
  try {
    await promisify(execFile)(join(cwd, 'node_modules', '.bin', 'redocly'), args, {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 << 20,
    });
  } catch (error) {
    throw new Error(`redocly ${args[0]} failed:\n${error.stderr || error.message}`);
  }
}
