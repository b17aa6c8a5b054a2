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
