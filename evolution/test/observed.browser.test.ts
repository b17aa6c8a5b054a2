// The documented-vs-observed page (dist/docs/documented-vs-observed.html, made by the build) read in
// a real browser, offline: every register entry with its changes, the totals, the version. Leaves
// dist/docs/documented-vs-observed.png as a build artifact.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { documentedVsObserved, type OverlayDocument } from '../src/index.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../spec/dist/${name}`, import.meta.url), 'utf8'));
const report = documentedVsObserved(read('openapi.json'), read('observed.overlay.json') as OverlayDocument, read('deviations.json'));
const page = fileURLToPath(new URL('../dist/docs/documented-vs-observed.html', import.meta.url));
const screenshot = fileURLToPath(new URL('../dist/docs/documented-vs-observed.png', import.meta.url));

let server: Server;
let browser: Browser;
let tab: Page;
const external: string[] = [];

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const html = readFileSync(page);
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: chromiumArgs });
  tab = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  await tab.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    external.push(url);
    return route.abort();
  });
  await tab.goto(`${base}/`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

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
