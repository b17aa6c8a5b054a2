// The HTML report (`--report html=FILE`): one self-contained page per run — no script, no external
// resource, so it works offline and from a CI artifact. A legend of the marks, the verdict per
// target, failures first (with their request, expected and actual answers, curl line and replay
// command), every other behaviour collapsed by status (each n/a with its reason), known drift with
// its evidence, the coverage matrix, the seed. Everything in it has passed through the runner's
// redaction already; it is escaped here.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BehaviourResult } from '../model/result.js';
import type { TargetCoverage } from './coverage.js';
import { type DriftSummary, summary } from './table.js';
import { redact } from '../model/redact.js';

export interface HtmlReportInput {
  runId: string;
  seed: number;
  exploreRuns: number;
  results: BehaviourResult[];
  drift: DriftSummary;
  coverage: TargetCoverage[];
  /** Reproduction files by `${target} ${behaviour}`, for the replay command. */
  replays: Map<string, string>;
}

const escapeHtml = (text: string) =>
  redact(text).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

function verdicts(results: BehaviourResult[]): string {
  const targets = [...new Set(results.map((r) => r.target))];
  const rows = targets.map((target) => {
    const c = summary(results.filter((r) => r.target === target));
    const verdict = c.fail ? 'drift' : c.known ? 'known drift only' : 'conforms';
    return `<tr class="${c.fail ? 'fail' : c.known ? 'known' : 'pass'}"><th>${escapeHtml(target)}</th><td class="verdict">${verdict}</td><td>${c.pass + c.warn}</td><td>${c.fail}</td><td>${c.known}</td><td>${c['n/a']}</td></tr>`;
  });
  return `<table id="verdicts"><thead><tr><th>target</th><th>verdict</th><th>passed</th><th>failed</th><th>known drift</th><th>n/a</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function failures(input: HtmlReportInput): string {
  const failed = input.results.filter((r) => r.status === 'fail');
  if (!failed.length) return '<p class="none">No failure.</p>';
  return failed
    .map((r) => {
      const replay = input.replays.get(`${r.target} ${r.id}`);
      const items = r.failures
        .map(
          (f) => `<div class="failure">
<p><strong>step</strong> ${escapeHtml(f.step)}</p>
${f.request ? `<p><strong>request</strong> <code>${escapeHtml(`${f.request.method} ${f.request.url}`)}</code>${f.request.body ? `<pre>${escapeHtml(f.request.body.slice(0, 2000))}</pre>` : ''}</p>` : ''}
<p><strong>expected</strong> ${escapeHtml(f.expected)}</p>
${f.actual ? `<p><strong>actual</strong> ${f.actual.status}</p><pre>${escapeHtml(f.actual.body)}</pre>` : ''}
${f.curl ? `<p><strong>curl</strong></p><pre class="curl">${escapeHtml(f.curl)}</pre>` : ''}
</div>`,
        )
        .join('');
      return `<section class="failed" data-behaviour="${escapeHtml(r.id)}" data-target="${escapeHtml(r.target)}"><h3>✗ ${escapeHtml(r.id)} on ${escapeHtml(r.target)}</h3><p>${escapeHtml(r.title)}</p>${items}${
        replay ? `<p><strong>replay</strong></p><pre class="replay">tokens-conformance replay ${escapeHtml(replay)}</pre>` : ''
      }</section>`;
    })
    .join('\n');
}

/** What each mark means, shown once at the top of the page. */
const LEGEND: [string, string, string][] = [
  ['pass', 'pass', 'answered as documented'],
  ['fail', 'fail', 'new drift: nothing explains it (the run exits 1)'],
  ['known', 'known', 'drift the register of observed deviations explains, with its evidence (fails only with --strict)'],
  ['accepted', 'accepted', "drift the team's --baseline accepted (fails only with --strict)"],
  ['na', 'n/a', 'the target cannot exhibit the behaviour (why is said beside it)'],
];

function legend(): string {
  return `<dl id="legend">${LEGEND.map(([cls, mark, meaning]) => `<div><dt class="mark ${cls}">${mark}</dt><dd>${meaning}</dd></div>`).join('')}</dl>`;
}

/** Every behaviour that did not fail, collapsed by status, each n/a with its reason. */
function others(results: BehaviourResult[]): string {
  const groups: [string, string, BehaviourResult[]][] = [
    ['pass', 'passed', results.filter((r) => r.status === 'pass' || r.status === 'warn')],
    ['known', 'known drift', results.filter((r) => r.status === 'known')],
    ['na', 'n/a', results.filter((r) => r.status === 'n/a')],
  ];
  return groups
    .filter(([, , rs]) => rs.length)
    .map(
      ([cls, label, rs]) =>
        `<details class="${cls}" id="${cls}-behaviours"><summary>${rs.length} ${label}</summary><ul>${rs
          .map(
            (r) =>
              `<li><span class="mark ${cls}">${cls === 'na' ? 'n/a' : cls}</span> <strong>${escapeHtml(r.id)}</strong> on ${escapeHtml(r.target)}: ${escapeHtml(r.title)}${
                r.reason ? ` — <em class="reason">${escapeHtml(r.reason)}</em>` : ''
              }${r.warnings.length ? ` — <em>${r.warnings.length} undocumented propert${r.warnings.length === 1 ? 'y' : 'ies'} (additive drift)</em>` : ''}</li>`,
          )
          .join('')}</ul></details>`,
    )
    .join('\n');
}

function knownDrift(drift: DriftSummary): string {
  if (!drift.known.length) return '<p class="none">No known drift.</p>';
  return `<ul id="known">${drift.known
    .map(
      (k) =>
        `<li><strong>${escapeHtml(k.id)}</strong>: ${escapeHtml(k.title)}<br>seen in ${escapeHtml(k.seenIn.slice(0, 6).join(', '))}${k.seenIn.length > 6 ? ` and ${k.seenIn.length - 6} more` : ''}<br>evidence: ${k.evidence
          .map((e) => `<a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a>`)
          .join('; ')}</li>`,
    )
    .join('')}</ul>`;
}

function coverageMatrix(all: TargetCoverage[]): string {
  return all
    .map((c) => {
      const operations = [...new Set(c.statuses.map((s) => s.operation))];
      const statuses = [...new Set(c.statuses.map((s) => s.status))].sort((a, b) => a - b);
      const cell = (operation: string, status: number) => {
        const s = c.statuses.find((x) => x.operation === operation && x.status === status);
        if (!s) return '<td class="undocumented"></td>';
        const mark = s.exercised === 0 ? 'never' : s.passed === s.exercised ? 'passed' : 'failed';
        return `<td class="${mark}" title="${s.exercised} exercised, ${s.passed} in passing behaviours">${s.exercised || '–'}</td>`;
      };
      const rows = operations.map((op) => `<tr><th>${escapeHtml(op)}</th>${statuses.map((st) => cell(op, st)).join('')}</tr>`).join('');
      const undocumented = c.undocumented.length
        ? `<p>Answered but not documented: ${escapeHtml(c.undocumented.map((u) => `${u.operation} ${u.status} (×${u.count})`).join(', '))}</p>`
        : '';
      return `<section class="coverage" data-target="${escapeHtml(c.target)}"><h3>${escapeHtml(c.target)}: ${c.percent}% of the documented operation × status pairs</h3>
<table><thead><tr><th>operation</th>${statuses.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>${undocumented}
<p>Error rows ${c.errorRows.filter((e) => e.exercised).length}/${c.errorRows.length}, parameters ${c.parameters.filter((p) => p.exercised).length}/${c.parameters.length}, enum values ${c.enumValues.filter((e) => e.exercised).length}/${c.enumValues.length}.</p></section>`;
    })
    .join('\n');
}

function htmlReport(input: HtmlReportInput): string {
  const c = summary(input.results);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tokens-conformance ${escapeHtml(input.runId)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1b1f23}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
tr.fail .verdict{color:#b31d28;font-weight:700}tr.known .verdict{color:#9a6700;font-weight:700}tr.pass .verdict{color:#1a7f37;font-weight:700}
.failed{border-left:4px solid #b31d28;padding-left:.8rem;margin:1rem 0}pre{background:#f6f8fa;padding:.5rem;white-space:pre-wrap;word-break:break-all}
td.passed{background:#dafbe1}td.failed{background:#ffebe9}td.never{background:#fff8c5}td.undocumented{background:#eee}.none{color:#555}
#legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.5rem 0}#legend div{display:flex;gap:.4rem;align-items:baseline}#legend dd{margin:0}
.mark{display:inline-block;min-width:3.5em;text-align:center;border-radius:3px;padding:0 .3em;font-weight:700;font-size:12px}
.mark.pass{background:#dafbe1;color:#1a7f37}.mark.fail{background:#ffebe9;color:#b31d28}.mark.known{background:#fff8c5;color:#9a6700}.mark.accepted{background:#ddf4ff;color:#0969da}.mark.na{background:#eee;color:#555}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
</style></head><body>
<h1>tokens-conformance: ${c.fail ? 'drift' : 'conforms'}</h1>
<p id="run">run <code>${escapeHtml(input.runId)}</code> · seed <code id="seed">${input.seed}</code> (${input.exploreRuns} generated cases per operation; <code>--seed ${input.seed}</code> repeats them) · ${c.pass + c.warn} passed, ${c.fail} failed, ${c.known} known drift, ${c['n/a']} n/a</p>
${legend()}
<h2>Verdict per target</h2>
${verdicts(input.results)}
<h2 id="failures">Failures</h2>
${failures(input)}
<h2 id="others">Every other behaviour</h2>
${others(input.results)}
<h2>Known drift</h2>
${knownDrift(input.drift)}
<h2>Coverage</h2>
${coverageMatrix(input.coverage)}
</body></html>
`;
}

export async function writeHtmlReport(file: string, input: HtmlReportInput): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, htmlReport(input));
}
