// The documented behaviour of every operation, on an in-memory set of accounts. No HTTP here:
// each method takes what the request said and returns the body in its generated type, or throws an
// ApiFailure. The rules themselves (subset rule, scope updates, expiry limits, usage by scopes) are
// the contract's functions, shared with the client's predictions.
import { checkScopeUpdate, checkTemporaryExpiry, predictUsage } from '@tokens-kit/contract';
import {
  operationIndex,
  publicScopeIds,
  scopeCatalogue,
  type CreatedToken,
  type OperationId,
  type RequestBody,
  type RetrieveTokenResult,
  type Scope,
  type StoredToken,
  type TemporaryToken,
} from '@tokens-kit/types';
import { randomBytes } from './bytes.js';
import type { Clock } from './clock.js';
import { documented } from './failures.js';
import { checkBody, checkSubset } from './request-rules.js';
import { listPage, type ListQuery } from './listing.js';

export type { ListQuery } from './listing.js';
import { mintToken, verifyToken, type VerifiedToken } from './signing.js';

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
  token: VerifiedToken;
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

  /** Everything a restart needs but the key: the accounts, their tokens and revocations, the id counter. */
  export(): { counter: number; accounts: { username: string; tokens: TokenRecord[]; revoked: string[] }[] } {
    return {
      counter: this.counter,
      accounts: [...this.accounts.values()].map((a) => ({ username: a.username, tokens: [...a.tokens.values()], revoked: [...a.revoked] })),
    };
  }

  /** Replaces the state with an exported one. */
  import(saved: ReturnType<TokensState['export']>): void {
    this.accounts.clear();
    this.counter = saved.counter;
    for (const a of saved.accounts) {
      this.accounts.set(a.username, {
        username: a.username,
        tokens: new Map(a.tokens.map((t) => [t.id, { ...t }])),
        revoked: new Set(a.revoked),
      });
    }
  }

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
    this.addToken(account, { scopes: publicScopeIds, note: 'Default public token', default: true });
    return account;
  }

  /** Adds a token directly (account set-up and tests' pre-existing tokens). */
  addToken(
    account: Account,
    init: { scopes: readonly string[]; note?: string; allowedUrls?: readonly string[]; default?: boolean },
  ): TokenRecord {
    const id = this.newId();
    const now = this.options.clock.now();
    const usage = predictUsage(init.scopes);
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
    const token = verifyToken(this.options.secret, accessToken);
    if (!token?.signatureValid) return undefined;
    const account = this.accounts.get(token.payload.u);
    if (!account) return undefined;
    if (token.usage === 'tk') {
      if (token.payload.exp * 1000 <= this.options.clock.now()) return undefined;
      return { account, scopes: new Set(token.payload.scopes), token };
    }
    const record = account.tokens.get(token.payload.a);
    if (!record) return undefined;
    return { account, scopes: new Set(record.scopes), token };
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
      if (!authority.scopes.has(scope)) throw documented('NotFound', undefined, { missingScope: scope });
    }
    return authority;
  }

  // ---- operations ----------------------------------------------------------------------------

  listTokens(authority: Authority, query: ListQuery, nextUrl: (params: URLSearchParams) => string): { body: StoredToken[]; link?: string } {
    const { page, link } = listPage([...authority.account.tokens.values()], query, this.options.pageSize, nextUrl);
    return { body: page.map((t) => this.stored(t)), ...(link ? { link } : {}) };
  }

  createToken(authority: Authority, body: unknown): CreatedToken | TemporaryToken {
    const request = checkBody('createToken', body, authority.account.username);
    if ('expires' in request) return this.createTemporary(authority, request.expires, request.scopes);
    checkSubset(authority.scopes, request.scopes);
    const record = this.addToken(authority.account, { scopes: request.scopes, note: request.note, allowedUrls: request.allowedUrls });
    if (request.resources) record.resources = [...request.resources];
    // The only time a secret token is shown.
    return { ...this.stored(record), token: record.token };
  }

  private createTemporary(authority: Authority, expires: string, scopes: string[]): TemporaryToken {
    const now = this.options.clock.now();
    const authorizingExpires = authority.token.usage === 'tk' ? new Date(authority.token.payload.exp * 1000) : undefined;
    const expiryError = checkTemporaryExpiry(expires, { now, authorizingExpires });
    if (expiryError) throw documented(expiryError);
    checkSubset(authority.scopes, scopes);
    const token = mintToken(this.options.secret, 'tk', {
      u: authority.account.username,
      exp: Math.floor(Date.parse(expires) / 1000),
      iat: Math.floor(now / 1000),
      scopes: [...scopes],
      client: 'api',
    });
    return { token };
  }

  /** `clear`: restrictions to remove (the observed API's `null`; the documented one has no way to). */
  updateToken(authority: Authority, tokenId: string, body: unknown, clear: readonly ('allowedUrls' | 'resources')[] = []): StoredToken {
    const record = authority.account.tokens.get(tokenId);
    if (!record) throw documented('NotFound');
    // An update whose only content was restrictions to clear arrives empty: nothing else to check.
    const onlyClears = clear.length > 0 && typeof body === 'object' && body !== null && Object.keys(body).length === 0;
    const request: RequestBody<'updateToken'> = onlyClears ? {} : checkBody('updateToken', body, authority.account.username);
    if (request.scopes) {
      const updateError = checkScopeUpdate(record, request.scopes);
      if (updateError) throw documented(updateError);
      checkSubset(authority.scopes, request.scopes);
      record.scopes = [...request.scopes];
    }
    if (request.note !== undefined) record.note = request.note;
    if (request.allowedUrls) record.allowedUrls = [...request.allowedUrls];
    if (request.resources) record.resources = [...request.resources];
    for (const restriction of clear) delete record[restriction];
    // `modified` always moves forward, even within one millisecond.
    record.modified = Math.max(this.options.clock.now(), record.modified + 1);
    return this.stored(record);
  }

  deleteToken(authority: Authority, tokenId: string): void {
    if (!authority.account.tokens.delete(tokenId)) throw documented('NotFound');
    authority.account.revoked.add(tokenId);
  }

  retrieveToken(accessToken: string | null): RetrieveTokenResult {
    if (!accessToken) throw documented('AccessTokenRequired');
    const token = verifyToken(this.options.secret, accessToken);
    if (!token) return { code: 'TokenMalformed' };
    if (token.usage === 'tk') {
      const { u, exp, iat, scopes } = token.payload;
      const parsed = {
        usage: 'tk' as const,
        user: u,
        expires: new Date(exp * 1000).toISOString(),
        created: new Date(iat * 1000).toISOString(),
        scopes,
        client: 'api' as const,
      };
      if (!token.signatureValid) return { code: 'TokenInvalid', token: parsed };
      return { code: exp * 1000 <= this.options.clock.now() ? 'TokenExpired' : 'TokenValid', token: parsed };
    }
    const parsed = { usage: token.usage, user: token.payload.u, authorization: token.payload.a };
    if (!token.signatureValid) return { code: 'TokenInvalid', token: parsed };
    const live = this.accounts.get(token.payload.u)?.tokens.has(token.payload.a) ?? false;
    // A correctly signed token whose authorization no longer exists has been deleted.
    return { code: live ? 'TokenValid' : 'TokenRevoked', token: parsed };
  }

  listScopes(_authority: Authority): Scope[] {
    // As in the reference's example, `public` is present (true) on public scopes only.
    return scopeCatalogue.map((s) =>
      s.public ? { id: s.id, public: true, description: s.description } : { id: s.id, description: s.description },
    );
  }

  /** The metadata object as listings and updates show it: `token` for pk tokens only. */
  private stored(record: TokenRecord): StoredToken {
    const shown: StoredToken = {
      id: record.id,
      usage: record.usage,
      client: 'api',
      default: record.default,
      note: record.note,
      scopes: [...record.scopes],
      created: new Date(record.created).toISOString(),
      modified: new Date(record.modified).toISOString(),
      ...(record.allowedUrls ? { allowedUrls: [...record.allowedUrls] } : {}),
    };
    return record.usage === 'pk' ? { ...shown, token: record.token } : shown;
  }
}
