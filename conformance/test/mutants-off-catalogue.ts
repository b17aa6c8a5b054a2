// Drifted servers of the kind no hand-written behaviour is about: how they treat boundary values,
// encodings, fields they do not know, types they should refuse, and tokens they should check. Each
// is a realistic lenient or buggy server. The exploration phase must catch every one (the test
// requires a failing explore-* behaviour, whatever the seed).
import type { InterceptedRequest, Mutant, Reply } from './mutant-proxy.js';

const isCreate = (e: InterceptedRequest) => e.method === 'POST' && /^\/tokens\/v2\/[^/]+$/.test(e.url.pathname);
const isUpdate = (e: InterceptedRequest) => e.method === 'PATCH';
const isList = (e: InterceptedRequest) => e.method === 'GET' && /^\/tokens\/v2\/[^/]+$/.test(e.url.pathname);
const isRetrieve = (e: InterceptedRequest) => e.method === 'GET' && e.url.pathname === '/tokens/v2';

function parsed(e: InterceptedRequest): unknown {
  try {
    return JSON.parse(e.body);
  } catch {
    return undefined;
  }
}
const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Rewrites an object body before the faithful server sees it (what a lenient parser does). */
const editBody =
  (when: (e: InterceptedRequest) => boolean, edit: (body: Record<string, any>) => Record<string, any>) =>
  (e: InterceptedRequest): InterceptedRequest => {
    const body = parsed(e);
    return when(e) && isObject(body) ? { ...e, body: JSON.stringify(edit({ ...body })) } : e;
  };
/** Drops a query parameter whose value the server does not like, instead of refusing it. */
const dropQueryWhen =
  (name: string, bad: (value: string) => boolean) =>
  (e: InterceptedRequest): InterceptedRequest => {
    const value = e.url.searchParams.get(name);
    if (value === null || !bad(value)) return e;
    const url = new URL(e.url);
    url.searchParams.delete(name);
    return { ...e, url };
  };
const serverError: Reply = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'Internal Server Error' }),
};
const KNOWN_CREATE_FIELDS = ['note', 'scopes', 'allowedUrls', 'resources', 'expires'];

export const offCatalogueMutants: Mutant[] = [
  // ---- fields it does not know, types it should refuse --------------------------------------------
  {
    id: 'create-drops-unknown-fields',
    drift: 'create ignores properties it does not know instead of refusing them',
    request: editBody(isCreate, (b) => Object.fromEntries(Object.entries(b).filter(([k]) => KNOWN_CREATE_FIELDS.includes(k)))),
  },
  {
    id: 'update-drops-unknown-fields',
    drift: 'update ignores properties it does not know instead of refusing them',
    request: editBody(isUpdate, (b) => {
      const kept = Object.fromEntries(Object.entries(b).filter(([k]) => ['note', 'scopes', 'allowedUrls', 'resources'].includes(k)));
      return Object.keys(kept).length ? kept : { note: 'unchanged' };
    }),
  },
  {
    id: 'note-coerced-to-string',
    drift: 'a note of another type is turned into a string',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => ('note' in b && typeof b.note !== 'string' ? { ...b, note: String(b.note) } : b),
    ),
  },
  {
    id: 'scopes-string-split',
    drift: 'scopes given as a string are split on commas',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => (typeof b.scopes === 'string' ? { ...b, scopes: b.scopes.split(',') } : b),
    ),
  },
  {
    id: 'non-object-body-as-empty-token',
    drift: 'a create body that is not an object is read as an empty token request',
    request: (e) => (isCreate(e) && !isObject(parsed(e)) ? { ...e, body: JSON.stringify({ scopes: [] }) } : e),
  },
  {
    id: 'expires-number-as-seconds',
    drift: 'a temporary token whose expires is a number is taken as seconds from now',
    request: editBody(isCreate, (b) =>
      typeof b.expires === 'number' || typeof b.expires === 'boolean' || Array.isArray(b.expires) || b.expires === null
        ? { ...b, expires: new Date(Date.now() + 600_000).toISOString() }
        : b,
    ),
  },
  // ---- boundary values -----------------------------------------------------------------------------
  {
    id: 'empty-scope-string-accepted',
    drift: 'an empty scope string is dropped instead of refused',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => (Array.isArray(b.scopes) ? { ...b, scopes: b.scopes.filter((s: unknown) => s !== '') } : b),
    ),
  },
  {
    id: 'empty-resources-accepted',
    drift: 'an empty resources list is dropped instead of refused',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => {
        if (!Array.isArray(b.resources) || b.resources.length) return b;
        const { resources: _dropped, ...rest } = b;
        return Object.keys(rest).length ? rest : { note: 'unchanged' };
      },
    ),
  },
  {
    id: 'url-limit-off-by-one',
    drift: '101 allowed URLs are accepted (the limit checked as more than 101)',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => (Array.isArray(b.allowedUrls) && b.allowedUrls.length === 101 ? { ...b, allowedUrls: b.allowedUrls.slice(0, 100) } : b),
    ),
  },
  {
    id: 'maximal-url-list-crashes',
    drift: 'a token with exactly 100 allowed URLs (the documented maximum) makes the server fail',
    reply: (e, r) => {
      const body = parsed(e);
      return (isCreate(e) || isUpdate(e)) && isObject(body) && Array.isArray(body.allowedUrls) && body.allowedUrls.length === 100
        ? serverError
        : r;
    },
  },
  {
    id: 'limit-below-one-ignored',
    drift: 'a limit of 0 or less is ignored instead of refused',
    request: dropQueryWhen('limit', (v) => /^-?\d+$/.test(v) && Number(v) < 1),
  },
  {
    id: 'limit-not-a-number-ignored',
    drift: 'a limit that is not a number is ignored instead of refused',
    request: dropQueryWhen('limit', (v) => !/^-?\d+$/.test(v)),
  },
  {
    id: 'unknown-sortby-ignored',
    drift: 'an unknown sortby falls back to the default order',
    request: dropQueryWhen('sortby', (v) => !['created', 'modified'].includes(v)),
  },
  {
    id: 'boolean-default-loose',
    drift: 'default takes any value, reading anything but "true" as false',
    request: dropQueryWhen('default', (v) => v !== 'true' && v !== 'false'),
  },
  // ---- encodings -----------------------------------------------------------------------------------
  {
    id: 'non-ascii-note-crashes',
    drift: 'a note with characters beyond ASCII makes the server fail (an encoding bug)',
    reply: (e, r) => {
      const body = parsed(e);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly the range tested.
      return (isCreate(e) || isUpdate(e)) && isObject(body) && typeof body.note === 'string' && /[^\x00-\x7f]/.test(body.note)
        ? serverError
        : r;
    },
  },
  {
    id: 'note-mangled-as-latin1',
    drift: 'the stored note is the UTF-8 bytes read as Latin-1 (mojibake), so what was sent is not what is kept',
    reply: (e, r) => {
      if (!(isCreate(e) || isUpdate(e)) || r.status !== 200) return r;
      const body = JSON.parse(r.body);
      if (typeof body.note !== 'string') return r;
      return { ...r, body: JSON.stringify({ ...body, note: Buffer.from(body.note, 'utf8').toString('latin1') }) };
    },
  },
  {
    id: 'retrieve-crashes-on-garbage',
    drift: 'retrieving a string that is not a token makes the server fail',
    reply: (e, r) => {
      const token = e.url.searchParams.get('access_token') ?? '';
      return isRetrieve(e) && !/^(pk|sk|tk)\.[^.]+\.[^.]+$/.test(token) ? serverError : r;
    },
  },
  // ---- tokens it should check ----------------------------------------------------------------------
  {
    id: 'scopes-listed-without-token',
    drift: 'the scope list answers without an access token',
    request: (e, ctx) => {
      if (!e.url.pathname.startsWith('/scopes/') || e.url.searchParams.has('access_token')) return e;
      const url = new URL(e.url);
      url.searchParams.set('access_token', ctx.sim.token);
      return { ...e, url };
    },
  },
  {
    id: 'forged-token-accepted-on-list',
    drift: "listing does not verify the token's signature",
    request: (e, ctx) => {
      // Any token of the right shape whose payload names the account passes, signed or not.
      const [usage, payload] = (e.url.searchParams.get('access_token') ?? '').split('.');
      let user: unknown;
      try {
        user = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')).u;
      } catch {
        user = undefined;
      }
      if (!isList(e) || (usage !== 'pk' && usage !== 'sk') || typeof user !== 'string') return e;
      const url = new URL(e.url);
      url.searchParams.set('access_token', ctx.sim.token);
      return { ...e, url };
    },
  },
  // ---- state that does not stay consistent across calls ---------------------------------------------
  {
    id: 'listing-stale-after-update',
    drift: 'listings come from a cache filled at creation: an updated note or scopes is not what is listed',
    reply: (e, r, ctx) => {
      const body = parsed({ ...e, body: r.body });
      if (isCreate(e) && r.status === 200 && isObject(body) && typeof body.id === 'string')
        ctx.memory.set(`created ${body.id}`, { note: body.note, scopes: body.scopes });
      if (!isList(e) || r.status !== 200 || !Array.isArray(body)) return r;
      const stale = body.map((t) => ({ ...t, ...((ctx.memory.get(`created ${t.id}`) as object | undefined) ?? {}) }));
      return { ...r, body: JSON.stringify(stale) };
    },
  },
  {
    id: 'deleted-token-still-listed',
    drift: 'a deleted token goes on being listed (a soft delete the listing does not filter)',
    reply: async (e, r, ctx) => {
      if (e.method === 'DELETE' && r.status === 204) {
        const id = e.url.pathname.split('/').pop()!;
        ctx.memory.set(
          `deleted ${id}`,
          ctx.memory.get(`seen ${id}`) ?? {
            id,
            note: '',
            scopes: [],
            usage: 'pk',
            client: 'api',
            default: false,
            created: new Date().toISOString(),
            modified: new Date().toISOString(),
          },
        );
      }
      const body = parsed({ ...e, body: r.body });
      if ((isCreate(e) || isUpdate(e)) && r.status === 200 && isObject(body) && typeof body.id === 'string') {
        const { token: _token, ...stored } = body;
        ctx.memory.set(`seen ${body.id}`, stored);
      }
      if (!isList(e) || r.status !== 200 || !Array.isArray(body)) return r;
      const ghosts = [...ctx.memory.entries()].filter(([k]) => k.startsWith('deleted ')).map(([, v]) => v);
      return { ...r, body: JSON.stringify([...body, ...ghosts]) };
    },
  },
  // ---- rules applied where they do not hold, or not where they do (issue: a live run that finds what nobody wrote down)
  {
    id: 'expiry-limit-half-hour',
    drift: 'a temporary token may live 30 minutes, not an hour: a valid expiry is refused as "more than one hour in the future"',
    reply: (e, r) => {
      const body = parsed(e);
      if (!isCreate(e) || !isObject(body) || typeof body.expires !== 'string' || r.status !== 200) return r;
      if (Date.parse(body.expires) - Date.now() <= 30 * 60_000) return r;
      return {
        status: 422,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'expires is more than one hour in the future' }),
      };
    },
  },
  {
    id: 'expiry-offset-ignored',
    drift: 'an expiry is read as UTC whatever its offset (-08:00 taken as Z): valid expiries refused as past or too far',
    request: editBody(isCreate, (body) =>
      typeof body.expires === 'string' ? { ...body, expires: body.expires.replace(/(\.\d+)?[+-]\d\d:\d\d$/, 'Z') } : body,
    ),
  },
  {
    id: 'past-expiry-accepted',
    drift: 'an expiry in the past is not checked: the token is created, expiring in ten minutes',
    request: editBody(isCreate, (body) =>
      typeof body.expires === 'string' && Date.parse(body.expires) < Date.now()
        ? { ...body, expires: new Date(Date.now() + 600_000).toISOString() }
        : body,
    ),
  },
  {
    id: 'valid-start-500',
    drift: 'any `start` is answered with the documented invalid-start 500, valid ones too',
    reply: (e, r) => (isList(e) && e.url.searchParams.has('start') ? serverError : r),
  },
  // ---- a filter lost across pages
  {
    id: 'link-keeps-only-start',
    drift: "the next page's Link carries only `start`: the filters and limit of the first page are lost",
    reply: (_e, r) => {
      const link = r.headers.link;
      if (!link) return r;
      return { ...r, headers: { ...r.headers, link: link.replace(/<([^?>]+)\?[^>]*?(start=[^&>]+)[^>]*>/, '<$1?$2>') } };
    },
  },
  // ---- normalisation nobody documented
  {
    id: 'scopes-sorted',
    drift: 'scopes are stored sorted: a token answers and lists its scopes in another order than they were sent',
    reply: (e, r) => {
      if (!(isCreate(e) || isUpdate(e) || isList(e)) || r.status !== 200) return r;
      const body = parsed({ ...e, body: r.body });
      const sort = (t: unknown) => (isObject(t) && Array.isArray(t.scopes) ? { ...t, scopes: [...t.scopes].sort() } : t);
      return { ...r, body: JSON.stringify(Array.isArray(body) ? body.map(sort) : sort(body)) };
    },
  },
  {
    id: 'note-trimmed',
    drift: 'notes are trimmed of edge whitespace when stored',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (body) => (typeof body.note === 'string' ? { ...body, note: body.note.trim() } : body),
    ),
  },
  // ---- a secret shown again
  {
    id: 'secret-reshown-on-update',
    drift: 'an update of a secret token answers its secret again',
    reply: async (e, r, ctx) => {
      const body = parsed({ ...e, body: r.body });
      if (isCreate(e) && r.status === 200 && isObject(body) && typeof body.id === 'string' && typeof body.token === 'string')
        ctx.memory.set(`secret ${body.id}`, body.token);
      if (!isUpdate(e) || r.status !== 200 || !isObject(body) || body.usage !== 'sk') return r;
      return { ...r, body: JSON.stringify({ ...body, token: ctx.memory.get(`secret ${body.id}`) ?? 'sk.eyJ1IjoiYSJ9.c2VjcmV0' }) };
    },
  },
  // ---- concurrency
  {
    id: 'overlapping-creates-share-a-token',
    drift:
      'two creates that arrive together get one token: the later is answered from the earlier (a cache, or an idempotency key taken from the body)',
    request: (e, ctx) => {
      // Marks a create that arrives while another is still being answered.
      if (!isCreate(e)) return e;
      const inFlight = (ctx.memory.get('creates in flight') as number | undefined) ?? 0;
      ctx.memory.set('creates in flight', inFlight + 1);
      if (inFlight > 0) ctx.memory.set(`overlapped ${e.body}`, true);
      else ctx.memory.delete('first answer');
      return e;
    },
    reply: async (e, r, ctx) => {
      if (!isCreate(e)) return r;
      ctx.memory.set('creates in flight', ((ctx.memory.get('creates in flight') as number) ?? 1) - 1);
      if (!ctx.memory.get(`overlapped ${e.body}`)) {
        if (r.status === 200) ctx.memory.set('first answer', r);
        return r;
      }
      // The overlapping one: the earlier create's answer, once it has one.
      for (let i = 0; i < 100 && !ctx.memory.get('first answer'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return (ctx.memory.get('first answer') as Reply | undefined) ?? r;
    },
  },
  // ---- a field lost across operations
  {
    id: 'note-update-drops-scopes',
    drift: 'an update that sends only a note clears the scopes (the stored token is rebuilt from the body)',
    request: editBody(isUpdate, (body) => ('note' in body && !('scopes' in body) ? { ...body, scopes: [] } : body)),
  },
];
