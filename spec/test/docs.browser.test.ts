// The rendered reference (dist/docs/index.html) works offline in a real browser: every operation,
// every documented response and every error-table message is on the page, with every request that
// leaves the machine refused. Leaves dist/docs/screenshot.png as a build artifact.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';
import { seedErrorTable, specDir } from './seeds.js';

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
const docsDir = join(specDir, 'dist', 'docs');
let server: Server;
let browser: Browser;
let base: string;
const external: string[] = [];
const pageText = new Map<string, string>();

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const html = readFileSync(join(docsDir, 'index.html'));
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // Offline: only the page's own origin answers.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort();
  });
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
      await section.screenshot({ path: join(docsDir, 'screenshot.png') });
    }
  }
}, 120_000);

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
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.route('**/*', (route) =>
      route.request().url().startsWith(base) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    await page.goto(`${base}/#section/Known-deviations`);
    await page.getByRole('heading', { name: 'Known deviations' }).first().waitFor();
    for (const deviation of register.deviations) {
      await expect(page.getByRole('heading', { name: deviation.title }).count(), deviation.id).resolves.toBeGreaterThan(0);
      for (const evidence of deviation.evidence) {
        await expect(page.locator(`a[href="${evidence.url}"]`).count(), `${deviation.id}: ${evidence.url}`).resolves.toBeGreaterThan(0);
      }
    }
    await page.getByRole('heading', { name: register.deviations[0]!.title }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(docsDir, 'known-deviations.png') });
    await page.close();
  });

  it("shows the document's version, which is the spec package's, and its changelog from spec/CHANGELOG.md", async () => {
    const { version } = JSON.parse(readFileSync(join(specDir, 'package.json'), 'utf8')) as { version: string };
    const changelog = readFileSync(join(specDir, 'CHANGELOG.md'), 'utf8');
    const releases = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)$/gm)].map((m) => m[1]!);
    expect(releases[0]).toBe(version);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.route('**/*', (route) =>
      route.request().url().startsWith(base) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    await page.goto(`${base}/#section/Changelog`);
    await page.getByRole('heading', { name: 'Changelog' }).first().waitFor();
    // Redoc shows info.version beside the title.
    await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain(`(${version})`);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered).
    const whole = await page.locator('body').innerText();
    // Redoc renders each release heading as a section of its own: read from the Changelog heading on.
    const text = whole.slice(whole.lastIndexOf('\nChangelog\n'));
    for (const release of releases) expect(text).toMatch(new RegExp(`^${release.replace(/\./g, '\\.')}$`, 'm'));
    const firstEntry = /^- (.+)$/m.exec(changelog)![1]!;
    expect(text.replace(/\s+/g, ' ')).toContain(firstEntry);
    await page.close();
  });

  it('asks nothing of the network, and names no CDN', () => {
    expect(external).toEqual([]);
    expect(readFileSync(join(docsDir, 'index.html'), 'utf8')).not.toMatch(/https:\/\/cdn\./);
  });
});
