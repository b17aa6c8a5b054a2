// Servers hostile to a client, for the tests of everything that reaches a server (the client, the
// conformance CLI): one loopback server misbehaves by the first segment of the path — `hang`
// (never answers), `drip` (a byte a second), `close-mid-body`, `html`, `garbage-json`, `redirect`
// (307 to a second server, the "other host", which records whatever reaches it).
import { once } from 'node:events';
import { createServer } from 'node:http';

/** @typedef {'hang' | 'drip' | 'close-mid-body' | 'html' | 'garbage-json' | 'redirect'} Hostility */

/** @returns {Promise<{ url: (how: Hostility) => string; reachedOther: string[]; close(): Promise<void> }>} */
export async function hostileServer() {
  /** @type {string[]} */
  const reachedOther = [];
  const other = createServer((req, res) => {
    reachedOther.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  other.listen(0, '127.0.0.1');
  await once(other, 'listening');
  const otherUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (other.address()).port}`;
  const timers = new Set();
  const server = createServer((req, res) => {
    const [, mode, ...rest] = (req.url ?? '/').split('/');
    req.resume();
    if (mode === 'hang') return;
    if (mode === 'drip') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 1000);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    } else if (mode === 'close-mid-body') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('[{"id":');
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (mode === 'html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service unavailable</body></html>');
    else if (mode === 'garbage-json') res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": tru');
    else if (mode === 'redirect') res.writeHead(307, { location: `${otherUrl}/${rest.join('/')}` }).end();
    else res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    url: (how) => `${base}/${how}`,
    reachedOther,
    close: async () => {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      other.closeAllConnections();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
    },
  };
}
