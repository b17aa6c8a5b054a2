// Bytes without Node's Buffer or node:crypto, so the simulator also runs in a browser page (behind
// msw's service worker). Small enough to write here: base64url and a constant-time comparison.

/** base64url (no padding) of some bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether two strings are equal, in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** Random bytes (WebCrypto, in Node and browsers alike). */
export const randomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/** `n` random bytes as hex. */
export const randomHex = (n: number): string => [...randomBytes(n)].map((b) => b.toString(16).padStart(2, '0')).join('');

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
