// The documented-vs-observed page (dist/docs/documented-vs-observed.html, made by the build) read in
// a real browser, offline: every register entry with its changes, the totals, the version. Leaves
// dist/docs/documented-vs-observed.png as a build artifact.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { openPageOffline } from '../../scripts/chromium.mjs';
import { documentedVsObserved, type OverlayDocument } from '../src/index.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../spec/dist/${name}`, import.meta.url), 'utf8'));
const report = documentedVsObserved(read('openapi.json'), read('observed.overlay.json') as OverlayDocument, read('deviations.json'));
const page = fileURLToPath(new URL('../dist/docs/documented-vs-observed.html', import.meta.url));
const screenshot = fileURLToPath(new URL('../dist/docs/documented-vs-observed.png', import.meta.url));

let tab: Page;
let external: string[];
let close: () => Promise<void>;

beforeAll(async () => {
  ({ page: tab, external, close } = await openPageOffline(chromium, readFileSync(page)));
}, 60_000);

afterAll(async () => close?.());

describe('the documented-vs-observed page, offline', () => {
  it("names the document's version and the totals", async () => {
    await expect(tab.locator('h1').textContent()).resolves.toBe(`Documented vs observed — Mapbox Tokens API ${report.version}`);
    const s = report.summary;
    await expect(tab.locator('#summary').textContent()).resolves.toContain(
      `${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.annotation} annotation`,
    );
  });

  it.each(report.entries.map((e) => [e.id, e] as const))('shows %s with each of its changes and its evidence', async (_id, entry) => {
    const section = tab.locator(`section[id="${entry.id}"]`);
    await expect(section.locator('h2').textContent()).resolves.toBe(entry.title);
    await expect(section.locator('tbody tr').count()).resolves.toBe(entry.changes.length);
    for (const [i, change] of entry.changes.entries()) {
      const row = section.locator('tbody tr').nth(i);
      await expect(row.getAttribute('class')).resolves.toBe(change.severity);
      await expect(row.locator('.pointer').textContent()).resolves.toBe(change.pointer);
    }
    if (!entry.changes.length) await expect(section.locator('.none').count()).resolves.toBe(1);
    for (const evidence of entry.evidence) await expect(section.locator(`a[href="${evidence.url}"]`).count()).resolves.toBe(1);
  });

  it('asks nothing of the network', async () => {
    await tab.screenshot({ path: screenshot, fullPage: false });
    expect(external).toEqual([]);
  });
});
