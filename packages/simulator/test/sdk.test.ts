// Clients written for the real API work against the simulator unchanged: Mapbox's own JS SDK
// (tokens service, origin pointed at the simulator) runs every method, and walks pages — against
// the documented profile and against the observed one (the API as Mapbox is seen to run it).
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorProfile } from '../src/index.js';

const require = createRequire(import.meta.url);
const mbxTokens = require('@mapbox/mapbox-sdk/services/tokens');
const parseMapboxToken = require('@mapbox/parse-mapbox-token');

describe.each<SimulatorProfile>(['documented', 'observed'])('@mapbox/mapbox-sdk tokens service against the %s simulator', (profile) => {
  let sim: RunningSimulator;
  let tokens: any;

  beforeAll(async () => {
    sim = await startSimulator({ username: 'sdkuser', pageSize: 2, rateLimit: false, log: () => {}, profile });
    tokens = mbxTokens({ accessToken: sim.token, origin: sim.url });
  });
  afterAll(() => sim.close());

  it("parses the simulator's tokens with @mapbox/parse-mapbox-token", () => {
    expect(parseMapboxToken(sim.token)).toMatchObject({ usage: 'sk', user: 'sdkuser' });
  });

  it('createToken, getToken, updateToken, deleteToken', async () => {
    const created = (
      await tokens
        .createToken({ note: 'from the SDK', scopes: ['styles:read', 'fonts:read'], allowedUrls: ['https://docs.mapbox.com'] })
        .send()
    ).body;
    expect(created).toMatchObject({ usage: 'pk', note: 'from the SDK' });
    expect(parseMapboxToken(created.token)).toMatchObject({ usage: 'pk', user: 'sdkuser', authorization: created.id });

    const own = (await tokens.getToken().send()).body;
    expect(own).toMatchObject({ code: 'TokenValid', token: { usage: 'sk', user: 'sdkuser' } });

    const updated = (await tokens.updateToken({ tokenId: created.id, note: 'renamed', scopes: ['styles:read'] }).send()).body;
    expect(updated).toMatchObject({ id: created.id, note: 'renamed', scopes: ['styles:read'] });

    const deleted = await tokens.deleteToken({ tokenId: created.id }).send();
    expect(deleted.statusCode).toBe(204);
    const retrieved = await mbxTokens({ accessToken: created.token, origin: sim.url }).getToken().send();
    expect(retrieved.body.code).toBe('TokenRevoked');
  });

  it('createTemporaryToken', async () => {
    const expires = new Date(sim.clock.now() + 10 * 60_000).toISOString();
    const tk = (await tokens.createTemporaryToken({ expires, scopes: ['styles:read'] }).send()).body;
    expect(parseMapboxToken(tk.token)).toMatchObject({ usage: 'tk', user: 'sdkuser', scopes: ['styles:read'], client: 'api' });
  });

  it('listScopes', async () => {
    const scopes = (await tokens.listScopes().send()).body;
    expect(scopes.find((s: { id: string }) => s.id === 'styles:read')).toEqual({
      id: 'styles:read',
      public: true,
      description: 'Read styles.',
    });
  });

  it('listTokens walks every page with eachPage', async () => {
    for (let i = 0; i < 4; i++) await tokens.createToken({ note: `page ${i}`, scopes: ['styles:read'] }).send();
    const pages: string[][] = [];
    await new Promise<void>((resolve, reject) => {
      tokens.listTokens().eachPage((error: Error | null, response: any, next: () => void) => {
        if (error) return reject(error);
        pages.push(response.body.map((t: { id: string }) => t.id));
        if (response.hasNextPage()) next();
        else resolve();
      });
    });
    const all = [...sim.state.accounts.get('sdkuser')!.tokens.keys()];
    expect(pages.length).toBe(Math.ceil(all.length / 2));
    expect(pages.flat()).toEqual(all);
  });

  it('surfaces API errors to the SDK as errors with the status and message', async () => {
    const error = await tokens
      .createToken({ scopes: ['no:such-scope'] })
      .send()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 422, body: { message: 'scopes are invalid' } });
  });
});
