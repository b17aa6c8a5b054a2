// Stateful sequences: fast-check model-based commands against a model of the documented rules.
// Whatever create answered is what the listing shows; an update changes exactly the fields it sent
// and the listing agrees; a deleted token is gone from listings, retrieves TokenRevoked, and a second
// update or delete answers 404 Not found; pk and sk tokens, and temporary ones, interleaved. A failing
// sequence is shrunk to a minimal one and reported with it. Every token is the run's (tagged).
import fc from 'fast-check';
import { observedErrorKindOf, predictUsage } from '@tokens-kit/contract';
import { publicScopeIds, scopeCatalogue, type OperationId } from '@tokens-kit/types';
import type { StatefulStep } from '../catalogue/types.js';
import type { BehaviourRuntime, PlannedRequest, StepKindDefinition } from '../engine/steps.js';
import { nextPage, type Exchange } from '../engine/target-http.js';

interface ModelToken {
  id: string;
  token: string;
  note: string;
  scopes: string[];
  usage: 'pk' | 'sk';
}

interface Model {
  live: ModelToken[];
  deleted: ModelToken[];
}

/** The real side: the runtime, and the last exchange (for the report). */
interface Real {
  runtime: BehaviourRuntime;
  marker: string;
  last?: Exchange;
}

class SequenceBroken extends Error {}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

async function send(real: Real, op: OperationId, init: { tokenId?: string; body?: unknown; query?: Record<string, string>; as?: string }) {
  const exchange = await real.runtime.send({
    kind: 'request',
    name: `stateful ${op}`,
    op,
    ...(init.tokenId === undefined ? {} : { tokenId: init.tokenId }),
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.query === undefined ? {} : { query: init.query }),
    ...(init.as === undefined ? {} : { as: init.as }),
    expect: { status: 0 },
  });
  real.last = exchange;
  return exchange;
}

const expectStatus = (exchange: Exchange, status: number, what: string) => {
  if (exchange.status !== status)
    throw new SequenceBroken(`${what}: expected ${status}, got ${exchange.status} ${exchange.text.slice(0, 120)}`);
};

/** The run's tokens a listing shows (every page), by id. */
async function listed(real: Real): Promise<Map<string, { note: string; scopes: string[] }>> {
  const out = new Map<string, { note: string; scopes: string[] }>();
  let query: Record<string, string> | undefined = { limit: '100' };
  for (let page = 0; query && page < 20; page++) {
    const exchange = await send(real, 'listTokens', { query });
    expectStatus(exchange, 200, 'list');
    for (const t of (exchange.json ?? []) as { id: string; note: string; scopes: string[] }[])
      if (typeof t.note === 'string' && t.note.startsWith(real.marker)) out.set(t.id, { note: t.note, scopes: t.scopes });
    query = nextPage(exchange, real.runtime.target.baseUrl)?.query;
  }
  return out;
}

type Command = fc.AsyncCommand<Model, Real>;
const noteArb = fc.string({ maxLength: 16, unit: 'grapheme' });
const publicScopes = fc.uniqueArray(fc.constantFrom(...publicScopeIds), { maxLength: 3 });
const anyScopes = fc.uniqueArray(fc.constantFrom(...scopeCatalogue.map((s) => s.id)), { maxLength: 3 });

class Create implements Command {
  constructor(
    readonly suffix: string,
    readonly scopes: string[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const note = `${real.marker} ${this.suffix}`;
    const exchange = await send(real, 'createToken', { body: { note, scopes: this.scopes } });
    expectStatus(exchange, 200, 'create');
    const body = exchange.json as { id: string; token: string; usage: string; note: string; scopes: string[] };
    const usage = predictUsage(this.scopes);
    if (body.usage !== usage) throw new SequenceBroken(`create: usage ${body.usage}, the rules predict ${usage}`);
    model.live.push({ id: body.id, token: body.token, note, scopes: this.scopes, usage });
  }
  toString = () => `create(${JSON.stringify(this.scopes)})`;
}

class CreateTemporary implements Command {
  constructor(readonly scopes: string[]) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    const exchange = await send(real, 'createToken', {
      body: { expires: new Date(Date.now() + 600_000).toISOString(), scopes: this.scopes },
    });
    expectStatus(exchange, 200, 'create a temporary token');
  }
  toString = () => `createTemporary(${JSON.stringify(this.scopes)})`;
}

class Update implements Command {
  constructor(
    readonly pick: number,
    readonly note: string | undefined,
    readonly scopes: string[] | undefined,
  ) {}
  check = (model: Readonly<Model>) => model.live.length > 0 && (this.note !== undefined || this.scopes !== undefined);
  async run(model: Model, real: Real) {
    const token = model.live[this.pick % model.live.length]!;
    // A public token takes only public scopes: keep to what the rules allow.
    const scopes = this.scopes && (token.usage === 'pk' ? this.scopes.filter((s) => publicScopeIds.includes(s as never)) : this.scopes);
    const body = { ...(this.note === undefined ? {} : { note: `${real.marker} ${this.note}` }), ...(scopes ? { scopes } : {}) };
    const exchange = await send(real, 'updateToken', { tokenId: token.id, body });
    expectStatus(exchange, 200, `update ${JSON.stringify(body)}`);
    const answer = exchange.json as { note: string; scopes: string[] };
    const next = { ...token, ...body };
    if (answer.note !== next.note || !sameSet(answer.scopes, next.scopes))
      throw new SequenceBroken(
        `update: answered note ${JSON.stringify(answer.note)} and scopes ${JSON.stringify(answer.scopes)}, expected ${JSON.stringify(next.note)} and ${JSON.stringify(next.scopes)}`,
      );
    Object.assign(token, body);
  }
  toString = () => `update(#${this.pick}, ${JSON.stringify({ note: this.note, scopes: this.scopes })})`;
}

class Delete implements Command {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.live.length > 0;
  async run(model: Model, real: Real) {
    const [token] = model.live.splice(this.pick % model.live.length, 1);
    const exchange = await send(real, 'deleteToken', { tokenId: token!.id });
    expectStatus(exchange, 204, 'delete');
    model.deleted.push(token!);
  }
  toString = () => `delete(#${this.pick})`;
}

class TouchDeleted implements Command {
  constructor(
    readonly pick: number,
    readonly how: 'delete' | 'update' | 'retrieve',
  ) {}
  check = (model: Readonly<Model>) => model.deleted.length > 0;
  async run(model: Model, real: Real) {
    const token = model.deleted[this.pick % model.deleted.length]!;
    if (this.how === 'retrieve') {
      const exchange = await send(real, 'retrieveToken', { as: token.token });
      expectStatus(exchange, 200, 'retrieve a deleted token');
      const code = (exchange.json as { code?: string }).code;
      if (code !== 'TokenRevoked') throw new SequenceBroken(`retrieve a deleted token: code ${code}, expected TokenRevoked`);
      return;
    }
    const exchange =
      this.how === 'delete'
        ? await send(real, 'deleteToken', { tokenId: token.id })
        : await send(real, 'updateToken', { tokenId: token.id, body: { note: `${real.marker} again` } });
    expectStatus(exchange, 404, `${this.how} a deleted token`);
    const message = (exchange.json as { message?: string }).message;
    // The documented row, or a variant of it the register records (known drift, classified elsewhere).
    if (message !== 'Not found' && observedErrorKindOf(404, message ?? '')?.kind !== 'NotFound')
      throw new SequenceBroken(`${this.how} a deleted token: message ${JSON.stringify(message)}, expected "Not found"`);
  }
  toString = () => `${this.how}Deleted(#${this.pick})`;
}

class List implements Command {
  check = () => true;
  async run(model: Model, real: Real) {
    const seen = await listed(real);
    for (const t of model.live) {
      const row = seen.get(t.id);
      if (!row) throw new SequenceBroken(`list: token ${t.id} (created, not deleted) is not listed`);
      if (row.note !== t.note || !sameSet(row.scopes, t.scopes))
        throw new SequenceBroken(
          `list: token ${t.id} is listed with note ${JSON.stringify(row.note)} and scopes ${JSON.stringify(row.scopes)}, expected ${JSON.stringify(t.note)} and ${JSON.stringify(t.scopes)}`,
        );
    }
    for (const t of model.deleted) if (seen.has(t.id)) throw new SequenceBroken(`list: deleted token ${t.id} is still listed`);
  }
  toString = () => 'list()';
}

const commands = [
  fc.tuple(noteArb, fc.oneof(publicScopes, anyScopes)).map(([suffix, scopes]) => new Create(suffix, scopes)),
  publicScopes.map((scopes) => new CreateTemporary(scopes)),
  fc
    .tuple(fc.nat(), fc.option(noteArb, { nil: undefined }), fc.option(anyScopes, { nil: undefined }))
    .map(([pick, note, scopes]) => new Update(pick, note, scopes)),
  fc.nat().map((pick) => new Delete(pick)),
  fc
    .tuple(fc.nat(), fc.constantFrom('delete' as const, 'update' as const, 'retrieve' as const))
    .map(([pick, how]) => new TouchDeleted(pick, how)),
  fc.constant(new List()),
];

/**
 * The sequence every run tries first, whatever the seed: a pk and an sk token, an update of each,
 * a listing, a delete, a listing, then the deleted token deleted, updated and retrieved again.
 */
const canonical = (): Command[] => [
  new Create('pk', ['styles:read']),
  new Create('sk', ['styles:read', 'tokens:read']),
  new CreateTemporary(['styles:read']),
  new Update(0, 'pk renamed', ['styles:read', 'fonts:read']),
  new Update(1, undefined, ['tokens:read']),
  new List(),
  new Delete(0),
  new List(),
  new TouchDeleted(0, 'delete'),
  new TouchDeleted(0, 'update'),
  new TouchDeleted(0, 'retrieve'),
];

export const statefulStep: StepKindDefinition<StatefulStep> = {
  async run(step, runtime) {
    let last: { sequence: string; error: string; exchange?: Exchange } | undefined;
    let attempt = 0;
    /** Runs one sequence, ended by a listing (what the model holds, the server must show); false when it breaks. */
    const runSequence = async (sequence: Iterable<Command>, shown: string) => {
      // Each sequence marks its own tokens, so one sequence's tokens are not another's model.
      const real: Real = { runtime, marker: `${runtime.context.tag} stateful-${++attempt}` };
      const model: Model = { live: [], deleted: [] };
      try {
        await fc.asyncModelRun(() => ({ model, real }), [...sequence, new List()]);
      } catch (error) {
        if (!(error instanceof SequenceBroken)) throw error;
        last = { sequence: `${shown}, list()`, error: error.message, exchange: real.last };
        return false;
      }
      return true;
    };
    const fixed = canonical();
    if (!(await runSequence(fixed, fixed.map(String).join(', ')))) {
      runtime.report(
        {
          step: `${step.name}, the fixed sequence: ${last!.sequence}`,
          operation: 'listTokens',
          aspect: 'check',
          expected: `stateful: the server keeps the documented state — ${last!.error}`,
        },
        last!.exchange,
      );
      return;
    }
    const property = fc.asyncProperty(fc.commands(commands, { maxCommands: step.maxCommands }), (sequence) =>
      runSequence(sequence, sequence.toString()),
    );
    const outcome = await fc.check(property, { seed: step.seed, numRuns: step.runs, endOnFailure: false, maxSkipsPerRun: 10 });
    if (outcome.failed && last)
      runtime.report(
        {
          step: `${step.name}, minimal sequence after ${outcome.numShrinks} shrink(s) (seed ${step.seed}): ${last.sequence}`,
          operation: 'listTokens',
          aspect: 'check',
          expected: `stateful: the server keeps the documented state — ${last.error}`,
        },
        last.exchange,
      );
    else if (outcome.failed) throw new Error(`stateful: ${String(outcome.errorInstance ?? 'the sequence failed')}`);
  },
  plan: (step): PlannedRequest[] => [
    { line: `a fixed sequence: ${canonical().map(String).join(', ')}, list()  (${step.name})`, atMost: canonical().length + 3 },
    ...(step.runs === 0
      ? []
      : [
          {
            line: `${step.runs} generated sequences of up to ${step.maxCommands} commands (create pk/sk/tk, update, delete, touch deleted, list), each ending with a listing  (${step.name})`,
            // A command is one request, a listing a page or more; shrinking re-runs sequences.
            atMost: step.runs * (step.maxCommands + 2) * 2,
          },
        ]),
  ],
};
