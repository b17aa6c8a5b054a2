// The observed profile plays every register entry a simulator can, and the documented profile none.
import { deviations } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observedPlays } from '../src/index.js';
import { inAnHour, tokensPath, withSimulator } from './support.js';

type Harness = Awaited<ReturnType<typeof withSimulator>>;
let observed: Harness;
let documented: Harness;

beforeAll(async () => {
  observed = await withSimulator({ profile: 'observed', pageSize: 2 });
  documented = await withSimulator({ profile: 'documented', pageSize: 2 });
});
afterAll(async () => {
  await observed.sim.close();
  await documented.sim.close();
});

it('has one play per simulable register entry, and none for an entry the register marks not simulable', () => {
  const simulable = deviations.filter((d) => 'exhibits' in d.simulate).map((d) => d.id);
  expect(Object.keys(observedPlays).sort()).toEqual([...simulable].sort());
});

describe.each([
  ['observed', () => observed, true],
  ['documented', () => documented, false],
] as const)('the %s profile', (_name, harness, plays) => {
  const weakTemporary = async (h: Harness) =>
    (await h.call<{ token: string }>('POST', tokensPath(h.sim), { body: { expires: inAnHour(h.sim, 600), scopes: ['styles:read'] } })).body
      .token;

  it(plays ? 'answers the 404 and 401 of the error table in their observed words' : 'answers the error table as documented', async () => {
    const h = harness();
    const notFound = await h.call('PATCH', `${tokensPath(h.sim)}/cnosuchtoken0000000000000`, { body: { note: 'x' } });
    expect(notFound.body).toEqual({ message: plays ? 'Not Found' : 'Not found' });
    const unauthorized = await h.call('GET', tokensPath(h.sim), { token: null });
    expect(unauthorized.body).toEqual({ message: plays ? 'Not Authorized - Invalid Token' : 'Unauthorized' });
  });

  it(`answers a temporary bearer without the scope ${plays ? '403' : '404'}`, async () => {
    const h = harness();
    const listed = await h.call('GET', tokensPath(h.sim), { token: await weakTemporary(h) });
    expect(listed.status).toBe(plays ? 403 : 404);
    if (plays) expect(listed.body).toEqual({ message: 'This API requires a token with tokens:read scope' });
  });

  it(`${plays ? 'adds' : 'does not add'} issued_at, expires and expires_in to a temporary token`, async () => {
    const h = harness();
    const created = await h.call('POST', tokensPath(h.sim), { body: { expires: inAnHour(h.sim, 600), scopes: ['styles:read'] } });
    expect(Object.keys(created.body).sort()).toEqual(plays ? ['expires', 'expires_in', 'issued_at', 'token'] : ['token']);
    // Whole seconds: 599 when a second boundary falls between the request and the minting.
    if (plays) expect(created.body.expires_in).toBeOneOf([599, 600]);
  });

  it(`${plays ? 'accepts' : 'refuses'} allowedUrls with expires, allowedApplications, null to clear, and a 129-character note ${plays ? 'refused' : 'accepted'}`, async () => {
    const h = harness();
    const withUrls = await h.call('POST', tokensPath(h.sim), {
      body: { expires: inAnHour(h.sim, 600), scopes: ['styles:read'], allowedUrls: ['https://a.test'] },
    });
    expect(withUrls.status).toBe(plays ? 200 : 422);
    const made = await h.call('POST', tokensPath(h.sim), {
      body: { scopes: ['styles:read'], allowedUrls: ['https://a.test'], allowedApplications: [{ platform: 'ios', bundleId: 'x' }] },
    });
    expect(made.status).toBe(plays ? 200 : 422);
    const id = plays
      ? made.body.id
      : (await h.call('POST', tokensPath(h.sim), { body: { scopes: ['styles:read'], allowedUrls: ['https://a.test'] } })).body.id;
    const cleared = await h.call('PATCH', `${tokensPath(h.sim)}/${id}`, { body: { allowedUrls: null } });
    expect(cleared.status).toBe(plays ? 200 : 422);
    if (plays) expect(cleared.body).not.toHaveProperty('allowedUrls');
    const long = await h.call('POST', tokensPath(h.sim), { body: { scopes: ['styles:read'], note: 'n'.repeat(129) } });
    expect(long.status).toBe(plays ? 422 : 200);
  });

  it(`${plays ? 'adds resources and an account-page client to metadata' : 'shows metadata as documented'}`, async () => {
    const h = harness();
    const listed = await h.call<Record<string, unknown>[]>('GET', tokensPath(h.sim), { query: { default: true } });
    expect(listed.body[0]).toMatchObject(plays ? { client: 'mapbox.com', resources: [] } : { client: 'api' });
    if (!plays) expect(listed.body[0]).not.toHaveProperty('resources');
  });

  it(`${plays ? 'sends Link on every page, unquoted, with the first page' : 'sends Link rel="next" only before the last page'}`, async () => {
    const h = harness();
    const first = await h.call('GET', tokensPath(h.sim), { query: { limit: 1 } });
    const link = first.headers.get('link') ?? '';
    if (plays) expect(link).toMatch(/^<[^>]+>; rel=first, <[^>]+>; rel=next$/);
    else expect(link).toMatch(/^<[^>]+>; rel="next"$/);
    const last = await h.call('GET', tokensPath(h.sim), { query: { limit: 100 } });
    expect(last.headers.get('link')).toEqual(plays ? expect.stringMatching(/^<[^>]+>; rel=first$/) : null);
  });

  it(`${plays ? 'sends' : 'does not send'} X-Rate-Limit-* on a success`, async () => {
    const h = harness();
    const listed = await h.call('GET', tokensPath(h.sim));
    expect(listed.headers.get('x-rate-limit-limit')).toBe(plays ? '100' : null);
  });

  it(`retrieves a three-part garbage token as ${plays ? 'TokenInvalid' : 'TokenMalformed'}, and answers a token string as an id ${plays ? '400' : '404'}`, async () => {
    const h = harness();
    const retrieved = await h.call('GET', '/tokens/v2', { token: 'pk.abc.123' });
    expect(retrieved.body).toEqual({ code: plays ? 'TokenInvalid' : 'TokenMalformed' });
    const byString = await h.call('DELETE', `${tokensPath(h.sim)}/${h.sim.token}`);
    expect(byString.status).toBe(plays ? 400 : 404);
  });
});

it('documented answers stay documented (every exchange of the documented profile validated against the spec)', () => {
  documented.expectAllDocumented();
});
