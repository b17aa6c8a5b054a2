// The documented behaviour of listings, authorization, scopes and limits, end to end over HTTP. Every answer is also checked
// against the bundled spec (support.ts), so these tests prove the simulator's answers documented.
import { describe, expect, it } from 'vitest';
import { simulatorPerTest, tokensPath, type SimulatorReply } from './support.js';

const h = simulatorPerTest({ username: 'alice' });
const create = (body: unknown, token?: string) => h.call('POST', tokensPath(h.sim), { body, token });
const ids = (answer: SimulatorReply) => (answer.body as { id: string }[]).map((t) => t.id);

describe('list tokens', () => {
  async function seedFive() {
    const made = [];
    for (let i = 0; i < 5; i++) {
      h.sim.clock.advance(1000);
      made.push(await create({ note: `t${i}`, scopes: i % 2 ? ['styles:read', 'uploads:list'] : ['styles:read'] }));
    }
    return made.map((m) => m.body.id as string);
  }

  it('lists every token, the default one included, sk without token', async () => {
    const made = await seedFive();
    const all = await h.call('GET', tokensPath(h.sim));
    expect(ids(all)).toEqual(expect.arrayContaining(made));
    expect(all.body.filter((t: { default: boolean }) => t.default)).toHaveLength(1);
    for (const t of all.body) expect('token' in t).toBe(t.usage === 'pk');
  });

  it('filters by default and usage, and refuses another usage', async () => {
    await seedFive();
    const onlyDefault = await h.call('GET', tokensPath(h.sim), { query: { default: true } });
    expect(onlyDefault.body.map((t: { default: boolean }) => t.default)).toEqual([true]);
    const noDefault = await h.call('GET', tokensPath(h.sim), { query: { default: false } });
    expect(noDefault.body.some((t: { default: boolean }) => t.default)).toBe(false);
    for (const usage of ['pk', 'sk']) {
      const filtered = await h.call('GET', tokensPath(h.sim), { query: { usage } });
      expect(filtered.body.length).toBeGreaterThan(0);
      expect(filtered.body.every((t: { usage: string }) => t.usage === usage)).toBe(true);
    }
    expect((await h.call('GET', tokensPath(h.sim), { query: { usage: 'tk' } })).body).toEqual({ message: 'usage must be pk or sk' });
  });

  it('sorts by created or modified', async () => {
    const made = await seedFive();
    h.sim.clock.advance(1000);
    await h.call('PATCH', `${tokensPath(h.sim)}/${made[0]}`, { body: { note: 'touched' } });
    const byCreated = ids(await h.call('GET', tokensPath(h.sim), { query: { sortby: 'created', default: false } }));
    const byModified = ids(await h.call('GET', tokensPath(h.sim), { query: { sortby: 'modified', default: false } }));
    expect(byCreated.indexOf(made[0]!)).toBeLessThan(byCreated.indexOf(made[4]!));
    expect(byModified.at(-1)).toBe(made[0]);
  });

  it('paginates with limit and a Link rel="next" without the access token, until the last page', async () => {
    await seedFive();
    const everything = ids(await h.call('GET', tokensPath(h.sim)));
    const seen: string[] = [];
    let page = await h.call('GET', tokensPath(h.sim), { query: { limit: 2 } });
    let pages = 1;
    for (;;) {
      seen.push(...ids(page));
      const link = page.headers.get('link');
      if (!link) break;
      const next = /<([^>]+)>;\s*rel="next"/.exec(link)![1]!;
      expect(next).not.toContain('access_token');
      const url = new URL(next);
      expect(url.searchParams.get('limit')).toBe('2');
      page = await h.call('GET', url.pathname + url.search);
      pages++;
    }
    expect(pages).toBe(Math.ceil(everything.length / 2));
    expect(seen).toEqual(everything);
  });

  it('answers 500 for a start that is not a token of the listing', async () => {
    expect(await h.call('GET', tokensPath(h.sim), { query: { start: 'nonexistent' } })).toMatchObject({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
  });
});

describe('authorization', () => {
  it('answers 401 without a token or with a bad one, 404 without the scope, 404 No such user', async () => {
    expect((await h.call('GET', tokensPath(h.sim), { token: null })).body).toEqual({ message: 'Unauthorized' });
    expect((await h.call('GET', tokensPath(h.sim), { token: 'pk.garbage.sig' })).body).toEqual({ message: 'Unauthorized' });
    const readOnly = await create({ scopes: ['tokens:read'] });
    expect((await create({ scopes: [] }, readOnly.body.token)).body).toEqual({ message: 'Not found' });
    expect((await h.call('GET', `/scopes/v1/alice`, { token: readOnly.body.token })).body).toEqual({ message: 'Not found' });
    expect((await h.call('GET', tokensPath(h.sim, 'nobody'))).body).toEqual({ message: 'No such user' });
  });

  it('answers 404 Not found for a token of another account', async () => {
    h.sim.seedToken({ username: 'bob', scopes: ['tokens:read'] });
    expect((await h.call('GET', tokensPath(h.sim, 'bob'))).body).toEqual({ message: 'Not found' });
  });
});

describe('list scopes', () => {
  it('lists the catalogue with public: true on public scopes only', async () => {
    const answer = await h.call('GET', '/scopes/v1/alice');
    expect(answer.status).toBe(200);
    const publicIds = answer.body.filter((s: { public?: boolean }) => s.public).map((s: { id: string }) => s.id);
    expect(publicIds).toEqual(['styles:tiles', 'styles:read', 'fonts:read', 'datasets:read', 'vision:read']);
    expect(answer.body.find((s: { id: string }) => s.id === 'tokens:write')).not.toHaveProperty('public');
  });
});

describe('limits', () => {
  it('refuses bodies over 64 KiB with 413', async () => {
    const answer = await h.call('POST', tokensPath(h.sim), { rawBody: JSON.stringify({ scopes: [], note: 'x'.repeat(70_000) }) });
    expect(answer).toMatchObject({ status: 413, body: { message: 'Payload Too Large' } });
  });
});
