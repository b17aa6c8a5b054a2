// The simulator's request handler — routing by the spec's paths, the rate limit, body reading, and
// answers in the documented shapes — and its in-process face, a WHATWG fetch. Browser-safe: no
// Node built-in, so it also runs in a page behind msw's service worker. The node:http face
// (`startSimulator`) and the state file are in server.ts and store.ts; one handler serves both
// faces, so they cannot disagree.
import { type DecodedToken, decodeToken, matchOperation } from '@tokens-kit/contract';
import { limits, operationIndex, scopeCatalogue, type OperationId } from '@tokens-kit/types';
import { ManualClock } from './clock.js';
import { ApiFailure, documented } from './failures.js';
import { type Fault, faultBody, Faults } from './faults.js';
import { ADMIN_PREFIX, handleAdmin } from './admin.js';
import { randomHex } from './bytes.js';
import { checkSnapshot, type StateSnapshot, type StateStore } from './snapshot.js';
import { type PlayContext, playsOf, type Reply, type SimulatorProfile } from './profiles.js';
import { RateLimiter } from './rate-limit.js';
import { type AuthorizedOperation, handlersFor, type RoutedRequest } from './handlers.js';
import { answer, CORS, type Incoming, InProcessResponse, type Outgoing, parseJson, readRequestBody } from './wire.js';

export type { Incoming, Outgoing } from './wire.js';

export type { Handlers } from './handlers.js';
import { TokensState, type TokenRecord } from './state.js';

export interface SimulatorOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** The account the simulator starts with. Default "simulator". */
  username?: string;
  /** Requests per minute per account, or false for none. Default: the documented 100. */
  rateLimit?: number | false;
  /** Tokens per page when a listing gives no `limit`. Default 100. */
  pageSize?: number;
  /** Largest request body accepted, in bytes; beyond it, 413. Default 64 KiB. */
  maxBodyBytes?: number;
  /**
   * How long a request may take to arrive, headers and body, on the HTTP face (ms; default 30 000):
   * a client that never finishes its body does not hold a socket longer than this.
   */
  requestTimeoutMs?: number;
  /** HMAC key for token signatures. Default: random per start. */
  secret?: string;
  /** The time source; a ManualClock by default, so tests can move it. */
  clock?: ManualClock;
  /**
   * `documented` (the default): as the documentation says. `observed`: also plays every entry of
   * the register of observed deviations a simulator can (see its README).
   */
  profile?: SimulatorProfile;
  /**
   * A file the state is kept in across restarts: loaded at start when it exists (its key and master
   * token then win over `secret`), written atomically after each change. Holds tokens: mode 0600.
   */
  stateFile?: string;
  /**
   * The admin API under /__admin/ (seed, clock, faults, snapshot, restore, reset); off by default.
   * Listening on a host other than loopback, it needs `adminSecret`, sent as X-Admin-Secret.
   */
  admin?: boolean;
  adminSecret?: string;
  /** Faults in force from the start (more can be added with `faults.add`). */
  faults?: Fault[];
  /** Where to say what went wrong inside the simulator (never request contents). Default stderr. */
  log?: (line: string) => void;
}

/** A simulator in this process: no port, a fetch that answers as the HTTP server would. */
export interface Simulator {
  username: string;
  /** A secret token of `username` holding every scope. */
  token: string;
  clock: ManualClock;
  state: TokensState;
  /** Adds a token to an account directly, as if it pre-existed (creating the account if needed). */
  seedToken(init: { username?: string; scopes: string[]; note?: string; allowedUrls?: string[] }): TokenRecord;
  /** Faults to inject: `faults.add({ operation: 'listTokens', status: 503, times: 2 })`, `faults.clear()`. */
  faults: Faults;
  /**
   * A WHATWG fetch served by the simulator's handler, with no socket: it takes a URL or a Request
   * whatever its origin (`https://api.mapbox.com/...` included) and answers from the path and query.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
}

/** A simulator listening on a port (`startSimulator`): the in-process one, served over HTTP too. */
export interface RunningSimulator extends Simulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/** A request as the handler reads it, whichever face it came through. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const isAuthorized = (operationId: OperationId): operationId is AuthorizedOperation => operationIndex[operationId].authorized;

/** The simulator and the one handler both of its faces answer through; `store` keeps its state, where there is one. */
export function assemble(
  options: SimulatorOptions,
  store?: StateStore,
): { simulator: Simulator; respond(incoming: Incoming): Promise<Outgoing> } {
  const clock = options.clock ?? new ManualClock();
  const saved = store?.read();
  const secret = saved?.secret ?? options.secret ?? randomHex(32);
  const username = saved?.username ?? options.username ?? 'simulator';
  if (!/^[A-Za-z0-9_-]+$/.test(username)) throw new Error(`Invalid username "${username}": use letters, digits, "-" and "_".`);
  const pageSize = options.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`Invalid pageSize ${pageSize}: a positive integer.`);
  const rateLimit = options.rateLimit ?? limits.rateLimit.requests;
  if (rateLimit !== false && (!Number.isInteger(rateLimit) || rateLimit < 1))
    throw new Error(`Invalid rate limit ${rateLimit}: a positive integer or false.`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const state = new TokensState({ secret, clock, pageSize });
  const limiter = rateLimit === false ? undefined : new RateLimiter(clock, rateLimit, limits.rateLimit.perSeconds);
  // The windows X-Rate-Limit-* headers describe: the limiter's, or with the limit off the documented
  // one's (never counted against: only read for headers).
  const windows = limiter ?? new RateLimiter(clock, limits.rateLimit.requests, limits.rateLimit.perSeconds);
  if (saved) state.import(saved);
  const account = state.addAccount(username);
  const master =
    (saved && account.tokens.get(saved.masterTokenId)) ??
    state.addToken(account, { scopes: scopeCatalogue.map((s) => s.id), note: 'Simulator master token (every scope)' });
  const faults = new Faults();
  for (const fault of options.faults ?? []) faults.add(fault);
  const snapshot = (): StateSnapshot => ({
    kind: 'tokens-simulator state',
    version: 1,
    secret,
    username,
    masterTokenId: master.id,
    ...state.export(),
  });
  const persist = () => store?.write(snapshot());
  persist();
  const initial = JSON.stringify(state.export());
  const adminContext = {
    state,
    clock,
    faults,
    snapshot,
    restore(value: unknown) {
      const restored = checkSnapshot(value, 'the snapshot');
      // Tokens are signed with the key: a snapshot of another simulator's would not verify here.
      if (restored.secret !== secret) throw new Error('the snapshot is of another simulator (its signing key differs)');
      state.import(restored);
    },
    reset: () => state.import(JSON.parse(initial)),
    changed: persist,
  };
  const handlers = handlersFor(state);
  const plays = playsOf(options.profile ?? 'documented');

  async function handle({ method, url, readBody, discard, adminSecret }: Incoming): Promise<Outgoing> {
    if (method === 'OPTIONS') return answer(204);
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      let body = '';
      if (options.admin) body = await readBody(maxBodyBytes);
      else discard();
      const reply = handleAdmin(
        adminContext,
        { enabled: options.admin === true, secret: options.adminSecret },
        { method, path: url.pathname, secret: adminSecret, body },
      );
      return answer(reply.status, reply.body);
    }
    const match = matchOperation(method, url.pathname);
    if (!match) {
      discard();
      return answer(404, { message: 'Not Found' });
    }
    const { operationId, params } = match;
    const accessToken = url.searchParams.get('access_token');
    // The access token read at most once per request, and only when something needs it.
    let decoded: DecodedToken | undefined | null = null;
    const tokenRead = (): DecodedToken | undefined => {
      if (decoded === null) {
        try {
          decoded = accessToken ? decodeToken(accessToken) : undefined;
        } catch {
          decoded = undefined;
        }
      }
      return decoded;
    };
    // The rate limit is per account: the path's, or for retrieve the token's own (its payload's
    // user; the signature is checked where it matters, by retrieve itself).
    const account = () => params.username ?? tokenRead()?.payload.u ?? '(anonymous)';

    const fault = faults.take(operationId);
    if (fault) {
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.drop || fault.malformed || fault.status) discard();
      if (fault.drop) return { status: 0, headers: {}, drop: true };
      if (fault.malformed)
        return { status: 200, headers: { ...CORS, 'content-type': 'application/json; charset=utf-8' }, body: '{"message": "truncat' };
      if (fault.status) {
        const headers = fault.status === 429 ? { 'retry-after': '1', ...windows.headers(account()) } : {};
        return answer(fault.status, faultBody(fault.status), headers);
      }
    }

    if (limiter) {
      const refused = limiter.take(account());
      if (refused) {
        discard();
        throw documented('RateLimited', refused);
      }
    }

    let text = '';
    if (match.operation.requestBody) text = await readBody(maxBodyBytes);
    else discard();
    const context: PlayContext = {
      operationId,
      url,
      params,
      // Only the observed profile's plays look at the bearer: the documented one never reads it here.
      bearer: plays.length > 0 ? tokenRead()?.usage : undefined,
      body: undefined,
      clear: [],
      rateLimitHeaders: () => windows.headers(account()),
    };
    let reply: Reply;
    try {
      // Authorization comes first (a 401 or 404 before anything about the body), as documented.
      const authority = isAuthorized(operationId) ? state.authorize(operationId, accessToken, params.username ?? '') : undefined;
      context.body = match.operation.requestBody ? parseJson(text) : undefined;
      for (const play of plays) play.request?.(context);
      const request: RoutedRequest = { url, params, body: context.body, clear: context.clear };
      reply = isAuthorized(operationId) ? handlers[operationId](request, authority!) : handlers[operationId](request);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      throw plays.reduce((failure, play) => play.failure?.(context, failure) ?? failure, error);
    }
    reply = plays.reduce((played, play) => play.reply?.(context, played) ?? played, reply);
    // Only a change is written: creates, updates and deletes that succeeded.
    if (reply.status < 300 && match.operation.method !== 'GET') persist();
    return answer(reply.status, reply.body, reply.headers);
  }

  /** Every request, through either face: an ApiFailure is an answer; anything else is a bug, logged. */
  const respond = (incoming: Incoming): Promise<Outgoing> =>
    handle(incoming).catch((error: unknown) => {
      if (error instanceof ApiFailure) return answer(error.status, { message: error.message }, error.headers);
      // A bug, not an answer the API documents: say so, and answer as the API would.
      log(`simulator: unexpected error on ${incoming.method} ${incoming.url.pathname}: ${(error as Error).stack ?? error}`);
      return answer(500, { message: 'Internal Server Error' });
    });

  const simulator: Simulator = {
    username,
    token: master.token,
    clock,
    state,
    seedToken: (init) => {
      const record = state.addToken(state.addAccount(init.username ?? username), init);
      persist();
      return record;
    },
    faults,
    async fetch(input, init) {
      // A Request given alone is used as it is: another one would parse and copy it again.
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const out = await respond({
        method: request.method,
        url: new URL(request.url),
        readBody: (max) => readRequestBody(request, max),
        discard: () => {},
        adminSecret: request.headers.get('x-admin-secret'),
      });
      // A dropped connection is what fetch meets on the network: a TypeError caused by ECONNRESET.
      if (out.drop) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      return new InProcessResponse(out.body, { status: out.status, headers: out.headers });
    },
  };
  return { simulator, respond };
}
