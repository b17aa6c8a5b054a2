// The documented behaviour of create, update, delete and retrieve, end to end over HTTP. Every answer is also checked
// against the bundled spec (support.ts), so these tests prove the simulator's answers documented.
import { describe, expect, it } from 'vitest';
import { inAnHour, simulatorPerTest, tokensPath } from './support.js';

const h = simulatorPerTest({ username: 'alice' });
const create = (body: unknown, token?: string) => h.call('POST', tokensPath(h.sim), { body, token });

describe('create a token', () => {
  it('creates a public token when every scope is public, with the token shown', async () => {
    const answer = await create({
      note: 'My top secret project',
      scopes: ['styles:read', 'fonts:read'],
      allowedUrls: ['https://docs.mapbox.com'],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      usage: 'pk',
      client: 'api',
      default: false,
      note: 'My top secret project',
      scopes: ['styles:read', 'fonts:read'],
      allowedUrls: ['https://docs.mapbox.com'],
    });
    expect(answer.body.token).toMatch(/^pk\./);
    expect(answer.body.created).toBe(answer.body.modified);
  });

  it('creates a secret token when any scope is secret, shown once and never again', async () => {
    const created = await create({ note: 'Uploads token', scopes: ['styles:read', 'uploads:write'] });
    expect(created.body).toMatchObject({ usage: 'sk' });
    expect(created.body.token).toMatch(/^sk\./);
    const listed = await h.call('GET', tokensPath(h.sim));
    const again = listed.body.find((t: { id: string }) => t.id === created.body.id);
    expect(again).toBeDefined();
    expect(again).not.toHaveProperty('token');
    const updated = await h.call('PATCH', `${tokensPath(h.sim)}/${created.body.id}`, { body: { note: 'renamed' } });
    expect(updated.body).not.toHaveProperty('token');
  });

  it('refuses scopes the authorizing token lacks (subset rule), and unknown scopes', async () => {
    const limited = await create({ scopes: ['tokens:write', 'styles:read'] });
    const answer = await create({ scopes: ['styles:read', 'fonts:read'] }, limited.body.token);
    expect(answer).toMatchObject({ status: 422, body: { message: 'scopes are invalid' } });
    expect((await create({ scopes: ['styles:read'] }, limited.body.token)).status).toBe(200);
    expect((await create({ scopes: ['no:such-scope'] })).body).toEqual({ message: 'scopes are invalid' });
  });

  it("validates resources: malformed, empty or another owner's are invalid", async () => {
    for (const resources of [['not a resource'], [], ['bob.tileset'], 'alice.x']) {
      expect((await create({ scopes: [], resources })).body).toEqual({ message: 'resources are invalid' });
    }
    expect((await create({ scopes: [], resources: ['alice.tileset'] })).status).toBe(200);
  });

  it('allows at most 100 allowedUrls', async () => {
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.test`);
    expect((await create({ scopes: [], allowedUrls: urls(100) })).status).toBe(200);
    const over = await create({ scopes: [], allowedUrls: urls(101) });
    expect(over.status).toBe(422);
    expect(over.body.message).toMatch(/100/);
  });

  it('makes a token created with no scopes unable to gain any', async () => {
    const empty = await create({ note: 'no scopes', scopes: [] });
    expect(empty.body).toMatchObject({ usage: 'pk', scopes: [] });
    const update = await h.call('PATCH', `${tokensPath(h.sim)}/${empty.body.id}`, { body: { scopes: ['styles:read'] } });
    expect(update.body).toEqual({ message: 'scopes are invalid' });
    expect((await h.call('PATCH', `${tokensPath(h.sim)}/${empty.body.id}`, { body: { note: 'still fine' } })).status).toBe(200);
  });

  it("accepts a JSON body sent without a JSON content type (as the tutorial's curl does)", async () => {
    const answer = await h.call('POST', tokensPath(h.sim), {
      rawBody: JSON.stringify({ expires: inAnHour(h.sim, 600), scopes: ['styles:read'] }),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.token).toMatch(/^tk\./);
  });
});

describe('temporary tokens', () => {
  it('creates a tk carrying its metadata in the payload, valid until it expires', async () => {
    const expires = inAnHour(h.sim, 1800);
    const answer = await create({ expires, scopes: ['styles:read', 'fonts:read'] });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['token']);
    const retrieved = await h.call('GET', '/tokens/v2', { token: answer.body.token });
    expect(retrieved.body).toEqual({
      code: 'TokenValid',
      token: {
        usage: 'tk',
        user: 'alice',
        expires: new Date(Math.floor(Date.parse(expires) / 1000) * 1000).toISOString(),
        created: expect.any(String),
        scopes: ['styles:read', 'fonts:read'],
        client: 'api',
      },
    });
    h.sim.clock.advance(1801 * 1000);
    expect((await h.call('GET', '/tokens/v2', { token: answer.body.token })).body.code).toBe('TokenExpired');
  });

  it('refuses an expires in the past, more than one hour ahead, or beyond an authorizing tk', async () => {
    expect((await create({ expires: inAnHour(h.sim, -1), scopes: [] })).body).toEqual({ message: 'expires is in the past' });
    expect((await create({ expires: inAnHour(h.sim, 3601), scopes: [] })).body).toEqual({
      message: 'expires is more than one hour in the future',
    });
    const parent = await create({ expires: inAnHour(h.sim, 600), scopes: ['tokens:write', 'styles:read'] });
    expect((await create({ expires: inAnHour(h.sim, 900), scopes: ['styles:read'] }, parent.body.token)).body).toEqual({
      message: 'expires may not be greater than the expiration of the authorizing token',
    });
    const child = await create({ expires: inAnHour(h.sim, 300), scopes: ['styles:read'] }, parent.body.token);
    expect(child.status).toBe(200);
    expect((await create({ expires: inAnHour(h.sim, 300), scopes: ['fonts:read'] }, parent.body.token)).body).toEqual({
      message: 'scopes are invalid',
    });
  });

  it('refuses allowedUrls on a temporary token, and is neither listed nor updatable', async () => {
    const withUrls = await create({ expires: inAnHour(h.sim, 60), scopes: [], allowedUrls: ['https://docs.mapbox.com'] });
    expect(withUrls.status).toBe(422);
    const tk = await create({ expires: inAnHour(h.sim, 60), scopes: ['styles:read'] });
    const listed = await h.call('GET', tokensPath(h.sim));
    expect(listed.body.every((t: { usage: string }) => t.usage !== 'tk')).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(tk.body.token);
  });

  it('stops authorizing once expired', async () => {
    const tk = await create({ expires: inAnHour(h.sim, 60), scopes: ['tokens:read'] });
    expect((await h.call('GET', tokensPath(h.sim), { token: tk.body.token })).status).toBe(200);
    h.sim.clock.advance(61_000);
    expect(await h.call('GET', tokensPath(h.sim), { token: tk.body.token })).toMatchObject({
      status: 401,
      body: { message: 'Unauthorized' },
    });
  });
});

describe('update a token', () => {
  it('updates note, scopes and allowedUrls, and moves modified', async () => {
    const made = await create({ note: 'before', scopes: ['styles:read'] });
    h.sim.clock.advance(5000);
    const answer = await h.call('PATCH', `${tokensPath(h.sim)}/${made.body.id}`, {
      body: { note: 'after', scopes: ['styles:read', 'fonts:read'], allowedUrls: ['https://docs.mapbox.com'] },
    });
    expect(answer.body).toMatchObject({
      note: 'after',
      scopes: ['styles:read', 'fonts:read'],
      allowedUrls: ['https://docs.mapbox.com'],
      created: made.body.created,
    });
    expect(Date.parse(answer.body.modified)).toBeGreaterThan(Date.parse(made.body.modified));
  });

  it('keeps a public token public and applies the subset rule', async () => {
    const pk = await create({ scopes: ['styles:read'] });
    expect(
      (await h.call('PATCH', `${tokensPath(h.sim)}/${pk.body.id}`, { body: { scopes: ['styles:read', 'uploads:read'] } })).body,
    ).toEqual({
      message: 'scopes are invalid',
    });
    const sk = await create({ scopes: ['uploads:read'] });
    expect(
      (await h.call('PATCH', `${tokensPath(h.sim)}/${sk.body.id}`, { body: { scopes: ['uploads:read', 'uploads:write', 'styles:read'] } }))
        .status,
    ).toBe(200);
    const limited = await create({ scopes: ['tokens:write', 'uploads:read'] });
    expect(
      (await h.call('PATCH', `${tokensPath(h.sim)}/${sk.body.id}`, { body: { scopes: ['uploads:write'] }, token: limited.body.token }))
        .body,
    ).toEqual({ message: 'scopes are invalid' });
  });

  it('answers 404 Not found for a token id the account does not have', async () => {
    expect((await h.call('PATCH', `${tokensPath(h.sim)}/cnosuchtoken`, { body: { note: 'x' } })).body).toEqual({ message: 'Not found' });
  });
});

describe('delete a token', () => {
  it('answers 204 with no body; the token then retrieves as TokenRevoked and authorizes nothing', async () => {
    const made = await create({ scopes: ['tokens:read'] });
    expect((await h.call('GET', tokensPath(h.sim), { token: made.body.token })).status).toBe(200);
    const deleted = await h.call('DELETE', `${tokensPath(h.sim)}/${made.body.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await h.call('GET', '/tokens/v2', { token: made.body.token })).body.code).toBe('TokenRevoked');
    expect((await h.call('GET', tokensPath(h.sim), { token: made.body.token })).status).toBe(401);
    expect((await h.call('DELETE', `${tokensPath(h.sim)}/${made.body.id}`)).body).toEqual({ message: 'Not found' });
  });
});

describe('retrieve a token', () => {
  it('answers every documented code', async () => {
    const pk = await create({ scopes: ['styles:read'] });
    expect((await h.call('GET', '/tokens/v2', { token: pk.body.token })).body).toEqual({
      code: 'TokenValid',
      token: { usage: 'pk', user: 'alice', authorization: pk.body.id },
    });
    expect((await h.call('GET', '/tokens/v2', { token: 'not-a-token' })).body).toEqual({ code: 'TokenMalformed' });
    const [usage, payload] = (pk.body.token as string).split('.');
    expect((await h.call('GET', '/tokens/v2', { token: `${usage}.${payload}.AAAAAAAAAAAAAAAAAAAAAA` })).body.code).toBe('TokenInvalid');
  });

  it('requires a token: 422 access token is required', async () => {
    expect(await h.call('GET', '/tokens/v2', { token: null })).toMatchObject({
      status: 422,
      body: { message: 'access token is required' },
    });
    expect((await h.call('GET', '/tokens/v2', { token: '' })).body).toEqual({ message: 'access token is required' });
  });
});
