// Validates requests and responses against the bundled document with JSON Schema 2020-12 (Ajv).
//
// Response schemas close their objects (additionalProperties: false). A property the spec does not
// know is *additive* drift: reported as a warning, not a failure. To tell it apart from a missing,
// mistyped or renamed property, each body is validated twice: against the document as written
// (strict) and against a copy whose objects are left open (lenient). Lenient failures are errors;
// what only the strict pass rejects is additive.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { kitReading, type OperationId, type RequestBody } from '@tokens-kit/types';
import bundledDocument from '../dist/openapi-document.js';
import type { JsonObject, OpenApiDocument } from './document-types.js';
import { operations, type OperationInfo } from './operations.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

export interface Issue {
  /** Where in the body (JSON pointer) or which header. */
  at: string;
  message: string;
  /** The JSON Schema keyword that failed (`status`, `content-type`, `body`, `header` for the checks around the schema). */
  keyword?: string;
  /** For a property the spec does not describe: its name. */
  property?: string;
  /**
   * Whether the rule broken is the documentation's, or the kit's inference where the documentation
   * is silent (a keyword the schema lists in its `x-kit-inference`).
   */
  basis: 'documented' | 'inference';
}

export interface ResponseCheck {
  /** Contract violations: undocumented status, wrong content type, body or header not as documented. */
  errors: Issue[];
  /** Additive drift: properties the spec does not describe. */
  warnings: Issue[];
}

export interface ObservedResponse {
  status: number;
  headers: Headers | Record<string, string | undefined>;
  /** The body as received ('' for none). */
  bodyText: string;
}

const DOC_ID = 'https://tokens-kit.local/openapi.json';

function openObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openObjects);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'additionalProperties' || key === 'unevaluatedProperties') && value === false) continue;
      out[key] = openObjects(value);
    }
    return out;
  }
  return node;
}

function makeAjv(doc: unknown): Ajv2020 {
  // strict: false because the document also holds OpenAPI keywords (example, x-*, discriminator).
  // verbose: each error carries the schema its keyword sits in (for its `x-kit-inference`).
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, validateFormats: true, verbose: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, DOC_ID);
  return ajv;
}

function describeWith(): (e: ErrorObject) => Issue {
  return (e) => {
    // `verbose` errors carry the schema the failing keyword sits in, wherever $refs led.
    const inferred = (e.parentSchema as JsonObject | undefined)?.['x-kit-inference'];
    const basis = Array.isArray(inferred) && inferred.includes(e.keyword) ? 'inference' : 'documented';
    if (e.keyword === 'additionalProperties') {
      const property = (e.params as { additionalProperty: string }).additionalProperty;
      return {
        at: e.instancePath || '/',
        message: `has a property the spec does not describe: "${property}"`,
        keyword: e.keyword,
        property,
        basis,
      };
    }
    const allowed = e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})` : '';
    return {
      at: e.instancePath || '/',
      message: `${e.message ?? e.keyword}${allowed} [${e.schemaPath.replace(DOC_ID, '')}]`,
      keyword: e.keyword,
      basis,
    };
  };
}

function headerValue(headers: ObservedResponse['headers'], name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : record[key];
}

export class ContractValidator {
  readonly doc: OpenApiDocument;
  private readonly strict: Ajv2020;
  private readonly lenient: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly describe: (e: ErrorObject) => Issue;

  /** `doc` is the bundled document unless given: the operation index's pointers point into it. */
  constructor(doc: OpenApiDocument = bundledDocument) {
    this.doc = doc;
    this.describe = describeWith();
    // The kit's reading (@tokens-kit/types' kitReading): what the spec publishes open, closed again.
    this.strict = makeAjv(kitReading(doc));
    this.lenient = makeAjv(openObjects(doc));
  }

  operation(operationId: OperationId): OperationInfo {
    const op = operations[operationId];
    if (!op) throw new Error(`The spec has no operation "${operationId}"`);
    return op;
  }

  private validatorFor(pointer: string, mode: 'strict' | 'lenient'): ValidateFunction {
    const key = `${mode} ${pointer}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = (mode === 'strict' ? this.strict : this.lenient).compile({ $ref: `${DOC_ID}${pointer}` });
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** Validates a value against a schema named in components/schemas. */
  validateSchema(name: string, value: unknown): Issue[] {
    if (!this.doc.components.schemas[name]) throw new Error(`The spec has no schema "${name}"`);
    return this.check(`#/components/schemas/${name}`, value).errors;
  }

  /** Validates a value against the schema at a JSON pointer inside the document. */
  check(pointer: string, value: unknown): ResponseCheck {
    const strict = this.validatorFor(pointer, 'strict');
    if (strict(value)) return { errors: [], warnings: [] };
    const strictIssues = (strict.errors ?? []).map(this.describe);
    const lenient = this.validatorFor(pointer, 'lenient');
    if (lenient(value)) return { errors: [], warnings: this.additive(strict, value) ?? strictIssues };
    return { errors: (lenient.errors ?? []).map(this.describe), warnings: [] };
  }

  /**
   * The properties the spec does not describe, in a value only the closed objects reject. Under a
   * `oneOf` every branch reports what it does not know (a created token's extra field makes the
   * temporary-token branch name every property): per object, the smallest set reported by one
   * schema is taken, and it is additive only if removing those sets makes the strict pass succeed.
   * Undefined when no such choice explains the failure.
   */
  private additive(strict: ValidateFunction, value: unknown): Issue[] | undefined {
    const byObject = new Map<string, Map<unknown, ErrorObject[]>>();
    for (const e of strict.errors ?? []) {
      if (e.keyword !== 'additionalProperties') continue;
      const bySchema = byObject.get(e.instancePath) ?? new Map<unknown, ErrorObject[]>();
      bySchema.set(e.parentSchema, [...(bySchema.get(e.parentSchema) ?? []), e]);
      byObject.set(e.instancePath, bySchema);
    }
    if (byObject.size === 0) return undefined;
    const chosen = [...byObject.values()].map((bySchema) => [...bySchema.values()].sort((a, b) => a.length - b.length)[0]!);
    const trimmed = structuredClone(value);
    for (const group of chosen) {
      const target = group[0]!.instancePath
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], trimmed) as Record<string, unknown> | undefined;
      for (const e of group) if (target) delete target[(e.params as { additionalProperty: string }).additionalProperty];
    }
    return strict(trimmed) ? chosen.flat().map(this.describe) : undefined;
  }

  /** The body, typed as the operation's documented request body, or the issues that make it not one. */
  checkRequestBody<Op extends OperationId>(
    operationId: Op,
    body: unknown,
  ): { body: RequestBody<Op>; issues?: undefined } | { body?: undefined; issues: Issue[] } {
    const issues = this.validateRequestBody(operationId, body);
    return issues.length ? { issues } : { body: body as RequestBody<Op> };
  }

  validateRequestBody(operationId: OperationId, body: unknown): Issue[] {
    const op = this.operation(operationId);
    if (!op.requestBody)
      return body === undefined ? [] : [{ at: '/', message: 'this operation takes no request body', keyword: 'body', basis: 'documented' }];
    // Requests are held to the document as written: an unknown property in a body is an error.
    const validate = this.validatorFor(op.requestBody.schemaPointer, 'strict');
    return validate(body) ? [] : (validate.errors ?? []).map(this.describe);
  }

  /**
   * Checks a query parameter as it arrives: text. It conforms if it does as text, or as the number
   * or boolean it spells (a query has no other types). A parameter the operation does not document
   * is not checked here.
   */
  validateQueryParameter(operationId: OperationId, name: string, value: string): Issue[] {
    const param = this.operation(operationId).query[name];
    if (!param) return [];
    const typed = /^-?\d+$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
    const issues = this.check(param.schemaPointer, typed).errors;
    return issues.length && this.check(param.schemaPointer, value).errors.length ? issues : [];
  }

  /** Checks one response against what the spec documents for the operation. */
  validateResponse(operationId: OperationId, response: ObservedResponse): ResponseCheck {
    const op = this.operation(operationId);
    const documented = op.responses[String(response.status)];
    if (!documented) {
      return {
        errors: [
          {
            at: 'status',
            message: `${response.status} is not a documented status (documented: ${Object.keys(op.responses).join(', ')})`,
            keyword: 'status',
            basis: 'documented',
          },
        ],
        warnings: [],
      };
    }
    const errors: Issue[] = [];
    const warnings: Issue[] = [];
    const contentType = headerValue(response.headers, 'content-type') ?? '';
    const hasBody = response.bodyText.length > 0;
    if (documented.schemaPointer) {
      if (!/^application\/json\b/i.test(contentType)) {
        errors.push({
          at: 'content-type',
          message: `expected application/json, got ${contentType || 'none'}`,
          keyword: 'content-type',
          basis: 'documented',
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(response.bodyText);
      } catch {
        errors.push({
          at: '/',
          message: hasBody ? `expected a JSON body, got: ${response.bodyText.slice(0, 80)}` : 'expected a JSON body, got none',
          keyword: 'body',
          basis: 'documented',
        });
      }
      if (body !== undefined) {
        const result = this.check(documented.schemaPointer, body);
        errors.push(...result.errors);
        warnings.push(...result.warnings);
      }
    } else {
      // A body on a response documented without one. HTTP clients drop a 204's body, so what
      // reaches them is its declared length.
      const declared = Number(headerValue(response.headers, 'content-length') ?? 0);
      if (hasBody || declared > 0) {
        errors.push({
          at: '/',
          message: `${response.status} is documented without a body, but one was sent${declared > 0 ? ` (content-length ${declared})` : ''}`,
          keyword: 'body',
          basis: 'documented',
        });
      }
    }
    for (const [name, header] of Object.entries(documented.headers)) {
      const value = headerValue(response.headers, name);
      if (value === undefined) {
        if (header.required)
          errors.push({ at: `header ${name}`, message: 'required header is missing', keyword: 'header', basis: 'documented' });
        continue;
      }
      const validate = this.validatorFor(header.schemaPointer, 'strict');
      const typed = /^-?\d+$/.test(value) && !validate(value) ? Number(value) : value;
      if (!validate(typed))
        errors.push({
          at: `header ${name}`,
          message: `${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is invalid'}`,
          keyword: 'header',
          basis: 'documented',
        });
    }
    return { errors, warnings };
  }
}

let shared: ContractValidator | undefined;

/**
 * The validator of the bundled document, one per process (made on first use): the simulator, a
 * conformance run's planning and its checks share its compiled schemas instead of each compiling
 * the same ones again. It holds no state but that cache.
 */
export function bundledValidator(): ContractValidator {
  shared ??= new ContractValidator();
  return shared;
}

export type { JsonObject, OpenApiDocument } from './document-types.js';
