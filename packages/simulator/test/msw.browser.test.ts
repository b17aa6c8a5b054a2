// msw in a browser: a page bundled for the browser (the package's "browser" condition) starts msw's
// service worker with handlers backed by a simulator in that page; the page's own fetch calls to
// https://api.mapbox.com are answered by it — state, faults and all — in headless Chromium, with
// nothing leaving the machine.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with other packages' browser tests.
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const worker = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('msw/package.json')), 'lib', 'mockServiceWorker.js'),
  'utf8',
);
const pageSource = `
  import { setupWorker } from 'msw/browser';
  import { createSimulator } from './src/browser.ts';
  import { tokensApiHandlers } from './src/msw.ts';
  try {
    const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    await setupWorker(...tokensApiHandlers(sim)).start({ quiet: true, onUnhandledRequest: 'error', serviceWorker: { url: '/mockServiceWorker.js' } });
    const tokens = 'https://api.mapbox.com/tokens/v2/alice?access_token=' + sim.token;
    const created = await fetch(tokens, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'from a page', scopes: ['styles:read'] }) });
    const listed = await (await fetch(tokens)).json();
    sim.faults.add({ operation: 'listScopes', status: 503, times: 1 });
    const faulted = (await fetch('https://api.mapbox.com/scopes/v1/alice?access_token=' + sim.token)).status;
    window.result = { created: created.status, notes: listed.map((t) => t.note), faulted, held: sim.state.accounts.get('alice').tokens.size };
  } catch (error) {
    window.result = { error: String(error && error.stack || error) };
  }
`;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const bundle = await build({
    stdin: { contents: pageSource, resolveDir: packageDir, sourcefile: 'page.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    conditions: ['browser'],
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const files: Record<string, [string, string]> = {
    '/': ['text/html', '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>'],
    '/page.js': ['text/javascript', script],
    '/mockServiceWorker.js': ['text/javascript', worker],
  };
  server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

it("answers the page's own fetch to https://api.mapbox.com from the simulator in the page, through msw's service worker", async () => {
  const page = await browser.newPage();
  await page.goto(base);
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, null, { timeout: 30_000 });
  const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
  expect(result).toEqual({ created: 200, notes: expect.arrayContaining(['from a page']), faulted: 503, held: 3 });
}, 60_000);
