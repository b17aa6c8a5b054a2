// Removes tokens the suite created and left behind (a run killed before it could clean up). A
// token is the suite's only if its note starts with the suite's tag; nothing else is touched.
import { operationPath } from '@tokens-kit/contract';
import { NOTE_TAG_PREFIX } from './runner.js';
import { nextPage, TargetHttp } from './http.js';

export interface CleanupOptions {
  baseUrl: string;
  username: string;
  token: string;
  /** Only this run's tokens; all tagged leftovers when omitted. */
  runId?: string;
  budget?: number;
  /** How long one request may take (default 30 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export function isSuiteToken(note: unknown, runId?: string): boolean {
  if (typeof note !== 'string') return false;
  const match = new RegExp(`^${NOTE_TAG_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\S+)`).exec(note);
  return match !== null && (runId === undefined || match[1] === runId);
}

export async function cleanupTagged(options: CleanupOptions): Promise<{ deleted: string[]; listed: number }> {
  const http = new TargetHttp({
    baseUrl: options.baseUrl,
    budget: options.budget,
    fetch: options.fetch,
    secrets: [options.token],
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const path = operationPath('listTokens', { username: options.username });
  const tagged: string[] = [];
  let listed = 0;
  let next: { path: string; query: Record<string, string> } | undefined = { path, query: { limit: '100' } };
  for (let page = 0; next && page < 1000; page++) {
    const exchange = await http.send({ method: 'GET', path: next.path, query: next.query, token: options.token });
    // Not validated against the spec here: whatever the server answers, only a token whose note
    // carries the tag (and that has a string id) is ever deleted.
    const tokens =
      exchange.status === 200 && Array.isArray(exchange.json) ? (exchange.json as { id?: unknown; note?: unknown }[]) : undefined;
    if (!tokens) {
      const message = (exchange.json as { message?: unknown } | undefined)?.message;
      throw new Error(
        `listing tokens answered ${exchange.status}${typeof message === 'string' ? ` "${message}"` : ''}: cannot tell which tokens are the suite's`,
      );
    }
    listed += tokens.length;
    for (const token of tokens) if (typeof token?.id === 'string' && isSuiteToken(token.note, options.runId)) tagged.push(token.id);
    next = nextPage(exchange, options.baseUrl);
  }
  const deleted: string[] = [];
  for (const id of tagged) {
    const exchange = await http.send({
      method: 'DELETE',
      path: operationPath('deleteToken', { username: options.username, token_id: id }),
      token: options.token,
    });
    if (exchange.status === 204 || exchange.status === 404) deleted.push(id);
    else options.log?.(`could not delete ${id}: ${exchange.status}`);
  }
  return { deleted, listed };
}
