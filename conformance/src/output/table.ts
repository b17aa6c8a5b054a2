// The end-of-run table and the JSON report (JUnit comes from vitest's own reporter).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BehaviourResult, Status } from '../engine/behaviour-runner.js';

const MARK: Record<Status, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', 'n/a': 'n/a' };

export function summary(results: BehaviourResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, 'n/a': 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

export function table(results: BehaviourResult[]): string {
  const rows = results.map((r) => [
    r.id,
    r.target,
    MARK[r.status],
    r.status === 'n/a' ? (r.reason ?? '') : r.status === 'warn' ? (r.warnings[0] ?? '') : `${r.requests} req`,
  ]);
  const head = ['behaviour', 'target', 'result', 'detail'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min(r[i]!.length, i === 3 ? 70 : 40))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ');
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const failures = results.filter((r) => r.status === 'fail');
  if (failures.length) {
    out.push('', 'Failures:');
    for (const r of failures) {
      out.push('', `✗ ${r.id} on ${r.target}: ${r.title}`);
      for (const f of r.failures) {
        out.push(`  step:     ${f.step}`);
        if (f.request)
          out.push(`  request:  ${f.request.method} ${f.request.url}${f.request.body ? ` ${f.request.body.slice(0, 200)}` : ''}`);
        out.push(`  expected: ${f.expected}`);
        if (f.actual) out.push(`  actual:   ${f.actual.status} ${f.actual.body.slice(0, 300)}`);
        if (f.curl) out.push(`  curl:     ${f.curl}`);
      }
    }
  }
  const warned = results.filter((r) => r.status === 'warn');
  if (warned.length) {
    out.push('', 'Warnings (additive drift: properties the spec does not describe):');
    for (const r of warned) for (const w of r.warnings) out.push(`  ${r.id} on ${r.target}: ${w}`);
  }
  const c = summary(results);
  out.push('', `${c.pass + c.warn} passed, ${c.fail} failed, ${c['n/a']} n/a (${c.warn} with warnings)`);
  return out.join('\n');
}

export async function writeJsonReport(file: string, runId: string, results: BehaviourResult[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ runId, summary: summary(results), results }, null, 2)}\n`);
}
