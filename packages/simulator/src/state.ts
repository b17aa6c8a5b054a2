// The documented behaviour of every operation, on an in-memory set of accounts. No HTTP here:
// each method takes what the request said and returns the body, or throws an ApiFailure.
import { randomBytes } from 'node:crypto';
import { ContractValidator, type Issue } from '@tokens-kit/spec';
import { limits, operationIndex, scopeCatalogue, type OperationId } from '@tokens-kit/types';
import type { Clock } from './clock.js';
import { documented, invalidRequest } from './failures.js';
import { mintToken, parseToken, type ParsedToken } from './token-format.js';

export interface TokenRecord {
  id: string;
  usage: 'pk' | 'sk';
  default: boolean;
  scopes: string[];
  note: string;
  created: number;
  modified: number;
  allowedUrls?: string[];
  resources?: string[];
  token: string;
  /** "While it is possible to create a token with no scopes, you will not be able to update this token later to include any scopes." */
  createdWithoutScopes: boolean;
}

export interface Account {
  username: string;
  /** In creation order. */
  tokens: Map<string, TokenRecord>;
  /** Ids of deleted tokens: they retrieve as TokenRevoked and authorize nothing. */
  revoked: Set<string>;
}

/** Who is asking: the account, and the scopes of the token that authorized the request. */
export interface Authority {
  account: Account;
  scopes: Set<string>;
  token: Extract<ParsedToken, { kind: 'permanent' | 'temporary' }>;
}

export interface ListQuery {
  default?: string | null;
  limit?: string | null;
  sortby?: string | null;
  start?: string | null;
  usage?: string | null;
}

const publicScopes = new Set<string>(scopeCatalogue.filter((s) => s.public).map((s) => s.id));
const knownScopes = new Set<string>(scopeCatalogue.map((s) => s.id));
const validator = new ContractValidator();

function describeIssues(issues: Issue[]): string {
  const [first] = issues;
  if (!first) return 'request body is invalid';
  const where = first.at === '/' ? 'request body' : first.at.slice(1).replace(/\//g, '.');
  return `${where} ${first.message.replace(/ \[[^\]]*\]$/, '')}`;
}

export interface TokensStateOptions {
  secret: string;
  clock: Clock;
  /** Tokens per page when a listing asks for no `limit` (the API's own default is undocumented). */
  pageSize: number;
}

export class TokensState {
  readonly accounts = new Map<string, Account>();
  private counter = 0;

  constructor(private readonly options: TokensStateOptions) {}

  private newId(): string {
    // The shape of Mapbox token ids (cuid: 25 lowercase alphanumerics starting with "c").
    const time = this.options.clock.now().toString(36).padStart(8, '0').slice(-8);
    const count = (this.counter++ % 1679616).toString(36).padStart(4, '0');
    const random = [...randomBytes(12)].map((b) => (b % 36).toString(36)).join('');
    return `c${time}${count}${random}`;
  }

  addAccount(username: string): Account {
    const existing = this.accounts.get(username);
    if (existing) return existing;
    const account: Account = { username, tokens: new Map(), revoked: new Set() };
    this.accounts.set(username, account);
    // "All user accounts have a default public token."
    this.addToken(account, { scopes: [...publicScopes], note: 'Default public token', default: true });
    return account;
  }

  /** Adds a token directly (account set-up and tests' pre-existing tokens). */
  addToken(account: Account, init: { scopes: string[]; note?: string; allowedUrls?: string[]; default?: boolean }): TokenRecord {
    const id = this.newId();
    const now = this.options.clock.now();
    const usage = init.scopes.some((s) => !publicScopes.has(s)) ? 'sk' : 'pk';
    const record: TokenRecord = {
      id,
      usage,
      default: init.default ?? false,
      scopes: [...init.scopes],
      note: init.note ?? '',
      created: now,
      modified: now,
      ...(init.allowedUrls ? { allowedUrls: [...init.allowedUrls] } : {}),
      token: mintToken(this.options.secret, usage, { u: account.username, a: id }),
      createdWithoutScopes: init.scopes.length === 0,
    };
    account.tokens.set(id, record);
    return record;
  }

  // ---- authorization -------------------------------------------------------------------------

  /** The token's authority, or undefined when it authorizes nothing (malformed, forged, revoked, expired). */
  private authorityOf(accessToken: string | null | undefined): Authority | undefined {
    if (!accessToken) return undefined;
    const parsed = parseToken(this.options.secret, accessToken);
    if (parsed.kind === 'malformed' || !parsed.signatureValid) return undefined;
    const account = this.accounts.get(parsed.payload.u);
    if (!account) return undefined;
    if (parsed.kind === 'temporary') {
      if (parsed.payload.exp * 1000 <= this.options.clock.now()) return undefined;
      return { account, scopes: new Set(parsed.payload.scopes), token: parsed };
    }
    const record = account.tokens.get(parsed.payload.a);
    if (!record) return undefined;
    return { account, scopes: new Set(record.scopes), token: parsed };
  }

  /**
   * The error table's order: a token that authorizes nothing is 401 Unauthorized; an unknown
   * username 404 No such user; a token of another account, or without the operation's scope,
   * 404 Not found.
   */
  authorize(operationId: OperationId, accessToken: string | null | undefined, username: string): Authority {
    const authority = this.authorityOf(accessToken);
    if (!authority) throw documented('Unauthorized');
    if (!this.accounts.has(username)) throw documented('NoSuchUser');
    if (authority.account.username !== username) throw documented('NotFound');
    for (const scope of operationIndex[operationId].requiredScopes) {
      if (!authority.scopes.has(scope)) throw documented('NotFound');
    }
    return authority;
  }

  // ---- operations ----------------------------------------------------------------------------

  listTokens(authority: Authority, query: ListQuery, nextUrl: (params: URLSearchParams) => string): { body: unknown[]; link?: string } {
    if (query.usage != null && query.usage !== 'pk' && query.usage !== 'sk') throw documented('UsageInvalid');
    if (query.default != null && query.default !== 'true' && query.default !== 'false') throw invalidRequest('default must be true or false');
    if (query.sortby != null && query.sortby !== 'created' && query.sortby !== 'modified') throw invalidRequest('sortby must be created or modified');
    if (query.limit != null && !/^[1-9]\d{0,8}$/.test(query.limit)) throw invalidRequest('limit must be a positive integer');
    const limit = Math.min(query.limit != null ? Number(query.limit) : this.options.pageSize, 100);
    const key = query.sortby === 'modified' ? 'modified' : 'created';

    const all = [...authority.account.tokens.values()]
      .filter((t) => query.usage == null || t.usage === query.usage)
      .filter((t) => query.default == null || t.default === (query.default === 'true'))
      // Stable: equal timestamps keep creation order.
      .sort((a, b) => a[key] - b[key]);
    let from = 0;
    if (query.start != null) {
      const index = all.findIndex((t) => t.id === query.start);
      // "Internal Server Error 500: This error can occur if the start value is not valid."
      if (index === -1) throw documented('InvalidStart');
      from = index + 1;
    }
    const page = all.slice(from, from + limit);
    let link: string | undefined;
    if (from + limit < all.length) {
      const params = new URLSearchParams();
      for (const name of ['default', 'sortby', 'usage'] as const) if (query[name] != null) params.set(name, query[name]!);
      params.set('limit', String(limit));
      params.set('start', page.at(-1)!.id);
      link = `<${nextUrl(params)}>; rel="next"`;
    }
    return { body: page.map((t) => this.show(t, false)), link };
  }

  createToken(authority: Authority, body: unknown): unknown {
    const request = this.checkBody('createToken', body, authority.account.username);
    const scopes = request.scopes as string[];
    if (typeof request.expires === 'string') return this.createTemporary(authority, request.expires, scopes);
    this.checkScopes(authority, scopes);
    const record = this.addToken(authority.account, {
      scopes,
      note: request.note as string | undefined,
      allowedUrls: request.allowedUrls as string[] | undefined,
    });
    if (request.resources) record.resources = request.resources as string[];
    // The only time a secret token is shown.
    return this.show(record, true);
  }

  private createTemporary(authority: Authority, expires: string, scopes: string[]): unknown {
    const now = this.options.clock.now();
    const expiresMs = Date.parse(expires);
    if (expiresMs <= now) throw documented('ExpiresInPast');
    if (expiresMs > now + limits.maxTemporaryLifetimeSeconds * 1000) throw documented('ExpiresTooFar');
    const exp = Math.floor(expiresMs / 1000);
    if (authority.token.kind === 'temporary' && exp > authority.token.payload.exp) throw documented('ExpiresBeyondAuthorizingToken');
    this.checkScopes(authority, scopes);
    const token = mintToken(this.options.secret, 'tk', {
      u: authority.account.username,
      exp,
      iat: Math.floor(now / 1000),
      scopes: [...scopes],
      client: 'api',
    });
    return { token };
  }

  updateToken(authority: Authority, tokenId: string, body: unknown): unknown {
    const record = authority.account.tokens.get(tokenId);
    if (!record) throw documented('NotFound');
    const request = this.checkBody('updateToken', body, authority.account.username);
    if (Array.isArray(request.scopes)) {
      const scopes = request.scopes as string[];
      if (record.createdWithoutScopes && scopes.length > 0) throw documented('ScopesInvalid');
      // "A public token may only be updated to include other public scopes."
      if (record.usage === 'pk' && scopes.some((s) => !publicScopes.has(s))) throw documented('ScopesInvalid');
      this.checkScopes(authority, scopes);
      record.scopes = [...scopes];
    }
    if (typeof request.note === 'string') record.note = request.note;
    if (Array.isArray(request.allowedUrls)) record.allowedUrls = [...(request.allowedUrls as string[])];
    if (Array.isArray(request.resources)) record.resources = [...(request.resources as string[])];
    // `modified` always moves forward, even within one millisecond.
    record.modified = Math.max(this.options.clock.now(), record.modified + 1);
    return this.show(record, false);
  }

  deleteToken(authority: Authority, tokenId: string): void {
    if (!authority.account.tokens.delete(tokenId)) throw documented('NotFound');
    authority.account.revoked.add(tokenId);
  }

  retrieveToken(accessToken: string | null): unknown {
    if (!accessToken) throw documented('AccessTokenRequired');
    const parsed = parseToken(this.options.secret, accessToken);
    if (parsed.kind === 'malformed') return { code: 'TokenMalformed' };
    if (parsed.kind === 'temporary') {
      const token = {
        usage: 'tk',
        user: parsed.payload.u,
        expires: new Date(parsed.payload.exp * 1000).toISOString(),
        created: new Date(parsed.payload.iat * 1000).toISOString(),
        scopes: parsed.payload.scopes,
        client: 'api',
      };
      if (!parsed.signatureValid) return { code: 'TokenInvalid', token };
      return { code: parsed.payload.exp * 1000 <= this.options.clock.now() ? 'TokenExpired' : 'TokenValid', token };
    }
    const token = { usage: parsed.usage, user: parsed.payload.u, authorization: parsed.payload.a };
    if (!parsed.signatureValid) return { code: 'TokenInvalid', token };
    const live = this.accounts.get(parsed.payload.u)?.tokens.has(parsed.payload.a) ?? false;
    // A correctly signed token whose authorization no longer exists has been deleted.
    return { code: live ? 'TokenValid' : 'TokenRevoked', token };
  }

  listScopes(_authority: Authority): unknown[] {
    // As in the reference's example, `public` is present (true) on public scopes only.
    return scopeCatalogue.map((s) => (s.public ? { id: s.id, public: true, description: s.description } : { id: s.id, description: s.description }));
  }

  // ---- rules shared by create and update -----------------------------------------------------

  /** Every requested scope must be a known scope and present in the authorizing token. */
  private checkScopes(authority: Authority, scopes: string[]): void {
    for (const scope of scopes) {
      if (!knownScopes.has(scope) || !authority.scopes.has(scope)) throw documented('ScopesInvalid');
    }
  }

  /**
   * The body must be a JSON object matching the operation's schema. `resources` comes first: the
   * error table names its failures ("malformed, empty, or require higher permissions").
   */
  private checkBody(operationId: 'createToken' | 'updateToken', body: unknown, owner: string): Record<string, unknown> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('request body must be a JSON object');
    const request = body as Record<string, unknown>;
    if ('resources' in request && !this.validResources(request.resources, owner)) throw documented('ResourcesInvalid');
    const issues = validator.validateRequestBody(operationId, request);
    if (issues.length) {
      if ('expires' in request && 'allowedUrls' in request) throw invalidRequest('temporary tokens cannot have allowedUrls');
      const tooMany = Array.isArray(request.allowedUrls) && request.allowedUrls.length > limits.maxAllowedUrls;
      if (tooMany) throw invalidRequest(`allowedUrls may contain at most ${limits.maxAllowedUrls} URLs`);
      throw invalidRequest(describeIssues(issues));
    }
    return request;
  }

  /** Resources are `<owner>.<name>` ids; a resource of another owner needs more than this token has. */
  private validResources(resources: unknown, owner: string): boolean {
    return (
      Array.isArray(resources) &&
      resources.length > 0 &&
      resources.every((r) => typeof r === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$/.test(r) && r.split('.')[0] === owner)
    );
  }

  /** The metadata object as the API shows it; `token` of an sk token only right after creation. */
  show(record: TokenRecord, justCreated: boolean): Record<string, unknown> {
    return {
      id: record.id,
      usage: record.usage,
      client: 'api',
      default: record.default,
      note: record.note,
      scopes: [...record.scopes],
      created: new Date(record.created).toISOString(),
      modified: new Date(record.modified).toISOString(),
      ...(record.allowedUrls ? { allowedUrls: [...record.allowedUrls] } : {}),
      ...(record.usage === 'pk' || justCreated ? { token: record.token } : {}),
    };
  }
}

