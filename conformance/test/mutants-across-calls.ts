// Drifted servers whose drift shows only across calls: state that goes stale, rules applied where
// they do not hold, a filter lost between pages, normalisation nobody documented, a secret shown
// again, overlapping requests sharing a result. Part of the off-catalogue set (mutants-off-catalogue.ts).
import {
  editBody,
  isCreate,
  isList,
  isObject,
  isRetrieve,
  isUpdate,
  pairArrived,
  parsedBody,
  partnerArrived,
  serverError,
} from './mutant-matchers.js';
import type { InterceptedRequest, Mutant, Reply } from './mutant-proxy.js';

const parsed = (e: InterceptedRequest): unknown => parsedBody(e.body);

export const acrossCallsMutants: Mutant[] = [
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
      pairArrived(e, ctx);
      const inFlight = (ctx.memory.get('creates in flight') as number | undefined) ?? 0;
      ctx.memory.set('creates in flight', inFlight + 1);
      if (inFlight > 0) ctx.memory.set(`overlapped ${e.body}`, true);
      else ctx.memory.delete('first answer');
      return e;
    },
    reply: async (e, r, ctx) => {
      if (!isCreate(e)) return r;
      await partnerArrived(e, ctx);
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
  {
    id: 'overlapping-updates-mix-fields',
    drift:
      'two updates of one token that arrive together are merged field by field: the later keeps its note but loses its scopes to the earlier (a read-modify-write race)',
    request: (e, ctx) => {
      if (!isUpdate(e)) return e;
      pairArrived(e, ctx);
      const key = `updating ${e.url.pathname}`;
      const inFlight = ctx.memory.get(key) as number | undefined;
      ctx.memory.set(key, (inFlight ?? 0) + 1);
      const body = parsed(e);
      // The overlapping one: its scopes are lost, its note applied on top of the earlier write.
      return inFlight && isObject(body) && 'scopes' in body ? { ...e, body: JSON.stringify({ note: body.note }) } : e;
    },
    reply: async (e, r, ctx) => {
      if (!isUpdate(e)) return r;
      await partnerArrived(e, ctx);
      ctx.memory.set(`updating ${e.url.pathname}`, ((ctx.memory.get(`updating ${e.url.pathname}`) as number) ?? 1) - 1);
      return r;
    },
  },
  // ---- timestamps that do not hold across calls
  {
    id: 'update-restamps-created',
    drift: 'an update stamps created with its own time (an upsert that writes every column), so created moves after the create',
    reply: (e, r, ctx) => {
      const body = parsed({ ...e, body: r.body });
      if (isUpdate(e) && r.status === 200 && isObject(body) && typeof body.created === 'string') {
        // The update's time: later than the create, whatever the clock's resolution.
        const restamped = new Date(Math.max(Date.now(), Date.parse(body.created) + 1)).toISOString();
        ctx.memory.set(`created ${body.id}`, restamped);
        return { ...r, body: JSON.stringify({ ...body, created: restamped, modified: restamped }) };
      }
      if (!isList(e) || r.status !== 200 || !Array.isArray(body)) return r;
      const rows = body.map((t) =>
        isObject(t) && ctx.memory.has(`created ${t.id}`) ? { ...t, created: ctx.memory.get(`created ${t.id}`) } : t,
      );
      return { ...r, body: JSON.stringify(rows) };
    },
  },
  {
    id: 'temporary-retrieve-default-expiry',
    drift: 'retrieving a temporary token shows the default one-hour lifetime from its creation, not the expiry it was created with',
    reply: (e, r) => {
      const body = parsed({ ...e, body: r.body });
      if (!isRetrieve(e) || !isObject(body) || !isObject(body.token) || body.token.usage !== 'tk') return r;
      const expires = new Date(Date.parse(String(body.token.created)) + 3_600_000).toISOString();
      return { ...r, body: JSON.stringify({ ...body, token: { ...body.token, expires } }) };
    },
  },
  // ---- a list that leaves out what the account uses
  {
    id: 'scope-list-only-public',
    drift: 'the scope list shows only the public scopes, though the account’s secret tokens hold secret ones',
    reply: (e, r) => {
      const body = parsed({ ...e, body: r.body });
      if (!e.url.pathname.startsWith('/scopes/') || r.status !== 200 || !Array.isArray(body)) return r;
      return { ...r, body: JSON.stringify(body.filter((s) => isObject(s) && s.public === true)) };
    },
  },
  // ---- a field lost across operations
  {
    id: 'note-update-drops-scopes',
    drift: 'an update that sends only a note clears the scopes (the stored token is rebuilt from the body)',
    request: editBody(isUpdate, (body) => ('note' in body && !('scopes' in body) ? { ...body, scopes: [] } : body)),
  },
];
