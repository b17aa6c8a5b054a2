// Faults a team injects to test how its code copes, as WireMock and Microcks users ask for: per
// operation (or every one), for the next N calls or a fraction of calls — a status with its
// documented body, a delay, a dropped connection, or a malformed body. One JSON Schema checks them,
// from code and from a --faults file alike (Ajv), so both refuse the same mistakes in the same words.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { errorTable, operationIndex, type OperationId } from '@tokens-kit/types';

export interface Fault {
  /** The operation it applies to, or "*" for every one. */
  operation: OperationId | '*';
  /** Only the next `times` matching calls (default: every matching call until cleared). */
  times?: number;
  /** Only this fraction of matching calls, 0 < rate ≤ 1 (default 1). */
  rate?: number;
  /** Wait this long before answering (alone, or before one of the effects below). */
  delayMs?: number;
  /** Answer this status, with the documented body for it (429 with its rate-limit headers). */
  status?: number;
  /** Drop the connection without an answer. */
  drop?: true;
  /** Answer 200 with a body that is not JSON. */
  malformed?: true;
}

export const faultSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['operation'],
  properties: {
    operation: { enum: ['*', ...Object.keys(operationIndex)] },
    times: { type: 'integer', minimum: 1 },
    rate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
    delayMs: { type: 'integer', minimum: 0, maximum: 60_000 },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    drop: { const: true },
    malformed: { const: true },
  },
  // One effect at most; a delay alone is an effect of its own.
  anyOf: [
    {
      required: ['delayMs'],
      not: { anyOf: [{ required: ['status', 'drop'] }, { required: ['status', 'malformed'] }, { required: ['drop', 'malformed'] }] },
    },
    { required: ['status'], not: { anyOf: [{ required: ['drop'] }, { required: ['malformed'] }] } },
    { required: ['drop'], not: { anyOf: [{ required: ['status'] }, { required: ['malformed'] }] } },
    { required: ['malformed'], not: { anyOf: [{ required: ['status'] }, { required: ['drop'] }] } },
  ],
} as const;

// Compiled when first needed: most processes that import the simulator never check a fault, and
// compiling at import cost every one of them (the conformance run's workers too) ~80 ms.
let compiled: ValidateFunction | undefined;
const faultValidator = () => (compiled ??= new Ajv2020({ allErrors: true, strict: false }).compile(faultSchema));

/** A fault that does not fit the schema, with where and why. */
export class FaultError extends Error {
  override name = 'FaultError';
}

/** Checks one fault; throws FaultError saying what is wrong. */
export function checkFault(value: unknown, where = 'fault'): Fault {
  const validateFault = faultValidator();
  if (validateFault(value)) return value as Fault;
  const anyOfOnly = validateFault.errors?.every((e) => e.keyword === 'anyOf' || e.keyword === 'not' || e.keyword === 'required');
  const reason = anyOfOnly
    ? 'needs exactly one effect: status, drop or malformed (optionally after delayMs), or delayMs alone'
    : (validateFault.errors ?? [])
        .filter((e) => !['anyOf', 'not'].includes(e.keyword))
        .map(
          (e) =>
            `${e.instancePath.slice(1) || 'it'} ${e.message}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`,
        )
        .join('; ');
  throw new FaultError(`${where}: ${reason}`);
}

/** The faults in force, in the order they were added; the first that applies to a call is the one it meets. */
export class Faults {
  private active: { id: number; fault: Fault; remaining?: number }[] = [];
  private next = 1;

  constructor(private readonly random: () => number = Math.random) {}

  /** Adds a fault (checked); returns its id for `clear(id)`. */
  add(fault: Fault): number {
    const checked = checkFault(fault);
    const id = this.next++;
    this.active.push({ id, fault: checked, ...(checked.times ? { remaining: checked.times } : {}) });
    return id;
  }

  /** Removes one fault, or all of them. */
  clear(id?: number): void {
    this.active = id === undefined ? [] : this.active.filter((f) => f.id !== id);
  }

  /** The faults in force, with how many calls each has left. */
  list(): (Fault & { id: number; remaining?: number })[] {
    return this.active.map(({ id, fault, remaining }) => ({ ...fault, id, ...(remaining === undefined ? {} : { remaining }) }));
  }

  /** The fault a call of `operationId` meets, if any (counting it against `times`). */
  take(operationId: OperationId): Fault | undefined {
    for (const entry of this.active) {
      if (entry.fault.operation !== '*' && entry.fault.operation !== operationId) continue;
      if (entry.fault.rate !== undefined && this.random() >= entry.fault.rate) continue;
      if (entry.remaining !== undefined && --entry.remaining <= 0) this.active = this.active.filter((f) => f !== entry);
      return entry.fault;
    }
    return undefined;
  }
}

// Reason phrases for statuses the error table has no row for (node:http's table is Node-only).
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  418: "I'm a Teapot",
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The body a faulted status answers: the documented row for that status where there is one. */
export function faultBody(status: number): { message: string } {
  const row = errorTable.find((r) => r.status === status);
  return { message: row?.message ?? REASONS[status] ?? 'Error' };
}
