// The in-process simulator: a WHATWG fetch served by the same handler as the HTTP server, taking a
// URL or a Request of any origin; the two faces share one state and answer alike.
import { describe, expect, it } from 'vitest';
import { createSimulator, startSimulator } from '../src/index.js';

describe('createSimulator', () => {
  it('opens no port and answers a fetch of any origin, by URL string, URL or Request', async () => {
    const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    const path = `/scopes/v1/alice?access_token=${sim.token}`;
    for (const input of [
      `https://api.mapbox.com${path}`,
      new URL(`http://anything.test${path}`),
      new Request(`https://api.mapbox.com${path}`),
    ]) {
      const response = await sim.fetch(input);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(Array.isArray(await response.json())).toBe(true);
    }
  });

  it('reads request bodies, and refuses one over the size limit with the documented 413', async () => {
    const sim = createSimulator({ username: 'alice', rateLimit: false, maxBodyBytes: 256, log: () => {} });
    const url = `https://api.mapbox.com/tokens/v2/alice?access_token=${sim.token}`;
    const created = await sim.fetch(url, { method: 'POST', body: JSON.stringify({ note: 'in process', scopes: ['styles:read'] }) });
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ usage: 'pk', note: 'in process' });
    const tooLarge = await sim.fetch(url, { method: 'POST', body: JSON.stringify({ note: 'x'.repeat(300), scopes: [] }) });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ message: 'Payload Too Large' });
  });

  it('answers 204 without a body, an unknown path 404, and a bad token 401', async () => {
    const sim = createSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    const made = (await (
      await sim.fetch(`https://x.test/tokens/v2/alice?access_token=${sim.token}`, { method: 'POST', body: '{"scopes":[]}' })
    ).json()) as { id: string };
    const deleted = await sim.fetch(`https://x.test/tokens/v2/alice/${made.id}?access_token=${sim.token}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await sim.fetch('https://x.test/nowhere')).status).toBe(404);
    expect((await sim.fetch('https://x.test/tokens/v2/alice')).status).toBe(401);
  });
});

describe('startSimulator', () => {
  it('serves the same handler and state over HTTP and through its fetch', async () => {
    const sim = await startSimulator({ username: 'alice', rateLimit: false, log: () => {} });
    try {
      const viaFetch = (await (
        await sim.fetch(`https://api.mapbox.com/tokens/v2/alice?access_token=${sim.token}`, {
          method: 'POST',
          body: '{"note":"made in process","scopes":["styles:read"]}',
        })
      ).json()) as { id: string };
      const listed = (await (await fetch(`${sim.url}/tokens/v2/alice?access_token=${sim.token}`)).json()) as { id: string }[];
      expect(listed.map((t) => t.id)).toContain(viaFetch.id);
      const overHttp = await fetch(`${sim.url}/tokens/v2?access_token=pk.abc.123`);
      const inProcess = await sim.fetch(`https://api.mapbox.com/tokens/v2?access_token=pk.abc.123`);
      expect([inProcess.status, await inProcess.json()]).toEqual([overHttp.status, await overHttp.json()]);
    } finally {
      await sim.close();
    }
  });
});
