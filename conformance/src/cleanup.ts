// Removes tokens the suite created and left behind (a run killed before it could clean up). A
// token is the suite's only if its note starts with the suite's tag; nothing else is touched.
import { operationIndex } from '@tokens-kit/types';
import { nextPage, TargetClient } from './client.js';
import { NOTE_TAG_PREFIX } from './runner.js';

export interface CleanupOptions {
  baseUrl: string;
  username: string;
  token: string;
  /** Only this run's tokens; all tagged leftovers when omitted. */
  runId?: string;
  budget?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

export function isSuiteToken(note: unknown, runId?: string): boolean {
  if (typeof note !== 'string') return false;
  const match = new RegExp(`^${NOTE_TAG_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\S+)`).exec(note);
  return match !== null && (runId === undefined || match[1] === runId);
}

export async function cleanupTagged(options: CleanupOptions): Promise<{ deleted: string[]; listed: number }> {
  const client = new TargetClient({ baseUrl: options.baseUrl, budget: options.budget, fetch: options.fetch, secrets: [options.token] });
  const path = operationIndex.listTokens.path.replace('{username}', encodeURIComponent(options.username));
  const tagged: string[] = [];
  let listed = 0;
  let next: { path: string; query: Record<string, string> } | undefined = { path, query: { limit: '100' } };
  for (let page = 0; next && page < 1000; page++) {
    const answer = await client.send({ method: 'GET', path: next.path, query: next.query, token: options.token });
    if (answer.status !== 200 || !Array.isArray(answer.json)) {
      throw new Error(`listing tokens answered ${answer.status}${answer.json?.message ? ` "${answer.json.message}"` : ''}: cannot tell which tokens are the suite's`);
    }
    listed += answer.json.length;
    for (const token of answer.json) if (isSuiteToken(token?.note, options.runId)) tagged.push(token.id);
    next = nextPage(answer, options.baseUrl);
  }
  const deleted: string[] = [];
  for (const id of tagged) {
    const answer = await client.send({ method: 'DELETE', path: `${path}/${encodeURIComponent(id)}`, token: options.token });
    if (answer.status === 204 || answer.status === 404) deleted.push(id);
    else options.log?.(`could not delete ${id}: ${answer.status}`);
  }
  return { deleted, listed };
}
