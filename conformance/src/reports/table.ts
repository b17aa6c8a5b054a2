// The end-of-run table, the drift summary and the JSON report (JUnit comes from vitest's own
// reporter). Known drift is listed with its evidence and never counted as a pass.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deviations, type DeviationId } from '@tokens-kit/types';
import type { BehaviourResult, Status } from '../model/result.js';
import { coverage, type TargetCoverage } from './coverage.js';

const MARK: Record<Status, string> = { pass: 'pass', fail: 'FAIL', known: 'KNOWN', warn: 'warn', 'n/a': 'n/a' };

export function summary(results: BehaviourResult[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, known: 0, warn: 0, 'n/a': 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** What the run's findings say of the register and the baseline. */
export interface DriftSummary {
  /** Register entries seen, with the behaviours that saw them. */
  known: { id: DeviationId; title: string; evidence: readonly { title: string; url: string }[]; seenIn: string[] }[];
  /** Register entries no finding matched: the target behaved as documented there, or no behaviour reached it. */
  notSeen: DeviationId[];
  /** Baseline keys that matched a finding. */
  accepted: string[];
  /** Baseline keys no finding matched: drift the team accepted that is gone. */
  gone: string[];
}

export function driftSummary(results: BehaviourResult[], baseline: ReadonlyMap<string, string> = new Map()): DriftSummary {
  const findings = results.flatMap((r) => r.findings.map((f) => ({ ...f, where: `${r.id} on ${r.target}` })));
  const known = deviations
    .map((d) => ({
      id: d.id,
      title: d.title,
      evidence: d.evidence,
      seenIn: [...new Set(findings.filter((f) => f.deviation === d.id).map((f) => f.where))],
    }))
    .filter((k) => k.seenIn.length > 0);
  const accepted = [...new Set(findings.filter((f) => f.class === 'accepted').map((f) => f.key))];
  return {
    known,
    notSeen: deviations.map((d) => d.id).filter((id) => !known.some((k) => k.id === id)),
    accepted,
    gone: [...baseline.keys()].filter((key) => !accepted.includes(key)),
  };
}

/** `showNotSeen`: list the register entries no finding matched (worth reading for a live target, where it says what could be pruned). */
export function table(results: BehaviourResult[], drift: DriftSummary = driftSummary(results), showNotSeen = false): string {
  const detail = (r: BehaviourResult) =>
    r.status === 'n/a'
      ? (r.reason ?? '')
      : r.status === 'warn'
        ? (r.warnings[0] ?? '')
        : r.status === 'known'
          ? `known drift: ${[...new Set(r.findings.map((f) => f.deviation ?? 'baseline'))].join(', ')}`
          : `${r.requests} req`;
  const rows = results.map((r) => [r.id, r.target, MARK[r.status], detail(r)]);
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
  if (drift.known.length) {
    out.push('', 'Known drift (the register of observed deviations explains it; --strict fails on it):');
    for (const k of drift.known) {
      const more = k.seenIn.length > 4 ? ` and ${k.seenIn.length - 4} more` : '';
      out.push(`  ${k.id}: ${k.title}`, `    seen in: ${k.seenIn.slice(0, 4).join(', ')}${more}`);
      for (const e of k.evidence) out.push(`    evidence: ${e.title} — ${e.url}`);
    }
  }
  if (drift.accepted.length) out.push('', `Accepted by the baseline: ${drift.accepted.length} finding(s).`);
  if (drift.gone.length) {
    out.push('', 'Gone from the baseline (accepted drift no longer seen):');
    for (const key of drift.gone) out.push(`  ${key}`);
  }
  if (showNotSeen && drift.notSeen.length) out.push('', `Register entries not seen in this run: ${drift.notSeen.join(', ')}`);
  const warned = results.filter((r) => r.warnings.length);
  if (warned.length) {
    out.push('', 'Warnings (additive drift: properties the spec does not describe, which nothing explains):');
    for (const r of warned) for (const w of r.warnings) out.push(`  ${r.id} on ${r.target}: ${w}`);
  }
  const c = summary(results);
  out.push('', `${c.pass + c.warn} passed, ${c.fail} failed, ${c.known} known drift, ${c['n/a']} n/a (${c.warn} with warnings)`);
  return out.join('\n');
}

export async function writeJsonReport(
  file: string,
  runId: string,
  results: BehaviourResult[],
  drift: DriftSummary = driftSummary(results),
  covered: TargetCoverage[] = coverage(results),
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ runId, summary: summary(results), drift, coverage: covered, results }, null, 2)}\n`);
}
