// The browser-safe runtime: path filling and matching agree for any parameter values, Link headers
// are read in every form the RFC allows, the 429 rule keeps within its bounds, tokens decode as
// documented, every error-table row is found by its status and message, and the entry bundles for
// a browser with nothing from Node.
import { build } from 'esbuild';
import fc from 'fast-check';
import { errorTable, operationIndex, type OperationId } from '@tokens-kit/types';
import { describe, expect, it } from 'vitest';
import {
  checkScopes,
  checkScopeUpdate,
  checkTemporaryExpiry,
  decodeToken,
  DEFAULT_RETRY_BOUNDS,
  errorKindOf,
  fillPath,
  matchOperation,
  nextLinkUri,
  nextRetryDelay,
  operationIds,
  operationPath,
  parseLinkHeader,
  parseToken,
  predictUsage,
  redactTokens,
  retryDelayMs,
  TokenFormatError,
} from '../src/index.js';

const headers = (values: Record<string, string>) => new Headers(values);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('paths', () => {
  it('fills any parameter values so that matching the path gives them back, for every operation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...operationIds),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (operationId, username, tokenId) => {
          const path = operationPath(operationId, { username, token_id: tokenId });
          const matched = matchOperation(operationIndex[operationId].method, path);
          expect(matched?.operationId).toBe(operationId);
          for (const name of operationIndex[operationId].pathParams)
            expect(matched!.params[name]).toBe(name === 'username' ? username : tokenId);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('percent-encodes every reserved character, as encodeURIComponent does', () => {
    expect(fillPath('/tokens/v2/{username}/{token_id}', { username: 'a b/c', token_id: 'x?y#z' })).toBe('/tokens/v2/a%20b%2Fc/x%3Fy%23z');
  });

  it('matches no operation for an undocumented method or path, and keeps a segment that does not decode', () => {
    expect(matchOperation('PUT', '/tokens/v2/someone')).toBeUndefined();
    expect(matchOperation('GET', '/tokens/v3/someone')).toBeUndefined();
    expect(matchOperation('GET', '/tokens/v2/%E0%A4%A')?.params).toEqual({ username: '%E0%A4%A' });
  });
});

describe('Link headers', () => {
  const next = 'https://api.mapbox.com/tokens/v2/u?limit=2&start=cabc';
  it.each([
    ['quoted rel', `<${next}>; rel="next"`],
    ['unquoted rel', `<${next}>; rel=next`],
    ['several relations in one rel', `<${next}>; rel="next last"`],
    ['several links, next not first', `<https://api.mapbox.com/tokens/v2/u?limit=2>; rel="first", <${next}>; rel="next"`],
    ['other parameters and spacing', `<${next}>;title="page 2" ;  REL = "Next"`],
  ])('finds the next page with %s', (_name, value) => {
    expect(nextLinkUri(value)).toBe(next);
  });

  it.each([
    ['no header', null],
    ['an empty header', ''],
    [
      'only earlier pages (the last page)',
      '<https://api.mapbox.com/tokens/v2/u?limit=2>; rel="first", <https://api.mapbox.com/tokens/v2/u?limit=2&start=c1>; rel="prev"',
    ],
    ['a header with no link', 'rel="next"'],
  ])('finds none with %s', (_name, value) => {
    expect(nextLinkUri(value)).toBeUndefined();
  });

  it('keeps commas and semicolons inside a URI', () => {
    expect(parseLinkHeader('<https://x.test/a;b,c?d=1,2>; rel="next"')).toEqual([{ uri: 'https://x.test/a;b,c?d=1,2', rels: ['next'] }]);
  });
});

describe('the 429 retry rule', () => {
  it('waits as Retry-After asks, else until X-Rate-Limit-Reset, else doubling from one second', () => {
    expect(retryDelayMs(headers({ 'retry-after': '3' }), 0)).toBe(3000);
    expect(retryDelayMs(headers({ 'x-rate-limit-reset': '1000' }), 0, 990_000)).toBe(10_000);
    expect([0, 1, 2].map((attempt) => retryDelayMs(headers({}), attempt))).toEqual([1000, 2000, 4000]);
  });

  it('bounds a hostile Retry-After: huge, negative, a date in the past or the future, garbage', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const wait = (value: string) => nextRetryDelay(headers({ 'retry-after': value }), 0, 0, DEFAULT_RETRY_BOUNDS, now);
    // Huge: longer than one wait may be, so the 429 is answered instead of waited out.
    expect(wait('999999999')).toBeUndefined();
    expect(wait('-30')).toBe(0);
    expect(wait('Mon, 07 Dec 2026 11:59:00 GMT')).toBe(0);
    expect(wait('Mon, 07 Dec 2026 12:00:20 GMT')).toBe(20_000);
    expect(wait('Mon, 07 Dec 2026 13:00:00 GMT')).toBeUndefined();
    // Garbage is no instruction: the doubling from one second.
    expect(wait('soon')).toBe(1000);
    expect(wait('')).toBe(1000);
  });

  it('never waits longer than its bounds allow, nor retries more often', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(200_000), fc.nat(200), (attempt, waited, retryAfter) => {
        const delay = nextRetryDelay(headers({ 'retry-after': String(retryAfter) }), attempt, waited, DEFAULT_RETRY_BOUNDS);
        if (delay === undefined) return;
        expect(attempt).toBeLessThan(DEFAULT_RETRY_BOUNDS.attempts);
        expect(delay).toBeLessThanOrEqual(DEFAULT_RETRY_BOUNDS.maxDelayMs);
        expect(waited + delay).toBeLessThanOrEqual(DEFAULT_RETRY_BOUNDS.maxTotalDelayMs);
      }),
    );
  });
});

describe('tokens', () => {
  it('decodes any pk, sk or tk token of the documented format, and parses it for callers', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pk', 'sk', 'tk'),
        // Any unicode user: the payload's base64url decodes to UTF-8 exactly as Node's Buffer does.
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.stringMatching(/^c[a-z0-9]{24}$/),
        fc.array(fc.constantFrom('styles:read', 'tokens:write')),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (usage, user, id, scopes, exp) => {
          fc.pre(!user.includes('\u0000'));
          const payload = usage === 'tk' ? { u: user, exp, iat: exp - 60, scopes, client: 'api' } : { u: user, a: id };
          const token = `${usage}.${b64(payload)}.c2lnbmF0dXJl`;
          expect(decodeToken(token)).toMatchObject({ usage, payload, signature: 'c2lnbmF0dXJl' });
          const parsed = parseToken(token);
          expect(parsed.user).toBe(user);
          if (usage === 'tk') expect(parsed.expires?.getTime()).toBe(exp * 1000);
          else expect(parsed.authorization).toBe(id);
        },
      ),
    );
  });

  it.each([
    ['no parts', ''],
    ['two parts', 'pk.abc'],
    ['an unknown header', `xx.${b64({ u: 'a', a: 'b' })}.sig`],
    ['a payload that is not JSON', 'pk.bm90IGpzb24.sig'],
    ['a tk payload without expiry', `tk.${b64({ u: 'a' })}.sig`],
    ['a tk payload with a non-string scope', `tk.${b64({ u: 'a', exp: 1, iat: 0, scopes: [1], client: 'api' })}.sig`],
  ])('refuses %s with a TokenFormatError that does not repeat the input', (_name, token) => {
    expect(() => decodeToken(token)).toThrow(TokenFormatError);
    try {
      decodeToken(token);
    } catch (error) {
      if (token.length > 8) expect((error as Error).message).not.toContain(token);
    }
  });

  it('refuses a payload with padding or a dangling sextet (a length of 4n + 1)', () => {
    expect(() => decodeToken(`pk.${b64({ u: 'a', a: 'b' })}=.sig`)).toThrow(TokenFormatError);
    let dangling = b64({ u: 'a', a: 'b' });
    while (dangling.length % 4 !== 1) dangling += 'A';
    expect(() => decodeToken(`pk.${dangling}.sig`)).toThrow(TokenFormatError);
  });

  it('redacts every token in a text to its usage and last four characters', () => {
    expect(redactTokens(`a sk.${b64({ u: 'a', a: 'b' })}.abcdefgh b`)).toBe('a sk.…efgh b');
  });
});

describe('the documented rules', () => {
  it('finds every error-table row by its status and message, and nothing else', () => {
    for (const row of errorTable) expect(errorKindOf(row.status, row.message)).toBe(row.kind);
    expect(errorKindOf(404, 'Not Found')).toBeUndefined();
  });

  it('makes a token secret by any secret scope, and holds the subset rule', () => {
    expect(predictUsage(['styles:read'])).toBe('pk');
    expect(predictUsage(['styles:read', 'tokens:write'])).toBe('sk');
    expect(checkScopes(['styles:read'], ['styles:read', 'fonts:read'])).toBeUndefined();
    expect(checkScopes(['styles:read', 'tokens:write'], new Set(['styles:read']))).toBe('ScopesInvalid');
  });

  it('refuses scope updates a token may not receive', () => {
    expect(checkScopeUpdate({ usage: 'pk', createdWithoutScopes: false }, ['tokens:write'])).toBe('ScopesInvalid');
    expect(checkScopeUpdate({ usage: 'sk', createdWithoutScopes: true }, ['styles:read'])).toBe('ScopesInvalid');
    expect(checkScopeUpdate({ usage: 'sk', createdWithoutScopes: true }, [])).toBeUndefined();
    expect(checkScopeUpdate({ usage: 'pk', createdWithoutScopes: false }, ['fonts:read'])).toBeUndefined();
  });

  it('holds the temporary-token expiry limits at their edges', () => {
    const now = Date.UTC(2026, 0, 1);
    const at = (seconds: number) => new Date(now + seconds * 1000);
    expect(checkTemporaryExpiry(at(0), { now })).toBe('ExpiresInPast');
    expect(checkTemporaryExpiry(at(1), { now })).toBeUndefined();
    expect(checkTemporaryExpiry(at(3600), { now })).toBeUndefined();
    expect(checkTemporaryExpiry(at(3601), { now })).toBe('ExpiresTooFar');
    expect(checkTemporaryExpiry(at(600), { now, authorizingExpires: at(599) })).toBe('ExpiresBeyondAuthorizingToken');
    expect(checkTemporaryExpiry(at(600).toISOString(), { now, authorizingExpires: at(600) })).toBeUndefined();
  });
});

describe('the browser-safe entry', () => {
  it('bundles for a browser with no Node built-in', async () => {
    const result = await build({
      entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((file) => file.startsWith('node:') || /\/node_modules\/ajv/.test(file))).toEqual([]);
  });

  it('every operation id the generated index holds is routable', () => {
    expect(operationIds.sort()).toEqual((Object.keys(operationIndex) as OperationId[]).sort());
  });
});
