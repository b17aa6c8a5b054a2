// The simulator's profiles. `documented` (the default) behaves as the documentation says.
// `observed` also plays every entry of the register of observed deviations that a simulator can
// (spec/observed/deviations.yaml, through @tokens-kit/types): one play per entry, in a table typed
// by the register's simulable ids, so an entry added there does not compile until it is played
// here, and an entry the register marks not simulable cannot be.
import { decodeToken, operationPath, parseLinkHeader, isJsonObject } from '@tokens-kit/contract';
import type { OperationId, SimulableDeviationId } from '@tokens-kit/types';
import { ApiFailure } from './failures.js';

export type SimulatorProfile = 'documented' | 'observed';
export const simulatorProfiles: readonly SimulatorProfile[] = ['documented', 'observed'];

/** An answer: a status, a JSON body (none for 204) and extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One exchange, as the plays see and change it. */
export interface PlayContext {
  operationId: OperationId;
  url: URL;
  params: Record<string, string>;
  /** The usage of the access token, when it decodes. */
  bearer?: 'pk' | 'sk' | 'tk';
  /** The request's JSON body (requests that have one); a play may rewrite it. */
  body: unknown;
  /** Restrictions an update is to remove (sent as null). */
  clear: ('allowedUrls' | 'resources')[];
  /** The rate limit's current window for the account, as headers. */
  rateLimitHeaders(): Record<string, string>;
}

/** How one register entry is played: before the handler, on its answer, or on a failure. */
export interface DeviationPlay {
  request?(context: PlayContext): void;
  reply?(context: PlayContext, reply: Reply): Reply;
  failure?(context: PlayContext, failure: ApiFailure): ApiFailure;
}

const withoutKeys = (body: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));

/** Edits each token metadata object of an answer (a listing, or one token). */
function editTokens(reply: Reply, edit: (token: Record<string, unknown>) => Record<string, unknown>): Reply {
  if (Array.isArray(reply.body)) return { ...reply, body: reply.body.map((t) => (isJsonObject(t) && 'usage' in t ? edit(t) : t)) };
  if (isJsonObject(reply.body) && 'usage' in reply.body && 'id' in reply.body) return { ...reply, body: edit(reply.body) };
  return reply;
}

/** The listing's first page, as a Link target: the same filters and limit, no start. */
function firstPage(context: PlayContext): string {
  const query = new URLSearchParams(context.url.searchParams);
  query.delete('start');
  query.delete('access_token');
  return `${context.url.origin}${operationPath('listTokens', { username: context.params.username })}?${query}`;
}

const isListing = (context: PlayContext, reply: Reply) => context.operationId === 'listTokens' && reply.status === 200;
const isTokenAnswer = (context: PlayContext, reply: Reply) =>
  reply.status === 200 &&
  (context.operationId === 'listTokens' || context.operationId === 'createToken' || context.operationId === 'updateToken');

export const observedPlays: Record<SimulableDeviationId, DeviationPlay> = {
  'not-found-message-case': {
    failure: (_c, f) => (f.kind === 'NotFound' ? new ApiFailure(404, 'Not Found', f.headers, f.kind, f.detail) : f),
  },
  'missing-scope-403': {
    failure: (c, f) =>
      f.kind === 'NotFound' && f.detail.missingScope && c.bearer === 'tk'
        ? new ApiFailure(403, `This API requires a token with ${f.detail.missingScope} scope`, f.headers)
        : f,
  },
  'unauthorized-message-varies': {
    failure: (_c, f) =>
      f.kind === 'Unauthorized' ? new ApiFailure(401, 'Not Authorized - Invalid Token', f.headers, f.kind, f.detail) : f,
  },
  'temporary-token-extra-fields': {
    reply: (c, r) => {
      if (
        c.operationId !== 'createToken' ||
        r.status !== 200 ||
        !isJsonObject(r.body) ||
        typeof r.body.token !== 'string' ||
        !r.body.token.startsWith('tk.')
      )
        return r;
      const decoded = decodeToken(r.body.token);
      if (decoded.usage !== 'tk') return r;
      const { exp, iat } = decoded.payload;
      return {
        ...r,
        body: {
          ...r.body,
          issued_at: new Date(iat * 1000).toISOString(),
          expires: new Date(exp * 1000).toISOString(),
          expires_in: exp - iat,
        },
      };
    },
  },
  'temporary-token-with-allowed-urls-or-note': {
    request: (c) => {
      if (c.operationId === 'createToken' && isJsonObject(c.body) && 'expires' in c.body && 'allowedUrls' in c.body)
        c.body = withoutKeys(c.body, ['allowedUrls']);
    },
  },
  'undocumented-request-fields': {
    request: (c) => {
      if ((c.operationId !== 'createToken' && c.operationId !== 'updateToken') || !isJsonObject(c.body)) return;
      const nulls =
        c.operationId === 'updateToken'
          ? ['allowedUrls', 'resources', 'allowedApplications'].filter((k) => (c.body as Record<string, unknown>)[k] === null)
          : [];
      c.clear.push(...nulls.filter((k): k is 'allowedUrls' | 'resources' => k !== 'allowedApplications'));
      c.body = withoutKeys(c.body, ['allowedApplications', ...nulls]);
    },
  },
  'note-max-length': {
    request: (c) => {
      if (
        (c.operationId === 'createToken' || c.operationId === 'updateToken') &&
        isJsonObject(c.body) &&
        typeof c.body.note === 'string' &&
        c.body.note.length > 128
      ) {
        throw new ApiFailure(422, 'note must be at most 128 characters');
      }
    },
  },
  'listed-token-extra-fields': {
    reply: (c, r) => (isTokenAnswer(c, r) ? editTokens(r, (t) => ({ ...t, resources: t.resources ?? [] })) : r),
  },
  'client-not-constant': {
    reply: (c, r) => (isTokenAnswer(c, r) ? editTokens(r, (t) => (t.default === true ? { ...t, client: 'mapbox.com' } : t)) : r),
  },
  'link-on-last-page': {
    reply: (c, r) =>
      isListing(c, r) && !r.headers?.link ? { ...r, headers: { ...r.headers, link: `<${firstPage(c)}>; rel="first"` } } : r,
  },
  'link-several-relations': {
    reply: (c, r) => {
      const link = r.headers?.link;
      if (!isListing(c, r) || !link || parseLinkHeader(link).some((l) => l.rels.includes('first'))) return r;
      return { ...r, headers: { ...r.headers, link: `<${firstPage(c)}>; rel="first", ${link}` } };
    },
  },
  'link-unquoted-rel': {
    reply: (c, r) =>
      isListing(c, r) && r.headers?.link
        ? { ...r, headers: { ...r.headers, link: r.headers.link.replace(/rel="([^"\s]+)"/g, 'rel=$1') } }
        : r,
  },
  'rate-limit-headers-on-success': {
    reply: (c, r) => (r.status < 300 ? { ...r, headers: { ...r.headers, ...c.rateLimitHeaders() } } : r),
  },
  'retrieve-garbage-token-invalid': {
    reply: (c, r) => {
      const token = c.url.searchParams.get('access_token') ?? '';
      const malformed = isJsonObject(r.body) && r.body.code === 'TokenMalformed';
      return c.operationId === 'retrieveToken' && malformed && /^(pk|sk|tk)\.[^.]+\.[^.]+$/.test(token)
        ? { ...r, body: { code: 'TokenInvalid' } }
        : r;
    },
  },
  'token-string-as-token-id': {
    request: (c) => {
      if ((c.operationId === 'updateToken' || c.operationId === 'deleteToken') && /^(pk|sk|tk)\./.test(c.params.token_id ?? '')) {
        throw new ApiFailure(400, 'token_id must be a token id, not an access token');
      }
    },
  },
};

/** The plays of a profile, in the register's order. */
export function playsOf(profile: SimulatorProfile): DeviationPlay[] {
  return profile === 'observed' ? Object.values(observedPlays) : [];
}
