// What the drifted servers of mutants.ts and mutants-off-catalogue*.ts match on and rewrite:
// one copy of the request predicates and body helpers they share.
import type { InterceptedRequest, MutantContext, Reply } from './mutant-proxy.js';

export const isList = (e: InterceptedRequest) => e.method === 'GET' && /^\/tokens\/v2\/[^/]+$/.test(e.url.pathname);
export const isCreate = (e: InterceptedRequest) => e.method === 'POST' && /^\/tokens\/v2\/[^/]+$/.test(e.url.pathname);
export const isUpdate = (e: InterceptedRequest) => e.method === 'PATCH';
export const isDelete = (e: InterceptedRequest) => e.method === 'DELETE';
export const isRetrieve = (e: InterceptedRequest) => e.method === 'GET' && e.url.pathname === '/tokens/v2';
export const isScopes = (e: InterceptedRequest) => e.url.pathname.startsWith('/scopes/');

/** A body (of a request or a reply) as JSON, or undefined when it is not JSON. */
export function parsedBody(body: string): any {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
export const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const withBody = (reply: Reply, body: unknown): Reply => ({ ...reply, body: JSON.stringify(body) });

/** Rewrites an object body before the faithful server sees it (what a lenient parser does). */
export const editBody =
  (when: (e: InterceptedRequest) => boolean, edit: (body: Record<string, any>) => Record<string, any>) =>
  (e: InterceptedRequest): InterceptedRequest => {
    const body = parsedBody(e.body);
    return when(e) && isObject(body) ? { ...e, body: JSON.stringify(edit({ ...body })) } : e;
  };
export const serverError: Reply = {
  status: 500,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'Internal Server Error' }),
};

/**
 * The pairs the stateful phase sends at once (its notes end "together a" and "together b"): a
 * drifted server that misbehaves only when two requests overlap holds the first one's answer until
 * its partner has arrived (as a slow write would), so the overlap does not depend on how the two
 * requests happen to be scheduled on a busy machine. `pairArrived` at the request, `partnerArrived`
 * before the answer.
 */
const pairKey = (e: InterceptedRequest): string | undefined => {
  const note = parsedBody(e.body)?.note;
  return typeof note === 'string' && /together [ab]$/.test(note) ? `pair ${e.url.pathname} ${note.slice(0, -1)}` : undefined;
};
export function pairArrived(e: InterceptedRequest, ctx: MutantContext): void {
  const key = pairKey(e);
  if (key) ctx.memory.set(key, ((ctx.memory.get(key) as number | undefined) ?? 0) + 1);
}
export async function partnerArrived(e: InterceptedRequest, ctx: MutantContext): Promise<void> {
  const key = pairKey(e);
  // Both of a pair have arrived when the count is even (pairs of one sequence come one after another); 2 s at most.
  for (let i = 0; key && i < 200 && ((ctx.memory.get(key) as number | undefined) ?? 0) % 2 === 1; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
}
