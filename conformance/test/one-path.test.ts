// One path: a run of one target kind and seed sends the same requests whether it goes through the
// CLI (and so the vitest suite) or the library's runTarget, and those are the requests --dry-run
// plans — counted by a server in front of the simulator, not taken from the planner's word.
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { liveTarget, type Plan, runTarget } from '../src/index.js';
import { type CountingFront, countingFront, runCli } from './support.js';

const SEED = 4242;
let sim: RunningSimulator;
let front: CountingFront;
let url: string;
let seen: string[];

beforeAll(async () => {
  sim = await startSimulator({ username: 'acct', rateLimit: false, log: () => {} });
  sim.seedToken({ scopes: ['styles:read'], note: 'production website' });
  front = await countingFront(sim.url);
  ({ url, seen } = front);
});
afterAll(async () => {
  await front.close();
  await sim.close();
});

/** `GET /tokens/v2/{username}/{token_id}` from a path as sent. */
const template = (line: string) =>
  line
    .replace(/^(\S+) \/tokens\/v2\/[^/\s?]+\/[^/\s?]+$/, '$1 /tokens/v2/{username}/{token_id}')
    .replace(/^(\S+) \/tokens\/v2\/[^/\s?]+$/, '$1 /tokens/v2/{username}')
    .replace(/^(\S+) \/scopes\/v1\/[^/\s?]+$/, '$1 /scopes/v1/{username}');

/** A planned line's method and path, as `template` gives a sent one. */
const plannedOf = (line: string) => {
  const [method, path] = line.trim().split(/\s+/);
  return `${method} ${path!.split('?')[0]}`;
};

/**
 * Whether the sent requests are the plan's, in order: each planned request is sent once, or up to
 * its "at most" (a walk, a listing), or — when conditional — not at all. Neighbouring planned
 * requests that are the same request make one run of them, sent between its least and its most.
 */
function followsPlan(sent: string[], planned: { request: string; atMost: number; conditional: boolean }[]): string | undefined {
  const runs: { request: string; least: number; most: number; at: number }[] = [];
  for (const [i, p] of planned.entries()) {
    const last = runs.at(-1);
    const least = p.conditional ? 0 : 1;
    if (last?.request === p.request) {
      last.least += least;
      last.most += p.atMost;
    } else runs.push({ request: p.request, least, most: p.atMost, at: i + 1 });
  }
  let at = 0;
  for (const run of runs) {
    let times = 0;
    while (at < sent.length && sent[at] === run.request && times < run.most) {
      at++;
      times++;
    }
    if (times < run.least)
      return `planned #${run.at} "${run.request}" ×${run.least} was sent ${times} time(s); then: ${sent.slice(at, at + 3).join(' | ')}`;
  }
  return at === sent.length ? undefined : `sent beyond the plan: ${sent.slice(at, at + 5).join(' | ')}`;
}

it('the CLI, the vitest suite it runs and runTarget send the same requests, and they are what --dry-run plans', async () => {
  const args = ['--base-url', url, '--token', sim.token, '--username', 'acct', '--budget', '100000', '--seed', String(SEED)];
  const dry = await runCli([...args, '--dry-run']).done;
  expect(dry.code).toBe(0);
  const lines = dry.stdout.split('\n').filter((l) => l.startsWith('  '));
  const planned = lines.map((l) => ({
    request: plannedOf(l),
    atMost: /up to (\d+) pages/.exec(l)
      ? Number(/up to (\d+) pages/.exec(l)![1])
      : / … every page /.test(l)
        ? 20
        : /\[\+ at most (\d+)/.exec(l)
          ? 1
          : 1,
    conditional: l.includes('[if called for]'),
  }));

  seen.length = 0;
  const cli = await runCli(args).done;
  expect(cli.code, cli.stdout + cli.stderr).toBe(0);
  const viaCli = seen.map(template);

  seen.length = 0;
  let stated: Plan | undefined;
  const results = await runTarget(liveTarget({ baseUrl: url, token: sim.token, username: 'acct', budget: 100000 }), {
    explore: { seed: SEED },
    onPlan: (p) => (stated = p),
  });
  expect(results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([]);
  const viaLibrary = seen.map(template);

  // The same requests, in the same order, by both paths.
  expect(viaLibrary).toEqual(viaCli);
  // What they sent is the plan: the credential check, the behaviours' requests, then the sweep (a listing, no leftovers to delete).
  const sweep = viaCli.slice(viaCli.length - 1);
  expect(sweep).toEqual(['GET /tokens/v2/{username}']);
  const mismatch = followsPlan(viaCli.slice(0, -1), planned);
  expect(mismatch, mismatch).toBeUndefined();
  // The library states the figures the CLI states, and keeps to them.
  expect(dry.stderr).toContain(`live: ${stated!.behaviours.length} behaviours, ${stated!.count} requests (at most ${stated!.atMost})`);
  expect(viaCli.length - stated!.preflight.length - 1).toBeLessThanOrEqual(stated!.atMost);
  expect(viaCli.length - stated!.preflight.length - 1).toBeGreaterThanOrEqual(stated!.count);
}, 120_000);
