// The stateful model and its commands: fast-check model-based commands against a model of the documented rules.
// Whatever create answered is what the listing shows; an update changes exactly the fields it sent
// and the listing agrees; a deleted token is gone from listings, retrieves TokenRevoked, and a second
// update or delete answers 404 Not found; pk and sk tokens, and temporary ones, interleaved. A failing
// sequence is shrunk to a minimal one and reported with it, each request and answer listed. The
// model's rules are the contract package's (the ones the simulator enforces), so the two cannot
// disagree. Every token is the run's (tagged).
import fc from 'fast-check';
import { checkScopeUpdate, observedErrorKindOf, predictUsage } from '@tokens-kit/contract';
import { errorKinds, publicScopeIds, scopeCatalogue, type ErrorKind, type OperationId } from '@tokens-kit/types';
import type { Exchange } from '../model/exchange.js';
import type { StepFinding } from '../model/findings.js';
import type { BehaviourRuntime } from '../model/runtime.js';
import { nextPage } from '../engine/http.js';

interface ModelToken {
  id: string;
  token: string;
  note: string;
  scopes: string[];
  usage: 'pk' | 'sk';
  /** "A token created with no scopes" can never gain any (checkScopeUpdate). */
  createdWithoutScopes: boolean;
}

export interface Model {
  live: ModelToken[];
  deleted: ModelToken[];
}

/** The real side: the runtime, and what the sequence sent and got (for the report). */
export interface Real {
  runtime: BehaviourRuntime;
  marker: string;
  last?: Exchange;
  /** Each request and answer of the sequence, as the failure lists them. */
  log: string[];
  /** Findings that do not fail (known, accepted, additive), reported once the sequences are done. */
  explained: [StepFinding, Exchange][];
}

export class SequenceBroken extends Error {}

/** Scopes exactly as sent, in their order: the documentation states no reordering or de-duplication. */
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

async function send(real: Real, op: OperationId, init: { tokenId?: string; body?: unknown; query?: Record<string, string>; as?: string }) {
  const exchange = await real.runtime.send({
    name: `stateful ${op}`,
    op,
    ...(init.tokenId === undefined ? {} : { tokenId: init.tokenId }),
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.query === undefined ? {} : { query: init.query }),
    ...(init.as === undefined ? {} : { as: init.as }),
  });
  real.last = exchange;
  // Every answer is held to the spec like every other phase's: drift that would fail breaks the
  // sequence (and is shrunk with it); known and additive drift is reported after the run.
  for (const finding of real.runtime.validationFindings(op, `stateful ${op}`, exchange)) {
    if (real.runtime.wouldFail(finding, exchange)) throw new SequenceBroken(`${op}: ${finding.expected}`);
    real.explained.push([finding, exchange]);
  }
  const url = new URL(exchange.url);
  // The access token is the run's own, the same on every line: left out.
  url.searchParams.delete('access_token');
  real.log.push(
    `${exchange.method} ${url.pathname}${url.search}${exchange.requestBody ? ` ${exchange.requestBody.slice(0, 160)}` : ''} → ${exchange.status} ${exchange.text.slice(0, 160)}`,
  );
  return exchange;
}

/** The documented message of an error kind at a status (the error table's row). */
const messageOf = (kind: ErrorKind, status: number) => errorKinds.find(([k, s]) => k === kind && s === status)?.[2];

const expectStatus = (exchange: Exchange, status: number, what: string) => {
  if (exchange.status !== status)
    throw new SequenceBroken(`${what}: expected ${status}, got ${exchange.status} ${exchange.text.slice(0, 120)}`);
};

/** Pages a stateful listing reads at most (100 tokens each): the plan counts them. */
export const LIST_PAGES = 3;

/**
 * The run's tokens a listing shows, by id, and whether it saw every page: an account with more
 * than LIST_PAGES × 100 tokens is read in part (a stated bound for a live run's budget).
 */
async function listed(real: Real): Promise<{ rows: Map<string, { note: string; scopes: string[] }>; whole: boolean }> {
  const rows = new Map<string, { note: string; scopes: string[] }>();
  let query: Record<string, string> | undefined = { limit: '100' };
  for (let page = 0; query && page < LIST_PAGES; page++) {
    const exchange = await send(real, 'listTokens', { query });
    expectStatus(exchange, 200, 'list');
    for (const t of (exchange.json ?? []) as { id: string; note: string; scopes: string[] }[])
      if (typeof t.note === 'string' && t.note.startsWith(real.marker)) rows.set(t.id, { note: t.note, scopes: t.scopes });
    query = nextPage(exchange, real.runtime.target.baseUrl)?.query;
  }
  return { rows, whole: query === undefined };
}

export type Command = fc.AsyncCommand<Model, Real>;
const noteArb = fc.string({ maxLength: 16, unit: 'grapheme' });
const publicScopes = fc.uniqueArray(fc.constantFrom(...publicScopeIds), { maxLength: 3 });
const anyScopes = fc.uniqueArray(fc.constantFrom(...scopeCatalogue.map((s) => s.id)), { maxLength: 3 });

/** Sends a create and checks what the rules predict of its answer; the token it made. */
async function created(real: Real, note: string, scopes: string[]): Promise<ModelToken> {
  const exchange = await send(real, 'createToken', { body: { note, scopes } });
  expectStatus(exchange, 200, 'create');
  const body = exchange.json as { id: string; token: string; usage: string; note: string; scopes: string[] };
  const usage = predictUsage(scopes);
  if (body.usage !== usage) throw new SequenceBroken(`create: usage ${body.usage}, the rules predict ${usage}`);
  return { id: body.id, token: body.token, note, scopes, usage, createdWithoutScopes: scopes.length === 0 };
}

export class Create implements Command {
  constructor(
    readonly suffix: string,
    readonly scopes: string[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    model.live.push(await created(real, `${real.marker} ${this.suffix}`, this.scopes));
  }
  toString = () => `create(${JSON.stringify(this.scopes)})`;
}

/** Two creates sent at once (the requests overlap): two tokens, distinct in id and secret. */
export class CreateTogether implements Command {
  constructor(
    readonly first: string[],
    readonly second: string[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const [a, b] = await Promise.all([
      created(real, `${real.marker} together a`, this.first),
      created(real, `${real.marker} together b`, this.second),
    ]);
    if (a.id === b.id || a.token === b.token)
      throw new SequenceBroken(
        `two overlapping creates answered the same token (${a.id === b.id ? `id ${a.id}` : 'secret'}): each create makes a token of its own`,
      );
    model.live.push(a, b);
  }
  toString = () => `createTogether(${JSON.stringify(this.first)}, ${JSON.stringify(this.second)})`;
}

export class CreateTemporary implements Command {
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

export class Update implements Command {
  constructor(
    readonly pick: number,
    readonly note: string | undefined,
    readonly scopes: string[] | undefined,
  ) {}
  check = (model: Readonly<Model>) => model.live.length > 0 && (this.note !== undefined || this.scopes !== undefined);
  async run(model: Model, real: Real) {
    const token = model.live[this.pick % model.live.length]!;
    const body = {
      ...(this.note === undefined ? {} : { note: `${real.marker} ${this.note}` }),
      ...(this.scopes ? { scopes: this.scopes } : {}),
    };
    const exchange = await send(real, 'updateToken', { tokenId: token.id, body });
    // The documented rules say whether the update is refused: secret scopes on a public token, any
    // scope on a token created with none. A refused update changes nothing.
    const refusal = this.scopes && checkScopeUpdate(token, this.scopes);
    if (refusal) {
      expectStatus(exchange, 422, `update ${JSON.stringify(body)} (refused by the rules: ${refusal})`);
      const message = (exchange.json as { message?: string }).message;
      if (message !== messageOf(refusal, 422))
        throw new SequenceBroken(
          `update ${JSON.stringify(body)}: message ${JSON.stringify(message)}, expected "${messageOf(refusal, 422)}"`,
        );
      return;
    }
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

export class TouchDeleted implements Command {
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

export class List implements Command {
  check = () => true;
  async run(model: Model, real: Real) {
    const { rows: seen, whole } = await listed(real);
    for (const t of model.live) {
      const row = seen.get(t.id);
      // A token on a page past the bound cannot be told from a missing one: only a whole listing says "not listed".
      if (!row && !whole) continue;
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

export const commands = [
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
 * The sequence every run tries first, whatever the seed: a pk, an sk and a tk token, an update of
 * each permanent one, a delete, then the deleted token deleted, updated and retrieved again; the
 * listing that ends every sequence shows the updated one as updated and the deleted one gone.
 */
export const canonical = (): Command[] => [
  new CreateTogether(['styles:read'], ['styles:read', 'tokens:read']),
  new CreateTemporary(['styles:read']),
  new Update(0, 'pk renamed', ['styles:read', 'fonts:read']),
  // A note alone: the scopes must stay as they were (a scopes-only update is exploration's).
  new Update(1, 'sk renamed', undefined),
  new Delete(0),
  new TouchDeleted(0, 'delete'),
  new TouchDeleted(0, 'update'),
  new TouchDeleted(0, 'retrieve'),
];
