// The operation index (generated from the spec into @tokens-kit/types) seen through one widened
// type, and path matching over it. Browser-safe.
import { operationIndex, type OperationId } from '@tokens-kit/types';
import { fillPath } from './path.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface DocumentedHeader {
  required: boolean;
  /** JSON pointer to the header's schema inside the bundled document. */
  schemaPointer: string;
}

export interface DocumentedResponse {
  description: string;
  /** JSON pointer to the body schema inside the bundled document, when the response has a body. */
  schemaPointer?: string;
  /** By lower-case name. */
  headers: Readonly<Record<string, DocumentedHeader>>;
  /** Named examples attached to this response: name → value. */
  examples: Readonly<Record<string, unknown>>;
}

export interface OperationInfo {
  method: HttpMethod;
  /** The path template, e.g. `/tokens/v2/{username}/{token_id}`. */
  path: string;
  pathParams: readonly string[];
  /** Query parameters by name, each with the pointer of its schema in the bundled document. */
  query: Readonly<Record<string, { required: boolean; schemaPointer: string }>>;
  requiredScopes: readonly string[];
  /** False for operations that take no access token as authorization (retrieve). */
  authorized: boolean;
  requestBody?: { schemaPointer: string; examples: Readonly<Record<string, unknown>> };
  statuses: readonly number[];
  responses: Readonly<Record<string, DocumentedResponse>>;
}

/** Every documented operation, by operationId. The generated data must fit this view. */
export const operations: Readonly<Record<OperationId, OperationInfo>> = operationIndex satisfies Record<OperationId, OperationInfo>;

/** The operation ids in the spec's order. */
export const operationIds = /* @__PURE__ */ Object.keys(operationIndex) as OperationId[];

interface Route {
  operationId: OperationId;
  method: HttpMethod;
  pattern: RegExp;
  pathParams: readonly string[];
}
let routes: Route[] | undefined;
// Built on first use rather than at import: code that only fills paths (the client, in browsers)
// must not carry the operation index into its bundle.
const routeTable = (): Route[] =>
  (routes ??= operationIds.map((operationId) => ({
    operationId,
    method: operations[operationId].method,
    pattern: new RegExp(`^${operations[operationId].path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
    pathParams: operations[operationId].pathParams,
  })));

export interface MatchedOperation {
  operationId: OperationId;
  operation: OperationInfo;
  /** Path parameters, percent-decoded (kept as sent when they do not decode). */
  params: Record<string, string>;
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The documented operation for a method and a URL path (no query string), if any. */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  const upper = method.toUpperCase();
  for (const route of routeTable()) {
    if (route.method !== upper) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.pathParams.forEach((name, i) => {
      params[name] = decode(match[i + 1]!);
    });
    return { operationId: route.operationId, operation: operations[route.operationId], params };
  }
  return undefined;
}

/** The path of an operation with its parameters filled in. */
export const operationPath = (operationId: OperationId, params: Readonly<Record<string, unknown>> = {}): string =>
  fillPath(operations[operationId].path, params);
