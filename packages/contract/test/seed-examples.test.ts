// Every example in the seed documents validates against the schema of the operation and status it
// illustrates, and is attached to that operation as a named example (or as an x-codeSample).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchOperation } from '../src/index.js';
import { ContractValidator } from '../src/validator.js';
import { seedExamples, type SeedFile } from './seed-examples.js';
import {
  balancedJson,
  curlOffsets,
  jsonBlockOffsets,
  parseCurl,
  readSeed,
  seedFileName,
  sharedSeedsDir,
  sharedSeedsPresent,
  vendoredSeedsDir,
} from '../../../spec/test/seeds.js';

const validator = new ContractValidator();
const seeds: Record<SeedFile, string> = { reference: readSeed('reference'), tutorial: readSeed('tutorial') };

function locate(entry: (typeof seedExamples)[number]): number {
  const text = seeds[entry.seed];
  const anchor = text.indexOf(entry.after);
  if (anchor === -1) throw new Error(`"${entry.after}" is not in the ${entry.seed} seed`);
  const offsets = entry.kind === 'json' ? jsonBlockOffsets(text) : curlOffsets(text);
  const offset = offsets.find((o) => o > anchor);
  if (offset === undefined) throw new Error(`No ${entry.kind} example after "${entry.after}"`);
  return offset;
}

function extract(entry: (typeof seedExamples)[number]): { value?: unknown; curl?: ReturnType<typeof parseCurl> } {
  const text = seeds[entry.seed];
  const offset = locate(entry);
  if (entry.kind === 'json') return { value: JSON.parse(balancedJson(text, offset)) };
  const curl = parseCurl(text, offset);
  return { value: curl.body, curl };
}

describe('the vendored seed documents', () => {
  it.runIf(sharedSeedsPresent)('are identical to ../shared/seeds', () => {
    for (const seed of ['reference', 'tutorial'] as const) {
      expect(readFileSync(join(vendoredSeedsDir, seedFileName(vendoredSeedsDir, seed)), 'utf8')).toBe(
        readFileSync(join(sharedSeedsDir, seedFileName(sharedSeedsDir, seed)), 'utf8'),
      );
    }
  });
});

describe('the seed example catalogue', () => {
  it('covers every JSON example and every curl command in both seeds, each once', () => {
    for (const seed of ['reference', 'tutorial'] as const) {
      const located = seedExamples
        .filter((e) => e.seed === seed)
        .map(locate)
        .sort((a, b) => a - b);
      const text = seeds[seed];
      // A JSON block inside a curl line (-d '{...}') is not a line of its own, so it is not counted twice.
      const present = [...jsonBlockOffsets(text), ...curlOffsets(text)].sort((a, b) => a - b);
      expect(located).toEqual(present);
    }
  });
});

describe.each(seedExamples)('seed example $id', (entry) => {
  const { value, curl } = extract(entry);
  const target = entry.target;

  if ('schema' in target) {
    it(`validates against components/schemas/${target.schema}`, () => {
      expect(validator.validateSchema(target.schema, value)).toEqual([]);
      const schemaExamples = validator.doc.components.schemas[target.schema]!.examples as unknown[];
      expect(schemaExamples).toContainEqual(value);
    });
    return;
  }

  const operation = validator.operation(target.operationId);

  if (curl) {
    it(`is a request to ${target.operationId} and one of its x-codeSamples`, () => {
      const matched = matchOperation(curl.method, curl.url.pathname);
      expect(matched?.operationId).toBe(target.operationId);
      const op = (validator.doc.paths[operation.path] as Record<string, { 'x-codeSamples': { source: string }[] }>)[
        operation.method.toLowerCase()
      ]!;
      const samples = op['x-codeSamples'].map((s) => s.source);
      expect(samples.some((source) => source.includes(curl.line))).toBe(true);
    });
  }

  if ('request' in target && value !== undefined) {
    it(`validates as the ${target.operationId} request body`, () => {
      expect(validator.validateRequestBody(target.operationId, value)).toEqual([]);
    });
  }
  if ('status' in target) {
    it(`validates as the ${target.operationId} ${target.status} response, with no unknown properties`, () => {
      const response = operation.responses[target.status]!;
      let body = value as Record<string, unknown>;
      if (entry.placeholders) {
        // A placeholder stands for a value of the documented format: the named example supplies one.
        const named = response.examples[entry.namedExample!] as Record<string, unknown>;
        for (const key of entry.placeholders) expect(body[key]).toMatch(/^\{[a-z_]+\}$/);
        body = { ...body, ...Object.fromEntries(entry.placeholders.map((k) => [k, named[k]])) };
      }
      expect(validator.check(response.schemaPointer!, body)).toEqual({ errors: [], warnings: [] });
    });
  }
  if (entry.namedExample) {
    it(`is reproduced by the named example ${entry.namedExample}`, () => {
      const examples = 'status' in target ? operation.responses[target.status]!.examples : operation.requestBody!.examples;
      expect(Object.keys(examples)).toContain(entry.namedExample);
      const named = examples[entry.namedExample!] as Record<string, unknown>;
      const expected = entry.placeholders
        ? { ...(value as object), ...Object.fromEntries(entry.placeholders.map((k) => [k, named[k]])) }
        : value;
      expect(named).toEqual(expected);
    });
  }
});
