// `tokens-conformance check-har FILE`: the traffic in a HAR file, checked offline as a plan of
// recorded steps (pipeline.ts), summarised as the proxy summarises.
import { redact } from '../model/redact.js';
import { checkTraffic } from '../pipeline.js';
import { exchangeOf, readHar, TrafficError, type RecordedExchange } from '../plans/traffic.js';
import type { CliOptions } from './args.js';
import { err } from './io.js';
import { trafficReport } from './traffic-report.js';

export async function checkHar(options: CliOptions): Promise<number> {
  let recorded: RecordedExchange[];
  try {
    recorded = readHar(options.file!);
  } catch (error) {
    if (error instanceof TrafficError) {
      err(`tokens-conformance: ${redact(error.message)}`);
      return 2;
    }
    throw error;
  }
  const exchanges = recorded.map((r) => exchangeOf(r));
  const origin = exchanges[0] ? new URL(exchanges[0].url).origin : 'https://api.mapbox.com';
  const results = await checkTraffic(exchanges, {
    target: 'har',
    baseUrl: origin,
    strict: options.strict,
    baseline: new Set(options.baseline.keys()),
  });
  return trafficReport(results, options.baseline);
}
