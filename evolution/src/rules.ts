// The kit's own classification rules: where api-smart-diff's verdict is wrong for a consumer of this
// contract, or where it sees nothing. Each rule is tested with a pair of specs (test/diff.test.ts).
// api-smart-diff calls a changed response type non-breaking and any changed request type breaking
// (widening included), leaves x-required-scopes unclassified, and ignores examples — and with them
// the error table, whose exact messages clients and @tokens-kit/client's typed errors match on.
import type { Diff } from 'api-smart-diff';
import type { ContractChange, Located, Severity } from './change.js';

import { type Json, pointerOf, resolveRef as resolve } from './json.js';

interface Verdict {
  severity: Severity;
  sentence: string;
}

export interface KitRule {
  id: string;
  /** What it catches, for the README and the test names. */
  catches: string;
  classify(diff: Diff, at: Located): Verdict | undefined;
}

const types = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));
const inPart = (at: Located) => `${at.part} of ${at.operation}`;
/** `\`note\` in the request body of PATCH …`, or `the query parameter sortby of GET …`. */
const subjectIn = (at: Located) => (at.property ? `\`${at.property}\` in the ${inPart(at)}` : `the ${inPart(at)}`);
const segmentsAfter = (diff: Diff, keyword: string) => diff.path.slice(diff.path.lastIndexOf(keyword));

/** The extensions that carry facts of the contract; every other x-* is documentation. */
const SEMANTIC_EXTENSIONS = new Set(['x-required-scopes', 'x-error-kind', 'x-rate-limit']);

export const kitRules: readonly KitRule[] = [
  {
    id: 'documentation-extension',
    catches: 'a change to an x-* extension that only documents (code samples, x-kit-inference, x-kit-decision) is an annotation',
    classify: (diff) => {
      const extension = diff.path.find((s): s is string => typeof s === 'string' && s.startsWith('x-'));
      if (!extension || SEMANTIC_EXTENSIONS.has(extension)) return undefined;
      return { severity: 'annotation', sentence: `The documentation extension ${extension} changed (no effect on requests or responses).` };
    },
  },
  {
    id: 'example',
    catches:
      'a changed example is an annotation (api-smart-diff calls a header example breaking); error-table examples are the error-row rule',
    classify: (diff, at) => {
      if (!diff.path.some((s) => s === 'example' || s === 'examples')) return undefined;
      return {
        severity: 'annotation',
        sentence: `An example changed${at.part ? ` in the ${inPart(at)}` : ''} (examples illustrate; they constrain nothing).`,
      };
    },
  },
  {
    id: 'required-scope',
    catches: 'a scope added to x-required-scopes is breaking (tokens without it are refused); one removed is not',
    classify: (diff, at) => {
      if (!diff.path.includes('x-required-scopes')) return undefined;
      const scopes = types(diff.action === 'remove' ? diff.before : diff.after).join(', ');
      if (diff.action === 'remove')
        return { severity: 'non-breaking', sentence: `${at.operation} no longer requires the scope ${scopes}.` };
      return {
        severity: 'breaking',
        sentence: `${at.operation} now requires the scope ${scopes}: a token without it is refused.`,
      };
    },
  },
  {
    id: 'response-type-changed',
    catches: 'a changed type in a response is breaking (api-smart-diff calls it non-breaking): code that reads the old type breaks',
    classify: (diff, at) => {
      if (at.side !== 'response' || at.keyword !== 'type' || diff.action === 'remove') return undefined;
      return {
        severity: 'breaking',
        sentence: `The type of ${subjectIn(at)} changes from ${show(diff.before)} to ${show(diff.after)}: code that reads it as ${show(diff.before)} breaks.`,
      };
    },
  },
  {
    id: 'request-type-changed',
    catches: 'a request type that only widens is non-breaking (api-smart-diff calls every change breaking); a narrowed one is breaking',
    classify: (diff, at) => {
      if (at.side !== 'request' || at.keyword !== 'type' || diff.action !== 'replace') return undefined;
      const before = types(diff.before);
      const after = types(diff.after);
      // `number` admits every `integer`.
      const admits = (t: string) => after.includes(t) || (t === 'integer' && after.includes('number'));
      if (before.every(admits))
        return {
          severity: 'non-breaking',
          sentence: `${subjectIn(at)} now also accepts ${show(after.filter((t) => !before.includes(t)))}.`,
        };
      return {
        severity: 'breaking',
        sentence: `${subjectIn(at)} changes type from ${show(diff.before)} to ${show(diff.after)}: requests that send ${show(diff.before)} are refused.`,
      };
    },
  },
  {
    id: 'enum-value',
    catches: 'a new enum value in a response is breaking (an exhaustive switch over it breaks); one removed from a request is breaking',
    classify: (diff, at) => {
      if (!diff.path.includes('enum') || !at.side || segmentsAfter(diff, 'enum').length > 2) return undefined;
      if (diff.action === 'replace') return undefined;
      const value = show(diff.action === 'add' ? diff.after : diff.before);
      const breaking = (at.side === 'response') === (diff.action === 'add');
      const sentence =
        at.side === 'response'
          ? diff.action === 'add'
            ? `${subjectIn(at)} may now be ${value}: code that switches over its values breaks.`
            : `${subjectIn(at)} is no longer ${value}.`
          : diff.action === 'add'
            ? `${subjectIn(at)} now also accepts ${value}.`
            : `${subjectIn(at)} no longer accepts ${value}: requests that send it are refused.`;
      return { severity: breaking ? 'breaking' : 'non-breaking', sentence };
    },
  },
  {
    id: 'response-open-for-extension',
    catches:
      'a response opened for extension (additionalProperties: false dropped or made true) is non-breaking: a tolerant reader meets only properties it ignores',
    classify: (diff, at) => {
      if (at.side !== 'response') return undefined;
      const keyword = diff.path.at(-1);
      const opened =
        (keyword === 'additionalProperties' && diff.action === 'remove' && diff.before === false) ||
        (keyword === 'additionalProperties' && diff.action === 'replace' && diff.before === false && diff.after === true) ||
        ((keyword === 'additionalProperties' || keyword === 'unevaluatedProperties') && diff.action === 'add' && diff.after === true);
      if (!opened) return undefined;
      return {
        severity: 'non-breaking',
        sentence: `The ${inPart(at)} may carry properties it does not describe (open for extension); code that reads the described ones is unaffected.`,
      };
    },
  },
  {
    id: 'property',
    catches: 'a response property removed is breaking, one added is not; a request property removed is breaking (closed bodies refuse it)',
    classify: (diff, at) => {
      if (!at.side || !at.property || diff.path.at(-2) !== 'properties' || diff.action === 'replace') return undefined;
      const name = `\`${at.property}\``;
      if (at.side === 'response')
        return diff.action === 'remove'
          ? { severity: 'breaking', sentence: `The ${inPart(at)} no longer has ${name}: code that reads it breaks.` }
          : { severity: 'non-breaking', sentence: `The ${inPart(at)} gains ${name}.` };
      return diff.action === 'remove'
        ? { severity: 'breaking', sentence: `The ${inPart(at)} no longer accepts ${name}: requests that send it are refused.` }
        : { severity: 'non-breaking', sentence: `The ${inPart(at)} accepts a new optional ${name}.` };
    },
  },
  {
    id: 'required',
    catches: 'a request property that becomes required is breaking; a response property that is no longer required is breaking',
    classify: (diff, at) => {
      if (!at.side || diff.path.at(-2) !== 'required' || diff.action === 'replace') return undefined;
      const name = `\`${[at.property, diff.action === 'add' ? diff.after : diff.before].filter(Boolean).join('.')}\``;
      if (at.side === 'request')
        return diff.action === 'add'
          ? { severity: 'breaking', sentence: `${name} becomes required in the ${inPart(at)}: requests without it are refused.` }
          : { severity: 'non-breaking', sentence: `${name} is no longer required in the ${inPart(at)}.` };
      return diff.action === 'remove'
        ? { severity: 'breaking', sentence: `${name} may be missing from the ${inPart(at)}: code that expects it breaks.` }
        : { severity: 'non-breaking', sentence: `${name} is always present in the ${inPart(at)}.` };
    },
  },
  {
    id: 'status',
    catches:
      'a documented status removed is breaking (clients and servers that handle it break); one added is breaking for exhaustive handling',
    classify: (diff, at) => {
      if (diff.path[3] !== 'responses' || diff.path.length !== 5 || diff.action === 'replace') return undefined;
      const status = String(diff.path[4]);
      return diff.action === 'remove'
        ? { severity: 'breaking', sentence: `${at.operation} no longer documents a ${status} answer.` }
        : { severity: 'non-breaking', sentence: `${at.operation} may now answer ${status}.` };
    },
  },
];

interface ErrorRow {
  operation: string;
  status: string;
  kind: string;
  message: string;
  pointer: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The error table as the document states it: every response example named by x-error-kind. */
export function errorRows(doc: Json): Map<string, ErrorRow> {
  const rows = new Map<string, ErrorRow>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    for (const method of METHODS) {
      const operation = resolve(doc, (item as Json)[method]);
      if (!operation) continue;
      for (const [status, raw] of Object.entries((operation.responses ?? {}) as Json)) {
        const response = resolve(doc, raw);
        for (const [mediaType, media] of Object.entries((response?.content ?? {}) as Json)) {
          for (const [name, rawExample] of Object.entries(((media as Json).examples ?? {}) as Json)) {
            const example = resolve(doc, rawExample);
            const kind = example?.['x-error-kind'];
            const message = (example?.value as Json | undefined)?.message;
            if (typeof kind !== 'string' || typeof message !== 'string') continue;
            const op = `${method.toUpperCase()} ${path}`;
            const pointer = pointerOf(['paths', path, method, 'responses', status, 'content', mediaType, 'examples', name]);
            rows.set(`${op} ${status} ${kind}`, { operation: op, status, kind, message, pointer });
          }
        }
      }
    }
  }
  return rows;
}

/** The error table's changes: a message changed (breaking), a row added or removed. */
export function errorRowChanges(before: Json, after: Json): ContractChange[] {
  const was = errorRows(before);
  const now = errorRows(after);
  const kindsBefore = new Set([...was.values()].map((r) => r.kind));
  const changes: ContractChange[] = [];
  for (const [key, row] of now) {
    const old = was.get(key);
    const where = `${row.operation} · response ${row.status} · error ${row.kind}`;
    if (old && old.message !== row.message)
      changes.push({
        severity: 'breaking',
        pointer: row.pointer,
        where,
        sentence: `The ${row.kind} message changes from "${old.message}" to "${row.message}": code that matches the exact message breaks.`,
        rule: 'error-row',
        action: 'replace',
      });
    if (!old)
      changes.push({
        severity: kindsBefore.has(row.kind) ? 'non-breaking' : 'breaking',
        pointer: row.pointer,
        where,
        sentence: kindsBefore.has(row.kind)
          ? `${row.operation} may now answer ${row.status} "${row.message}" (${row.kind}).`
          : `A new error row ${row.kind} (${row.status} "${row.message}"): code that switches over the error kinds breaks.`,
        rule: 'error-row',
        action: 'add',
      });
  }
  for (const [key, row] of was)
    if (!now.has(key))
      changes.push({
        severity: 'non-breaking',
        pointer: row.pointer,
        where: `${row.operation} · response ${row.status} · error ${row.kind}`,
        sentence: `${row.operation} no longer documents ${row.status} "${row.message}" (${row.kind}).`,
        rule: 'error-row',
        action: 'remove',
      });
  return changes;
}
