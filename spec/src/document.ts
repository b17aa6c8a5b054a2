// The bundled OpenAPI document and an index of its operations. Everything that needs a fact about
// the API (paths, required scopes, documented statuses, error messages) reads it from here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type JsonObject = Record<string, unknown>;
export type HttpMethod = 'get' | 'post' | 'patch' | 'delete' | 'put';

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  paths: Record<string, Record<string, JsonObject>>;
  components: JsonObject & { schemas: Record<string, JsonObject>; examples: Record<string, JsonObject> };
}

export interface DocumentedResponse {
  status: string;
  description: string;
  /** JSON pointer to the body schema inside the document, when the response has a body. */
  schemaPointer?: string;
  headers: Record<string, { required: boolean; schemaPointer: string }>;
  /** Named examples attached to this response: name → value. */
  examples: Record<string, unknown>;
}

export interface OperationInfo {
  operationId: string;
  method: HttpMethod;
  path: string;
  requiredScopes: string[];
  /** False for operations that need no access token as authorization (retrieve). */
  authorized: boolean;
  requestBody?: { schemaPointer: string; examples: Record<string, unknown> };
  responses: Record<string, DocumentedResponse>;
  /** Path template as a regular expression, with one capture group per path parameter. */
  pattern: RegExp;
  pathParams: string[];
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** Resolves a local `$ref` (the bundle's refs are all `#/components/...`). */
export function resolveRef<T = JsonObject>(doc: OpenApiDocument, node: unknown): T {
  let current = node as JsonObject;
  while (current && typeof current.$ref === 'string') {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`Unsupported non-local $ref ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((acc, key) => acc?.[key], doc);
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return current as T;
}

function examplesOf(doc: OpenApiDocument, media: JsonObject | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, example] of Object.entries((media?.examples as JsonObject) ?? {})) {
    out[name] = resolveRef(doc, example).value;
  }
  return out;
}

export function indexOperations(doc: OpenApiDocument): Map<string, OperationInfo> {
  const operations = new Map<string, OperationInfo>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'patch', 'delete', 'put'] as const) {
      const op = item[method] as JsonObject | undefined;
      if (!op) continue;
      const opPointer = `#/paths/${escapePointer(path)}/${method}`;
      const responses: Record<string, DocumentedResponse> = {};
      for (const [status, raw] of Object.entries(op.responses as JsonObject)) {
        const response = resolveRef(doc, raw);
        const media = (response.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
        const headers: DocumentedResponse['headers'] = {};
        for (const [name, header] of Object.entries((response.headers as JsonObject) ?? {})) {
          const resolved = resolveRef(doc, header);
          headers[name.toLowerCase()] = {
            required: resolved.required === true,
            schemaPointer: `${typeof (header as JsonObject).$ref === 'string' ? (header as JsonObject).$ref : `${opPointer}/responses/${status}/headers/${escapePointer(name)}`}/schema`,
          };
        }
        const responsePointer =
          typeof (raw as JsonObject).$ref === 'string' ? ((raw as JsonObject).$ref as string) : `${opPointer}/responses/${status}`;
        responses[status] = {
          status,
          description: String(response.description ?? ''),
          schemaPointer: media ? `${responsePointer}/content/application~1json/schema` : undefined,
          headers,
          examples: examplesOf(doc, media),
        };
      }
      const bodyMedia = (resolveRef(doc, op.requestBody ?? {}).content as JsonObject | undefined)?.['application/json'] as
        | JsonObject
        | undefined;
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      operations.set(op.operationId as string, {
        operationId: op.operationId as string,
        method,
        path,
        requiredScopes: (op['x-required-scopes'] as string[]) ?? [],
        authorized: !(Array.isArray(op.security) && op.security.length === 0),
        requestBody: bodyMedia
          ? { schemaPointer: `${opPointer}/requestBody/content/application~1json/schema`, examples: examplesOf(doc, bodyMedia) }
          : undefined,
        responses,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
        pathParams,
      });
    }
  }
  return operations;
}

/** Finds the documented operation for a method and a URL path (no query string). */
export function matchOperation(
  operations: Map<string, OperationInfo>,
  method: string,
  pathname: string,
): { operation: OperationInfo; params: Record<string, string> } | undefined {
  for (const operation of operations.values()) {
    if (operation.method !== method.toLowerCase()) continue;
    const match = operation.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    operation.pathParams.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1]!);
    });
    return { operation, params };
  }
  return undefined;
}

export const bundledSpecPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

let cached: OpenApiDocument | undefined;
/** The bundled document (spec/dist/openapi.json). */
export function loadSpec(path = bundledSpecPath): OpenApiDocument {
  if (path === bundledSpecPath && cached) return cached;
  let doc: OpenApiDocument;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI document at ${path}: ${(error as Error).message}`);
  }
  if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.1') || typeof doc.paths !== 'object') {
    throw new Error(`${path} is not an OpenAPI 3.1 document (no "openapi: 3.1.x" and "paths").`);
  }
  if (path === bundledSpecPath) cached = doc;
  return doc;
}
