// Before a live run: is the credential able to run it? A wrong token is not drift — a forged,
// revoked or expired token, or one without the scopes the run needs, would fail every behaviour
// and read as "your API drifted". Five requests tell: the token itself (retrieve), then one
// request per scope the run's operations require (a one-token listing for tokens:read, the scope
// list for scopes:list, a create of an empty, tagged token and its delete for tokens:write).
import { errorKindOf, observedErrorKindOf, operationPath, operations } from '@tokens-kit/contract';
import type { OperationId } from '@tokens-kit/types';
import type { Exchange } from '../model/exchange.js';
import type { PlannedRequest } from '../model/runtime.js';
import type { TargetHttp } from './http.js';

/** Why the credential cannot run the plan: a sentence, and the scopes it lacks (when that is the reason). */
export interface CredentialProblem {
  problem: string;
  missingScopes: string[];
}

/** What retrieve's `code` means for a run, in words. */
const CODES: Record<string, string> = {
  TokenMalformed: 'is malformed: it cannot be parsed as a Mapbox token',
  TokenInvalid: 'is not valid: its signature does not check out (a forged token, or one from another account or environment)',
  TokenExpired: 'has expired (a temporary token)',
  TokenRevoked: 'has been revoked: its authorization was deleted',
};

/** The scope checks, in order: the request that needs each scope. */
const SCOPE_CHECKS: { op: OperationId; line: string }[] = [
  { op: 'listTokens', line: 'GET /tokens/v2/{username}?limit=1  (preflight: tokens:read)' },
  { op: 'listScopes', line: 'GET /scopes/v1/{username}  (preflight: scopes:list)' },
  {
    op: 'createToken',
    line: 'POST /tokens/v2/{username} {"note":"tokens-conformance run=… preflight","scopes":[]}  (preflight: tokens:write)',
  },
  { op: 'deleteToken', line: 'DELETE /tokens/v2/{username}/{token_id}  (preflight: delete the token it created)' },
];

/** The requests the check sends, for the plan. */
export const PREFLIGHT: readonly PlannedRequest[] = [
  { line: 'GET /tokens/v2  (preflight: the token itself)', atMost: 1 },
  ...SCOPE_CHECKS.map(({ line }) => ({ line, atMost: 1 })),
];

const messageOf = (exchange: Exchange) => (exchange.json as { message?: unknown } | undefined)?.message;

/** An answer that says the token lacks what the operation requires: 401/403, or the documented 404 "Not found" (a missing scope). */
function refused(exchange: Exchange): boolean {
  if (exchange.status === 401 || exchange.status === 403) return true;
  const message = messageOf(exchange);
  if (exchange.status !== 404 || typeof message !== 'string') return false;
  return (errorKindOf(404, message) ?? observedErrorKindOf(404, message)?.kind) === 'NotFound';
}

/**
 * Checks the run's credential on a live target; undefined when it can run the plan. `writes`: the
 * behaviours a missing tokens:write would leave out (for the sentence).
 */
export async function checkCredential(
  http: TargetHttp,
  target: { username: string; token: string },
  options: { note: string; behaviours: number; writers: number },
): Promise<CredentialProblem | undefined> {
  const retrieve = await http.send({ method: 'GET', path: operationPath('retrieveToken', {}), token: target.token });
  const body = retrieve.json as { code?: unknown; token?: { usage?: unknown; user?: unknown } } | undefined;
  if (retrieve.status === 401)
    return { problem: 'the access token was refused (401): it is not a token of this server', missingScopes: [] };
  // An answer that is no token status at all is the server's drift, not the credential's: the run reports it.
  if (retrieve.status !== 200 || typeof body?.code !== 'string') return undefined;
  // Only a documented code speaks of the credential; any other is the server's drift, for the run to report.
  if (body.code !== 'TokenValid' && CODES[body.code]) return { problem: `the access token ${CODES[body.code]}`, missingScopes: [] };
  if (body.token?.usage === 'pk')
    return {
      problem:
        'the access token is a public (pk) token: it cannot hold tokens:read or tokens:write, which a run needs; use a secret (sk) token',
      missingScopes: ['tokens:read', 'tokens:write'],
    };
  const missing: string[] = [];
  let createdId: string | undefined;
  for (const { op } of SCOPE_CHECKS) {
    const scope = operations[op].requiredScopes[0];
    if (op === 'deleteToken' && !createdId) break;
    const exchange = await http.send({
      method: operations[op].method,
      path: operationPath(op, { username: target.username, token_id: createdId ?? '' }),
      token: target.token,
      ...(op === 'listTokens' ? { query: { limit: 1 } } : {}),
      ...(op === 'createToken' ? { body: { note: options.note, scopes: [] } } : {}),
    });
    if (op === 'listTokens' && exchange.status === 404 && messageOf(exchange) !== undefined && !refused(exchange))
      return { problem: `the account "${target.username}" does not exist, or the token is not its: check --username`, missingScopes: [] };
    if (op === 'createToken' && exchange.status === 200) createdId = (exchange.json as { id?: string } | undefined)?.id;
    if (scope && refused(exchange)) missing.push(scope);
  }
  if (!missing.length) return undefined;
  const skipped = missing.includes('tokens:write')
    ? `; without tokens:write, ${options.writers} of the ${options.behaviours} behaviours could not run (every create, update and delete)`
    : '';
  return { problem: `the access token lacks ${missing.join(', ')}, which the run needs${skipped}`, missingScopes: missing };
}
