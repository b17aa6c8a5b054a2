// What a check of recorded traffic prints (proxy, check-har): the figures, each failure once with
// how often, known drift by entry, the coverage reached.
import { redact } from '../model/redact.js';
import type { BehaviourResult } from '../model/result.js';
import { coverage, coverageSummary } from '../reports/coverage.js';
import { driftSummary } from '../reports/table.js';
import { out } from './io.js';

export function trafficReport(results: BehaviourResult[], baseline: ReadonlyMap<string, string>): number {
  const drift = driftSummary(results, baseline);
  const failed = results.filter((r) => r.status === 'fail');
  const known = results.filter((r) => r.status === 'known');
  out(
    `${results.length} exchange(s) checked: ${results.length - failed.length - known.length} as documented, ${failed.length} new drift, ${known.length} known drift.`,
  );
  const grouped = new Map<string, { count: number; example: BehaviourResult }>();
  for (const r of failed) {
    const key = `${r.failures[0]?.step ?? r.title}: ${r.failures[0]?.expected ?? ''}`;
    const seen = grouped.get(key);
    grouped.set(key, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? r });
  }
  for (const [key, { count, example }] of grouped) {
    out(redact(`  ${count} × ${key}`));
    const f = example.failures[0];
    if (f?.actual) out(redact(`      actual: ${f.actual.status} ${f.actual.body.slice(0, 200)}`));
    if (f?.curl) out(redact(`      curl:   ${f.curl}`));
  }
  for (const k of drift.known) out(`  known drift ${k.id}: ${k.title} (${k.evidence[0]?.url ?? ''})`);
  out('');
  out(coverageSummary(coverage(results)));
  return failed.length ? 1 : 0;
}
