// Documented vs observed: the register of observed deviations as an OpenAPI Overlay 1.0 document
// (spec/dist/observed.overlay.json, made by the spec build) applied to the documented spec, and the
// same contract diff between the two, entry by entry. jsonpath-plus finds the actions' targets; the
// Overlay rules themselves (an update merges into objects and appends to arrays, a remove deletes)
// are written here: the maintained Overlay implementations are CLIs or bundle far more than this.
import { JSONPath } from 'jsonpath-plus';
import { diffContracts, summarise, type ContractChange, type DiffSummary } from './diff.js';
import { EvolutionError } from './git.js';
import type { Json } from './json.js';

export interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
  /** The register entry the action stands for. */
  'x-deviation'?: string;
}

export interface OverlayDocument {
  overlay: string;
  info: { title: string; version: string };
  actions: OverlayAction[];
}

interface RegisterEntry {
  id: string;
  title: string;
  observed: string;
  confidence: string;
  evidence: { title: string; url: string }[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(target: unknown, update: unknown): unknown {
  if (!isObject(target) || !isObject(update)) return structuredClone(update);
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(update)) out[key] = key in out ? merge(out[key], value) : structuredClone(value);
  return out;
}

/** The document with the actions applied, in order (the input is left as it is). */
export function applyOverlay(doc: Json, actions: readonly OverlayAction[]): Json {
  const root = { document: structuredClone(doc) as unknown };
  for (const action of actions) {
    const matches = JSONPath({ path: action.target, json: root.document as object, resultType: 'all' }) as {
      parent: Json | unknown[] | null;
      parentProperty: string | number;
      value: unknown;
    }[];
    if (!matches.length)
      throw new EvolutionError(`overlay action "${action.description ?? action.target}" targets nothing: ${action.target}`);
    // Last match first: removing array items must not shift the ones still to come.
    for (const m of [...matches].reverse()) {
      const parent = (m.parent ?? root) as Json;
      const key = m.parent ? m.parentProperty : 'document';
      if (action.remove) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else if (Array.isArray(m.value)) m.value.push(structuredClone(action.update));
      else parent[key as string] = merge(m.value, action.update);
    }
  }
  return root.document as Json;
}

interface ObservedEntry {
  id: string;
  title: string;
  observed: string;
  confidence: string;
  evidence: { title: string; url: string }[];
  /** How the observed API differs from the documented one, by this entry alone. */
  changes: ContractChange[];
}

export interface DocumentedVsObserved {
  version: string;
  entries: ObservedEntry[];
  /** All entries at once. */
  summary: DiffSummary;
}

export function documentedVsObserved(
  documented: Json,
  overlay: OverlayDocument,
  register: { deviations: RegisterEntry[] },
): DocumentedVsObserved {
  const entries = register.deviations.map((d) => {
    const actions = overlay.actions.filter((a) => a['x-deviation'] === d.id);
    return {
      id: d.id,
      title: d.title,
      observed: d.observed,
      confidence: d.confidence,
      evidence: d.evidence,
      changes: actions.length ? diffContracts(documented, applyOverlay(documented, actions)) : [],
    };
  });
  return {
    version: overlay.info.version,
    entries,
    summary: summarise(diffContracts(documented, applyOverlay(documented, overlay.actions))),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
/** `code` spans as the sentences write them. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** One self-contained page (no script, no external resource): works offline. */
export function documentedVsObservedHtml(report: DocumentedVsObserved): string {
  const s = report.summary;
  const section = (e: ObservedEntry) => {
    const rows = e.changes
      .map(
        (c) =>
          `<tr class="${c.severity}"><td><span class="badge">${c.severity}</span></td><td>${inline(c.where)}</td><td>${inline(c.sentence)}<br><code class="pointer">${escapeHtml(c.pointer)}</code></td></tr>`,
      )
      .join('\n');
    const body = e.changes.length
      ? `<table><thead><tr><th>change</th><th>where</th><th>what it means</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
      : '<p class="none">Not a change of the document\'s shape: the observed API differs in the values it sends, not in what the contract describes.</p>';
    return `<section id="${escapeHtml(e.id)}">
<h2>${inline(e.title)}</h2>
<p class="meta"><code>${escapeHtml(e.id)}</code> · confidence: ${escapeHtml(e.confidence)} · ${summarise(e.changes).breaking} breaking, ${summarise(e.changes).nonBreaking} non-breaking, ${summarise(e.changes).annotation} annotation</p>
<p><strong>Observed:</strong> ${inline(e.observed)}</p>
<p><strong>Evidence:</strong> ${e.evidence.map((v) => `<a href="${escapeHtml(v.url)}">${escapeHtml(v.title)}</a>`).join('; ')}</p>
${body}
</section>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Documented vs observed — Mapbox Tokens API ${escapeHtml(report.version)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f23}
h1{font-size:1.6rem}h2{font-size:1.15rem;margin-top:2.2rem;border-top:1px solid #ddd;padding-top:1rem}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;font-weight:600}
.breaking .badge{background:#ffd7d5;color:#86181d}.non-breaking .badge{background:#dcffe4;color:#144620}.annotation .badge{background:#eef;color:#333}
code{font-size:.85em}.pointer{color:#666;word-break:break-all}.meta{color:#555}.none{color:#555;font-style:italic}
</style></head><body>
<h1>Documented vs observed — Mapbox Tokens API ${escapeHtml(report.version)}</h1>
<p>The documented contract (<code>spec/dist/openapi.json</code>) against the API as Mapbox is observed to run it: the register of
observed deviations as an OpenAPI Overlay (<code>spec/dist/observed.overlay.json</code>) applied to the contract, compared with the
same breaking-change diff as <code>pnpm contract:diff</code>. What breaks is what a client written against the documentation meets.</p>
<p id="summary"><strong>All entries together:</strong> ${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.annotation} annotation.</p>
<nav><ul>${report.entries.map((e) => `<li><a href="#${escapeHtml(e.id)}">${inline(e.title)}</a> (${e.changes.length})</li>`).join('')}</ul></nav>
${report.entries.map(section).join('\n')}
</body></html>
`;
}
