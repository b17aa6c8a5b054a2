// Finds Debian's Chromium for browser tests; no test tool downloads a browser of its own.
// `node scripts/chromium.mjs --ensure` installs it with apt-get when it is missing and we are root
// (CI and a fresh machine of this kind); otherwise it says how to get it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

export function findChromium() {
  return candidates.find((path) => existsSync(path));
}

/** Flags for a headless Chromium on a machine whose only network is loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A page served from loopback and opened in headless Chromium with every other request refused
 * (recorded in `external`): how the browser tests read a self-contained page "offline". `launcher`
 * is playwright-core's `chromium`, from the calling package (this script has no dependencies).
 */
export async function openPageOffline(launcher, html, viewport = { width: 1300, height: 1000 }) {
  const { createServer } = await import('node:http');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found: run `node scripts/chromium.mjs --ensure` (apt-get install chromium).');
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launcher.launch({ executablePath, args: chromiumArgs });
  const page = await browser.newPage({ viewport });
  const external = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith(base)) return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  await page.goto(`${base}/`);
  return {
    page,
    external,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

if (process.argv.includes('--ensure')) {
  if (findChromium()) process.exit(0);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(
      'Chromium is needed for the rendered-docs test. Install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.error("Installing Debian's chromium package for the browser tests…");
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!findChromium()) {
    console.error('apt-get finished but no chromium binary was found.');
    process.exit(1);
  }
}
