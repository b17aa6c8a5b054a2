// The kit's reading of the published document: what is published open for extension is read
// closed, marked as the kit's inference; nothing else changes, and the document is left as it is.
import { describe, expect, it } from 'vitest';
import { kitReading } from '../src/index.js';

describe('kitReading', () => {
  const published = {
    components: {
      schemas: {
        Answer: { type: 'object', additionalProperties: true, 'x-kit-closed': true, properties: { a: { type: 'string' } } },
        Marked: { type: 'object', additionalProperties: true, 'x-kit-closed': true, 'x-kit-inference': ['minimum'] },
        Open: { type: 'object', additionalProperties: true },
        Request: { type: 'object', additionalProperties: false },
      },
    },
  };

  it('closes what is marked x-kit-closed, and says it is the kit\u2019s inference', () => {
    const read = kitReading(published).components.schemas;
    expect(read.Answer).toMatchObject({ additionalProperties: false, 'x-kit-inference': ['additionalProperties'] });
    expect(read.Marked['x-kit-inference']).toEqual(['minimum', 'additionalProperties']);
  });

  it('leaves everything else as published, and the published document untouched', () => {
    const before = structuredClone(published);
    const read = kitReading(published).components.schemas;
    expect(read.Open).toEqual(published.components.schemas.Open);
    expect(read.Request).toEqual(published.components.schemas.Request);
    expect(published).toEqual(before);
  });
});
