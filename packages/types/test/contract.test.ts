// The generated constants hold the spec's facts: checked against the bundled document itself, read
// here as plain JSON (not through the generator's walk), so a generator bug cannot hide.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { errorTable, limits, operationIndex, retrieveCodes, scopeCatalogue, tokenPatterns } from '../src/index.js';

type Node = Record<string, any>;
const doc: Node = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@tokens-kit/spec/openapi.json'), 'utf8'));
const deref = (node: Node): Node => (typeof node?.$ref === 'string' ? deref(pointer(node.$ref)) : node);
const pointer = (ref: string): Node =>
  ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc: Node, key) => acc?.[key], doc);
const methods = ['get', 'post', 'patch', 'delete', 'put'];
const rawOperations = Object.entries(doc.paths as Node).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Node })),
);

describe('the operation index', () => {
  it('lists every operation with its method, path, required scopes and documented statuses', () => {
    expect(Object.keys(operationIndex).sort()).toEqual(rawOperations.map((o) => o.op.operationId).sort());
    for (const { path, method, op } of rawOperations) {
      const entry = operationIndex[op.operationId as keyof typeof operationIndex];
      expect(entry).toMatchObject({ method: method.toUpperCase(), path, requiredScopes: op['x-required-scopes'] ?? [] });
      expect(entry.statuses.map(String)).toEqual(Object.keys(op.responses));
    }
  });

  it('points at schemas and headers that exist in the document', () => {
    for (const entry of Object.values(operationIndex)) {
      const requestBody: { schemaPointer?: string } = 'requestBody' in entry ? entry.requestBody : {};
      if (requestBody.schemaPointer) expect(pointer(requestBody.schemaPointer), requestBody.schemaPointer).toBeTypeOf('object');
      for (const response of Object.values(entry.responses) as {
        schemaPointer?: string;
        headers: Record<string, { schemaPointer: string }>;
      }[]) {
        if (response.schemaPointer) expect(pointer(response.schemaPointer), response.schemaPointer).toBeTypeOf('object');
        for (const header of Object.values(response.headers))
          expect(pointer(header.schemaPointer), header.schemaPointer).toBeTypeOf('object');
      }
    }
  });
});

describe('the error table', () => {
  // Every example of every 4xx/5xx response, as the document holds it.
  const errorExamples = rawOperations.flatMap(({ op }) =>
    Object.entries(op.responses as Node)
      .filter(([status]) => Number(status) >= 400)
      .flatMap(([status, response]) =>
        Object.entries((deref(response).content?.['application/json']?.examples ?? {}) as Node).map(([name, example]) => ({
          operationId: op.operationId as string,
          status: Number(status),
          name,
          example: deref(example),
        })),
      ),
  );

  it('names every documented error explicitly (x-error-kind), not by its example name', () => {
    expect(errorExamples.length).toBeGreaterThan(20);
    expect(
      errorExamples.filter((e) => typeof e.example['x-error-kind'] !== 'string').map((e) => `${e.operationId} ${e.status} ${e.name}`),
    ).toEqual([]);
  });

  it('holds one row per x-error-kind, with the status and message of its examples and every operation that answers it', () => {
    expect(new Set(errorTable.map((r) => r.kind)).size).toBe(errorTable.length);
    expect(errorTable.map((r) => r.kind).sort()).toEqual([...new Set(errorExamples.map((e) => e.example['x-error-kind']))].sort());
    for (const e of errorExamples) {
      const row = errorTable.find((r) => r.kind === e.example['x-error-kind'])!;
      expect(row).toMatchObject({ status: e.status, message: e.example.value.message });
      expect(row.operations).toContain(e.operationId);
    }
    expect(errorTable.find((r) => r.kind === 'NoSuchUser')).toMatchObject({ status: 404, message: 'No such user' });
  });
});

describe('contract constants', () => {
  it('mark exactly the public scopes public, from the example marked x-scope-catalogue', () => {
    const marked = Object.values(doc.components.examples as Node).filter((e) => e['x-scope-catalogue'] === true);
    expect(marked).toHaveLength(1);
    expect(scopeCatalogue.map((s) => s.id)).toEqual(marked[0]!.value.map((s: Node) => s.id));
    expect(scopeCatalogue.filter((s) => s.public).map((s) => s.id)).toEqual([
      'styles:tiles',
      'styles:read',
      'fonts:read',
      'datasets:read',
      'vision:read',
    ]);
    expect(scopeCatalogue.find((s) => s.id === 'tokens:write')?.public).toBe(false);
  });

  it('carry the documented limits and formats', () => {
    expect(limits).toEqual({ maxAllowedUrls: 100, maxTemporaryLifetimeSeconds: 3600, rateLimit: { requests: 100, perSeconds: 60 } });
    expect(retrieveCodes).toContain('TokenRevoked');
    const matches = (patterns: readonly string[], s: string) => patterns.every((p) => new RegExp(p).test(s));
    expect(matches(tokenPatterns.temporary, 'tk.eyJ1IjoibWFwYm94In0.ZepsWvpjTMlpePE4IQBs0g')).toBe(true);
    expect(matches(tokenPatterns.permanent, 'tk.eyJ1IjoibWFwYm94In0.ZepsWvpjTMlpePE4IQBs0g')).toBe(false);
  });
});
