// Drifted variants of the simulator: each a realistic way a real server drifts from the
// documentation. The mutation self-test requires the suite to fail against every one of them.
import { isCreate, isDelete, isList, isRetrieve, isScopes, isUpdate, parsedBody, withBody } from './mutant-matchers.js';
import type { InterceptedRequest, Mutant, Reply } from './mutant-proxy.js';

const json = (reply: Reply): any => parsedBody(reply.body);

/** Applies `edit` to every token metadata object in a reply (a listing or a single object). */
function editTokens(reply: Reply, edit: (t: Record<string, any>) => Record<string, any>): Reply {
  const body = json(reply);
  if (Array.isArray(body))
    return withBody(
      reply,
      body.map((t) => (t && typeof t === 'object' && 'usage' in t ? edit({ ...t }) : t)),
    );
  if (body && typeof body === 'object' && 'usage' in body && 'id' in body) return withBody(reply, edit({ ...body }));
  return reply;
}
const tokenReplies = (e: InterceptedRequest) => isList(e) || isCreate(e) || isUpdate(e);
const dropQuery =
  (name: string) =>
  (e: InterceptedRequest): InterceptedRequest => {
    const url = new URL(e.url);
    url.searchParams.delete(name);
    return { ...e, url };
  };
const editBody = (e: InterceptedRequest, edit: (body: Record<string, any>) => Record<string, any>): InterceptedRequest => {
  try {
    const body = JSON.parse(e.body);
    return body && typeof body === 'object' ? { ...e, body: JSON.stringify(edit(body)) } : e;
  } catch {
    return e;
  }
};
const message = (from: string, to: string) => (_e: InterceptedRequest, reply: Reply) =>
  json(reply)?.message === from ? withBody(reply, { message: to }) : reply;

export const mutants: Mutant[] = [
  // ---- shape drift ------------------------------------------------------------------------------
  {
    id: 'renamed-field',
    drift: 'allowedUrls renamed allowed_urls',
    reply: (e, r) =>
      tokenReplies(e) ? editTokens(r, ({ allowedUrls, ...t }) => (allowedUrls ? { ...t, allowed_urls: allowedUrls } : t)) : r,
  },
  {
    id: 'missing-field',
    drift: 'modified no longer sent',
    reply: (e, r) => (tokenReplies(e) ? editTokens(r, ({ modified: _m, ...t }) => t) : r),
  },
  {
    id: 'mistyped-field',
    drift: 'default sent as a string',
    reply: (e, r) => (tokenReplies(e) ? editTokens(r, (t) => ({ ...t, default: String(t.default) })) : r),
  },
  {
    id: 'client-not-api',
    drift: 'client is "web" instead of the documented "api"',
    reply: (e, r) => (tokenReplies(e) ? editTokens(r, (t) => ({ ...t, client: 'web' })) : r),
  },
  {
    id: 'changed-usage-enum',
    drift: 'usage "public" instead of "pk"',
    reply: (e, r) => (tokenReplies(e) ? editTokens(r, (t) => ({ ...t, usage: t.usage === 'pk' ? 'public' : t.usage })) : r),
  },
  {
    id: 'renamed-retrieve-code',
    drift: 'retrieve answers "Valid" instead of "TokenValid"',
    reply: (e, r) => (isRetrieve(e) && json(r)?.code === 'TokenValid' ? withBody(r, { ...json(r), code: 'Valid' }) : r),
  },
  {
    id: 'scopes-public-flag-dropped',
    drift: 'list scopes no longer marks public scopes',
    reply: (e, r) =>
      isScopes(e) && Array.isArray(json(r))
        ? withBody(
            r,
            json(r).map(({ public: _p, ...s }: Record<string, unknown>) => s),
          )
        : r,
  },
  {
    id: 'text-content-type',
    drift: 'JSON answered as text/plain',
    reply: (_e, r) => (r.headers['content-type'] ? { ...r, headers: { ...r.headers, 'content-type': 'text/plain' } } : r),
  },
  {
    id: 'token-without-signature',
    drift: 'created tokens come without their signature part',
    reply: (e, r) => {
      if (!isCreate(e) || r.status !== 200) return r;
      const body = json(r);
      return withBody(r, { ...body, token: String(body.token).split('.').slice(0, 2).join('.') });
    },
  },
  {
    id: 'tk-payload-without-scopes',
    drift: 'temporary tokens no longer carry their scopes in the payload',
    reply: (e, r) => {
      const body = json(r);
      if (!isCreate(e) || r.status !== 200 || !String(body?.token).startsWith('tk.')) return r;
      const [usage, payload, signature] = String(body.token).split('.');
      const { scopes: _s, ...rest } = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      return withBody(r, { token: `${usage}.${Buffer.from(JSON.stringify(rest)).toString('base64url')}.${signature}` });
    },
  },

  // ---- status drift -----------------------------------------------------------------------------
  {
    id: 'create-201',
    drift: 'create answers 201 instead of 200',
    reply: (e, r) => (isCreate(e) && r.status === 200 ? { ...r, status: 201 } : r),
  },
  {
    id: 'delete-200',
    drift: 'delete answers 200 with an empty object',
    reply: (e, r) => (isDelete(e) && r.status === 204 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' } : r),
  },
  {
    id: 'delete-204-with-body',
    drift: 'delete answers 204 with a body',
    reply: (e, r) =>
      isDelete(e) && r.status === 204
        ? { ...r, headers: { 'content-type': 'application/json', 'content-length': '16' }, body: '{"deleted":true}' }
        : r,
  },
  {
    id: 'missing-scope-403',
    drift: 'a token without the scope gets 403 instead of 404 Not found',
    reply: (_e, r) => (json(r)?.message === 'Not found' ? { ...r, status: 403 } : r),
  },
  {
    id: 'unauthorized-200-empty',
    drift: 'a bad token lists nothing instead of 401',
    reply: (e, r) => (isList(e) && r.status === 401 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '[]' } : r),
  },
  {
    id: 'retrieve-without-token-401',
    drift: 'retrieve without a token answers 401 instead of 422',
    reply: (e, r) => (isRetrieve(e) && r.status === 422 ? { ...r, status: 401, body: '{"message":"Unauthorized"}' } : r),
  },
  {
    id: 'invalid-start-200',
    drift: 'an invalid start lists nothing instead of 500',
    reply: (e, r) => (isList(e) && r.status === 500 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '[]' } : r),
  },

  // ---- message drift ----------------------------------------------------------------------------
  { id: 'scopes-message-changed', drift: '"scopes are invalid" reworded', reply: message('scopes are invalid', 'Scopes are invalid.') },
  { id: 'no-such-user-as-not-found', drift: 'an unknown user answered "Not found"', reply: message('No such user', 'Not found') },
  {
    id: 'expires-message-changed',
    drift: '"expires is in the past" reworded',
    reply: message('expires is in the past', 'expiry must be in the future'),
  },

  // ---- behaviour drift --------------------------------------------------------------------------
  {
    id: 'sk-token-leaked-in-listing',
    drift: 'secret tokens listed with their token',
    reply: (e, r, ctx) => {
      const body = json(r);
      if (isCreate(e) && r.status === 200 && body?.id) ctx.memory.set(body.id, body.token);
      return isList(e) ? editTokens(r, (t) => (t.usage === 'sk' && ctx.memory.has(t.id) ? { ...t, token: ctx.memory.get(t.id) } : t)) : r;
    },
  },
  {
    id: 'missing-link-header',
    drift: 'no Link header: pagination stops after one page',
    reply: (_e, r) => ({ ...r, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => k !== 'link')) }),
  },
  {
    id: 'link-repeats-page',
    drift: 'Link points at the start of the same page',
    reply: (e, r) => {
      if (!isList(e) || !r.headers.link) return r;
      const start = e.url.searchParams.get('start');
      const link = r.headers.link.replace(/([?&]start=)[^&>]*/, (_m, p) => (start ? `${p}${start}` : ''));
      return { ...r, headers: { ...r.headers, link } };
    },
  },
  {
    id: 'expired-tk-valid',
    drift: 'an expired temporary token is reported valid',
    reply: (e, r) => (isRetrieve(e) && json(r)?.code === 'TokenExpired' ? withBody(r, { ...json(r), code: 'TokenValid' }) : r),
  },
  {
    id: 'revoked-valid',
    drift: 'a deleted token is reported valid',
    reply: (e, r) => (isRetrieve(e) && json(r)?.code === 'TokenRevoked' ? withBody(r, { ...json(r), code: 'TokenValid' }) : r),
  },
  {
    id: 'subset-rule-not-enforced',
    drift: "a token may create tokens with scopes it lacks (created with the account's full rights)",
    reply: async (e, r, ctx) => {
      if (!isCreate(e) || json(r)?.message !== 'scopes are invalid') return r;
      const url = new URL(e.url);
      url.searchParams.set('access_token', ctx.sim.token);
      return ctx.forward({ ...e, url });
    },
  },
  { id: 'usage-filter-ignored', drift: 'usage is ignored', request: dropQuery('usage') },
  { id: 'default-filter-ignored', drift: 'default is ignored', request: dropQuery('default') },
  { id: 'limit-ignored', drift: 'limit is ignored', request: dropQuery('limit') },
  { id: 'sortby-ignored', drift: 'sortby is ignored', request: dropQuery('sortby') },
  {
    id: 'expires-too-far-accepted',
    drift: 'temporary tokens may live longer than one hour',
    request: (e, ctx) =>
      isCreate(e)
        ? editBody(e, (b) =>
            b.expires && Date.parse(b.expires) > ctx.sim.clock.now() + 3_600_000
              ? { ...b, expires: new Date(ctx.sim.clock.now() + 1_800_000).toISOString() }
              : b,
          )
        : e,
  },
  {
    id: 'expires-in-past-accepted',
    drift: 'temporary tokens may be created already expired',
    request: (e, ctx) =>
      isCreate(e)
        ? editBody(e, (b) =>
            b.expires && Date.parse(b.expires) <= ctx.sim.clock.now()
              ? { ...b, expires: new Date(ctx.sim.clock.now() + 60_000).toISOString() }
              : b,
          )
        : e,
  },
  {
    id: 'allowed-urls-unbounded',
    drift: 'more than 100 allowed URLs accepted',
    request: (e) =>
      isCreate(e) || isUpdate(e)
        ? editBody(e, (b) => (Array.isArray(b.allowedUrls) ? { ...b, allowedUrls: b.allowedUrls.slice(0, 100) } : b))
        : e,
  },
  {
    id: 'tk-allowed-urls-accepted',
    drift: 'temporary tokens accept allowed URLs',
    request: (e) => (isCreate(e) ? editBody(e, (b) => (b.expires ? (({ allowedUrls: _a, ...rest }) => rest)(b) : b)) : e),
  },
  {
    id: 'resources-not-validated',
    drift: 'resources are not checked',
    request: (e) => (isCreate(e) || isUpdate(e) ? editBody(e, ({ resources: _r, ...rest }) => rest) : e),
  },
  {
    id: 'modified-not-moved',
    drift: 'an update leaves modified as it was',
    reply: (e, r) => (isUpdate(e) && r.status === 200 ? editTokens(r, (t) => ({ ...t, modified: t.created })) : r),
  },
  {
    id: 'no-rate-limit',
    drift: 'the rate limit is not enforced',
    reply: (e, r) =>
      r.status === 429 ? { status: 200, headers: { 'content-type': 'application/json' }, body: isScopes(e) ? '[]' : '[]' } : r,
  },
];

/** Additive drift: a property the spec does not know. The suite must warn, not fail. */
export const additive: Mutant = {
  id: 'additive-property',
  drift: 'token metadata gains an undocumented property',
  reply: (e, r) => (tokenReplies(e) ? editTokens(r, (t) => ({ ...t, lastUsed: '2026-01-01T00:00:00.000Z' })) : r),
};

/** Two undocumented properties on every JSON object of every answer, nested ones too. */
function addEverywhere(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addEverywhere);
  if (value && typeof value === 'object')
    return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, addEverywhere(v)])), servedBy: 'edge-7', traceId: 'abc123' };
  return value;
}

/** Additive drift everywhere: a whole run warns of it, and does not fail. */
export const additiveEverywhere: Mutant = {
  id: 'additive-everywhere',
  drift: 'every JSON object of every answer gains two undocumented properties',
  reply: (_e, r) => {
    const body = json(r);
    return body === undefined ? r : withBody(r, addEverywhere(body));
  },
};

/** The faithful server, through the same proxy. */
export const faithful: Mutant = { id: 'faithful', drift: 'none' };
