// What the suite sends and what it records: one request and the answer the target gave.
import { redact } from './redact.js';

/** One request and the answer the target gave, as the suite records it (redacted where it is shown). */
export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
  /** The request, redacted, as a curl command. */
  curl: string;
  method: string;
  url: string;
  requestBody?: string;
}

/** The media type the spec declares for every request body. */
export const JSON_MEDIA_TYPE = 'application/json';

/** The curl command that repeats a request, its secrets redacted. */
export function curlLine(
  method: string,
  url: string,
  body: string | undefined,
  secrets: readonly string[] = [],
  contentType = JSON_MEDIA_TYPE,
): string {
  const parts = ['curl', '-i', '-X', method];
  if (body !== undefined) parts.push('-H', `'Content-Type: ${contentType}'`, '-d', `'${body.replace(/'/g, "'\\''")}'`);
  parts.push(`'${url}'`);
  return redact(parts.join(' '), secrets);
}

/** A body as JSON, or undefined when it is empty or not JSON. */
export function parseJsonBody(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
