// The bundled OpenAPI document, as shipped in this package (dist/openapi.json, copied from the
// spec's bundle at build time). Node only: it reads a file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { JsonObject, OpenApiDocument } from './document-types.js';

/** Where the bundled document is (from src/ in tests and from dist/ when installed alike). */
export const documentPath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

let cached: OpenApiDocument | undefined;

/** Reads an OpenAPI 3.1 document: by default the bundled one (read once). */
export function loadDocument(path = documentPath): OpenApiDocument {
  if (path === documentPath && cached) return cached;
  let doc: OpenApiDocument;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI document at ${path}: ${(error as Error).message}`);
  }
  if (typeof doc?.openapi !== 'string' || !doc.openapi.startsWith('3.1') || typeof doc.paths !== 'object') {
    throw new Error(`${path} is not an OpenAPI 3.1 document (no "openapi: 3.1.x" and "paths").`);
  }
  if (path === documentPath) cached = doc;
  return doc;
}

/** The node at a local JSON pointer (`#/components/...`) of a document, following `$ref`s it lands on. */
export function resolvePointer<T = JsonObject>(doc: OpenApiDocument, pointer: string): T {
  const walk = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`Unsupported non-local pointer ${ref}`);
    const node = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((acc, key) => (acc as JsonObject | undefined)?.[key], doc);
    if (node === undefined) throw new Error(`Unresolvable pointer ${ref}`);
    const next = (node as JsonObject).$ref;
    return typeof next === 'string' ? walk(next) : node;
  };
  return walk(pointer) as T;
}
