// When a documented refusal applies: each row of the error table as a predicate over the request.
import { errorKinds } from '@tokens-kit/types';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOCK_SKEW_MS, refusalApplies, type RuleContext } from '../src/index.js';

const now = Date.parse('2026-12-07T12:00:00.000Z');
const ctx: RuleContext = {
  now,
  skewMs: DEFAULT_CLOCK_SKEW_MS,
  ownAccount: true,
  authorizingUsage: 'sk',
  authorizingScopes: ['styles:read', 'fonts:read', 'tokens:write'],
};
const at = (seconds: number) => new Date(now + seconds * 1000).toISOString();
const create = (body: unknown) => ({ query: {}, body });

describe('each row of the error table says when it applies', () => {
  it.each([
    ['ExpiresTooFar', create({ expires: at(3600 + 120), scopes: [] }), 'yes'],
    ['ExpiresTooFar', create({ expires: at(3600 - 60), scopes: [] }), 'no'],
    // Within the clocks' skew of the boundary: either answer is right.
    ['ExpiresTooFar', create({ expires: at(3600 + 10), scopes: [] }), 'unknown'],
    ['ExpiresInPast', create({ expires: at(-120), scopes: [] }), 'yes'],
    ['ExpiresInPast', create({ expires: at(60), scopes: [] }), 'no'],
    // Every RFC 3339 form is read as the instant it names: an offset, a fraction, none.
    ['ExpiresTooFar', create({ expires: '2026-12-07T13:29:00+01:00', scopes: [] }), 'no'],
    ['ExpiresTooFar', create({ expires: '2026-12-07T08:01:00.123456-05:00', scopes: [] }), 'yes'],
    ['ExpiresBeyondAuthorizingToken', create({ expires: at(600), scopes: [] }), 'no'],
    ['ScopesInvalid', create({ scopes: ['styles:read'] }), 'no'],
    ['ScopesInvalid', create({ scopes: ['uploads:write'] }), 'yes'],
    ['ScopesInvalid', create({ scopes: ['no:such-scope'] }), 'yes'],
    ['UsageInvalid', { query: { usage: 'pk' } }, 'no'],
    ['UsageInvalid', { query: { usage: 'tk' } }, 'yes'],
    ['InvalidStart', { query: { limit: 1 } }, 'no'],
    ['InvalidStart', { query: { start: 'cabc' } }, 'unknown'],
    ['NoSuchUser', { query: {} }, 'no'],
    ['Unauthorized', { query: {}, accessToken: null }, 'yes'],
    ['AccessTokenRequired', { query: {} }, 'yes'],
  ] as const)('%s on %j: %s', (kind, request, expected) => {
    const op =
      kind === 'UsageInvalid' || kind === 'InvalidStart' || kind === 'NoSuchUser'
        ? 'listTokens'
        : kind === 'AccessTokenRequired'
          ? 'retrieveToken'
          : 'createToken';
    expect(refusalApplies(kind, op, request, ctx)).toBe(expected);
  });

  it('knows the rules on updates: public tokens take public scopes, a token created with none takes none', () => {
    const update = (usage: 'pk' | 'sk', createdWithoutScopes: boolean, scopes: string[]) =>
      refusalApplies(
        'ScopesInvalid',
        'updateToken',
        { query: {}, body: { scopes } },
        { ...ctx, addressed: { exists: true, usage, createdWithoutScopes } },
      );
    expect(update('pk', false, ['fonts:read'])).toBe('no');
    expect(update('pk', false, ['tokens:write'])).toBe('yes');
    expect(update('sk', true, ['styles:read'])).toBe('yes');
    expect(update('sk', false, ['styles:read'])).toBe('no');
  });

  it('does not guess what it cannot see: the scopes of a secret token, a missing scope', () => {
    const blind = { ...ctx, authorizingScopes: undefined };
    expect(refusalApplies('ScopesInvalid', 'createToken', create({ scopes: ['styles:read'] }), blind)).toBe('unknown');
    expect(refusalApplies('NotFound', 'updateToken', { query: {}, body: {} }, { ...ctx, addressed: { exists: true } })).toBe('unknown');
    expect(refusalApplies('NotFound', 'updateToken', { query: {}, body: {} }, { ...ctx, addressed: { exists: false } })).toBe('yes');
  });

  it('has a predicate for every row', () => {
    for (const [kind] of errorKinds)
      expect(['yes', 'no', 'unknown']).toContain(refusalApplies(kind, 'createToken', create({ scopes: [] }), ctx));
  });
});
