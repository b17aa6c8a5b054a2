// No access token or sk token reaches a console line, a report file or an error: every string the
// suite prints passes through here. A token shows as its usage and last four characters (the
// client's redaction); so do explicit secrets and access_token query values.
import { redactToken, redactTokens } from '@tokens-kit/contract';

export { redactToken };

const QUERY_TOKEN = /(access_token=)([^&\s"'<>]+)/g;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Explicit secrets first (a token that does not look like one, e.g. a garbage test value).
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join(redactToken(secret));
  return redactTokens(out).replace(
    QUERY_TOKEN,
    (_m, key: string, value: string) => `${key}${value.includes('…') ? value : redactToken(decodeURIComponent(value))}`,
  );
}

/** Deeply redacts a JSON-like value (for reports). */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  return JSON.parse(redact(JSON.stringify(value) ?? 'null', secrets)) as T;
}
