#!/usr/bin/env node
// tokens-simulator (its synopsis: SYNOPSIS below). Prints exactly one line of JSON on stdout —
// {"url","username","token"} — and everything else on stderr. SIGINT/SIGTERM stop it cleanly.
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { checkFault, type Fault } from './faults.js';
import { simulatorProfiles } from './profiles.js';
import { startSimulator } from './server.js';
import type { SimulatorOptions } from './simulator.js';

const SYNOPSIS = `tokens-simulator [--host HOST] [--port N] [--username NAME] [--rate-limit N|off] [--page-size N]
                        [--profile documented|observed] [--admin [--admin-secret S]] [--state FILE] [--faults FILE]`;

const USAGE = `Usage: ${SYNOPSIS}

  --host        interface to listen on (default 127.0.0.1)
  --port        port; 0 picks a free one (default 0)
  --username    the account to create (default "simulator")
  --rate-limit  requests per minute per account, or "off" (default 100, as documented)
  --page-size   tokens per page when a listing gives no limit (default 100)
  --profile     documented (the default): as the documentation says; observed: also play every
                entry of the register of observed deviations a simulator can
  --admin       serve the admin API under /__admin/ (seed, clock, faults, snapshot, restore, reset;
                described by admin/openapi.yaml in this package)
  --admin-secret  the secret the admin API requires (X-Admin-Secret); required on a host other than
                loopback. Also read from TOKENS_SIMULATOR_ADMIN_SECRET, which keeps it off the command line
  --state       a file the state is kept in across restarts (loaded when it exists, written after each
                change; it holds tokens and the signing key: keep it private)
  --faults      a JSON file of faults to inject: {"faults": [{"operation": "listTokens",
                "status": 503, "times": 2}, {"operation": "*", "delayMs": 200, "rate": 0.1}, …]}

Prints {"url": ..., "username": ..., "token": ...} on one line of stdout; the token is a secret
token of that account holding every scope.`;

/** A usage error: the one sentence that matters and the synopsis; the options on --help. */
function usageError(message: string): never {
  process.stderr.write(`tokens-simulator: ${message}\nUsage: ${SYNOPSIS}\n(tokens-simulator --help for the options)\n`);
  process.exit(2);
}

function positiveInteger(flag: string, value: string, allowZero = false): number {
  if (!/^\d+$/.test(value) || (!allowZero && Number(value) === 0))
    usageError(`${flag} takes a ${allowZero ? 'non-negative' : 'positive'} integer, not "${value}"`);
  return Number(value);
}

/** The faults of a --faults file: {"faults": [...]} or a bare array, each checked against the fault schema. */
function readFaults(file: string): Fault[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    usageError(
      `--faults ${file}: cannot read it (${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    usageError(`--faults ${file}: not JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { faults?: unknown } | null)?.faults;
  if (!Array.isArray(list)) usageError(`--faults ${file}: expected {"faults": [...]} or an array of faults`);
  return list.map((fault, i) => {
    try {
      return checkFault(fault, `--faults ${file}: faults[${i}]`);
    } catch (error) {
      return usageError((error as Error).message);
    }
  });
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      username: { type: 'string' },
      'rate-limit': { type: 'string' },
      'page-size': { type: 'string' },
      profile: { type: 'string' },
      faults: { type: 'string' },
      state: { type: 'string' },
      admin: { type: 'boolean' },
      'admin-secret': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  const message = (error as Error).message;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  const ambiguous = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
  usageError(
    unknown
      ? `no option ${unknown[1]}`
      : ambiguous
        ? `${ambiguous[1]} needs a value; "${process.argv[process.argv.indexOf(ambiguous[1]!) + 1] ?? ''}" is not one it takes`
        : message.split('\n')[0]!,
  );
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const options: SimulatorOptions = {};
if (typeof values.host === 'string') options.host = values.host;
if (typeof values.port === 'string') {
  options.port = positiveInteger('--port', values.port, true);
  if (options.port > 65535) usageError(`--port must be at most 65535, not ${options.port}`);
}
if (typeof values.username === 'string') {
  if (!/^[A-Za-z0-9_-]+$/.test(values.username)) usageError(`--username takes letters, digits, "-" and "_", not "${values.username}"`);
  options.username = values.username;
}
const rate = values['rate-limit'];
if (typeof rate === 'string') options.rateLimit = rate === 'off' ? false : positiveInteger('--rate-limit', rate);
if (typeof values['page-size'] === 'string') options.pageSize = positiveInteger('--page-size', values['page-size']);
if (typeof values.faults === 'string') options.faults = readFaults(values.faults);
if (typeof values.state === 'string') options.stateFile = values.state;
const adminSecret = typeof values['admin-secret'] === 'string' ? values['admin-secret'] : process.env.TOKENS_SIMULATOR_ADMIN_SECRET;
if (adminSecret !== undefined && !values.admin) usageError('--admin-secret goes with --admin');
if (values.admin) {
  options.admin = true;
  if (adminSecret !== undefined) {
    if (adminSecret.length < 16) usageError('--admin-secret must be at least 16 characters');
    options.adminSecret = adminSecret;
  }
}
if (typeof values.profile === 'string') {
  const profile = simulatorProfiles.find((p) => p === values.profile);
  if (!profile) usageError(`--profile takes ${simulatorProfiles.join(' or ')}, not "${values.profile}"`);
  options.profile = profile;
}

try {
  const simulator = await startSimulator(options);
  process.stdout.write(`${JSON.stringify({ url: simulator.url, username: simulator.username, token: simulator.token })}\n`);
  process.stderr.write(
    `tokens-simulator: listening on ${simulator.url} (account "${simulator.username}", profile ${options.profile ?? 'documented'}); Ctrl-C stops it.\n`,
  );
  const stop = (signal: string) => {
    process.stderr.write(`tokens-simulator: ${signal}, stopping.\n`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  const reason =
    e.code === 'EADDRINUSE'
      ? `port ${options.port} is in use`
      : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND'
        ? `cannot listen on host "${options.host}"`
        : e.message;
  process.stderr.write(`tokens-simulator: ${reason}\n`);
  process.exit(1);
}
