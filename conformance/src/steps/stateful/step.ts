// Stateful sequences (the `stateful` step kind): a fixed sequence first, then generated ones of
// the commands in commands.ts, each against the model of the documented rules and ended
// by a listing. A broken sequence is shrunk and reported with the commands that ran and each
// request and answer; known and additive drift on the way is reported once the sequences are done.
import fc from 'fast-check';
import type { StatefulStep } from '../../model/behaviour.js';
import type { Exchange } from '../../model/exchange.js';
import type { StepFinding } from '../../model/findings.js';
import type { PlannedRequest, StepKindDefinition } from '../../model/runtime.js';
import { cleanupRequest } from '../request.js';
import { publicScopeIds, scopeCatalogue } from '@tokens-kit/types';
import {
  type Command,
  Create,
  CreateTemporary,
  CreateTogether,
  Delete,
  List,
  ListScopes,
  TouchDeleted,
  Update,
  UpdateTogether,
} from './commands.js';
import { type Model, type Real, SequenceBroken } from './model.js';

const noteArb = fc.string({ maxLength: 16, unit: 'grapheme' });
const publicScopes = fc.uniqueArray(fc.constantFrom(...publicScopeIds), { maxLength: 3 });
const anyScopes = fc.uniqueArray(fc.constantFrom(...scopeCatalogue.map((s) => s.id)), { maxLength: 3 });

const commands = [
  fc.tuple(noteArb, fc.oneof(publicScopes, anyScopes)).map(([suffix, scopes]) => new Create(suffix, scopes)),
  publicScopes.map((scopes) => new CreateTemporary(scopes)),
  fc
    .tuple(fc.nat(), fc.option(noteArb, { nil: undefined }), fc.option(anyScopes, { nil: undefined }))
    .map(([pick, note, scopes]) => new Update(pick, note, scopes)),
  fc.tuple(fc.nat(), publicScopes, publicScopes).map(([pick, a, b]) => new UpdateTogether(pick, [a, b])),
  fc.nat().map((pick) => new Delete(pick)),
  fc
    .tuple(fc.nat(), fc.constantFrom('delete' as const, 'update' as const, 'retrieve' as const))
    .map(([pick, how]) => new TouchDeleted(pick, how)),
  fc.constant(new List()),
];

/**
 * The sequence every run tries first, whatever the seed: a pk and an sk token created together, a
 * tk token retrieved, an update of each permanent one (the sk one a note alone), two overlapping
 * updates of the sk one, a delete, then the deleted token deleted, updated and retrieved again, the
 * scope list holding every scope used; the listing that ends every sequence shows each token as its
 * last write left it and the deleted one gone.
 */
const canonical = (): Command[] => [
  new CreateTogether(['styles:read'], ['styles:read', 'tokens:read']),
  new CreateTemporary(['styles:read']),
  new Update(0, 'pk renamed', ['styles:read', 'fonts:read']),
  // A note alone: the scopes must stay as they were (a scopes-only update is exploration's).
  new Update(1, 'sk renamed', undefined),
  new UpdateTogether(1, [['styles:read'], ['fonts:read', 'styles:read']]),
  new Delete(0),
  new TouchDeleted(0, 'delete'),
  new TouchDeleted(0, 'update'),
  new TouchDeleted(0, 'retrieve'),
  new ListScopes(),
];

/** fast-check's account of the commands that ran, as a reader wants it: no replay path, a space after each comma between commands. */
const readable = (ran: string) => ran.replace(/\s*\/\*replayPath=.*?\*\//, '').replace(/,(?=[a-zA-Z]+\()/g, ', ');

/** The requests one command sends, for the plan. */
const planOf = (command: Command): PlannedRequest[] =>
  command.sends.map(({ request, atMost }) => ({
    line: `${request}  (stateful ${command}${command.sends.length > 1 ? `, ${command.sends.length} requests` : ''})`,
    atMost,
  }));

export const statefulStep: StepKindDefinition<StatefulStep> = {
  async run(step, runtime) {
    let last: { sequence: string; error: string; log: string[]; exchange?: Exchange } | undefined;
    const explained: [StepFinding, Exchange][] = [];
    let attempt = 0;
    /** Runs one sequence, ended by a listing (what the model holds, the server must show); false when it breaks. */
    const runSequence = async (sequence: Iterable<fc.AsyncCommand<Model, Real>>, shown: () => string) => {
      // Each sequence marks its own tokens, so one sequence's tokens are not another's model.
      const real: Real = { runtime, marker: `${runtime.context.tag} stateful-${++attempt}`, log: [], explained };
      const model: Model = { live: [], deleted: [], scopesUsed: new Set() };
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
    const creates = fixed.reduce((n, c) => n + c.creates, 0);
    return [
      ...fixed.flatMap(planOf),
      ...(step.runs === 0
        ? []
        : [
            {
              line: `${step.runs} generated sequences of up to ${step.maxCommands} commands (create pk/sk/tk, update, overlapping updates, delete, touch deleted, list), each ending with a listing  (${step.name})`,
              // A command is one request, a listing a page or more, a create a clean-up; shrinking re-runs sequences.
              atMost: step.runs * (step.maxCommands + 2) * 2 * 2,
              conditional: true,
            },
          ]),
      ...(target.capabilities.has('state') ? Array.from({ length: creates }, () => cleanupRequest(true)) : []),
    ];
  },
};
