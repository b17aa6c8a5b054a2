// The rules a create or an update is held to before it changes anything: the body's schema (the
// contract's validator), the resources, and the subset rule (the contract's) with the simulator's
// own decision where the seeds are silent.
import { checkScopes } from '@tokens-kit/contract';
import { bundledValidator, type Issue } from '@tokens-kit/contract/schema-validator';
import { limits, type RequestBody, scopeCatalogue } from '@tokens-kit/types';
import { documented, invalidRequest } from './failures.js';

const knownScopes = new Set<string>(scopeCatalogue.map((s) => s.id));
/** The contract's validator (the process's one): bodies here, the listing's query in state.ts. */
export const validator = bundledValidator();

function describeIssues(issues: Issue[]): string {
  const [first] = issues;
  if (!first) return 'request body is invalid';
  const where = first.at === '/' ? 'request body' : first.at.slice(1).replace(/\//g, '.');
  return `${where} ${first.message.replace(/ \[[^\]]*\]$/, '')}`;
}

/**
 * The subset rule (the contract's), and the simulator's own decision where the seeds are silent:
 * a scope outside the catalogue is "scopes are invalid" too.
 */
export function checkSubset(authorizing: ReadonlySet<string>, scopes: readonly string[]): void {
  if (!scopes.every((s) => knownScopes.has(s))) throw documented('ScopesInvalid');
  const subsetError = checkScopes(scopes, authorizing);
  if (subsetError) throw documented(subsetError);
}

/**
 * The body must be a JSON object matching the operation's schema. `resources` comes first: the
 * error table names its failures ("malformed, empty, or require higher permissions").
 */
export function checkBody<Op extends 'createToken' | 'updateToken'>(operationId: Op, body: unknown, owner: string): RequestBody<Op> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidRequest('request body must be a JSON object');
  const request = body as Record<string, unknown>;
  if ('resources' in request && !validResources(request.resources, owner)) throw documented('ResourcesInvalid');
  const checked = validator.checkRequestBody(operationId, request);
  if (checked.issues) {
    if ('expires' in request && 'allowedUrls' in request) throw invalidRequest('temporary tokens cannot have allowedUrls');
    const tooMany = Array.isArray(request.allowedUrls) && request.allowedUrls.length > limits.maxAllowedUrls;
    if (tooMany) throw invalidRequest(`allowedUrls may contain at most ${limits.maxAllowedUrls} URLs`);
    throw invalidRequest(describeIssues(checked.issues));
  }
  return checked.body;
}

/** Resources are `<owner>.<name>` ids; a resource of another owner needs more than this token has. */
function validResources(resources: unknown, owner: string): boolean {
  return (
    Array.isArray(resources) &&
    resources.length > 0 &&
    resources.every((r) => typeof r === 'string' && /^[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+$/.test(r) && r.split('.')[0] === owner)
  );
}
