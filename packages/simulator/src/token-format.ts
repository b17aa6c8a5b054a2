// The documented token format: `usage.payload.signature`, where usage is pk, sk or tk, payload is
// base64url JSON ({"u","a"} for pk/sk; {"u","exp","iat","scopes","client"} for tk) and the
// signature an HMAC the simulator verifies (16 bytes, as long as Mapbox's).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Usage = 'pk' | 'sk' | 'tk';
export interface PermanentPayload {
  u: string;
  a: string;
}
export interface TemporaryPayload {
  u: string;
  exp: number;
  iat: number;
  scopes: string[];
  client: 'api';
}
export type ParsedToken =
  | { kind: 'malformed' }
  | { kind: 'permanent'; usage: 'pk' | 'sk'; payload: PermanentPayload; signatureValid: boolean }
  | { kind: 'temporary'; usage: 'tk'; payload: TemporaryPayload; signatureValid: boolean };

const b64url = (buf: Buffer) => buf.toString('base64url');

function sign(secret: string, usage: string, payload: string): string {
  return b64url(createHmac('sha256', secret).update(`${usage}.${payload}`).digest().subarray(0, 16));
}

/**
 * Encodes the payload. Mapbox's own SDK decodes payloads with the `base-64` package, which knows
 * only the standard alphabet: an encoding with `-` or `_` would not parse there. Leading JSON
 * whitespace shifts the 3-byte alignment, so one of a few variants always avoids both characters.
 */
function encodePayload(payload: object): string {
  const json = JSON.stringify(payload);
  for (let pad = 0; pad < 12; pad++) {
    const encoded = b64url(Buffer.from(' '.repeat(pad) + json));
    if (!/[-_]/.test(encoded)) return encoded;
  }
  return b64url(Buffer.from(json));
}

export function mintToken(secret: string, usage: Usage, payload: PermanentPayload | TemporaryPayload): string {
  const encoded = encodePayload(payload);
  return `${usage}.${encoded}.${sign(secret, usage, encoded)}`;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

export type DecodedToken =
  | { kind: 'malformed' }
  | { kind: 'permanent'; usage: 'pk' | 'sk'; payload: PermanentPayload; encoded: string; signature: string }
  | { kind: 'temporary'; usage: 'tk'; payload: TemporaryPayload; encoded: string; signature: string };

/** The token's structure and payload, without checking its signature (no HMAC computed). */
export function decodeToken(token: string): DecodedToken {
  const parts = token.split('.');
  if (parts.length !== 3) return { kind: 'malformed' };
  const [usage, encoded, signature] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]+$/.test(encoded) || !/^[A-Za-z0-9_-]+$/.test(signature)) return { kind: 'malformed' };
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return { kind: 'malformed' };
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || !isString(payload.u)) return { kind: 'malformed' };
  if ((usage === 'pk' || usage === 'sk') && isString(payload.a)) {
    return { kind: 'permanent', usage, payload: { u: payload.u, a: payload.a }, encoded, signature };
  }
  if (
    usage === 'tk' &&
    isInt(payload.exp) &&
    isInt(payload.iat) &&
    Array.isArray(payload.scopes) &&
    payload.scopes.every(isString) &&
    payload.client === 'api'
  ) {
    return {
      kind: 'temporary',
      usage,
      payload: { u: payload.u, exp: payload.exp, iat: payload.iat, scopes: payload.scopes as string[], client: 'api' },
      encoded,
      signature,
    };
  }
  return { kind: 'malformed' };
}

/** The token decoded, and whether its signature is this simulator's. */
export function parseToken(secret: string, token: string): ParsedToken {
  const decoded = decodeToken(token);
  if (decoded.kind === 'malformed') return decoded;
  const expected = Buffer.from(sign(secret, decoded.usage, decoded.encoded));
  const given = Buffer.from(decoded.signature);
  const signatureValid = expected.length === given.length && timingSafeEqual(expected, given);
  return decoded.kind === 'permanent'
    ? { kind: 'permanent', usage: decoded.usage, payload: decoded.payload, signatureValid }
    : { kind: 'temporary', usage: decoded.usage, payload: decoded.payload, signatureValid };
}
