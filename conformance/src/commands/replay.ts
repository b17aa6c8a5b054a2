// `tokens-conformance replay FILE`: re-sends a failure's minimal case to the target it failed on
// (the embedded ones are started anew) or another (--base-url), through the same pipeline as a
// run; 1 when the failure is there again, 0 when it is gone, 2 on a bad file or option.
import { checkBaseUrl, liveTarget, mockTarget, simulatorTarget } from '../engine/targets.js';
import { redact } from '../model/redact.js';
import type { Reproduction } from '../model/result.js';
import type { Target } from '../model/target.js';
import { runTarget } from '../pipeline.js';
import { readReproduction, ReplayError, replayBehaviour } from '../plans/replay.js';
import { table } from '../reports/table.js';
import type { CliOptions } from './args.js';
import { err, out as stdout } from './io.js';

async function targetFor(reproduction: Reproduction, options: { baseUrl?: string; token?: string; timeoutMs?: number }): Promise<Target> {
  if (options.baseUrl || reproduction.target === 'live') {
    const baseUrl = checkBaseUrl(options.baseUrl ?? reproduction.baseUrl);
    if (!options.token)
      throw new ReplayError('replay against a live server needs an access token: pass --token or set MAPBOX_ACCESS_TOKEN');
    return liveTarget({
      baseUrl,
      token: options.token,
      username: reproduction.username,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }
  return reproduction.target === 'mock' ? mockTarget() : simulatorTarget();
}

/** Re-sends the reproduction in `file`; `say` prints each line (the library's face of the command). */
export async function replay(
  file: string,
  options: { baseUrl?: string; token?: string; timeoutMs?: number; say: (line: string) => void },
): Promise<number> {
  const out = options.say;
  let reproduction: Reproduction;
  let target: Target;
  try {
    reproduction = readReproduction(file);
    target = await targetFor(reproduction, options);
  } catch (error) {
    if (error instanceof ReplayError || /--base-url/.test((error as Error).message)) {
      err(`tokens-conformance: ${redact((error as Error).message)}`);
      return 2;
    }
    throw error;
  }
  try {
    out(
      `Replaying ${reproduction.behaviour} (seed ${reproduction.seed}, found on ${reproduction.target}) against ${target.name} ${target.baseUrl}`,
    );
    out(`  was: ${reproduction.expected}`);
    const results = await runTarget(target, { behaviours: [replayBehaviour(reproduction)], explore: { runs: 0 } });
    out(redact(table(results), [target.token]));
    const failed = results.some((r) => r.status === 'fail');
    out(failed ? 'The failure is reproduced.' : 'The failure is gone: the case passes now.');
    return failed ? 1 : 0;
  } finally {
    await target.close();
  }
}

export const replayCommand = (options: CliOptions) =>
  replay(options.file!, { baseUrl: options.baseUrlGiven, token: options.tokenGiven, timeoutMs: options.timeoutMs, say: stdout });
