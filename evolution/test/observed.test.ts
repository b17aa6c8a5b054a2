// Documented vs observed: the Overlay rules, the register's overlay applied to the bundled spec,
// and the diff between the two, entry by entry.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyOverlay, documentedVsObserved, type OverlayDocument } from '../src/index.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../spec/dist/${name}`, import.meta.url), 'utf8'));
const documented = read('openapi.json');
const overlay: OverlayDocument = read('observed.overlay.json');
const register = read('deviations.json') as {
  deviations: { id: string; overlay?: unknown[]; extras?: { schema: string; properties: Record<string, unknown> } }[];
};

describe('applyOverlay (OpenAPI Overlay 1.0 actions)', () => {
  const doc = { openapi: '3.1.0', paths: {}, a: { b: { c: 1, d: [1] } }, list: [1, 2] };

  it('merges an update into every object the target selects, and leaves the input alone', () => {
    const out = applyOverlay(doc, [{ target: '$.a.b', update: { c: 2, e: { f: true } } }]);
    expect(out.a).toEqual({ b: { c: 2, d: [1], e: { f: true } } });
    expect(doc.a.b).toEqual({ c: 1, d: [1] });
  });

  it('appends an update to an array target, and removes what a remove targets', () => {
    expect(applyOverlay(doc, [{ target: '$.list', update: 3 }]).list).toEqual([1, 2, 3]);
    expect(applyOverlay(doc, [{ target: '$.a.b.c', remove: true }]).a).toEqual({ b: { d: [1] } });
    expect(applyOverlay(doc, [{ target: '$.list[0]', remove: true }]).list).toEqual([2]);
  });

  it('refuses an action whose target selects nothing, naming it', () => {
    expect(() => applyOverlay(doc, [{ target: '$.nowhere', update: {}, description: 'lost' }])).toThrow(
      'overlay action "lost" targets nothing: $.nowhere',
    );
  });
});

describe('the register as an Overlay on the documented spec', () => {
  const report = documentedVsObserved(documented, overlay, register as never);

  it('holds an action for every entry with overlay actions or extras, each naming its entry', () => {
    for (const d of register.deviations) {
      const actions = overlay.actions.filter((a) => a['x-deviation'] === d.id);
      expect(actions.length, d.id).toBe((d.overlay?.length ?? 0) + (d.extras ? 1 : 0));
    }
    expect(overlay.info.version).toBe(documented.info.version);
  });

  it('changes the documented spec wherever an entry has actions: every one of them applies', () => {
    for (const entry of report.entries) {
      const hasActions = overlay.actions.some((a) => a['x-deviation'] === entry.id);
      expect(entry.changes.length > 0, entry.id).toBe(hasActions);
    }
  });

  it('says what each deviation breaks for a client written against the documentation', () => {
    const entry = (id: string) => report.entries.find((e) => e.id === id)!;
    const notFound = entry('not-found-message-case').changes;
    expect(notFound.length).toBeGreaterThan(0);
    for (const c of notFound) {
      expect(c).toMatchObject({ severity: 'breaking', rule: 'error-row' });
      expect(c.sentence).toBe('The NotFound message changes from "Not found" to "Not Found": code that matches the exact message breaks.');
    }
    expect(entry('temporary-token-extra-fields').changes.map((c) => c.sentence)).toContain(
      'The response 200 of POST /tokens/v2/{username} gains `issued_at`.',
    );
    expect(entry('note-max-length').changes.some((c) => c.severity === 'breaking' && /maxLength/.test(c.sentence))).toBe(true);
    expect(entry('client-not-constant').changes.some((c) => c.severity === 'breaking' && c.where.endsWith('`[].client`'))).toBe(true);
    expect(report.summary.breaking).toBeGreaterThan(0);
  });
});
