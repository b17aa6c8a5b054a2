// The rendered reference (dist/index.html) as a reader meets it, in a real browser with every
// request that leaves the machine refused and the page served under a host name that is not
// loopback (as it is when published): the API first in the sidebar, every operation with every
// documented response, its cURL and TypeScript samples, every error-table message, the known
// deviations and the changelog, no broken image, and nothing asked of the network (no CDN, no
// telemetry). Leaves dist/screenshots/*.png as build artifacts.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
// @ts-expect-error — the build's plain .mjs renderer.
import { REDOC_HOME } from '../scripts/render.mjs';
// The seed documents and their error table, read as the spec's own tests read them.
import { seedErrorTable, specDir } from '../../spec/test/seeds.js';

interface RenderedOperation {
  operationId: string;
  path: string;
  tags: string[];
  summary: string;
  statuses: string[];
}
// The operations as the bundle holds them (this package is the document; its runtime readers live
// downstream in @tokens-kit/contract, so the page is checked against the bundle itself).
const bundle = JSON.parse(readFileSync(join(specDir, 'dist', 'openapi.json'), 'utf8')) as {
  tags: { name: string }[];
  paths: Record<string, Record<string, { operationId: string; tags: string[]; summary: string; responses: Record<string, unknown> }>>;
};
// The register of observed deviations as the build bundled it (dist/deviations.json).
const register = JSON.parse(readFileSync(join(specDir, 'dist', 'deviations.json'), 'utf8')) as {
  deviations: { id: string; title: string; evidence: { title: string; url: string }[] }[];
};
const operations: RenderedOperation[] = Object.entries(bundle.paths).flatMap(([path, item]) =>
  ['get', 'post', 'patch', 'delete']
    .flatMap((method) => (item[method] ? [item[method]] : []))
    .map((op) => ({ operationId: op.operationId, path, tags: op.tags, summary: op.summary, statuses: Object.keys(op.responses) })),
);
const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(docsDir, 'dist');
const screenshots = join(distDir, 'screenshots');
mkdirSync(screenshots, { recursive: true });
/** Served under this name (Chromium maps it to loopback), as a published page is: not "localhost". */
const HOST = 'docs.tokens-kit.test';
const sidebar: string[] = [];
let server: Server;
let browser: Browser;
let base: string;
const external: string[] = [];
const pageText = new Map<string, string>();

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const html = readFileSync(join(distDir, 'index.html'));
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: [...chromiumArgs, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`] });
  // Offline: only the page's own origin answers; what else it asks for is recorded.
  const page = await offlinePage(external);
  for (const { operationId, tags, summary, statuses } of operations) {
    const anchor = `${tags[0]!.toLowerCase()}/${operationId.toLowerCase()}`;
    await page.goto(`${base}/#/${anchor}`);
    // The page renders operations one after another; each lives in a section with its anchor as id.
    const section = page.locator(`[id="${anchor}"]`);
    await section.getByRole('heading', { name: summary }).first().waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered), not the DOM property.
    let text = await section.innerText();
    // Each documented status is a tab; its description (with the error messages) shows when selected.
    for (const status of statuses) {
      await section.getByRole('tab', { name: status, exact: true }).first().click();
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, as above.
      text += `\n${await section.innerText()}`;
    }
    pageText.set(operationId, text);
    if (operationId === 'createToken') {
      await section.getByRole('tab', { name: '422', exact: true }).first().click();
      await section.screenshot({ path: join(screenshots, 'create-token.png') });
    }
  }
  // The sidebar's entries, top to bottom: its list items' first lines (an operation's adds its method).
  sidebar.push(
    ...(await page.locator('[data-component-name="Menu/Menu"] li[data-testid="menu-item-label"]').allInnerTexts()).map((t) =>
      t.split('\n')[0]!.trim(),
    ),
  );
  // A published page stays open: Redoc's telemetry batches and would post on a timer or as the page
  // goes away. Give it both before the network check.
  await page.waitForTimeout(6_000);
  await page.goto('about:blank');
}, 180_000);

/** A page of the reference with every request off the page's own origin refused (and noted in `refused`). */
async function offlinePage(refused: string[] = []) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || /^(data|blob):/.test(url)) return route.continue();
    refused.push(url);
    return route.abort();
  });
  return page;
}

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('the rendered reference, offline', () => {
  it.each(operations.map((op) => ({ id: op.operationId, op })))('shows $id with every documented status', ({ op }) => {
    const text = pageText.get(op.operationId)!;
    expect(text).toContain(op.summary);
    expect(text).toContain(op.path);
    for (const status of op.statuses) expect(text).toContain(status);
  });

  it.each(seedErrorTable().flatMap((row) => row.messages.map((message) => ({ message, status: row.status }))))(
    'shows the error-table entry "$message" ($status)',
    ({ message }) => {
      expect([...pageText.values()].some((text) => text.includes(message))).toBe(true);
    },
  );

  it('shows a Known deviations section: every register entry, with its evidence links', async () => {
    const page = await offlinePage();
    await page.goto(`${base}/#/known-deviations`);
    await page.getByRole('heading', { name: 'Known deviations' }).first().waitFor();
    await page.screenshot({ path: join(screenshots, 'known-deviations.png') });
    // Redoc renders the sections near the view only: read on, a screen at a time, to the changelog.
    const headings = new Set<string>();
    const links = new Set<string>();
    for (let screen = 0; screen < 100 && !headings.has('Changelog'); screen++) {
      for (const heading of await page.getByRole('heading').allInnerTexts()) headings.add(heading.trim());
      for (const href of await page.locator('a[href^="http"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) links.add(href);
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(100);
    }
    for (const deviation of register.deviations) {
      expect(headings.has(deviation.title), deviation.id).toBe(true);
      for (const evidence of deviation.evidence) expect(links.has(evidence.url), `${deviation.id}: ${evidence.url}`).toBe(true);
    }
    await page.close();
  });

  it("shows the document's version, which is the spec package's, and its changelog from spec/CHANGELOG.md", async () => {
    const { version } = JSON.parse(readFileSync(join(specDir, 'package.json'), 'utf8')) as { version: string };
    const changelog = readFileSync(join(specDir, 'CHANGELOG.md'), 'utf8');
    const releases = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)$/gm)].map((m) => m[1]!);
    expect(releases[0]).toBe(version);
    const page = await offlinePage();
    // Redoc shows info.version beside the title, on the overview.
    await page.goto(`${base}/#/`);
    await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain(`(${version})`);
    await page.goto(`${base}/#/changelog`);
    await page.getByRole('heading', { name: 'Changelog' }).first().waitFor();
    // Redoc renders the sections near the view only: read on, a screen at a time, to the page's end.
    const firstEntry = /^- (.+)$/m.exec(changelog)![1]!;
    let text = '';
    for (let screen = 0; screen < 100 && !text.replace(/\s+/g, ' ').includes(firstEntry); screen++) {
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered).
      const whole = await page.locator('body').innerText();
      text += whole.slice(whole.lastIndexOf('\nChangelog\n'));
      await page.mouse.wheel(0, 700);
      await page.waitForTimeout(100);
    }
    for (const release of releases) expect(text).toMatch(new RegExp(`^${release.replace(/\./g, '\\.')}$`, 'm'));
    expect(text.replace(/\s+/g, ' ')).toContain(firstEntry);
    await page.close();
  });

  it('asks nothing of the network — no CDN, no telemetry — and names no CDN', () => {
    expect(external).toEqual([]);
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/https:\/\/cdn\./);
    // Redoc's telemetry client is in the bundle; the page's options switch it off.
    expect(html).toContain('"disableTelemetry":true');
  });

  it('lists the API first in the sidebar (Tokens, Scopes), the known deviations and the changelog last', () => {
    const index = (name: string) => sidebar.indexOf(name);
    // Only the title's overview entry comes before the API's first tag.
    expect(sidebar.slice(0, index('Tokens'))).toEqual(['Mapbox Tokens API']);
    expect(index('Scopes')).toBeGreaterThan(index('Tokens'));
    const sections = sidebar.slice(index('Scopes') + 1);
    expect(sections.at(-2)).toBe('Known deviations');
    expect(sections.at(-1)).toBe('Changelog');
    // The reference's own sections sit between the API and the register.
    expect(sections).toContain('Token format');
  });

  it.each(readdirSync(join(docsDir, 'samples')).map((file) => ({ file })))('shows the TypeScript sample $file', async ({ file }) => {
    const operationId = file.replace(/\.ts$/, '');
    const op = operations.find((o) => o.operationId === operationId)!;
    const page = await offlinePage();
    const anchor = `${op.tags[0]!.toLowerCase()}/${operationId.toLowerCase()}`;
    await page.goto(`${base}/#/${anchor}`);
    // The samples panel: a language menu (the spec's cURL samples first), then the sample itself.
    const panel = page.locator(`[id="${anchor}"] .panel-request-samples`).first();
    await panel.getByRole('button', { name: /^cURL/ }).first().click();
    await page.getByRole('menuitem', { name: 'TypeScript', exact: true }).first().click();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered).
    const shown = await panel.locator('pre').innerText();
    expect(shown.trim()).toBe(readFileSync(join(docsDir, 'samples', file), 'utf8').trim());
    await page.close();
  });

  it('shows no broken image: the attribution reads "API docs by Redocly" in text', async () => {
    const page = await offlinePage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Tokens' }).first().waitFor();
    const broken = await page
      .locator('img')
      .evaluateAll((images) =>
        (images as HTMLImageElement[])
          .filter((img) => img.offsetParent !== null && (!img.complete || img.naturalWidth === 0))
          .map((img) => img.alt),
      );
    expect(broken).toEqual([]);
    const attribution = page.locator(`a[href="${REDOC_HOME}"] p`);
    await expect(attribution.evaluate((p) => `${p.textContent}${getComputedStyle(p, '::after').content}`)).resolves.toBe(
      'API docs by" Redocly"',
    );
    await page.close();
  });
});
