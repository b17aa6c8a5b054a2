// What each command is, and the flags it reads: the help the CLI prints, and the table the
// parser (args.ts) refuses other flags by.
import { DEFAULT_BASE_URL, DEFAULT_LIVE_BUDGET, DOCUMENTED_RATE_LIMIT } from '../model/target.js';
import { DEFAULT_EXPLORE_RUNS, LIVE_EXPLORE } from '../plans/explore/behaviours.js';

/** The commands, each with its synopsis and the flags it reads. */
export const COMMANDS = {
  run: { synopsis: 'tokens-conformance [options]', file: false },
  cleanup: { synopsis: 'tokens-conformance cleanup --base-url URL --token TOKEN', file: false },
  proxy: { synopsis: 'tokens-conformance proxy --base-url URL [--port N]', file: false },
  replay: { synopsis: 'tokens-conformance replay FILE [--base-url URL --token TOKEN]', file: true },
  'check-har': { synopsis: 'tokens-conformance check-har FILE', file: true },
} as const;
export type Command = keyof typeof COMMANDS;

export const FLAGS = {
  target: {
    type: 'string',
    multiple: true,
    help: 'mock|simulator|live   targets to run (repeatable; default mock and simulator, or live with --base-url)',
  },
  'base-url': { type: 'string', help: `URL      a live server (https; http only for loopback). Default ${DEFAULT_BASE_URL}` },
  username: { type: 'string', help: "NAME     the account (default: MAPBOX_USERNAME, or the token's own user)" },
  token: { type: 'string', help: 'TOKEN       an access token with tokens:read and tokens:write (default: MAPBOX_ACCESS_TOKEN)' },
  budget: {
    type: 'string',
    help: `N          requests per minute against a live target (default ${DEFAULT_LIVE_BUDGET}: half the documented ${DOCUMENTED_RATE_LIMIT}, leaving production the rest; a 429 halves it for the rest of the run)`,
  },
  only: { type: 'string', help: 'ID[,ID…]     run only these behaviours' },
  report: {
    type: 'string',
    multiple: true,
    help: 'json=FILE  write a JSON report (repeatable: junit=FILE for JUnit XML, html=FILE for a page that works offline)',
  },
  strict: { type: 'boolean', help: '          fail on any drift, also drift the register of observed deviations explains' },
  baseline: { type: 'string', help: 'FILE     accept the findings FILE lists (written by --update-baseline); report those gone' },
  'update-baseline': { type: 'boolean', help: " write this run's findings that no register entry explains to the --baseline FILE" },
  'min-coverage': { type: 'string', help: 'P    fail when a target exercised less than P% of the documented operation × status pairs' },
  explore: {
    type: 'string',
    help: `N         generated cases per operation after the catalogue (default ${DEFAULT_EXPLORE_RUNS}, ${LIVE_EXPLORE.runs} live; 0 turns it off)`,
  },
  seed: {
    type: 'string',
    help: 'S            the seed of the generated cases (default: a new one, printed; the same seed plans the same requests)',
  },
  'replay-dir': {
    type: 'string',
    help: "DIR    where failures' minimal cases are written for `replay` (default tokens-conformance-replays)",
  },
  'dry-run': { type: 'boolean', help: '         list the planned requests and send none' },
  timeout: {
    type: 'string',
    help: 'S          seconds one request to a live server may take before the run says it does not answer (default 30)',
  },
  port: { type: 'string', help: "N            the proxy's port (default: a free one)" },
  help: { type: 'boolean', short: 'h', help: '        this text' },
} as const;
export type Flag = keyof typeof FLAGS;

/** The flags each command reads (a flag another command reads is refused, not ignored). */
export const FLAGS_OF: Record<Command, readonly Flag[]> = {
  run: [
    'target',
    'base-url',
    'username',
    'token',
    'budget',
    'timeout',
    'only',
    'report',
    'strict',
    'baseline',
    'update-baseline',
    'min-coverage',
    'explore',
    'seed',
    'replay-dir',
    'dry-run',
    'help',
  ],
  cleanup: ['base-url', 'username', 'token', 'timeout', 'help'],
  proxy: ['base-url', 'token', 'port', 'timeout', 'strict', 'baseline', 'help'],
  replay: ['base-url', 'token', 'timeout', 'help'],
  'check-har': ['strict', 'baseline', 'help'],
};

const DESCRIPTION: Record<Command, string> = {
  run: 'Runs the documented behaviours, the error table and generated cases against the embedded targets (Prism mock + simulator), or a live server with --base-url.',
  cleanup: 'Deletes the tokens earlier runs left behind on a live account (tagged ones only; nothing else is touched).',
  proxy: "Checks any client's traffic on its way to URL: point the client at the printed address; Ctrl-C prints the summary.",
  replay: "Re-sends a failure's minimal case (a file a run wrote) to the target it failed on, or --base-url, and checks it again.",
  'check-har': 'Checks the traffic in a HAR file (from a browser or a proxy), offline.',
};

/** The help of one command: its synopsis, what it does, its flags. */
export function helpOf(command: Command): string {
  const flags = FLAGS_OF[command].map((f) => `  ${f === 'help' ? '-h, ' : ''}--${f} ${FLAGS[f].help}`);
  const others =
    command === 'run'
      ? [
          '',
          'Commands (each has --help):',
          ...Object.entries(COMMANDS)
            .filter(([c]) => c !== 'run')
            .map(([, c]) => `  ${c.synopsis}`),
        ]
      : [];
  return [
    `Usage: ${COMMANDS[command].synopsis}`,
    '',
    DESCRIPTION[command],
    '',
    'Options:',
    ...flags,
    ...others,
    '',
    'Exit: 0 conforms, 1 drift, 2 usage error, 130/143 interrupted.',
  ].join('\n');
}
