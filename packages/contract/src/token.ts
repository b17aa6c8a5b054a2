// The documented token format — `usage.payload.signature`, the payload base64url JSON
// ({u, a} for pk/sk; {u, exp, iat, scopes, client} for tk) — decoded without a network call and
// without Node-only APIs, and redaction. Decoding is not verification: only the issuer (the API,
// or the simulator with its key) can tell whether a signature is valid.
import type { TokenPayloadPermanent, TokenPayloadTemporary } from '@tokens-kit/types';

export type TokenUsage = 'pk' | 'sk' | 'tk';

/**
 * A tk payload as read. The documentation says its `client` is always "api"; Mapbox's own parser
 * and OAuth-issued tokens carry others (the register's temporary-token-payload-claims), so a
 * reader takes any string. Conformance, not decoding, holds the documented value.
 */
export type TemporaryPayloadAsRead = Omit<TokenPayloadTemporary, 'client'> & { client: string };

/** A token split and its payload read: what an issuer needs to verify it. */
export type DecodedToken =
  | { usage: 'pk' | 'sk'; payload: TokenPayloadPermanent; encodedPayload: string; signature: string }
  | { usage: 'tk'; payload: TemporaryPayloadAsRead; encodedPayload: string; signature: string };

/** A token as a caller reads it. */
export interface ParsedToken {
  usage: TokenUsage;
  /** The user the token belongs to (payload `u`). */
  user: string;
  /** pk/sk: the id of the token's metadata object (payload `a`). */
  authorization?: string;
  /** tk: when it expires (payload `exp`). */
  expires?: Date;
  /** tk: when it was created (payload `iat`). */
  created?: Date;
  /** tk: its scopes. */
  scopes?: string[];
  /** tk: the client it was issued for: "api" as documented, others as observed. */
  client?: string;
}

/** The input is not a token of the documented format. The message never contains the input. */
export class TokenFormatError extends Error {
  override name = 'TokenFormatError';
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

// base64url → UTF-8 with a lookup table. Written here because the browser-safe alternative, atob,
// measured 4–5× slower on Node 20 (its decode sits on every request the simulator authorizes),
// Buffer is Node-only, and Uint8Array.fromBase64 is not in Node 20 or 22. Invalid input throws.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const SEXTETS = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeBase64Url(part: string): string {
  if (part.length % 4 === 1) throw new TokenFormatError('not base64url');
  const bytes = new Uint8Array((part.length * 3) >> 2);
  let bits = 0;
  let count = 0;
  let at = 0;
  for (let i = 0; i < part.length; i++) {
    const code = part.charCodeAt(i);
    const sextet = code < 128 ? SEXTETS[code]! : -1;
    if (sextet < 0) throw new TokenFormatError('not base64url');
    bits = (bits << 6) | sextet;
    count += 6;
    if (count >= 8) {
      count -= 8;
      bytes[at++] = (bits >> count) & 0xff;
    }
  }
  return utf8.decode(bytes.subarray(0, at));
}

const isSafeInteger = (value: unknown): value is number => Number.isSafeInteger(value);

/** Splits a token and reads its payload; throws TokenFormatError saying what is not as documented. */
export function decodeToken(token: string): DecodedToken {
  if (typeof token !== 'string' || token.length === 0) throw new TokenFormatError('not a token: expected a non-empty string');
  const parts = token.split('.');
  if (parts.length !== 3)
    throw new TokenFormatError(`not a token: expected three dot-separated parts (header.payload.signature), got ${parts.length}`);
  const [usage, encodedPayload, signature] = parts as [string, string, string];
  if (usage !== 'pk' && usage !== 'sk' && usage !== 'tk')
    throw new TokenFormatError(`not a token: the header must be pk, sk or tk, got "${usage.slice(0, 8)}"`);
  if (!BASE64URL.test(encodedPayload) || !BASE64URL.test(signature))
    throw new TokenFormatError('not a token: the payload and signature must be base64url');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(decodeBase64Url(encodedPayload));
  } catch {
    throw new TokenFormatError('not a token: the payload is not base64url-encoded JSON');
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload) || typeof payload.u !== 'string' || payload.u === '') {
    throw new TokenFormatError('not a token: the payload has no user ("u")');
  }
  if (usage === 'tk') {
    const { u, exp, iat, scopes, client } = payload;
    if (
      !isSafeInteger(exp) ||
      !isSafeInteger(iat) ||
      !Array.isArray(scopes) ||
      !scopes.every((s) => typeof s === 'string') ||
      typeof client !== 'string'
    ) {
      throw new TokenFormatError('not a temporary token: the payload needs exp, iat, scopes and a client');
    }
    return { usage, payload: { u, exp, iat, scopes: scopes as string[], client }, encodedPayload, signature };
  }
  if (typeof payload.a !== 'string' || payload.a === '')
    throw new TokenFormatError(`not a ${usage} token: the payload has no authorization ("a")`);
  return { usage, payload: { u: payload.u, a: payload.a }, encodedPayload, signature };
}

/** Decodes a pk, sk or tk token for a caller: its user, and its authorization or expiry and scopes. */
export function parseToken(token: string): ParsedToken {
  const decoded = decodeToken(token);
  if (decoded.usage === 'tk') {
    const { u, exp, iat, scopes, client } = decoded.payload;
    return { usage: 'tk', user: u, expires: new Date(exp * 1000), created: new Date(iat * 1000), scopes: [...scopes], client };
  }
  return { usage: decoded.usage, user: decoded.payload.u, authorization: decoded.payload.a };
}

/** A token as it may be shown: its usage and last four characters, e.g. `sk.…abcd`. */
export function redactToken(token: string): string {
  const usage = /^(pk|sk|tk)\./.exec(token)?.[1];
  return `${usage ? `${usage}.` : ''}…${token.slice(-4)}`;
}

/** Replaces every token-looking substring with its redacted form. */
export function redactTokens(text: string): string {
  return text.replace(/\b(pk|sk|tk)\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}/g, redactToken);
}
