// The admin API: off unless asked for; a secret where one is set (and required off loopback); every
// route of its OpenAPI document answered as that document says, and nothing it does not describe.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { adminRoutes } from '../src/admin.js';
import { createSimulator, startSimulator } from '../src/index.js';

const doc = parse(readFileSync(new URL('../admin/openapi.yaml', import.meta.url), 'utf8'));
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
ajv.addSchema(doc, 'admin');

/** Checks an answer against the admin document: a documented status, and its schema where it has one. */
async function documented(method: string, path: string, response: Response) {
  const template = Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  expect(template, `${method} ${path} is in the admin document`).toBeDefined();
  const pointer = `#/paths/${template!.replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${response.status}`;
  let node = doc.paths[template!][method.toLowerCase()]?.responses?.[response.status];
  expect(node, `${method} ${path} documents ${response.status}`).toBeDefined();
  const ref = node.$ref as string | undefined;
  if (ref) node = doc.components.responses[ref.split('/').pop()!];
  const text = await response.text();
  if (!node.content) return expect(text).toBe('');
  const validate = ajv.getSchema(
    `admin${ref ? `${ref}/content/application~1json/schema` : `${pointer}/content/application~1json/schema`}`,
  )!;
  const body = JSON.parse(text);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  return body;
}

const admin = (sim: ReturnType<typeof createSimulator>, method: string, path: string, body?: unknown, secret?: string) =>
  sim.fetch(`http://localhost/__admin${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: secret ? { 'x-admin-secret': secret } : {},
  });

describe('the admin API', () => {
  it('is off unless asked for: its paths are 404 like any unknown path', async () => {
    const sim = createSimulator({ rateLimit: false, log: () => {} });
    expect((await admin(sim, 'GET', '/state')).status).toBe(404);
  });

  it('routes exactly what its OpenAPI document describes', () => {
    const documentedRoutes = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method.toUpperCase()} ${(path as string).replace('/__admin', '')}`),
    );
    expect(Object.keys(adminRoutes).sort()).toEqual(documentedRoutes.sort());
  });

  it('seeds accounts and tokens, moves the clock, sets and clears faults, as documented', async () => {
    const sim = createSimulator({ username: 'team', admin: true, rateLimit: false, log: () => {} });
    const account = await documented('POST', '/__admin/accounts', await admin(sim, 'POST', '/accounts', { username: 'other' }));
    expect(account.username).toBe('other');
    const token = await documented(
      'POST',
      '/__admin/tokens',
      await admin(sim, 'POST', '/tokens', { username: 'other', scopes: ['tokens:read'], note: 'seeded' }),
    );
    expect(token).toMatchObject({ username: 'other', usage: 'sk' });
    const listed = await sim.fetch(`https://api.mapbox.com/tokens/v2/other?access_token=${token.token}`);
    expect(((await listed.json()) as { note: string }[]).map((t) => t.note)).toContain('seeded');

    const before = await documented('GET', '/__admin/clock', await admin(sim, 'GET', '/clock'));
    const after = await documented('POST', '/__admin/clock', await admin(sim, 'POST', '/clock', { advanceMs: 3_600_000 }));
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3_600_000);

    const { id } = await documented(
      'POST',
      '/__admin/faults',
      await admin(sim, 'POST', '/faults', { operation: 'listScopes', status: 503 }),
    );
    expect((await documented('GET', '/__admin/faults', await admin(sim, 'GET', '/faults'))).map((f: { id: number }) => f.id)).toEqual([id]);
    expect((await sim.fetch(`https://api.mapbox.com/scopes/v1/team?access_token=${sim.token}`)).status).toBe(503);
    await documented('DELETE', `/__admin/faults/${id}`, await admin(sim, 'DELETE', `/faults/${id}`));
    expect((await sim.fetch(`https://api.mapbox.com/scopes/v1/team?access_token=${sim.token}`)).status).toBe(200);
    await documented('DELETE', '/__admin/faults', await admin(sim, 'DELETE', '/faults'));
  });

  it('snapshots, restores and resets the state', async () => {
    const sim = createSimulator({ username: 'team', admin: true, rateLimit: false, log: () => {} });
    const snapshot = await documented('GET', '/__admin/state', await admin(sim, 'GET', '/state'));
    await admin(sim, 'POST', '/tokens', { scopes: ['styles:read'], note: 'after the snapshot' });
    const count = () => sim.state.accounts.get('team')!.tokens.size;
    expect(count()).toBe(3);
    await documented('PUT', '/__admin/state', await admin(sim, 'PUT', '/state', snapshot));
    expect(count()).toBe(2);
    await admin(sim, 'POST', '/tokens', { scopes: ['styles:read'] });
    await documented('POST', '/__admin/reset', await admin(sim, 'POST', '/reset'));
    expect(count()).toBe(2);
    // A snapshot of another simulator (another signing key) or a broken one is refused, saying why.
    const refused = await documented('PUT', '/__admin/state', await admin(sim, 'PUT', '/state', { ...snapshot, secret: 'another key' }));
    expect(refused.message).toContain('signing key differs');
    expect(
      (await documented('PUT', '/__admin/state', await admin(sim, 'PUT', '/state', { kind: 'tokens-simulator state' }))).message,
    ).toContain('is corrupt');
  });

  it('refuses what makes no sense with a clear 400, and an unknown admin path with 404', async () => {
    const sim = createSimulator({ admin: true, rateLimit: false, log: () => {} });
    expect((await documented('POST', '/__admin/faults', await admin(sim, 'POST', '/faults', { operation: 'listTokens' }))).message).toMatch(
      /needs exactly one effect/,
    );
    expect((await documented('POST', '/__admin/clock', await admin(sim, 'POST', '/clock', { advanceMs: 'soon' }))).message).toMatch(
      /advanceMs/,
    );
    expect((await admin(sim, 'GET', '/nowhere')).status).toBe(404);
  });

  it('requires its secret where one is set, and one on a host other than loopback', async () => {
    const secret = 'a-secret-of-sixteen-characters';
    const sim = await startSimulator({ admin: true, adminSecret: secret, rateLimit: false, log: () => {} });
    try {
      await documented('GET', '/__admin/state', await fetch(`${sim.url}/__admin/state`));
      expect((await fetch(`${sim.url}/__admin/state`, { headers: { 'x-admin-secret': 'wrong' } })).status).toBe(401);
      expect((await fetch(`${sim.url}/__admin/state`, { headers: { 'x-admin-secret': secret } })).status).toBe(200);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ host: '0.0.0.0', admin: true, log: () => {} })).rejects.toThrow(
      /admin API on host 0\.0\.0\.0 needs a secret/,
    );
  });
});
