import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintToken, parseToken } from '../src/index.js';
import { contract } from './support.js';

const parseMapboxToken = createRequire(import.meta.url)('@mapbox/parse-mapbox-token');
const secret = 'test-secret';

describe('the token format', () => {
  it('mints pk/sk/tk tokens of the documented shape that parse back, and with Mapbox\'s parser', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
        fc.stringMatching(/^[a-z0-9]{20,25}$/),
        fc.array(fc.constantFrom('styles:read', 'fonts:read', 'uploads:write', 'tokens:write'), { maxLength: 4 }),
        (user, id, scopes) => {
          const pk = mintToken(secret, 'pk', { u: user, a: id });
          const tk = mintToken(secret, 'tk', { u: user, exp: 2_000_000_000, iat: 1_999_999_000, scopes, client: 'api' });
          for (const token of [pk, tk]) {
            expect(contract.validateSchema('TokenString', token)).toEqual([]);
            expect(token.split('.')[2]).toMatch(/^[A-Za-z0-9_-]{22}$/);
          }
          expect(parseToken(secret, pk)).toEqual({ kind: 'permanent', usage: 'pk', payload: { u: user, a: id }, signatureValid: true });
          expect(parseToken(secret, tk)).toMatchObject({ kind: 'temporary', payload: { u: user, scopes }, signatureValid: true });
          expect(parseMapboxToken(pk)).toEqual({ usage: 'pk', user, authorization: id });
          expect(parseMapboxToken(tk)).toMatchObject({ usage: 'tk', user, scopes, expires: 2_000_000_000_000, client: 'api' });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells a forged signature and a foreign secret from a valid one', () => {
    const token = mintToken(secret, 'sk', { u: 'alice', a: 'cabc' });
    const [usage, payload, signature] = token.split('.');
    const forged = `${usage}.${payload}.${signature!.slice(0, -2)}AA`;
    expect(parseToken(secret, forged)).toMatchObject({ signatureValid: false });
    expect(parseToken('other', token)).toMatchObject({ signatureValid: false });
    // A changed usage invalidates the signature too (pk → sk would be an escalation).
    expect(parseToken(secret, `pk.${payload}.${signature}`)).toMatchObject({ signatureValid: false });
  });

  it('calls anything without three parts, a known header and a decodable payload malformed', () => {
    for (const bad of ['', 'pk', 'pk.abc', 'pk.!!.sig', 'xx.eyJ1IjoiYSIsImEiOiJiIn0.sig', 'pk.bm90IGpzb24.sig', 'tk.eyJ1IjoiYSJ9.sig', 'pk.a.b.c']) {
      expect(parseToken(secret, bad)).toEqual({ kind: 'malformed' });
    }
  });
});
