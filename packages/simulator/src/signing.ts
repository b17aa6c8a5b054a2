// The simulator as a token issuer: it mints tokens of the documented format and verifies their
// signatures (an HMAC of `usage.payload`, 16 bytes, as long as Mapbox's). Reading a token is the
// contract's decodeToken; only signing and verifying live here, because only an issuer can.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeToken, type DecodedToken, type TokenUsage } from '@tokens-kit/contract';
import { sameText, toBase64Url, utf8 } from './bytes.js';
import type { TokenPayloadPermanent, TokenPayloadTemporary } from '@tokens-kit/types';

/** A well-formed token, and whether this simulator signed it. */
export type VerifiedToken = DecodedToken & { signatureValid: boolean };

// HMAC-SHA256 by @noble/hashes: synchronous in Node and in browsers (WebCrypto's is async only).
function sign(secret: string, usage: string, encodedPayload: string): string {
  return toBase64Url(hmac(sha256, utf8(secret), utf8(`${usage}.${encodedPayload}`)).subarray(0, 16));
}

/**
 * Encodes the payload. Mapbox's own SDK decodes payloads with the `base-64` package, which knows
 * only the standard alphabet: an encoding with `-` or `_` would not parse there. Leading JSON
 * whitespace shifts the 3-byte alignment, so one of a few variants always avoids both characters.
 */
function encodePayload(payload: object): string {
  const json = JSON.stringify(payload);
  for (let pad = 0; pad < 12; pad++) {
    const encoded = toBase64Url(utf8(' '.repeat(pad) + json));
    if (!/[-_]/.test(encoded)) return encoded;
  }
  return toBase64Url(utf8(json));
}

export function mintToken(secret: string, usage: 'pk' | 'sk', payload: TokenPayloadPermanent): string;
export function mintToken(secret: string, usage: 'tk', payload: TokenPayloadTemporary): string;
export function mintToken(secret: string, usage: TokenUsage, payload: TokenPayloadPermanent | TokenPayloadTemporary): string {
  const encoded = encodePayload(payload);
  return `${usage}.${encoded}.${sign(secret, usage, encoded)}`;
}

// Verified tokens by secret and token: an HMAC costs more than the rest of an authorization, and a
// client sends the same token with every request. Bounded: cleared when it grows past the limit.
const verified = new Map<string, VerifiedToken | undefined>();
const VERIFIED_LIMIT = 10_000;

/** The token decoded and its signature checked against `secret`; undefined when it is not a token of the documented format. */
export function verifyToken(secret: string, token: string): VerifiedToken | undefined {
  const key = `${secret}\u0000${token}`;
  if (verified.has(key)) return verified.get(key);
  let result: VerifiedToken | undefined;
  try {
    const decoded: DecodedToken = decodeToken(token);
    result = { ...decoded, signatureValid: sameText(sign(secret, decoded.usage, decoded.encodedPayload), decoded.signature) };
  } catch {
    result = undefined;
  }
  if (verified.size >= VERIFIED_LIMIT) verified.clear();
  verified.set(key, result);
  return result;
}
