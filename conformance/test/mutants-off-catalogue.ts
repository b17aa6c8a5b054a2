// Drifted servers of the kind no hand-written behaviour is about: how they treat boundary values,
// encodings, fields they do not know, types they should refuse, and tokens they should check. Each
// is a realistic lenient or buggy server. The exploration phase must catch every one (the test
// requires a failing explore-* behaviour, whatever the seed).
import { acrossCallsMutants } from './mutants-across-calls.js';
import { editBody, isCreate, isList, isObject, isRetrieve, isUpdate, parsedBody, serverError } from './mutant-matchers.js';
import type { InterceptedRequest, Mutant } from './mutant-proxy.js';

const parsed = (e: InterceptedRequest): unknown => parsedBody(e.body);
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
  // ---- paths and media types ------------------------------------------------------------------------
  {
    id: 'json-only-content-type',
    drift: "a body not labelled application/json is refused with 415, so the tutorial's curl (JSON sent without a Content-Type) fails",
    reply: (e, r) =>
      (isCreate(e) || isUpdate(e)) && e.contentType !== undefined && !e.contentType.startsWith('application/json')
        ? { status: 415, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'Unsupported Media Type' }) }
        : r,
  },
  {
    id: 'path-escapes-crash',
    drift: 'a router that does not expect percent-escapes in a token id crashes on one (500) instead of answering Not found',
    reply: (e, r) => (/^\/tokens\/v2\/[^/]+\/[^/]*%/.test(e.url.pathname) ? serverError : r),
  },
  {
    id: 'scopes-case-folded',
    drift: 'scopes are lower-cased before they are checked and stored, so a scope in another case is accepted',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => (Array.isArray(b.scopes) ? { ...b, scopes: b.scopes.map((s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s)) } : b),
    ),
  },
  {
    id: 'array-items-de-duplicated',
    drift: 'scopes and allowed URLs are stored as sets: an item sent twice is kept once',
    request: editBody(
      (e) => isCreate(e) || isUpdate(e),
      (b) => {
        const unique = (v: unknown) => (Array.isArray(v) ? [...new Set(v)] : v);
        return {
          ...b,
          ...('scopes' in b ? { scopes: unique(b.scopes) } : {}),
          ...('allowedUrls' in b ? { allowedUrls: unique(b.allowedUrls) } : {}),
        };
      },
    ),
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
  ...acrossCallsMutants,
];
