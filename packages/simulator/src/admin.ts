// The admin API, for teams that drive the simulator from a language other than JavaScript,
// WireMock-style: under /__admin/, a prefix no Tokens API path uses. It seeds accounts and tokens,
// moves the clock, sets and clears faults, and snapshots, restores and resets the state. Off unless
// asked for (`admin`); on any host but loopback it requires a secret (`X-Admin-Secret`). Described by
// its own OpenAPI document, admin/openapi.yaml. Routes are a closed table: method and path → handler.
import { isJsonObject } from '@tokens-kit/contract';
import { sameText } from './bytes.js';
import type { ManualClock } from './clock.js';
import { checkFault, FaultError, type Faults } from './faults.js';
import type { StateSnapshot } from './snapshot.js';
import type { TokensState } from './state.js';

export const ADMIN_PREFIX = '/__admin';

export interface AdminContext {
  state: TokensState;
  clock: ManualClock;
  faults: Faults;
  /** The state as a snapshot, and back. */
  snapshot(): StateSnapshot;
  restore(snapshot: unknown): void;
  /** Back to the state the simulator started with. */
  reset(): void;
  /** After a change: the state file, if any, is written. */
  changed(): void;
}

interface AdminReply {
  status: number;
  body?: unknown;
}

type AdminRoute = (context: AdminContext, body: unknown, params: string[]) => AdminReply;

const refused = (message: string): AdminReply => ({ status: 400, body: { message } });
const USERNAME = /^[A-Za-z0-9_-]+$/;

/** The admin routes, by `METHOD /path` under the prefix (`{id}` for a fault's id). */
export const adminRoutes: Record<string, AdminRoute> = {
  'GET /state': (c) => ({ status: 200, body: c.snapshot() }),
  'PUT /state': (c, body) => {
    c.restore(body);
    c.changed();
    return { status: 204 };
  },
  'POST /reset': (c) => {
    c.reset();
    c.faults.clear();
    c.changed();
    return { status: 204 };
  },
  'POST /accounts': (c, body) => {
    if (!isJsonObject(body) || typeof body.username !== 'string' || !USERNAME.test(body.username))
      return refused('username: letters, digits, "-" and "_"');
    const account = c.state.addAccount(body.username);
    c.changed();
    return {
      status: 201,
      body: { username: account.username, tokens: [...account.tokens.values()].map(({ id, usage, token }) => ({ id, usage, token })) },
    };
  },
  'POST /tokens': (c, body) => {
    if (!isJsonObject(body) || !Array.isArray(body.scopes) || !body.scopes.every((s) => typeof s === 'string'))
      return refused('scopes: an array of scope ids');
    const username = typeof body.username === 'string' ? body.username : undefined;
    if (username !== undefined && !USERNAME.test(username)) return refused('username: letters, digits, "-" and "_"');
    if (body.note !== undefined && typeof body.note !== 'string') return refused('note: a string');
    const account = c.state.addAccount(username ?? [...c.state.accounts.keys()][0]!);
    const record = c.state.addToken(account, {
      scopes: body.scopes as string[],
      ...(typeof body.note === 'string' ? { note: body.note } : {}),
    });
    c.changed();
    return { status: 201, body: { username: account.username, id: record.id, usage: record.usage, token: record.token } };
  },
  'GET /clock': (c) => ({ status: 200, body: { now: new Date(c.clock.now()).toISOString() } }),
  'POST /clock': (c, body) => {
    if (!isJsonObject(body) || !Number.isFinite(body.advanceMs)) return refused('advanceMs: a number of milliseconds');
    c.clock.advance(body.advanceMs as number);
    return { status: 200, body: { now: new Date(c.clock.now()).toISOString() } };
  },
  'GET /faults': (c) => ({ status: 200, body: c.faults.list() }),
  'POST /faults': (c, body) => {
    try {
      return { status: 201, body: { id: c.faults.add(checkFault(body, 'fault')) } };
    } catch (error) {
      if (error instanceof FaultError) return refused(error.message);
      throw error;
    }
  },
  'DELETE /faults': (c) => {
    c.faults.clear();
    return { status: 204 };
  },
  'DELETE /faults/{id}': (c, _body, [id]) => {
    c.faults.clear(Number(id));
    return { status: 204 };
  },
};

/** The route for a method and a path under the prefix, with its path parameters. */
function route(method: string, path: string): { handler: AdminRoute; params: string[] } | undefined {
  const exact = adminRoutes[`${method} ${path}`];
  if (exact) return { handler: exact, params: [] };
  const fault = /^\/faults\/(\d+)$/.exec(path);
  if (fault && method === 'DELETE') return { handler: adminRoutes['DELETE /faults/{id}']!, params: [fault[1]!] };
  return undefined;
}

/** Whether a presented secret is the admin secret (in constant time). */
function secretMatches(expected: string, given: string | null): boolean {
  return given !== null && sameText(expected, given);
}

/**
 * Answers an admin request: 404 when the admin API is off (as any unknown path), 401 without the
 * secret where one is required, 404 for an unknown admin path, 400 for a malformed body.
 */
export function handleAdmin(
  context: AdminContext,
  settings: { enabled: boolean; secret?: string },
  request: { method: string; path: string; secret: string | null; body: string },
): AdminReply {
  if (!settings.enabled) return { status: 404, body: { message: 'Not Found' } };
  if (settings.secret !== undefined && !secretMatches(settings.secret, request.secret))
    return { status: 401, body: { message: 'admin secret required (X-Admin-Secret)' } };
  const found = route(request.method, request.path.slice(ADMIN_PREFIX.length) || '/');
  if (!found) return { status: 404, body: { message: `no admin route ${request.method} ${request.path}` } };
  let body: unknown;
  if (request.body.trim() !== '') {
    try {
      body = JSON.parse(request.body);
    } catch {
      return refused('the body must be JSON');
    }
  }
  try {
    return found.handler(context, body, found.params);
  } catch (error) {
    return refused((error as Error).message);
  }
}
