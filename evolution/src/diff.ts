// The breaking-change diff between two bundled OpenAPI documents. api-smart-diff (a maintained
// OpenAPI diff library; it resolves $refs and classifies each change) does the comparison; the
// kit's own rules (rules.ts) correct it where its classification is wrong for a consumer of this
// contract, and add what it does not see: the scopes an operation requires (x-required-scopes) and
// the error table (examples named by x-error-kind), whose exact messages clients match on.
import { isDeepStrictEqual } from 'node:util';
import { apiCompare, type Diff } from 'api-smart-diff';
import { type Json, pointerOf, resolveRef } from './json.js';
import { errorRowChanges, kitRules } from './rules.js';
import { securityChanges } from './security.js';
import type { ContractChange, Located, Severity, Side } from './change.js';

export type { ContractChange, Severity } from './change.js';

export function locate(path: readonly (string | number)[], before: Json, after: Json, action?: Diff['action']): Located {
  const keyword = String([...path].reverse().find((s) => typeof s === 'string') ?? '');
  if (path[0] !== 'paths' || path.length < 3) return { keyword };
  const operation = `${String(path[2]).toUpperCase()} ${path[1]}`;
  const rest = path.slice(3);
  let side: Side | undefined;
  let part: string | undefined;
  let schema: (string | number)[] = [];
  if (rest[0] === 'parameters' && typeof rest[1] === 'number') {
    side = 'request';
    const raw = (((after.paths as Json)?.[path[1] as string] as Json)?.[path[2] as string] as Json)?.parameters as unknown[] | undefined;
    const rawBefore = (((before.paths as Json)?.[path[1] as string] as Json)?.[path[2] as string] as Json)?.parameters as
      | unknown[]
      | undefined;
    // A removed parameter's index names another one (or none) in the newer document.
    const parameter =
      action === 'remove'
        ? resolveRef(before, rawBefore?.[rest[1]])
        : (resolveRef(after, raw?.[rest[1]]) ?? resolveRef(before, rawBefore?.[rest[1]]));
    part = parameter ? `${parameter.in} parameter ${parameter.name}` : 'a parameter';
    schema = rest.slice(3);
  } else if (rest[0] === 'requestBody') {
    side = 'request';
    part = 'request body';
    schema = rest.slice(4);
  } else if (rest[0] === 'responses' && rest[1] !== undefined) {
    side = 'response';
    part = `response ${rest[1]}`;
    schema = rest[2] === 'headers' ? rest.slice(2) : rest.slice(5);
    if (rest[2] === 'headers' && rest[3] !== undefined) part = `response ${rest[1]} header ${rest[3]}`;
  }
  const names: string[] = [];
  for (let i = 0; i < schema.length; i++) {
    if (schema[i] === 'properties' && schema[i + 1] !== undefined) names.push(String(schema[++i]));
    else if (schema[i] === 'items') names.push('[]');
  }
  const property = names.length ? names.join('.').replace(/\[\]\./g, '[].') : undefined;
  return { operation, side, part, property, keyword };
}

const whereOf = (l: Located) => [l.operation, l.part, l.property && `\`${l.property}\``].filter(Boolean).join(' · ') || 'document';

/** api-smart-diff's own description, without its "[Added]" tag, or a plain one where it has none. */
function plainSentence(diff: Diff, l: Located): string {
  // "[Removed] required query parameter `limit`" → "Removed required query parameter `limit`".
  const own = (diff.description ?? '').replace(/^\[([A-Za-z]+)\]\s*/, '$1 ').trim();
  const named = l.property?.split('.').pop()?.replace('[]', '');
  const what = l.property ? (named === l.keyword ? `\`${l.property}\`` : `the ${l.keyword} of \`${l.property}\``) : `\`${l.keyword}\``;
  const verb = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' }[diff.action];
  const fallback = `${what} ${verb}${l.part ? ` in ${l.part}` : ''}${l.operation ? ` of ${l.operation}` : ''}`;
  // Its descriptions for some changes are only "annotation (5)" or empty: not a sentence.
  const sentence = own && !/^(?:[A-Za-z]+ )?annotation \(|^in |^[A-Za-z]+$/.test(own) ? own : fallback;
  return `${sentence}.`;
}

const capitalised = (sentence: string) => `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`;

const SEVERITY_OF: Record<Diff['type'], Severity | undefined> = {
  breaking: 'breaking',
  'non-breaking': 'non-breaking',
  deprecated: 'non-breaking',
  annotation: 'annotation',
  // A change the library cannot classify is held to be breaking until a rule says otherwise.
  unclassified: 'breaking',
};

/** Every change from `before` to `after`, classified. Component changes are reported where they are used. */
export function diffContracts(before: Json, after: Json): ContractChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const { diffs } = apiCompare(before, after);
  const changes: ContractChange[] = [];
  const swapped = branchesMatchedCrosswise(diffs);
  for (const diff of diffs) {
    if (swapped.has(diff)) continue;
    // Components reach consumers through the operations that use them, where the library reports
    // them again with their context (request or response, status, property path).
    if (diff.path[0] === 'components') continue;
    const located = locate(diff.path, before, after, diff.action);
    const ruled = kitRules.map((rule) => ({ rule, verdict: rule.classify(diff, located) })).find((r) => r.verdict);
    const severity = ruled?.verdict?.severity ?? SEVERITY_OF[diff.type] ?? 'breaking';
    changes.push({
      severity,
      pointer: pointerOf(diff.path),
      where: whereOf(located),
      sentence: capitalised(ruled?.verdict?.sentence ?? plainSentence(diff, located)),
      rule: ruled ? ruled.rule.id : 'api-smart-diff',
      action: diff.action,
    });
  }
  changes.push(...errorRowChanges(before, after), ...securityChanges(before, after));
  return mergeRenames(dedupe(changes));
}

/**
 * api-smart-diff pairs the branches of a oneOf/anyOf by likeness; when a change elsewhere alters
 * that likeness it pairs them crosswise and reports each branch's `$ref` as replaced by the other's
 * (CreatedToken ↔ TemporaryToken) though the set of branches is the same. Such swapped pairs are
 * no change: the branches' own changes are reported where they are.
 */
function branchesMatchedCrosswise(diffs: readonly Diff[]): Set<Diff> {
  const refs = diffs.filter((d) => d.action === 'replace' && d.path.at(-1) === '$ref');
  const key = (d: Diff) =>
    d.path.map((s, i) => (i > 0 && (d.path[i - 1] === 'oneOf' || d.path[i - 1] === 'anyOf') ? '*' : String(s))).join('/');
  const swapped = new Set<Diff>();
  for (const a of refs)
    for (const b of refs) if (a !== b && key(a) === key(b) && a.before === b.after && a.after === b.before) swapped.add(a).add(b);
  return swapped;
}

/** One change per pointer and sentence (a component used twice by one operation is one change). */
function dedupe(changes: ContractChange[]): ContractChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.pointer} ${c.sentence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A property removed and another added in the same place of the same part is, for a reader, a
 * rename: reported as one breaking change naming both (with the `required` entries they carry).
 */
function mergeRenames(changes: ContractChange[]): ContractChange[] {
  const isProperty = (c: ContractChange) => /\/properties\/[^/]+$/.test(c.pointer);
  const removed = changes.filter((c) => c.action === 'remove' && isProperty(c));
  const out = [...changes];
  for (const gone of removed) {
    const parent = gone.pointer.replace(/\/properties\/[^/]+$/, '');
    const added = out.filter((c) => c.action === 'add' && isProperty(c) && c.pointer.replace(/\/properties\/[^/]+$/, '') === parent);
    if (added.length !== 1) continue;
    const oldName = gone.pointer.split('/').pop()!;
    const newName = added[0]!.pointer.split('/').pop()!;
    const requiredEntries = out.filter((c) => c.pointer.startsWith(`${parent}/required/`));
    for (const c of [gone, added[0]!, ...requiredEntries]) out.splice(out.indexOf(c), 1);
    out.push({
      severity: 'breaking',
      pointer: gone.pointer,
      where: gone.where.replace(/`[^`]*`$/, `\`${oldName}\``),
      sentence: `\`${oldName}\` is renamed \`${newName}\` (${gone.where.split(' · ').slice(0, 2).join(' · ')}): code that reads or sends \`${oldName}\` breaks.`,
      rule: 'property-renamed',
      action: 'rename',
    });
  }
  return out;
}

export interface DiffSummary {
  breaking: number;
  nonBreaking: number;
  annotation: number;
}

export const summarise = (changes: readonly ContractChange[]): DiffSummary => ({
  breaking: changes.filter((c) => c.severity === 'breaking').length,
  nonBreaking: changes.filter((c) => c.severity === 'non-breaking').length,
  annotation: changes.filter((c) => c.severity === 'annotation').length,
});

/** The changes as a reader meets them: breaking first, grouped by where they are. */
export function formatChanges(changes: readonly ContractChange[], heading: string): string {
  const s = summarise(changes);
  const lines = [`${heading}: ${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.annotation} annotation.`];
  for (const severity of ['breaking', 'non-breaking', 'annotation'] as const) {
    const of = changes.filter((c) => c.severity === severity);
    if (!of.length) continue;
    lines.push('', `${severity.toUpperCase()} (${of.length})`);
    for (const c of of)
      lines.push(`  ${c.where}`, `    ${c.sentence}`, `    at ${c.pointer}${c.rule === 'api-smart-diff' ? '' : `  [rule: ${c.rule}]`}`);
  }
  return lines.join('\n');
}
