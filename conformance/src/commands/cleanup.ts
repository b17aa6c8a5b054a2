// `tokens-conformance cleanup`: deletes the tokens earlier runs left on a live account — only
// those whose note carries a run's tag; nothing else is touched.
import { cleanupTagged } from '../engine/cleanup.js';
import type { CliOptions } from './args.js';
import { err, out } from './io.js';

export async function cleanup(options: CliOptions): Promise<number> {
  const { deleted, listed } = await cleanupTagged({ ...options.live!, log: err });
  out(
    `Listed ${listed} token(s); deleted ${deleted.length} left by earlier conformance runs${deleted.length ? `: ${deleted.join(', ')}` : ''}.`,
  );
  return 0;
}
