// The breaking-change diff between two bundled OpenAPI documents. api-smart-diff (a maintained
// OpenAPI diff library; it resolves $refs and classifies each change) does the comparison; the
// kit's own rules (rules.ts) correct it where its classification is wrong for a consumer of this
// contract, and add what it does not see: the scopes an operation requires (x-required-scopes) and
// the error table (examples named by x-error-kind), whose exact messages clients match on.
import { isDeepStrictEqual } from 'node:util';
import { apiCompare, type Diff } from 'api-smart-diff';
import { type ReadSource, sourceLocator } from './sources.js';
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

/** The split spec on each side, where it can be read: each change is then located in it (file:line). */
export interface DiffSources {
  before?: ReadSource;
  after?: ReadSource;
}

/**
 * Every change from `before` to `after`, classified. Component changes are reported where they are
 * used. With `sources`, each change carries its `file:line` in the split spec (the older side's for
 * what was removed).
 */
export function diffContracts(beforeAsIs: Json, after: Json, sources: DiffSources = {}): ContractChange[] {
  if (isDeepStrictEqual(beforeAsIs, after)) return [];
  // A path template whose variables only were renamed is one change; the rest is compared on the new names.
  const { before, renamed } = alignRenamedTemplates(beforeAsIs, after);
  const changes = classifiedChanges(before, after, renamed);
  const inAfter = sources.after && sourceLocator(sources.after);
  const inBefore = sources.before && sourceLocator(sources.before);
  // What was removed is where it was: under the path's old name in the older sources.
  const oldNames = renamed.map(([from, to]) => [pointerOf(['paths', to]), pointerOf(['paths', from])] as const);
  const asBefore = (pointer: string) =>
    oldNames.reduce((p, [to, from]) => (p === to || p.startsWith(`${to}/`) ? from + p.slice(to.length) : p), pointer);
  for (const c of changes) {
    const source = (c.action === 'remove' ? inBefore?.(asBefore(c.pointer)) : undefined) ?? inAfter?.(c.pointer);
    if (source) c.source = source;
  }
  return changes;
}

function classifiedChanges(before: Json, after: Json, renamed: readonly [string, string][]): ContractChange[] {
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
  if (renamed.length)
    changes.push({
      severity: 'breaking',
      pointer: pointerOf(['paths', renamed[0]![1]]),
      where: 'document',
      sentence: `Path templates renamed: ${renamed.map(([from, to]) => `${from} is now ${to}`).join('; ')}. The requests on the wire are the same; code typed on the path strings (openapi-fetch, generated types) breaks.`,
      rule: 'path-template-renamed',
      action: 'rename',
    });
  return mergeParameterRenames(mergeRenames(dedupe(changes)));
}

/**
 * A required path parameter removed and another added in the same operation is, for a reader, a
 * rename: the URL is the same, code that fills the parameter by name breaks. One change, where the
 * old one was.
 */
function mergeParameterRenames(changes: ContractChange[]): ContractChange[] {
  const named = (c: ContractChange, verb: string) => new RegExp(`^${verb} required path parameter \`([^\`]+)\``).exec(c.sentence)?.[1];
  const operation = (c: ContractChange) => c.where.split(' · ')[0];
  const out = [...changes];
  for (const gone of changes.filter((c) => named(c, 'Removed'))) {
    const added = out.filter((c) => named(c, 'Added') && operation(c) === operation(gone));
    if (added.length !== 1) continue;
    out.splice(out.indexOf(gone), 1);
    out.splice(out.indexOf(added[0]!), 1);
    out.push({
      ...gone,
      severity: 'breaking',
      sentence: `The path parameter \`${named(gone, 'Removed')}\` of ${operation(gone)} is renamed \`${named(added[0]!, 'Added')}\`: the URL is the same; code that fills it by name (openapi-fetch's params.path, generated types) breaks.`,
      rule: 'path-parameter-renamed',
      action: 'rename',
    });
  }
  return out;
}

/** A path template with its variables unnamed: `/tokens/v2/{}`. */
const templateShape = (path: string) => path.replace(/\{[^}]*\}/g, '{}');

/**
 * The older document with each path whose template's variables only were renamed under its new
 * name, and the renames. Without this, every operation, parameter and error row under the path is
 * reported as removed and added again (68 entries for one renamed variable).
 */
function alignRenamedTemplates(before: Json, after: Json): { before: Json; renamed: [string, string][] } {
  const oldPaths = (before.paths ?? {}) as Json;
  const newPaths = (after.paths ?? {}) as Json;
  const gone = Object.keys(oldPaths).filter((p) => !(p in newPaths));
  const come = Object.keys(newPaths).filter((p) => !(p in oldPaths));
  const renamed: [string, string][] = [];
  for (const from of gone) {
    const to = come.filter((p) => templateShape(p) === templateShape(from));
    if (to.length === 1) renamed.push([from, to[0]!]);
  }
  if (!renamed.length) return { before, renamed };
  const rename = new Map(renamed);
  return {
    before: { ...before, paths: Object.fromEntries(Object.entries(oldPaths).map(([path, item]) => [rename.get(path) ?? path, item])) },
    renamed,
  };
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

/** One cause: the changes one edit of the sources made (the same file:line). */
export interface Cause {
  severity: Severity;
  /** `spec/components/parameters/Username.yaml:1`, or the pointer where the sources were not read. */
  at: string;
  changes: ContractChange[];
}

/**
 * The changes grouped by cause: those located at the same line of the split spec come from one
 * edit there (a component used by five operations is changed once).
 * Without sources, each change is its own cause.
 */
export function causes(changes: readonly ContractChange[]): Cause[] {
  const order: Severity[] = ['annotation', 'non-breaking', 'breaking'];
  const grouped = new Map<string, Cause>();
  for (const c of changes) {
    const at = c.source ?? c.pointer;
    const key = c.source ? at : `${at} ${c.sentence}`;
    const cause = grouped.get(key) ?? { severity: c.severity, at, changes: [] };
    cause.changes.push(c);
    grouped.set(key, cause);
  }
  // A cause is as severe as the most severe change it makes, which it is then told by.
  for (const cause of grouped.values()) {
    cause.changes.sort((a, b) => order.indexOf(b.severity) - order.indexOf(a.severity));
    cause.severity = cause.changes[0]!.severity;
  }
  return [...grouped.values()];
}

/** The changes as a reader meets them: breaking first, one entry per cause, with every place it reaches. */
export function formatChanges(changes: readonly ContractChange[], heading: string): string {
  const s = summarise(changes);
  const all = causes(changes);
  const lines = [
    `${heading}: ${s.breaking} breaking, ${s.nonBreaking} non-breaking, ${s.annotation} annotation${changes.length ? ` (${all.length} cause${all.length === 1 ? '' : 's'})` : ''}.`,
  ];
  for (const severity of ['breaking', 'non-breaking', 'annotation'] as const) {
    const of = all.filter((c) => c.severity === severity);
    if (!of.length) continue;
    lines.push('', `${severity.toUpperCase()} (${of.length} cause${of.length === 1 ? '' : 's'})`);
    for (const cause of of) {
      const [first, ...more] = cause.changes;
      lines.push(
        `  ${first!.where}`,
        `    ${first!.sentence}`,
        `    at ${first!.source ? `${first!.source}  (${first!.pointer})` : first!.pointer}${first!.rule === 'api-smart-diff' ? '' : `  [rule: ${first!.rule}]`}`,
      );
      const places = [...new Set(more.map((c) => c.where))].filter((w) => w !== first!.where);
      if (places.length) lines.push(`    the same edit also reaches ${places.length} more: ${places.join('; ')}`);
    }
  }
  return lines.join('\n');
}
