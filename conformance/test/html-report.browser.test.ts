// The HTML report of a run that found drift, read in headless Chromium, offline: the verdict per
// target, the failure first with its request, expected and actual answers, curl line and replay
// command, the coverage matrix, the seed; no token anywhere. Leaves .reports/html-report.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { openPageOffline } from '../../scripts/chromium.mjs';
import { simulatorTarget, type Target } from '../src/index.js';
import { startMutantProxy } from './mutant-proxy.js';
import { offCatalogueMutants } from './mutants-off-catalogue.js';
import { runCli, TOKEN_PATTERN } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'tokens-conformance-html-'));
const reportFile = join(scratch, 'report.html');
const screenshot = fileURLToPath(new URL('../.reports/html-report.png', import.meta.url));
let target: Target;
let run: { code: number | null; stdout: string; stderr: string };
let page: Page;
let external: string[];
let close: () => Promise<void>;

beforeAll(async () => {
  const mutant = offCatalogueMutants.find((m) => m.id === 'create-drops-unknown-fields')!;
  target = await simulatorTarget({ wrap: (sim) => startMutantProxy(sim, mutant) });
  run = await runCli(
    [
      '--base-url',
      target.baseUrl,
      '--token',
      target.token,
      '--budget',
      '100000',
      '--seed',
      '2024',
      '--replay-dir',
      join(scratch, 'replays'),
      '--report',
      `html=${reportFile}`,
    ],
    {},
  ).done;
  ({ page, external, close } = await openPageOffline(chromium, readFileSync(reportFile), { width: 1300, height: 1100 }));
}, 180_000);

afterAll(async () => {
  await close?.();
  await target?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the HTML report of a run that found drift', () => {
  it('is written by the run, which exits 1', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/HTML report: /);
  });

  it('gives the verdict per target and the seed', async () => {
    await expect(page.locator('h1').textContent()).resolves.toBe('tokens-conformance: drift');
    await expect(page.locator('#verdicts tbody tr.fail th').textContent()).resolves.toBe('live');
    await expect(page.locator('#seed').textContent()).resolves.toBe('2024');
  });

  it('shows the failure first, with its request, expected and actual answers, curl line and replay command', async () => {
    const failure = page.locator('section.failed[data-behaviour="explore-createToken"]');
    await expect(failure.count()).resolves.toBe(1);
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text as rendered).
    const text = await failure.innerText();
    expect(text).toMatch(/negative_data_rejection/);
    expect(text).toMatch(/request POST http:\/\/127\.0\.0\.1:\d+\/tokens\/v2\//);
    expect(text).toMatch(/actual 200/);
    await expect(failure.locator('pre.curl').textContent()).resolves.toMatch(/^curl -i -X POST /);
    await expect(failure.locator('pre.replay').textContent()).resolves.toMatch(
      /^tokens-conformance replay .*replays\/.*-live-explore-createToken\.json$/,
    );
    // Failures come before everything else.
    const order = await page.locator('h2').allTextContents();
    expect(order.slice(0, 2)).toEqual(['Verdict per target', 'Failures']);
  });

  it('has a visible legend of its marks', async () => {
    const legend = page.locator('#legend');
    await expect(legend.isVisible()).resolves.toBe(true);
    await expect(legend.locator('dt').allTextContents()).resolves.toEqual(['pass', 'fail', 'known', 'accepted', 'n/a']);
  });

  it('lists every other behaviour, collapsed by status, and says why each n/a is n/a', async () => {
    const passed = page.locator('details#pass-behaviours');
    await expect(passed.getAttribute('open')).resolves.toBeNull();
    await expect(passed.locator('summary').textContent()).resolves.toMatch(/^\d+ passed$/);
    await expect(passed.locator('li').count()).resolves.toBeGreaterThan(30);
    const na = page.locator('details#na-behaviours li');
    await expect(na.count()).resolves.toBeGreaterThan(0);
    // The rate-limit probe is not safe on a live account: n/a, and the page says so.
    await expect(na.filter({ hasText: 'rate-limit' }).locator('.reason').textContent()).resolves.toBe(
      'the live target cannot exhibit rateLimit',
    );
  });

  it('has the coverage matrix', async () => {
    const matrix = page.locator('section.coverage[data-target="live"] table');
    await expect(matrix.locator('tbody tr').count()).resolves.toBe(6);
    await expect(matrix.locator('td.passed').count()).resolves.toBeGreaterThan(5);
  });

  it('shows no token, and asks nothing of the network', async () => {
    const html = readFileSync(reportFile, 'utf8');
    expect(html).not.toMatch(TOKEN_PATTERN);
    expect(html).not.toContain(target.token);
    mkdirSync(join(screenshot, '..'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: false });
    expect(external).toEqual([]);
  });
});
