// API coverage per target, as Specmatic reports it: every operation × documented status, and every
// error-table row — exercised, passed, or never reached — the query parameters and enum values
// exercised, and any status a target answered that the spec does not document for the operation.
import { operationIds, operations } from '@tokens-kit/contract';
import { loadDocument, resolvePointer } from '@tokens-kit/contract/validator';
import { errorTable, type OperationId } from '@tokens-kit/types';
import type { BehaviourResult } from '../model/result.js';

export interface TargetCoverage {
  target: string;
  /** Documented operation × status pairs: how often exercised, and how often in a behaviour that did not fail. */
  statuses: { operation: OperationId; status: number; exercised: number; passed: number }[];
  /** Share of the documented pairs exercised, 0–100. */
  percent: number;
  errorRows: { kind: string; status: number; exercised: boolean }[];
  parameters: { operation: OperationId; name: string; exercised: boolean }[];
  enumValues: { operation: OperationId; parameter: string; value: string; exercised: boolean }[];
  /** Statuses a target answered that the spec does not document for the operation. */
  undocumented: { operation: OperationId; status: number; count: number }[];
}

/** The enum values of a query parameter (true/false for a boolean one), or none. */
function enumValuesOf(pointer: string): string[] {
  const schema = resolvePointer<{ enum?: unknown[]; type?: string }>(loadDocument(), pointer);
  if (Array.isArray(schema.enum)) return schema.enum.map(String);
  return schema.type === 'boolean' ? ['true', 'false'] : [];
}

export function coverage(results: BehaviourResult[]): TargetCoverage[] {
  const targets = [...new Set(results.map((r) => r.target))];
  return targets.map((target) => {
    const mine = results.filter((r) => r.target === target);
    const seen = mine.flatMap((r) => r.exercised.map((e) => ({ ...e, passed: r.status !== 'fail' })));
    const statuses = operationIds.flatMap((operation) =>
      operations[operation].statuses.map((status) => {
        const hits = seen.filter((e) => e.operation === operation && e.status === status);
        return { operation, status, exercised: hits.length, passed: hits.filter((e) => e.passed).length };
      }),
    );
    const exercisedPairs = statuses.filter((s) => s.exercised > 0).length;
    const parameters = operationIds.flatMap((operation) =>
      Object.keys(operations[operation].query).map((name) => ({
        operation,
        name,
        exercised: seen.some((e) => e.operation === operation && name in e.query),
      })),
    );
    const enumValues = operationIds.flatMap((operation) =>
      Object.entries(operations[operation].query).flatMap(([parameter, { schemaPointer }]) =>
        enumValuesOf(schemaPointer).map((value) => ({
          operation,
          parameter,
          value,
          exercised: seen.some((e) => e.operation === operation && e.query[parameter] === value),
        })),
      ),
    );
    const undocumented = new Map<string, { operation: OperationId; status: number; count: number }>();
    for (const e of seen) {
      if ((operations[e.operation].statuses as readonly number[]).includes(e.status)) continue;
      const key = `${e.operation} ${e.status}`;
      undocumented.set(key, { operation: e.operation, status: e.status, count: (undocumented.get(key)?.count ?? 0) + 1 });
    }
    return {
      target,
      statuses,
      percent: Math.round((exercisedPairs / statuses.length) * 1000) / 10,
      errorRows: errorTable.map((row) => ({
        kind: row.kind,
        status: row.status,
        exercised: seen.some((e) => e.status === row.status && e.message === row.message),
      })),
      parameters,
      enumValues,
      undocumented: [...undocumented.values()],
    };
  });
}

/** A few lines per target: the figures, and what was never reached. */
export function coverageSummary(all: TargetCoverage[]): string {
  const lines = ['Coverage:'];
  for (const c of all) {
    const count = <T extends { exercised: boolean | number }>(xs: T[]) => `${xs.filter((x) => Boolean(x.exercised)).length}/${xs.length}`;
    lines.push(
      `  ${c.target}: ${count(c.statuses)} operation × status (${c.percent}%), error rows ${count(c.errorRows)}, parameters ${count(c.parameters)}, enum values ${count(c.enumValues)}`,
    );
    const never = c.statuses.filter((s) => s.exercised === 0).map((s) => `${s.operation} ${s.status}`);
    if (never.length) lines.push(`    never reached: ${never.join(', ')}`);
    if (c.undocumented.length)
      lines.push(`    answered but not documented: ${c.undocumented.map((u) => `${u.operation} ${u.status} (×${u.count})`).join(', ')}`);
  }
  return lines.join('\n');
}
