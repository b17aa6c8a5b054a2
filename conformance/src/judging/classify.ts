// Known drift and new drift: each finding is matched against the register of observed deviations
// (spec/observed/deviations.yaml, through @tokens-kit/types) and the team's baseline. One recogniser
// per kind of `recognise` the register uses; the table is typed by those kinds, so a kind added to
// the register's schema does not compile until conformance can recognise it.
import { parseLinkHeader } from '@tokens-kit/contract';
import { deviations, scopeCatalogue, type Deviation, type DeviationId, type OperationId } from '@tokens-kit/types';
import type { Exchange } from '../model/exchange.js';
import { type ClassifiedFinding, type Finding, findingKey } from '../model/findings.js';

type Recognise = Deviation['recognise'];
type RecogniseKind = Recognise['kind'];
type Recogniser<K extends RecogniseKind> = (rule: Extract<Recognise, { kind: K }>, finding: Finding) => boolean;

const inOperations = (operations: readonly OperationId[] | undefined, finding: Finding) =>
  operations === undefined || (finding.operation !== undefined && operations.includes(finding.operation));

/** The request body as an object ({} for none, or for a body that is not an object: a negative case's). */
const body = (finding: Finding): Record<string, unknown> => {
  const sent = finding.exchange?.requestBody;
  return typeof sent === 'object' && sent !== null && !Array.isArray(sent) ? (sent as Record<string, unknown>) : {};
};

/** The Link variants a header shows (several links; an unquoted rel; links but no next). */
function linkVariants(header: string | undefined): Set<'several-links' | 'unquoted-rel' | 'links-without-next'> {
  const variants = new Set<'several-links' | 'unquoted-rel' | 'links-without-next'>();
  const links = parseLinkHeader(header);
  if (links.length === 0) return variants;
  if (links.length > 1 || links.some((l) => l.rels.length > 1)) variants.add('several-links');
  if (/;\s*rel\s*=\s*[^"\s]/i.test(header ?? '')) variants.add('unquoted-rel');
  if (!links.some((l) => l.rels.includes('next'))) variants.add('links-without-next');
  return variants;
}

const recognisers: { [K in RecogniseKind]: Recogniser<K> } = {
  message: (rule, f) =>
    f.aspect === 'message' &&
    f.exchange?.status === rule.status &&
    f.expectedMessage === rule.documented &&
    (!('observed' in rule) || rule.observed === undefined || (rule.observed as readonly string[]).includes(f.exchange?.message ?? '')),
  status: (rule, f) =>
    f.aspect === 'status' &&
    inOperations('operations' in rule ? rule.operations : undefined, f) &&
    f.expectedStatus === rule.documented &&
    (rule.observed as readonly number[]).includes(f.exchange?.status ?? -1) &&
    (!('bearer' in rule) || rule.bearer === undefined || rule.bearer === f.exchange?.bearer),
  code: (rule, f) =>
    f.aspect === 'code' && f.expectedCode === rule.documented && (rule.observed as readonly string[]).includes(f.exchange?.code ?? ''),
  property: (rule, f) =>
    (f.aspect === 'additive' || f.aspect === 'schema') &&
    inOperations(rule.operations, f) &&
    f.exchange?.status === rule.status &&
    f.issue?.keyword === 'additionalProperties' &&
    (rule.properties as readonly string[]).includes(f.issue.property ?? ''),
  schema: (rule, f) =>
    (f.aspect === 'schema' || f.aspect === 'additive') &&
    inOperations(rule.operations, f) &&
    new RegExp(rule.at).test(f.issue?.at ?? '') &&
    (rule.keyword === 'any' || f.issue?.keyword === rule.keyword),
  accepted: (rule, f) => {
    if (f.aspect !== 'status' || !inOperations(rule.operations, f) || f.expectedStatus !== rule.documented) return false;
    if ((f.exchange?.status ?? 0) >= 300) return false;
    const sent = body(f);
    const withAll = ('withProperties' in rule ? (rule.withProperties as readonly string[]) : []).every((p) => p in sent);
    const named = ('properties' in rule ? (rule.properties as readonly string[]) : []).some((p) => p in sent);
    const nulled = ('nullProperties' in rule ? (rule.nullProperties as readonly string[]) : []).some((p) => sent[p] === null);
    return withAll && (named || nulled);
  },
  refused: (rule, f) => {
    if (f.aspect !== 'status' || !inOperations(rule.operations, f) || f.exchange?.status !== rule.observed) return false;
    const value = body(f)[rule.property];
    return typeof value === 'string' && value.length > rule.longerThan;
  },
  // A probe's observation, or a failure about the Link header itself (its pattern, a check that
  // looked for rel="next") on an answer whose header shows the variant.
  link: (rule, f) =>
    f.aspect === 'observation'
      ? f.observed === idOf(rule)
      : (f.issue?.at === 'header link' || (f.aspect === 'check' && /Link|last page/.test(f.expected))) &&
        linkVariants(f.exchange?.link).has(rule.variant),
  'headers-on-success': (rule, f) => f.aspect === 'observation' && f.observed === idOf(rule),
  'unknown-scopes': (rule, f) => f.aspect === 'observation' && f.observed === idOf(rule),
};

/** The register entry a rule belongs to. */
function idOf(rule: Recognise): DeviationId | undefined {
  return deviations.find((d) => d.recognise === rule)?.id;
}

/** The register entry a finding matches, if any. */
export function recognise(finding: Finding): Deviation | undefined {
  return deviations.find((d) => (recognisers[d.recognise.kind] as Recogniser<RecogniseKind>)(d.recognise, finding));
}

/**
 * Probes: what the register describes that no check fails on, looked for in every exchange. Each
 * yields an observation finding for the entry it saw.
 */
export function observe(exchange: Exchange, operation: OperationId): DeviationId[] {
  const seen: DeviationId[] = [];
  for (const d of deviations) {
    const r = d.recognise;
    if (
      r.kind === 'link' &&
      operation === 'listTokens' &&
      exchange.status === 200 &&
      linkVariants(exchange.headers.get('link') ?? undefined).has(r.variant)
    ) {
      seen.push(d.id);
    } else if (r.kind === 'headers-on-success' && exchange.status < 300 && r.headers.some((h) => exchange.headers.has(h))) {
      seen.push(d.id);
    } else if (r.kind === 'unknown-scopes' && operation === 'listScopes' && exchange.status === 200 && Array.isArray(exchange.json)) {
      const known = new Set<string>(scopeCatalogue.map((s) => s.id));
      if ((exchange.json as { id?: unknown }[]).some((s) => typeof s?.id === 'string' && !known.has(s.id))) seen.push(d.id);
    }
  }
  return seen;
}

export interface ClassifierOptions {
  /** Keys of findings the team accepted (`--baseline`). */
  baseline?: ReadonlySet<string>;
}

/** Tells known drift from new: the register first, then the baseline. */
export function classify(finding: Finding, options: ClassifierOptions = {}): ClassifiedFinding {
  const key = findingKey(finding);
  const deviation = finding.aspect === 'observation' ? deviations.find((d) => d.id === finding.observed) : recognise(finding);
  if (deviation) return { ...finding, class: 'known', deviation: deviation.id, key };
  if (options.baseline?.has(key)) return { ...finding, class: 'accepted', key };
  return { ...finding, class: 'new', key };
}
