// The generic checks of exploration, named after what they catch (Schemathesis's way), one table
// of them: each takes a generated case and the answer it got, and returns the findings it earns.
import {
  DEFAULT_CLOCK_SKEW_MS,
  errorKindOf,
  nextLinkUri,
  observedErrorKindOf,
  operations,
  refusalApplies,
  type RuleContext,
} from '@tokens-kit/contract';
import { errorKinds, type OperationId } from '@tokens-kit/types';
import type { ExploreCase } from '../model/case.js';
import { TARGET } from '../plans/explore/cases.js';
import type { Exchange } from '../model/exchange.js';
import type { StepFinding } from '../model/findings.js';

const documented = (op: OperationId, status: number) => operations[op].statuses.includes(status);
const successOf = (op: OperationId) => operations[op].statuses.find((s) => s >= 200 && s < 300) ?? 200;
const messageOf = (exchange: Exchange) => (exchange.json as { message?: unknown } | undefined)?.message;
/** An error-table row, by its exact status and message, documented for the operation at that status. */
const documentedRow = (op: OperationId, exchange: Exchange) => {
  const message = messageOf(exchange);
  return typeof message === 'string' && documented(op, exchange.status) ? errorKindOf(exchange.status, message) : undefined;
};

/** What a check may know of the target: whether it enforces the documented rules (a mock does not). */
export interface CheckTarget {
  logic: boolean;
  /** The target's now (ms) when the answer came, as the run reads it (the simulator's clock; elsewhere the offset of the target's Date header). */
  now: number;
  /** The run's token's scopes, where the run knows them (the simulator's master token); a live sk token does not show them. */
  authorizingScopes?: readonly string[];
}

/** What the rules may know of the request a case sent (contract's refusalApplies). */
function ruleContext(c: ExploreCase, target: CheckTarget): RuleContext {
  return {
    now: target.now,
    skewMs: DEFAULT_CLOCK_SKEW_MS,
    ownAccount: true,
    authorizingUsage: 'sk',
    ...(target.authorizingScopes ? { authorizingScopes: target.authorizingScopes } : {}),
    // The token a case addresses: the one the behaviour created (public, with a scope), or an id no token has.
    ...(c.query.start === TARGET ? { startExists: true } : {}),
    ...(c.tokenId === undefined
      ? {}
      : {
          addressed: c.tokenId === 'target' ? { exists: undefined, usage: 'pk' as const, createdWithoutScopes: false } : { exists: false },
        }),
  };
}

/** The request a case sent, as the rules read it: the access token travels in the query (the run's, or the string retrieve inspects). */
const sent = (c: ExploreCase) => {
  const token = c.as?.kind === 'none' ? null : c.as?.kind === 'string' ? c.as.value : 'the run’s token';
  return {
    query: token === null ? c.query : { ...c.query, access_token: token },
    ...(c.body === undefined ? {} : { body: c.body }),
    accessToken: token,
  };
};

export const genericChecks: Record<string, (c: ExploreCase, exchange: Exchange, step: string, target: CheckTarget) => StepFinding[]> = {
  not_a_server_error: (c, exchange, step) => {
    if (exchange.status < 500) return [];
    // The one documented 500: an invalid `start`.
    if (c.op === 'listTokens' && 'start' in c.query && documentedRow(c.op, exchange) === 'InvalidStart') return [];
    return [
      {
        step,
        operation: c.op,
        aspect: 'status',
        expected: `not_a_server_error: no ${exchange.status}, which the spec documents only for an invalid start`,
        expectedStatus: successOf(c.op),
      },
    ];
  },
  status_code_conformance: (c, exchange, step) =>
    documented(c.op, exchange.status) || exchange.status >= 500
      ? []
      : [
          {
            step,
            operation: c.op,
            aspect: 'status',
            expected: `status_code_conformance: a status the spec documents for ${c.op} (${operations[c.op].statuses.join(', ')})`,
            expectedStatus: successOf(c.op),
          },
        ],
  positive_data_acceptance: (c, exchange, step, target) => {
    if (c.polarity !== 'positive' || exchange.status >= 500 || !documented(c.op, exchange.status)) return [];
    if (exchange.status < 300) return [];
    const kind = documentedRow(c.op, exchange);
    if (kind) {
      // A documented refusal is a right answer only where its rule applies to what was sent.
      if (!target.logic || refusalApplies(kind, c.op, sent(c), ruleContext(c, target)) !== 'no') return [];
      return [
        {
          step,
          operation: c.op,
          aspect: 'status',
          expected: `positive_data_acceptance: valid input accepted (${successOf(c.op)}), not refused as ${kind} ("${messageOf(exchange) as string}"): that rule does not apply to this request`,
          expectedStatus: successOf(c.op),
        },
      ];
    }
    // A documented row in other words (a variant the register records, such as "Not Found"): a
    // message finding, which the register's recognisers can explain.
    const message = messageOf(exchange);
    const variant = typeof message === 'string' ? observedErrorKindOf(exchange.status, message) : undefined;
    const row = variant && errorKinds.find(([kind, status]) => kind === variant.kind && status === exchange.status);
    if (row)
      return [
        {
          step,
          operation: c.op,
          aspect: 'message',
          expected: `positive_data_acceptance: the documented message "${row[2]}" of ${row[0]}, not "${message as string}"`,
          expectedMessage: row[2],
        },
      ];
    return [
      {
        step,
        operation: c.op,
        aspect: 'status',
        expected: `positive_data_acceptance: valid input accepted (${successOf(c.op)}) or refused by a documented rule with its exact message, not ${exchange.status} ${JSON.stringify(messageOf(exchange) ?? '')}`,
        expectedStatus: successOf(c.op),
      },
    ];
  },
  documented_rule_enforced: (c, exchange, step, target) => {
    // A request a documented rule surely refuses (an expiry far in the past, a scope the catalogue
    // does not have), accepted: the rule is not applied.
    if (!target.logic || c.polarity !== 'positive' || exchange.status >= 300 || exchange.status < 200) return [];
    const rules = ruleContext(c, target);
    const applying = errorKinds.map(([kind]) => kind).filter((kind) => refusalApplies(kind, c.op, sent(c), rules) === 'yes');
    const [kind] = applying;
    if (!kind) return [];
    const row = errorKinds.find(([k]) => k === kind)!;
    return [
      {
        step,
        operation: c.op,
        aspect: 'status',
        expected: `documented_rule_enforced: refused as ${kind} (${row[1]} "${row[2]}"), which applies to this request, not accepted with ${exchange.status}`,
        expectedStatus: row[1],
      },
    ];
  },
  negative_data_rejection: (c, exchange, step) => {
    if (c.polarity !== 'negative' || (exchange.status >= 400 && exchange.status < 500)) return [];
    const expectedStatus = documented(c.op, 422) ? 422 : 400;
    return [
      {
        step,
        operation: c.op,
        aspect: 'status',
        expected: `negative_data_rejection: input that breaks the schema (${c.what}) refused with a documented 4xx, not ${exchange.status}`,
        expectedStatus,
      },
    ];
  },
  response_reflects_request: (c, exchange, step, target) => {
    // A permanent token created or updated answers its metadata: what was sent is what it holds
    // (a mock answers its examples, so only a target that keeps the rules is held to it).
    if (!target.logic || c.polarity !== 'positive' || exchange.status !== 200 || (c.op !== 'createToken' && c.op !== 'updateToken'))
      return [];
    const sent = (c.body ?? {}) as Record<string, unknown>;
    if ('expires' in sent) return [];
    const got = (exchange.json ?? {}) as Record<string, unknown>;
    // Exactly as sent: the documentation states no trimming, case folding, de-duplication or reordering.
    const sameSet = (a: unknown, b: unknown) =>
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
    const differs = [
      'note' in sent && got.note !== sent.note ? `note ${JSON.stringify(got.note)}, sent ${JSON.stringify(sent.note)}` : undefined,
      'scopes' in sent && !sameSet(got.scopes, sent.scopes)
        ? `scopes ${JSON.stringify(got.scopes)}, sent ${JSON.stringify(sent.scopes)}`
        : undefined,
      'allowedUrls' in sent && !sameSet(got.allowedUrls, sent.allowedUrls)
        ? `allowedUrls ${JSON.stringify(got.allowedUrls)?.slice(0, 120)}, sent ${JSON.stringify(sent.allowedUrls)?.slice(0, 120)}`
        : undefined,
    ].filter(Boolean);
    return differs.length
      ? [
          {
            step,
            operation: c.op,
            aspect: 'check',
            expected: `response_reflects_request: the answer holds what was sent (${differs.join('; ')})`,
          },
        ]
      : [];
  },
  link_keeps_filters: (c, exchange, step, target) => {
    // Every filter of a listing (all but where it starts) holds on the page its Link names next
    // (a mock links its example page, whatever was asked).
    if (!target.logic || c.op !== 'listTokens' || exchange.status !== 200) return [];
    const next = nextLinkUri(exchange.headers.get('link'));
    if (!next) return [];
    const linked = new URL(next, 'https://link.invalid').searchParams;
    const lost = Object.entries(c.query)
      .filter(([name]) => name !== 'start' && name !== 'access_token')
      .filter(([name, value]) => linked.get(name) !== String(value))
      .map(([name, value]) => `${name}=${value}`);
    return lost.length
      ? [
          {
            step,
            operation: c.op,
            aspect: 'check',
            expected: `link_keeps_filters: the next page's Link keeps ${lost.join(', ')} (it names ${next})`,
          },
        ]
      : [];
  },
  ignored_auth: (c, exchange, step) =>
    c.polarity !== 'auth' || exchange.status === 401
      ? []
      : [
          {
            step,
            operation: c.op,
            aspect: 'status',
            expected: `ignored_auth: ${c.what} refused with 401, not ${exchange.status}`,
            expectedStatus: 401,
          },
        ],
};

/** Every finding an exchange earns: the generic checks, and the response validated against the spec. */
export function findingsOf(
  c: ExploreCase,
  exchange: Exchange,
  step: string,
  target: CheckTarget,
  validationFindings: (op: OperationId, step: string, exchange: Exchange) => StepFinding[],
): StepFinding[] {
  const findings = Object.values(genericChecks).flatMap((check) => check(c, exchange, step, target));
  // response_schema_conformance: only where the status is documented (otherwise the status finding says it).
  if (documented(c.op, exchange.status)) findings.push(...validationFindings(c.op, step, exchange));
  return findings;
}
