// The one argument parser of every command: flags read by node:util's parseArgs, each checked by
// its own rule, a usage error as the one sentence that matters (and where the help is), the help
// of the command asked for on --help.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseToken } from '@tokens-kit/client';
import { checkBaseUrl } from '../engine/targets.js';
import { readBaseline } from '../judging/baseline.js';
import { DEFAULT_BASE_URL, DEFAULT_LIVE_BUDGET, type LiveTargetOptions, type TargetKind, targetKinds } from '../model/target.js';
import { COMMANDS, type Command, FLAGS, FLAGS_OF, type Flag } from './help.js';
import { catalogue } from '../plans/catalogue/index.js';
import { DEFAULT_EXPLORE_RUNS, explorationBehaviours, LIVE_EXPLORE, newSeed } from '../plans/explore/behaviours.js';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: Command = 'run',
  ) {
    super(message);
  }
}

export interface CliOptions {
  command: Command;
  help: boolean;
  kinds: TargetKind[];
  reports: { json?: string; junit?: string; html?: string };
  only: string[];
  live?: LiveTargetOptions;
  dryRun: boolean;
  port?: number;
  strict: boolean;
  baseline: Map<string, string>;
  baselineFile?: string;
  updateBaseline: boolean;
  minCoverage?: number;
  explore: { runs: number; seed: number };
  replayDir: string;
  /** replay's and check-har's FILE. */
  file?: string;
  baseUrlGiven?: string;
  /** --timeout, in ms. */
  timeoutMs?: number;
  tokenGiven?: string;
}

function usernameFromToken(token: string): string | undefined {
  try {
    return parseToken(token).user;
  } catch {
    return undefined;
  }
}

/** A whole number within bounds, or a usage error that says what the flag takes. */
function wholeNumber(flag: Flag, raw: string | undefined, takes: string, ok: (n: number) => boolean, command: Command): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || !ok(Number(raw))) throw new UsageError(`--${flag} takes ${takes}, not "${raw}"`, command);
  return Number(raw);
}

const parserOptions = Object.fromEntries(
  Object.entries(FLAGS).map(([name, f]) => [
    name,
    { type: f.type, ...('multiple' in f ? { multiple: true } : {}), ...('short' in f ? { short: f.short } : {}) },
  ]),
) as { [F in Flag]: { type: (typeof FLAGS)[F]['type']; multiple?: boolean; short?: string } };

/** A credential from the environment: an empty variable (`MAPBOX_USERNAME=` in a CI file) is unset, not a value. */
const fromEnv = (name: string): string | undefined => process.env[name] || undefined;

export function parse(argv: string[]): CliOptions {
  const named = argv[0] !== undefined && argv[0] in COMMANDS;
  const command: Command = named ? (argv[0] as Command) : 'run';
  const args = named ? argv.slice(1) : argv;
  let parsed: { values: Partial<Record<string, string | boolean | (string | boolean)[]>>; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: parserOptions }) as typeof parsed;
  } catch (error) {
    // A value that starts with a dash (--explore -3) is read by parseArgs as an option: say what the flag takes.
    const ambiguous = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec((error as Error).message);
    if (ambiguous) {
      const at = args.indexOf(ambiguous[1]!);
      throw new UsageError(`${ambiguous[1]} needs a value; "${args[at + 1] ?? ''}" is not one it takes`, command);
    }
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message);
    if (unknown) throw new UsageError(`no option ${unknown[1]} (see --help)`, command);
    throw new UsageError((error as Error).message.split('\n')[0]!, command);
  }
  const { values, positionals } = parsed;
  const str = (f: Flag) => values[f] as string | undefined;
  if (values.help) return { ...defaults(command), help: true };
  for (const flag of Object.keys(values) as Flag[])
    if (!FLAGS_OF[command].includes(flag)) throw new UsageError(`${command} does not take --${flag} (see ${command} --help)`, command);
  if (COMMANDS[command].file) {
    if (positionals.length !== 1)
      throw new UsageError(
        command === 'replay' ? 'replay takes one FILE (a reproduction a run wrote)' : 'check-har takes one FILE (a HAR file)',
        command,
      );
  } else if (positionals.length)
    throw new UsageError(`unknown command "${positionals.join(' ')}" (the commands: ${Object.keys(COMMANDS).join(', ')})`, command);

  const targets = ((values.target as string[] | undefined) ?? []).flatMap((t) => t.split(','));
  for (const t of targets)
    if (!(targetKinds as readonly string[]).includes(t))
      throw new UsageError(`--target takes mock, simulator or live, not "${t}"`, command);
  const wantsLive =
    command === 'cleanup' ||
    command === 'proxy' ||
    targets.includes('live') ||
    (command === 'run' && (str('base-url') !== undefined || (str('token') !== undefined && !targets.length)));
  const kinds = (targets.length ? targets : wantsLive ? ['live'] : ['mock', 'simulator']) as TargetKind[];
  const reports: CliOptions['reports'] = {};
  for (const r of (values.report as string[] | undefined) ?? []) {
    const m = /^(json|junit|html)=(.+)$/.exec(r);
    if (!m) throw new UsageError(`--report takes json=FILE, junit=FILE or html=FILE, not "${r}"`, command);
    reports[m[1] as 'json' | 'junit' | 'html'] = m[2]!;
  }
  const only = (str('only') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const exploreRuns = wholeNumber(
    'explore',
    str('explore'),
    'a number of generated cases per operation from 0 to 1000',
    (n) => n <= 1000,
    command,
  );
  const seed = wholeNumber('seed', str('seed'), 'a whole number below 2^31', (n) => n < 2 ** 31, command) ?? newSeed();
  const known = [...catalogue, ...explorationBehaviours({ runs: 1, seed: 0 })];
  const unknown = only.filter((id) => !known.some((b) => b.id === id));
  if (unknown.length) throw new UsageError(`--only: no behaviour ${unknown.join(', ')} (see --dry-run for the list)`, command);
  const budget = wholeNumber('budget', str('budget'), 'a positive number of requests per minute', (n) => n > 0, command);
  const timeout = wholeNumber('timeout', str('timeout'), 'a number of seconds from 1 to 600', (n) => n >= 1 && n <= 600, command);
  const port = wholeNumber('port', str('port'), 'a port number', (n) => n <= 65535, command);
  /** The access token, from --token or the environment (every command that talks to a target takes it). */
  const tokenGiven = str('token') ?? fromEnv('MAPBOX_ACCESS_TOKEN');
  let live: LiveTargetOptions | undefined;
  if (wantsLive || kinds.includes('live')) {
    let baseUrl: string;
    try {
      baseUrl = checkBaseUrl(str('base-url') ?? DEFAULT_BASE_URL);
    } catch (error) {
      throw new UsageError((error as Error).message, command);
    }
    const token = tokenGiven;
    if (!token) throw new UsageError('a live target needs an access token: pass --token or set MAPBOX_ACCESS_TOKEN', command);
    const username = str('username') ?? fromEnv('MAPBOX_USERNAME') ?? usernameFromToken(token);
    if (!username) throw new UsageError('no username: pass --username or set MAPBOX_USERNAME (the token carries none)', command);
    live = { baseUrl, username, token, budget: budget ?? DEFAULT_LIVE_BUDGET, ...(timeout ? { timeoutMs: timeout * 1000 } : {}) };
  }
  if (values['update-baseline'] && !str('baseline'))
    throw new UsageError('--update-baseline writes to the --baseline FILE: give one', command);
  const rawCoverage = str('min-coverage');
  if (rawCoverage !== undefined && (!/^\d+(\.\d+)?$/.test(rawCoverage) || Number(rawCoverage) > 100))
    throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not "${rawCoverage}"`, command);
  let baseline = new Map<string, string>();
  const baselineFile = str('baseline');
  if (baselineFile && !(values['update-baseline'] && !existsSync(baselineFile))) {
    try {
      baseline = readBaseline(baselineFile);
    } catch (error) {
      throw new UsageError((error as Error).message, command);
    }
  }
  return {
    ...defaults(command),
    kinds,
    reports,
    only,
    ...(live ? { live } : {}),
    dryRun: values['dry-run'] === true,
    ...(port === undefined ? {} : { port }),
    strict: values.strict === true,
    baseline,
    ...(baselineFile ? { baselineFile } : {}),
    updateBaseline: values['update-baseline'] === true,
    ...(rawCoverage === undefined ? {} : { minCoverage: Number(rawCoverage) }),
    explore: { runs: exploreRuns ?? (kinds.includes('live') ? LIVE_EXPLORE.runs : DEFAULT_EXPLORE_RUNS), seed },
    replayDir: str('replay-dir') ?? 'tokens-conformance-replays',
    ...(COMMANDS[command].file ? { file: positionals[0] } : {}),
    ...(str('base-url') ? { baseUrlGiven: str('base-url') } : {}),
    ...(timeout ? { timeoutMs: timeout * 1000 } : {}),
    ...(tokenGiven ? { tokenGiven } : {}),
  };
}

function defaults(command: Command): CliOptions {
  return {
    command,
    help: false,
    kinds: ['mock', 'simulator'],
    reports: {},
    only: [],
    dryRun: false,
    strict: false,
    baseline: new Map(),
    updateBaseline: false,
    explore: { runs: DEFAULT_EXPLORE_RUNS, seed: 0 },
    replayDir: 'tokens-conformance-replays',
  };
}
