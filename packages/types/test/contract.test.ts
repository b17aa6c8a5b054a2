// The generated constants hold the spec's facts (checked against the spec itself, not restated).
import { ContractValidator } from '@tokens-kit/spec';
import { describe, expect, it } from 'vitest';
import { errorTable, limits, operationIndex, retrieveCodes, scopeCatalogue, tokenPatterns } from '../src/index.js';

const validator = new ContractValidator();

describe('contract constants', () => {
  it('list every operation with its required scopes and documented statuses', () => {
    expect(Object.keys(operationIndex).sort()).toEqual([...validator.operations.keys()].sort());
    for (const op of validator.operations.values()) {
      const entry = operationIndex[op.operationId as keyof typeof operationIndex];
      expect(entry.requiredScopes).toEqual(op.requiredScopes);
      expect(entry.statuses.map(String)).toEqual(Object.keys(op.responses));
    }
  });

  it('hold each error kind once, with the message of its named example', () => {
    expect(new Set(errorTable.map((r) => r.kind)).size).toBe(errorTable.length);
    for (const row of errorTable) {
      for (const operationId of row.operations) {
        const examples = validator.operation(operationId).responses[String(row.status)]!.examples;
        expect(examples[row.kind]).toEqual({ message: row.message });
      }
    }
    expect(errorTable.find((r) => r.kind === 'NoSuchUser')).toMatchObject({ status: 404, message: 'No such user' });
  });

  it('mark exactly the public scopes public', () => {
    expect(scopeCatalogue.filter((s) => s.public).map((s) => s.id)).toEqual(['styles:tiles', 'styles:read', 'fonts:read', 'datasets:read', 'vision:read']);
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
