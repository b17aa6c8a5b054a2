// Traffic the suite did not send: exchanges recorded by the proxy mode or exported as a HAR file
// (from a browser or a proxy), each checked with the kit's own validator and classification — the
// request against the operation it matches (query parameters and body), the answer against its
// documented status, content type, schema and headers, the register's probes — as one behaviour
// per exchange through the same runner, so known drift, the baseline and coverage hold as for a run.
import { readFileSync, statSync } from 'node:fs';

/** The largest HAR file check-har reads. */
const MAX_HAR_BYTES = 100 * 2 ** 20;
import { matchOperation } from '@tokens-kit/contract';
import type { GeneratedBehaviour } from '../model/behaviour.js';
import { curlLine, parseJsonBody, type Exchange } from '../model/exchange.js';
import { redact } from '../model/redact.js';

/** A recorded request and its answer, as the proxy or a HAR file holds them. */
export interface RecordedExchange {
  method: string;
  /** The full URL, access token included (it is redacted before anything is kept). */
  url: string;
  requestBody?: string;
  status: number;
  headers: [string, string][];
  body: string;
}

export class TrafficError extends Error {}

/** The suite's Exchange for a recorded one: redacted URL and body, and the curl line that repeats it. */
export function exchangeOf(recorded: RecordedExchange, secrets: string[] = []): Exchange {
  const url = new URL(recorded.url);
  const token = url.searchParams.get('access_token');
  const all = token ? [...secrets, token] : secrets;
  const curl = curlLine(recorded.method, recorded.url, recorded.requestBody, all);
  return {
    status: recorded.status,
    headers: new Headers(recorded.headers.filter(([name]) => !name.startsWith(':'))),
    text: recorded.body,
    json: parseJsonBody(recorded.body),
    curl,
    method: recorded.method.toUpperCase(),
    url: redact(recorded.url, all),
    ...(recorded.requestBody === undefined ? {} : { requestBody: redact(recorded.requestBody, all) }),
  };
}

/** The entries of a HAR 1.2 file; a file that is not one is a clear error. */
export function readHar(file: string): RecordedExchange[] {
  let har: { log?: { entries?: unknown[] } };
  try {
    // A HAR is read whole: past this size, a sentence rather than a process out of memory.
    const size = statSync(file).size;
    if (size > MAX_HAR_BYTES)
      throw new TrafficError(
        `check-har ${file}: it is ${Math.round(size / 2 ** 20)} MB; check-har reads HAR files up to ${MAX_HAR_BYTES / 2 ** 20} MB (export fewer requests)`,
      );
    har = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof TrafficError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory'
          : error instanceof SyntaxError
            ? `not JSON, or cut short: ${error.message}`
            : (error as Error).message;
    throw new TrafficError(`check-har ${file}: cannot read it (${reason})`);
  }
  if (!Array.isArray(har?.log?.entries)) throw new TrafficError(`check-har ${file}: not a HAR file (no log.entries)`);
  return har.log.entries.flatMap((raw, i) => {
    const entry = raw as {
      request?: { method?: string; url?: string; postData?: { text?: string } };
      response?: { status?: number; headers?: { name: string; value: string }[]; content?: { text?: string; encoding?: string } };
    };
    if (typeof entry?.request?.url !== 'string' || typeof entry.request.method !== 'string' || typeof entry.response?.status !== 'number')
      throw new TrafficError(`check-har ${file}: entry ${i} has no request method and URL or no response status`);
    // A HAR keeps a failed or blocked request with status 0: nothing was answered, nothing to check.
    if (entry.response.status === 0) return [];
    const content = entry.response.content ?? {};
    const body = content.encoding === 'base64' ? Buffer.from(content.text ?? '', 'base64').toString('utf8') : (content.text ?? '');
    return [
      {
        method: entry.request.method,
        url: entry.request.url,
        ...(entry.request.postData?.text === undefined ? {} : { requestBody: entry.request.postData.text }),
        status: entry.response.status,
        headers: (entry.response.headers ?? []).map((h) => [h.name, h.value] as [string, string]),
        body,
      },
    ];
  });
}

/** One behaviour per exchange: the `recorded` step checks it against the operation it matches. */
export function trafficBehaviours(exchanges: readonly Exchange[]): GeneratedBehaviour[] {
  return exchanges.map((exchange, i) => {
    const matched = matchOperation(exchange.method, new URL(exchange.url).pathname);
    return {
      id: `traffic-${i + 1}`,
      title: `${exchange.method} ${new URL(exchange.url).pathname} → ${exchange.status}`,
      origin: 'generated',
      generator: 'traffic',
      needs: [],
      steps: [
        {
          kind: 'recorded',
          name: `${exchange.method} ${new URL(exchange.url).pathname}`,
          exchange,
          ...(matched ? { op: matched.operationId } : {}),
        },
      ],
    };
  });
}
