// `tokens-conformance proxy`: a server on loopback that forwards every request to the base URL as
// it is and keeps the exchange; on SIGINT/SIGTERM the exchanges are checked as a plan of recorded
// steps (pipeline.ts) and summarised, with the coverage reached.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_TIMEOUT_MS, underBase } from '../engine/http.js';
import { redact } from '../model/redact.js';
import { checkTraffic } from '../pipeline.js';
import { exchangeOf, type RecordedExchange } from '../plans/traffic.js';
import type { CliOptions } from './args.js';
import { err, out } from './io.js';
import { trafficReport } from './traffic-report.js';

export async function proxy(options: CliOptions): Promise<number> {
  const upstream = options.live!.baseUrl;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const recorded: RecordedExchange[] = [];
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const target = underBase(upstream, req.url ?? '/');
      const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
      try {
        const answer = await fetch(target, {
          method: req.method,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
          headers: body === undefined ? {} : { 'content-type': req.headers['content-type'] ?? 'application/json' },
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await answer.text();
        const headers = [...answer.headers].filter(
          ([name]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name),
        );
        recorded.push({
          method: req.method ?? 'GET',
          url: target.toString(),
          ...(body === undefined ? {} : { requestBody: body }),
          status: answer.status,
          headers,
          body: text,
        });
        res.writeHead(answer.status, Object.fromEntries(headers)).end(text);
      } catch (error) {
        // An upstream that does not answer in time is a 504 to the client, and a line here; never a hang.
        const timedOut = (error as Error).name === 'TimeoutError';
        const why = timedOut ? `no answer within ${timeoutMs / 1000} s` : `cannot reach it: ${(error as Error).message}`;
        res
          .writeHead(timedOut ? 504 : 502, { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: `proxy: ${target.origin} ${why}` }));
        err(redact(`proxy: ${target.origin} ${why}`));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  err(`Checking proxy on ${url} → ${upstream}. Point any client at it; Ctrl-C prints the summary.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const secrets = options.live?.token ? [options.live.token] : [];
  const results = await checkTraffic(
    recorded.map((r) => exchangeOf(r, secrets)),
    { target: 'proxied', baseUrl: upstream, strict: options.strict, baseline: new Set(options.baseline.keys()) },
  );
  out(`${recorded.length} request(s) proxied.`);
  return trafficReport(results, options.baseline);
}
