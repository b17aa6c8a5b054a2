// Traffic the suite did not send: exchanges recorded by the proxy mode or exported as a HAR file
// (from a browser or a proxy), each checked with the kit's own validator and classification — the
// request against the operation it matches (query parameters and body), the answer against its
// documented status, content type, schema and headers, the register's probes — as one behaviour
// per exchange through the same runner, so known drift, the baseline and coverage hold as for a run.
import { readFileSync } from 'node:fs';
import { matchOperation } from '@tokens-kit/contract';
import { ContractValidator } from '@tokens-kit/contract/validator';
import type { Behaviour } from './catalogue/types.js';
import { runBehaviour, type BehaviourResult } from './engine/behaviour-runner.js';
import { newRunId } from './engine/run-target.js';
import { TargetHttp, type Exchange } from './engine/target-http.js';
import { redact } from './redact.js';
import type { Target } from './targets.js';

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

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/** The suite's Exchange for a recorded one: redacted URL and body, and the curl line that repeats it. */
export function exchangeOf(recorded: RecordedExchange, secrets: string[] = []): Exchange {
  const url = new URL(recorded.url);
  const token = url.searchParams.get('access_token');
  const all = token ? [...secrets, token] : secrets;
  const curl = new TargetHttp({ baseUrl: url.origin, secrets: all }).curlFor(recorded.method, recorded.url, recorded.requestBody);
  return {
    status: recorded.status,
    headers: new Headers(recorded.headers.filter(([name]) => !name.startsWith(':'))),
    text: recorded.body,
    json: parseJson(recorded.body),
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
    har = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
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
export function trafficBehaviours(exchanges: readonly Exchange[]): Behaviour[] {
  return exchanges.map((exchange, i) => {
    const matched = matchOperation(exchange.method, new URL(exchange.url).pathname);
    return {
      id: `traffic-${i + 1}`,
      title: `${exchange.method} ${new URL(exchange.url).pathname} → ${exchange.status}`,
      source: { seed: 'reference', quote: '' },
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

/** Checks recorded exchanges; `target` names where they went. */
export async function checkTraffic(
  exchanges: readonly Exchange[],
  options: { target: string; baseUrl: string; strict?: boolean; baseline?: ReadonlySet<string> },
): Promise<BehaviourResult[]> {
  const target: Target = {
    name: options.target,
    baseUrl: options.baseUrl,
    username: '',
    token: '',
    capabilities: new Set(),
    close: async () => {},
  };
  const validator = new ContractValidator();
  const http = new TargetHttp({ baseUrl: options.baseUrl });
  const runId = newRunId();
  const results: BehaviourResult[] = [];
  for (const behaviour of trafficBehaviours(exchanges))
    results.push(await runBehaviour(behaviour, { target, http, validator, runId, strict: options.strict, baseline: options.baseline }));
  return results;
}
