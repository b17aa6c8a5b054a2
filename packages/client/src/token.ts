// The documented token format, decoded without a network call and without Node-only APIs.
import type { TokenPayloadPermanent, TokenPayloadTemporary } from '@tokens-kit/types';

export type TokenUsage = 'pk' | 'sk' | 'tk';

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
  /** tk: always "api". */
  client?: 'api';
}

/** The input is not a token of the documented format. The message never contains the input. */
export class TokenFormatError extends Error {
  override name = 'TokenFormatError';
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

function decodeBase64Url(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Decodes a pk, sk or tk token: `usage.payload.signature`, the payload base64url JSON
 * (`{u, a}` for pk/sk; `{u, exp, iat, scopes, client}` for tk). Throws TokenFormatError.
 * Decoding is not verification: only the API can tell whether the signature is valid.
 */
export function parseToken(token: string): ParsedToken {
  if (typeof token !== 'string' || token.length === 0) throw new TokenFormatError('not a token: expected a non-empty string');
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenFormatError(`not a token: expected three dot-separated parts (header.payload.signature), got ${parts.length}`);
  const [usage, payloadPart, signature] = parts as [string, string, string];
  if (usage !== 'pk' && usage !== 'sk' && usage !== 'tk') throw new TokenFormatError(`not a token: the header must be pk, sk or tk, got "${usage.slice(0, 8)}"`);
  if (!/^[A-Za-z0-9_-]+$/.test(payloadPart) || !/^[A-Za-z0-9_-]+$/.test(signature)) throw new TokenFormatError('not a token: the payload and signature must be base64url');
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(decodeBase64Url(payloadPart));
  } catch {
    throw new TokenFormatError('not a token: the payload is not base64url-encoded JSON');
  }
  if (!payload || typeof payload !== 'object' || typeof payload.u !== 'string') throw new TokenFormatError('not a token: the payload has no user ("u")');
  if (usage === 'tk') {
    const p = payload as Partial<TokenPayloadTemporary>;
    if (!Number.isInteger(p.exp) || !Number.isInteger(p.iat) || !Array.isArray(p.scopes) || p.client !== 'api') {
      throw new TokenFormatError('not a temporary token: the payload needs exp, iat, scopes and client "api"');
    }
    return { usage, user: p.u!, expires: new Date(p.exp! * 1000), created: new Date(p.iat! * 1000), scopes: [...p.scopes], client: 'api' };
  }
  const p = payload as Partial<TokenPayloadPermanent>;
  if (typeof p.a !== 'string') throw new TokenFormatError(`not a ${usage} token: the payload has no authorization ("a")`);
  return { usage, user: p.u!, authorization: p.a };
}
