// The stateful model: what the documented rules say the server holds after each command, and the
// reads that hold the server to it. Every read of a token — an update's answer, a listing's row —
// is held against everything written before it: its note and scopes exactly as sent (one of the
// states written, after overlapping updates), `created` as its create answered, `modified` never
// before `created` nor earlier than a read before, an sk secret never shown again.
import { errorKinds, type ErrorKind, type OperationId } from '@tokens-kit/types';
import type { Exchange } from '../../model/exchange.js';
import type { StepFinding } from '../../model/findings.js';
import type { BehaviourRuntime } from '../../model/runtime.js';
import { nextPage } from '../../engine/http.js';

/** What an update writes and a read shows of a token. */
export interface TokenState {
  note: string;
  scopes: string[];
}

export interface ModelToken {
  id: string;
  /** The secret the create answered; an sk secret is shown in that answer only. */
  token: string;
  usage: 'pk' | 'sk';
  /** "A token created with no scopes" can never gain any (checkScopeUpdate). */
  createdWithoutScopes: boolean;
  /** `created` as the create answered it: no later read may change it. */
  created: string;
  /** The latest `modified` a read showed (ms): a later read may not show an earlier one. */
  modified: number;
  /** What the token holds: one state, or after overlapping updates any one of those written, until a read pins it. */
  states: TokenState[];
}

export interface Model {
  live: ModelToken[];
  deleted: ModelToken[];
  /** Every scope a create or update of the sequence was accepted with: the scope list must hold each. */
  scopesUsed: Set<string>;
}

/** Records what a token holds: every scope in it is one the account has used. */
export function remember(model: Model, token: ModelToken): ModelToken {
  for (const state of token.states) for (const scope of state.scopes) model.scopesUsed.add(scope);
  return token;
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
export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const shown = (state: TokenState) => `note ${JSON.stringify(state.note)} and scopes ${JSON.stringify(state.scopes)}`;

/**
 * Holds a read of a token against what was written: its state must be one the model allows (and
 * becomes the one it holds), its timestamps consistent with every earlier read, its sk secret unshown.
 */
export function holdRead(
  token: ModelToken,
  read: Partial<TokenState> & { created?: unknown; modified?: unknown; token?: unknown },
  where: string,
  allowed = token.states,
) {
  const match = allowed.find((s) => s.note === read.note && Array.isArray(read.scopes) && sameList(s.scopes, read.scopes as string[]));
  if (!match)
    throw new SequenceBroken(
      `${where}: token ${token.id} shows ${shown(read as TokenState)}, expected ${allowed.map(shown).join(', or ')}`,
    );
  token.states = [match];
  if (read.created !== token.created)
    throw new SequenceBroken(
      `${where}: token ${token.id} shows created ${JSON.stringify(read.created)}, its create answered ${token.created}`,
    );
  const modified = Date.parse(String(read.modified));
  if (!(modified >= Date.parse(token.created)))
    throw new SequenceBroken(
      `${where}: token ${token.id} shows modified ${JSON.stringify(read.modified)}, before its created ${token.created}`,
    );
  if (modified < token.modified)
    throw new SequenceBroken(
      `${where}: token ${token.id} shows modified ${JSON.stringify(read.modified)}, earlier than ${new Date(token.modified).toISOString()} shown before`,
    );
  token.modified = modified;
  if (token.usage === 'sk' && read.token === token.token)
    throw new SequenceBroken(`${where}: the secret of sk token ${token.id} is shown again (only its create may show it)`);
}

export async function send(
  real: Real,
  op: OperationId,
  init: { tokenId?: string; body?: unknown; query?: Record<string, string>; as?: string },
) {
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
export const messageOf = (kind: ErrorKind, status: number) => errorKinds.find(([k, s]) => k === kind && s === status)?.[2];

export const expectStatus = (exchange: Exchange, status: number, what: string) => {
  if (exchange.status !== status)
    throw new SequenceBroken(`${what}: expected ${status}, got ${exchange.status} ${exchange.text.slice(0, 120)}`);
};

/** Pages a stateful listing reads at most (100 tokens each): the plan counts them. */
export const LIST_PAGES = 2;

type Row = TokenState & { id: string } & Record<string, unknown>;

/**
 * The run's tokens a listing shows, by id, and whether it saw every page: an account with more
 * than LIST_PAGES × 100 tokens is read in part (a stated bound for a live run's budget).
 */
export async function listed(real: Real): Promise<{ rows: Map<string, Row>; whole: boolean }> {
  const rows = new Map<string, Row>();
  let query: Record<string, string> | undefined = { limit: '100' };
  for (let page = 0; query && page < LIST_PAGES; page++) {
    const exchange = await send(real, 'listTokens', { query });
    expectStatus(exchange, 200, 'list');
    for (const t of (exchange.json ?? []) as Row[]) if (typeof t.note === 'string' && t.note.startsWith(real.marker)) rows.set(t.id, t);
    query = nextPage(exchange, real.runtime.target.baseUrl)?.query;
  }
  return { rows, whole: query === undefined };
}
