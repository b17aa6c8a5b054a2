import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mintToken, verifyToken } from '../src/index.js';
import { contract } from './support.js';

const parseMapboxToken = createRequire(import.meta.url)('@mapbox/parse-mapbox-token');
const secret = 'test-secret';

describe('the token format', () => {
  it("mints pk/sk/tk tokens of the documented shape that parse back, and with Mapbox's parser", () => {
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
          expect(verifyToken(secret, pk)).toMatchObject({ usage: 'pk', payload: { u: user, a: id }, signatureValid: true });
          expect(verifyToken(secret, tk)).toMatchObject({ usage: 'tk', payload: { u: user, scopes }, signatureValid: true });
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
    expect(verifyToken(secret, forged)).toMatchObject({ signatureValid: false });
    expect(verifyToken('other', token)).toMatchObject({ signatureValid: false });
    // A changed usage invalidates the signature too (pk → sk would be an escalation).
    expect(verifyToken(secret, `pk.${payload}.${signature}`)).toMatchObject({ signatureValid: false });
  });

  it('does not take anything without three parts, a known header and a decodable payload for a token', () => {
    for (const bad of [
      '',
      'pk',
      'pk.abc',
      'pk.!!.sig',
      'xx.eyJ1IjoiYSIsImEiOiJiIn0.sig',
      'pk.bm90IGpzb24.sig',
      'tk.eyJ1IjoiYSJ9.sig',
      'pk.a.b.c',
    ]) {
      expect(verifyToken(secret, bad)).toBeUndefined();
    }
  });
});
