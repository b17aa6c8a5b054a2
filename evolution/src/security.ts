// Changes to how a client authenticates: the security schemes (type, where the credential goes,
// its name) and which of them operations require. api-smart-diff reports none of these (a renamed
// query parameter of the apiKey scheme was "no change"), yet each can break every client.
import type { ContractChange } from './change.js';
import { pointerOf, type Json } from './json.js';

type Requirements = readonly Record<string, unknown>[] | undefined;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const schemesOf = (doc: Json) => ((doc.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;
/** The fields of a scheme a client's code depends on. */
const FIELDS = ['type', 'in', 'name', 'scheme', 'bearerFormat'] as const;
const describe = (s: Json) =>
  s.type === 'apiKey'
    ? `the ${String(s.in)} parameter ${String(s.name)}`
    : s.type === 'http'
      ? `HTTP ${String(s.scheme)} authentication`
      : `${String(s.type)}`;

/** Each operation's security requirements as a client meets them: its own, or the document's. */
function requirements(doc: Json): Map<string, { where: string; pointer: string; required: Requirements }> {
  const out = new Map<string, { where: string; pointer: string; required: Requirements }>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>))
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const own = op.security as Requirements;
      out.set(`${method} ${path}`, {
        where: `${method.toUpperCase()} ${path}`,
        pointer: pointerOf(['paths', path, method, 'security']),
        required: own ?? (doc.security as Requirements),
      });
    }
  return out;
}

/** The schemes a client must satisfy for an operation: one of the alternatives; [] when none is asked. */
const alternatives = (required: Requirements) => (required ?? []).map((r) => Object.keys(r).sort().join(' + '));

export function securityChanges(before: Json, after: Json): ContractChange[] {
  const changes: ContractChange[] = [];
  const was = schemesOf(before);
  const now = schemesOf(after);
  for (const [name, scheme] of Object.entries(was)) {
    const pointer = pointerOf(['components', 'securitySchemes', name]);
    const where = `security scheme ${name}`;
    const next = now[name];
    if (!next) {
      changes.push({
        severity: 'breaking',
        pointer,
        where,
        sentence: `The security scheme ${name} (${describe(scheme)}) is removed: clients that authenticate with it break.`,
        rule: 'security-scheme',
        action: 'remove',
      });
      continue;
    }
    for (const field of FIELDS)
      if (scheme[field] !== next[field])
        changes.push({
          severity: 'breaking',
          pointer: `${pointer}/${field}`,
          where,
          sentence: `The credential moves from ${describe(scheme)} to ${describe(next)} (${field} ${JSON.stringify(scheme[field])} → ${JSON.stringify(next[field])}): every client that sends it breaks.`,
          rule: 'security-scheme',
          action: 'replace',
        });
  }
  const opsBefore = requirements(before);
  for (const [key, op] of requirements(after)) {
    const old = opsBefore.get(key);
    if (!old) continue;
    const [a, b] = [alternatives(old.required), alternatives(op.required)];
    // A client satisfies one alternative (none at all, when the list is empty or holds `{}`); it
    // breaks when the way it authenticates is no longer one of them.
    const open = (alts: string[]) => alts.length === 0 || alts.includes('');
    const change = (severity: ContractChange['severity'], sentence: string, action: ContractChange['action']) =>
      changes.push({ severity, pointer: op.pointer, where: op.where, sentence, rule: 'security-requirement', action });
    if (open(b)) {
      if (!open(a)) change('non-breaking', `${op.where} no longer requires a credential.`, 'remove');
    } else if (open(a))
      change('breaking', `${op.where} now requires ${b.join(' or ')}: clients that call it without a credential break.`, 'add');
    else {
      const dropped = a.filter((alt) => !b.includes(alt));
      const added = b.filter((alt) => !a.includes(alt));
      if (dropped.length)
        change(
          'breaking',
          `${op.where} no longer accepts ${dropped.join(', ')} (it requires ${b.join(' or ')}): clients that authenticate that way break.`,
          'replace',
        );
      else if (added.length) change('non-breaking', `${op.where} also accepts ${added.join(', ')}.`, 'add');
    }
  }
  return changes;
}
