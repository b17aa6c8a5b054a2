// The stateful commands (fast-check model-based commands) against the model of the documented rules
// (model.ts): whatever create answered is what every later read shows; an update changes exactly
// the fields it sent; overlapping creates make tokens of their own, overlapping updates end in one of
// the states written; a temporary token's retrieve shows what it was created with; a deleted token
// is gone from listings, retrieves TokenRevoked, and a second update or delete answers 404. The
// model's rules are the contract package's (the ones the simulator enforces), so the two cannot
// disagree. Every token is the run's (tagged). Each command says what it sends, for the plan.
import type fc from 'fast-check';
import type { Exchange } from '../../model/exchange.js';
import { checkScopeUpdate, observedErrorKindOf, predictUsage } from '@tokens-kit/contract';
import {
  expectStatus,
  holdRead,
  listed,
  LIST_PAGES,
  messageOf,
  type Model,
  remember,
  type ModelToken,
  type Real,
  SequenceBroken,
  sameList,
  send,
  type TokenState,
} from './model.js';

/** One request line a command sends (a listing: up to LIST_PAGES pages), as --dry-run prints it. */
export interface PlannedSend {
  request: string;
  atMost: number;
}
export type Command = fc.AsyncCommand<Model, Real> & {
  /** What the command sends, in order. */
  readonly sends: readonly PlannedSend[];
  /** How many tokens it creates (each deleted by the runner after the behaviour). */
  readonly creates: number;
};

const CREATE = { request: 'POST /tokens/v2/{username}', atMost: 1 };
const UPDATE = { request: 'PATCH /tokens/v2/{username}/{token_id}', atMost: 1 };
const DELETE = { request: 'DELETE /tokens/v2/{username}/{token_id}', atMost: 1 };
const RETRIEVE = { request: 'GET /tokens/v2', atMost: 1 };

/** Checks what the rules predict of a create's answer; the token it made. */
function createdToken(exchange: Exchange, note: string, scopes: string[]): ModelToken {
  expectStatus(exchange, 200, 'create');
  const body = exchange.json as { id: string; token: string; usage: string; created: string };
  const usage = predictUsage(scopes);
  if (body.usage !== usage) throw new SequenceBroken(`create: usage ${body.usage}, the rules predict ${usage}`);
  const token: ModelToken = {
    id: body.id,
    token: body.token,
    usage,
    createdWithoutScopes: scopes.length === 0,
    created: body.created,
    modified: Date.parse(body.created),
    states: [{ note, scopes }],
  };
  // The create's answer is the first read: what it accepted, exactly, and modified not before created.
  holdRead(token, { ...(exchange.json as object), token: undefined }, 'create');
  return token;
}
const sendCreate = (real: Real, note: string, scopes: string[]) => send(real, 'createToken', { body: { note, scopes } });

export class Create implements Command {
  readonly sends = [CREATE];
  readonly creates = 1;
  constructor(
    readonly suffix: string,
    readonly scopes: string[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const note = `${real.marker} ${this.suffix}`;
    model.live.push(remember(model, createdToken(await sendCreate(real, note, this.scopes), note, this.scopes)));
  }
  toString = () => `create(${JSON.stringify(this.scopes)})`;
}

/** Two creates sent at once (the requests overlap): two tokens, distinct in id and secret. */
export class CreateTogether implements Command {
  readonly sends = [CREATE, CREATE];
  readonly creates = 2;
  constructor(
    readonly first: string[],
    readonly second: string[],
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const notes = [`${real.marker} together a`, `${real.marker} together b`];
    const answers = await Promise.all([sendCreate(real, notes[0]!, this.first), sendCreate(real, notes[1]!, this.second)]);
    const [a, b] = answers.map((answer) => answer.json as { id?: unknown; token?: unknown } | undefined);
    if (typeof a?.id === 'string' && (a.id === b?.id || a.token === b?.token))
      throw new SequenceBroken(
        `two overlapping creates answered the same token (${a.id === b?.id ? `id ${a.id}` : 'secret'}): each create makes a token of its own`,
      );
    model.live.push(
      remember(model, createdToken(answers[0]!, notes[0]!, this.first)),
      remember(model, createdToken(answers[1]!, notes[1]!, this.second)),
    );
  }
  toString = () => `createTogether(${JSON.stringify(this.first)}, ${JSON.stringify(this.second)})`;
}

/** A temporary token, then retrieved with itself: the retrieve shows the scopes and expiry it was created with. */
export class CreateTemporary implements Command {
  readonly sends = [CREATE, RETRIEVE];
  readonly creates = 0;
  constructor(readonly scopes: string[]) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    const expires = new Date(Date.now() + 600_000).toISOString();
    const exchange = await send(real, 'createToken', { body: { expires, scopes: this.scopes } });
    expectStatus(exchange, 200, 'create a temporary token');
    const retrieved = await send(real, 'retrieveToken', { as: (exchange.json as { token: string }).token });
    expectStatus(retrieved, 200, 'retrieve the temporary token');
    const { code, token } = retrieved.json as { code?: string; token?: { usage?: string; scopes?: string[]; expires?: string } };
    const wrong =
      code !== 'TokenValid'
        ? `code ${code}`
        : token?.usage !== 'tk'
          ? `usage ${token?.usage}`
          : !Array.isArray(token.scopes) || !sameList(token.scopes, this.scopes)
            ? `scopes ${JSON.stringify(token.scopes)}`
            : // The payload keeps its expiry in whole seconds (the token's exp claim).
              !(Math.abs(Date.parse(String(token.expires)) - Date.parse(expires)) < 1000)
              ? `expires ${JSON.stringify(token.expires)}`
              : undefined;
    if (wrong)
      throw new SequenceBroken(
        `retrieve a temporary token created with scopes ${JSON.stringify(this.scopes)}, expiring ${expires}: it shows ${wrong}`,
      );
  }
  toString = () => `createTemporary(${JSON.stringify(this.scopes)})`;
}

/** What an accepted update leaves: exactly the fields it sent change, the rest stays as it was. */
const afterWrite = (token: ModelToken, body: Partial<TokenState>): TokenState[] => token.states.map((state) => ({ ...state, ...body }));

/** The update's body: the marked note and the scopes, the fields it sends. */
const updateBody = (real: Real, note: string | undefined, scopes: string[] | undefined) => ({
  ...(note === undefined ? {} : { note: `${real.marker} ${note}` }),
  ...(scopes ? { scopes } : {}),
});

export class Update implements Command {
  readonly sends = [UPDATE];
  readonly creates = 0;
  constructor(
    readonly pick: number,
    readonly note: string | undefined,
    readonly scopes: string[] | undefined,
  ) {}
  check = (model: Readonly<Model>) => model.live.length > 0 && (this.note !== undefined || this.scopes !== undefined);
  async run(model: Model, real: Real) {
    const token = model.live[this.pick % model.live.length]!;
    const body = updateBody(real, this.note, this.scopes);
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
    token.states = afterWrite(token, body);
    remember(model, token);
    holdRead(token, exchange.json as TokenState, `update ${JSON.stringify(body)}`);
  }
  toString = () => `update(#${this.pick}, ${JSON.stringify({ note: this.note, scopes: this.scopes })})`;
}

/** Two updates of one token sent at once: each answer is its own write, and the token ends in one of the two. */
export class UpdateTogether implements Command {
  readonly sends = [UPDATE, UPDATE];
  readonly creates = 0;
  constructor(
    readonly pick: number,
    readonly scopes: readonly [string[], string[]],
  ) {}
  check = (model: Readonly<Model>) => model.live.length > 0;
  async run(model: Model, real: Real) {
    const token = model.live[this.pick % model.live.length]!;
    // Scopes travel only where the rules allow them on this token, so both writes are accepted.
    const bodies = (['a', 'b'] as const).map((which, i) => {
      const scopes = this.scopes[i]!;
      return updateBody(real, `together ${which}`, checkScopeUpdate(token, scopes) ? undefined : scopes);
    });
    const answers = await Promise.all(bodies.map((body) => send(real, 'updateToken', { tokenId: token.id, body })));
    const written = bodies.map((body) => afterWrite(token, body));
    answers.forEach((answer, i) => {
      expectStatus(answer, 200, `overlapping update ${JSON.stringify(bodies[i])}`);
      holdRead({ ...token }, answer.json as TokenState, `overlapping update ${JSON.stringify(bodies[i])}`, written[i]);
    });
    token.states = written.flat();
    remember(model, token);
    token.modified = Math.min(...answers.map((a) => Date.parse((a.json as { modified: string }).modified)));
  }
  toString = () => `updateTogether(#${this.pick}, ${JSON.stringify(this.scopes)})`;
}

export class Delete implements Command {
  readonly sends = [DELETE];
  readonly creates = 0;
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
  readonly sends: readonly PlannedSend[];
  readonly creates = 0;
  constructor(
    readonly pick: number,
    readonly how: 'delete' | 'update' | 'retrieve',
  ) {
    this.sends = [{ delete: DELETE, update: UPDATE, retrieve: RETRIEVE }[how]];
  }
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

/** The account's scope list holds every scope a token of the sequence was accepted with. */
export class ListScopes implements Command {
  readonly sends = [{ request: 'GET /scopes/v1/{username}', atMost: 1 }];
  readonly creates = 0;
  check = () => true;
  async run(model: Model, real: Real) {
    const exchange = await send(real, 'listScopes', {});
    expectStatus(exchange, 200, 'list scopes');
    const listed = new Set(((exchange.json ?? []) as { id?: unknown }[]).map((s) => s?.id));
    const missing = [...model.scopesUsed].filter((id) => !listed.has(id));
    if (missing.length)
      throw new SequenceBroken(
        `list scopes: ${missing.join(', ')} not listed, though the account's tokens were given ${missing.length > 1 ? 'them' : 'it'}`,
      );
  }
  toString = () => 'listScopes()';
}

export class List implements Command {
  readonly sends = [{ request: 'GET /tokens/v2/{username}?limit=100 … every page', atMost: LIST_PAGES }];
  readonly creates = 0;
  check = () => true;
  async run(model: Model, real: Real) {
    const { rows: seen, whole } = await listed(real);
    for (const t of model.live) {
      const row = seen.get(t.id);
      // A token on a page past the bound cannot be told from a missing one: only a whole listing says "not listed".
      if (!row && !whole) continue;
      if (!row) throw new SequenceBroken(`list: token ${t.id} (created, not deleted) is not listed`);
      holdRead(t, row, 'list');
    }
    for (const t of model.deleted) if (seen.has(t.id)) throw new SequenceBroken(`list: deleted token ${t.id} is still listed`);
  }
  toString = () => 'list()';
}
