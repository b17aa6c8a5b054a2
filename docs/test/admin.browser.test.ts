// The simulator's admin reference (dist/simulator-admin.html), read offline in a real browser: every
// operation of the admin document is on the page, and the page asks nothing of the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { openPageOffline } from '../../scripts/chromium.mjs';

const admin = parse(readFileSync(createRequire(import.meta.url).resolve('@tokens-kit/simulator/admin/openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, { summary: string; operationId: string; tags: string[] }>>;
};
const operations = Object.values(admin.paths).flatMap((item) => Object.values(item));
let opened: { page: import('playwright-core').Page; external: string[]; close(): Promise<void> };
/** Each operation's section as the page shows it at its own address (Redoc renders near the view only). */
const shown = new Map<string, string>();

beforeAll(async () => {
  opened = await openPageOffline(chromium, readFileSync(join(import.meta.dirname, '..', 'dist', 'simulator-admin.html')));
  for (const { operationId, tags } of operations) {
    const anchor = `${tags[0]!.toLowerCase().replace(/\s+/g, '-')}/${operationId.toLowerCase()}`;
    await opened.page.goto(`${opened.page.url().split('#')[0]}#/${anchor}`);
    const section = opened.page.locator(`[id="${anchor}"]`);
    await section.waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered).
    shown.set(operationId, await section.innerText());
  }
}, 120_000);
afterAll(() => opened?.close());

describe('the simulator admin reference, offline', () => {
  it.each(operations.map((op) => ({ id: op.operationId, op })))('shows $id', ({ op }) => {
    expect(shown.get(op.operationId)).toContain(op.summary);
  });

  it('asks nothing of the network', () => {
    expect(opened.external).toEqual([]);
  });
});
