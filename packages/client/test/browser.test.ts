// The client works in a browser: bundled for the browser platform (a Node-only import fails the
// build), loaded in headless Chromium (Debian's; nothing downloads a browser), and calling a
// simulator across origins.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { startSimulator, type RunningSimulator } from '@tokens-kit/simulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error — a plain .mjs helper shared with the spec's browser test.
import { chromiumArgs, findChromium } from '../../../scripts/chromium.mjs';

let sim: RunningSimulator;
let page: Server;
let browser: Browser;
let pageUrl: string;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  sim = await startSimulator({ username: 'browser', rateLimit: false, log: () => {} });
  page = createServer((req, res) => {
    if (req.url === '/client.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>client</title><script type="module">import * as kit from "/client.js"; window.tokensKit = kit;</script>');
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath, args: chromiumArgs });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  page?.close();
  await sim?.close();
});

it('creates, lists and parses tokens from a page on another origin', async () => {
  const tab = await browser.newPage();
  await tab.goto(pageUrl);
  await tab.waitForFunction(() => 'tokensKit' in window);
  const result = await tab.evaluate(
    async ({ url, token }) => {
      const { createTokensClient, parseToken, TokensApiError } = (window as unknown as { tokensKit: typeof import('../src/index.js') })
        .tokensKit;
      const client = createTokensClient({ accessToken: token, baseUrl: url });
      const created = await client.createToken({ note: 'from a browser', scopes: ['styles:read'] });
      const ids = [];
      for await (const t of client.iterateTokens({ usage: 'pk' })) ids.push(t.id);
      let kind = '';
      try {
        await client.createToken({ scopes: ['no:such-scope'] });
      } catch (error) {
        if (error instanceof TokensApiError) kind = error.kind;
      }
      return {
        usage: created.usage,
        parsed: parseToken(created.token),
        listed: ids.includes(created.id),
        kind,
        userAgent: navigator.userAgent,
      };
    },
    { url: sim.url, token: sim.token },
  );
  expect(result).toMatchObject({ usage: 'pk', parsed: { usage: 'pk', user: 'browser' }, listed: true, kind: 'ScopesInvalid' });
  expect(result.userAgent).toMatch(/Chrome/);
});
