import { describe, expect, it } from 'vitest';
import {
  checkScopes,
  checkTemporaryExpiry,
  isPublicScope,
  knownScopes,
  missingScopes,
  parseToken,
  predictUsage,
  redactToken,
  TokenFormatError,
} from '../src/index.js';

// The reference's own example tokens.
const PK = 'pk.eyJ1Ijoic2NvdGhpcyIsImEiOiJjaWp1Y2ltYmUwMDBicmJrdDQ4ZDBkaGN4In0.sbihZCZJ56-fsFNKHXF8YQ';
const TK =
  'tk.eyJ1IjoibWFwYm94IiwiZXhwIjoxNDczOTY3NjczLCJpYXQiOjE0NzM5Njc2NDMsInNjb3BlcyI6WyJzdHlsZXM6cmVhZCIsImZvbnRzOnJlYWQiXSwiY2xpZW50IjoiYXBpIn0.ZepsWvpjTMlpePE4IQBs0g';

describe('parseToken', () => {
  it("decodes the reference's public token", () => {
    expect(parseToken(PK)).toEqual({ usage: 'pk', user: 'scothis', authorization: 'cijucimbe000brbkt48d0dhcx' });
  });

  it("decodes the reference's temporary token, matching its retrieve example", () => {
    expect(parseToken(TK)).toEqual({
      usage: 'tk',
      user: 'mapbox',
      expires: new Date('2016-09-15T19:27:53.000Z'),
      created: new Date('2016-09-15T19:27:23.000Z'),
      scopes: ['styles:read', 'fonts:read'],
      client: 'api',
    });
  });

  it('decodes base64url payloads with - and _ and UTF-8 users', () => {
    const payload = Buffer.from(JSON.stringify({ u: 'zoë?>>~~', a: 'c1' })).toString('base64url');
    expect(payload).toMatch(/[-_]/);
    expect(parseToken(`sk.${payload}.sig`)).toEqual({ usage: 'sk', user: 'zoë?>>~~', authorization: 'c1' });
  });

  it.each([
    ['', /non-empty string/],
    ['pk.onlytwo', /three dot-separated parts/],
    ['xx.eyJ1IjoiYSIsImEiOiJiIn0.sig', /header must be pk, sk or tk/],
    ['pk.!!!.sig', /base64url/],
    ['pk.bm90IGpzb24.sig', /not base64url-encoded JSON/],
    ['pk.eyJhIjoiYiJ9.sig', /no user/],
    ['pk.eyJ1IjoiYSJ9.sig', /no authorization/],
    ['tk.eyJ1IjoiYSJ9.sig', /needs exp, iat, scopes/],
  ])('refuses %j with a clear TokenFormatError', (input, message) => {
    expect(() => parseToken(input)).toThrow(TokenFormatError);
    expect(() => parseToken(input)).toThrow(message);
  });

  it('never puts the input in the error', () => {
    const secret = 'sk.eyJ1IjoiYSJ9.SECRETSECRETSECRET';
    try {
      parseToken(secret);
    } catch (error) {
      expect(String(error)).not.toContain('SECRETSECRET');
    }
  });

  it('redacts to usage and the last four characters', () => {
    expect(redactToken('sk.eyJ1IjoiYSJ9.abcdWXYZ')).toBe('sk.…WXYZ');
  });
});

describe('scope helpers and predictions', () => {
  it('knows which scopes are public', () => {
    expect(knownScopes.filter((s) => s.public).map((s) => s.id)).toEqual([
      'styles:tiles',
      'styles:read',
      'fonts:read',
      'datasets:read',
      'vision:read',
    ]);
    expect(isPublicScope('styles:read')).toBe(true);
    expect(isPublicScope('tokens:write')).toBe(false);
  });

  it('predicts pk for public scopes only, sk for any secret scope', () => {
    expect(predictUsage(['styles:read', 'fonts:read'])).toBe('pk');
    expect(predictUsage([])).toBe('pk');
    expect(
      predictUsage(['styles:tiles', 'styles:read', 'fonts:read', 'datasets:read', 'uploads:read', 'uploads:write', 'uploads:list']),
    ).toBe('sk');
  });

  it('predicts the subset rule', () => {
    expect(missingScopes(['styles:read', 'fonts:read'], ['styles:read', 'tokens:write'])).toEqual(['fonts:read']);
    expect(checkScopes(['styles:read'], ['styles:read', 'tokens:write'])).toBeUndefined();
    expect(checkScopes(['fonts:read'], ['styles:read'])).toBe('ScopesInvalid');
  });

  it('predicts the temporary-token expiry rules', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(checkTemporaryExpiry(at(-1), { now })).toBe('ExpiresInPast');
    expect(checkTemporaryExpiry(at(0), { now })).toBe('ExpiresInPast');
    expect(checkTemporaryExpiry(at(3600), { now })).toBeUndefined();
    expect(checkTemporaryExpiry(at(3601), { now })).toBe('ExpiresTooFar');
    expect(checkTemporaryExpiry(at(600).toISOString(), { now, authorizingExpires: at(300) })).toBe('ExpiresBeyondAuthorizingToken');
    expect(checkTemporaryExpiry(at(300), { now, authorizingExpires: at(300) })).toBeUndefined();
  });
});
