// Stateful sequences (the `stateful` step kind): a fixed sequence first, then generated ones of
// the commands in stateful-commands.ts, each against the model of the documented rules and ended
// by a listing. A broken sequence is shrunk and reported with the commands that ran and each
// request and answer; known and additive drift on the way is reported once the sequences are done.
import fc from 'fast-check';
import type { StatefulStep } from '../model/behaviour.js';
import type { Exchange } from '../model/exchange.js';
import type { StepFinding } from '../model/findings.js';
import type { PlannedRequest, StepKindDefinition } from '../model/runtime.js';
import { cleanupRequest } from './request.js';
import {
  type Command,
  canonical,
  commands,
  Create,
  CreateTemporary,
  CreateTogether,
  LIST_PAGES,
  List,
  type Model,
  type Real,
  SequenceBroken,
  TouchDeleted,
  Update,
} from './stateful-commands.js';

/** fast-check's account of the commands that ran, as a reader wants it: no replay path, a space after each comma between commands. */
const readable = (ran: string) =>
  ran
    .replace(/\s*\/\*replayPath=.*?\*\//, '')
    .replace(/,(?=(create|createTemporary|update|delete|deleteDeleted|updateDeleted|retrieveDeleted|list)\()/g, ', ');

/** The requests one command sends (a listing: a page or more), for the plan. */
const planOf = (command: Command): PlannedRequest[] => {
  const name = String(command);
  if (command instanceof List)
    return [{ line: `GET /tokens/v2/{username}?limit=100 … every page  (stateful ${name})`, atMost: LIST_PAGES }];
  if (command instanceof CreateTogether)
    return [0, 1].map(() => ({ line: `POST /tokens/v2/{username}  (stateful ${name}, the two at once)`, atMost: 1 }));
  const request =
    command instanceof Create || command instanceof CreateTemporary
      ? 'POST /tokens/v2/{username}'
      : command instanceof Update || (command instanceof TouchDeleted && command.how === 'update')
        ? 'PATCH /tokens/v2/{username}/{token_id}'
        : command instanceof TouchDeleted && command.how === 'retrieve'
          ? 'GET /tokens/v2'
          : 'DELETE /tokens/v2/{username}/{token_id}';
  return [{ line: `${request}  (stateful ${name})`, atMost: 1 }];
};

export const statefulStep: StepKindDefinition<StatefulStep> = {
  async run(step, runtime) {
    let last: { sequence: string; error: string; log: string[]; exchange?: Exchange } | undefined;
    const explained: [StepFinding, Exchange][] = [];
    let attempt = 0;
    /** Runs one sequence, ended by a listing (what the model holds, the server must show); false when it breaks. */
    const runSequence = async (sequence: Iterable<Command>, shown: () => string) => {
      // Each sequence marks its own tokens, so one sequence's tokens are not another's model.
      const real: Real = { runtime, marker: `${runtime.context.tag} stateful-${++attempt}`, log: [], explained };
      const model: Model = { live: [], deleted: [] };
      try {
        await fc.asyncModelRun(() => ({ model, real }), [...sequence, new List()]);
      } catch (error) {
        if (!(error instanceof SequenceBroken)) throw error;
        // Read after the run: a generated sequence names the commands that ran.
        last = { sequence: `${shown()}, list()`, error: error.message, log: real.log, exchange: real.last };
        return false;
      }
      return true;
    };
    const failure = (where: string) => {
      const broken = last!;
      runtime.report(
        {
          step: `${step.name}, ${where}: ${broken.sequence}`,
          operation: 'listTokens',
          aspect: 'check',
          expected: `stateful: the server keeps the documented state — ${broken.error}\n  the sequence's requests and answers:\n${broken.log.map((l) => `    ${l}`).join('\n')}`,
        },
        broken.exchange,
      );
    };
    const fixed = canonical();
    if (!(await runSequence(fixed, () => fixed.map(String).join(', ')))) return failure('the fixed sequence');
    const property = fc.asyncProperty(fc.commands(commands, { maxCommands: step.maxCommands }), (sequence) =>
      runSequence(sequence, () => readable(sequence.toString())),
    );
    const outcome = await fc.check(property, { seed: step.seed, numRuns: step.runs, endOnFailure: false, maxSkipsPerRun: 10 });
    for (const [finding, exchange] of explained) runtime.report(finding, exchange);
    if (outcome.failed && last) failure(`minimal sequence after ${outcome.numShrinks} shrink(s) (--seed ${step.runSeed})`);
    else if (outcome.failed) throw new Error(`stateful: ${String(outcome.errorInstance ?? 'the sequence failed')}`);
  },
  plan: (step, target): PlannedRequest[] => {
    const fixed = [...canonical(), new List()];
    // The runner deletes every token a create made, after the behaviour (a second delete of a deleted one is a 404).
    const creates = fixed.reduce((n, c) => n + (c instanceof Create ? 1 : c instanceof CreateTogether ? 2 : 0), 0);
    return [
      ...fixed.flatMap(planOf),
      ...(step.runs === 0
        ? []
        : [
            {
              line: `${step.runs} generated sequences of up to ${step.maxCommands} commands (create pk/sk/tk, update, delete, touch deleted, list), each ending with a listing  (${step.name})`,
              // A command is one request, a listing a page or more, a create a clean-up; shrinking re-runs sequences.
              atMost: step.runs * (step.maxCommands + 2) * 2 * 2,
              conditional: true,
            },
          ]),
      ...(target.capabilities.has('state') ? Array.from({ length: creates }, () => cleanupRequest(true)) : []),
    ];
  },
};
