#!/usr/bin/env node
// tokens-conformance: one parser (commands/args.ts), one handler per command (commands/*.ts).
// Exit: 0 conforms, 1 drift, 2 usage error, 130/143 interrupted.
import { type CliOptions, parse, UsageError } from './commands/args.js';
import { COMMANDS, type Command, helpOf } from './commands/help.js';
import { err, out } from './commands/io.js';
import { redact } from './model/redact.js';

type Handler = (options: CliOptions) => Promise<number>;
// Each command's module is loaded when it runs: the main job's start-up loads only what a run needs.
const handlers: Record<Command, () => Promise<Handler>> = {
  run: async () => (await import('./commands/run.js')).run,
  cleanup: async () => (await import('./commands/cleanup.js')).cleanup,
  proxy: async () => (await import('./commands/proxy.js')).proxy,
  replay: async () => (await import('./commands/replay.js')).replayCommand,
  'check-har': async () => (await import('./commands/check-har.js')).checkHar,
};

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // The one sentence that matters, and where the help is.
    const name = error.command === 'run' ? '' : ` ${error.command}`;
    err(`tokens-conformance${name}: ${redact(error.message)}`);
    err(`Usage: ${COMMANDS[error.command].synopsis}   (tokens-conformance${name} --help for the options)`);
    return 2;
  }
  if (options.help) {
    out(helpOf(options.command));
    return 0;
  }
  return (await handlers[options.command]())(options);
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    err(`tokens-conformance: ${redact(error.message)}`);
    process.exit(1);
  },
);
