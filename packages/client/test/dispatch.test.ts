// The client's request path against openapi-fetch's own `createClient` (default serializers, a real
// Request per call) as the reference: for every operation in the spec, every documented answer
// with its named examples, and the wire's awkward answers, both must send the same request and
// resolve (or reject) to the same thing. Cases come from the bundled spec, not hand-typed fixtures.
import { fillPath, operationIds, operations as operationIndex, type OperationInfo } from '@tokens-kit/contract';
import { loadDocument, resolvePointer } from '@tokens-kit/contract/validator';
import type { OperationId, paths } from '@tokens-kit/types';
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createDispatcher, withAccessToken, type Outgoing } from '../src/dispatch.js';
import { CANARY } from './fake-fetch.js';

const baseUrl = 'https://api.example.test';
const spec = loadDocument();
const operations = operationIds.map((operationId: OperationId) => ({ operationId, ...operationIndex[operationId] }));
type Operation = OperationInfo & { operationId: OperationId };

/** Path values with characters that must be encoded, and a query with every documented filter. */
const pathValues: Record<string, string> = { username: 'al ice/x', token_id: 'c?k#1{2}' };
function queryFor(operation: Operation): Record<string, unknown> | undefined {
  const parameters = Object.entries(operation.query);
  if (parameters.length === 0) return undefined;
  const sample = (schema: { type?: string; enum?: string[] }) =>
    schema.enum ? schema.enum.at(-1) : schema.type === 'boolean' ? false : schema.type === 'integer' ? 25 : 'c k/+&=é';
  return Object.fromEntries(parameters.map(([name, p]) => [name, sample(resolvePointer(spec, p.schemaPointer))]));
}

/** What the server sends back in one case. */
interface ServerAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}
/** Every documented answer of the operation, each named example as its own case. */
function documentedAnswers(operation: Operation): [string, ServerAnswer][] {
  return Object.entries(operation.responses).flatMap(([statusText, response]) => {
    const status = Number(statusText);
    const bodies = Object.entries(response.examples);
    if (bodies.length === 0) return [[`${status}`, { status, headers: {}, body: null }] as [string, ServerAnswer]];
    return bodies.map(([name, value]): [string, ServerAnswer] => {
      const body = JSON.stringify(value);
      return [
        `${status} ${name}`,
        { status, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, body },
      ];
    });
  });
}
/** What a server may send that the examples do not show. */
const wireAnswers: [string, ServerAnswer][] = [
  ['200 empty, Content-Length: 0', { status: 200, headers: { 'content-length': '0' }, body: '' }],
  ['200 empty, no Content-Length', { status: 200, headers: {}, body: '' }],
  ['200 JSON, no Content-Length', { status: 200, headers: { 'content-type': 'application/json' }, body: '[{"id":"x"}]' }],
  ['200 not JSON', { status: 200, headers: { 'content-length': '9' }, body: '<html/>!!' }],
  ['200 not JSON, no Content-Length', { status: 200, headers: {}, body: 'oops' }],
  ['500 text', { status: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal Server Error' }],
  ['404 empty', { status: 404, headers: { 'content-length': '0' }, body: '' }],
];

interface Sent {
  method: string;
  url: string;
  contentType: string | null;
  body: string | null;
}
type Call = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const respond = (answer: ServerAnswer) => new Response(answer.body, { status: answer.status, headers: answer.headers });
/** Resolved answers compare by status and content; rejections by their error's class. */
const settle = (pending: Promise<{ data?: unknown; error?: unknown; response: Response }>) =>
  pending.then(
    ({ data, error, response }) => ({ status: response.status, data, error }),
    (error: unknown) => ({ rejected: (error as Error).constructor.name }),
  );

async function viaOpenapiFetch(operation: Operation, init: { params: object; body?: unknown }, answer: ServerAnswer) {
  const sent: Sent[] = [];
  const reference = createClient<paths>({
    baseUrl,
    fetch: async (request: Request) => {
      const body = await request.text();
      sent.push({ method: request.method, url: request.url, contentType: request.headers.get('content-type'), body: body || null });
      return respond(answer);
    },
  });
  // openapi-fetch's default query serializer, with the token as the last query parameter unless
  // the call names an access_token of its own.
  const params = init.params as { query?: Record<string, unknown> };
  const query = params.query && 'access_token' in params.query ? params.query : { ...params.query, access_token: CANARY };
  const call = reference[operation.method as 'GET'] as unknown as Call;
  return { answer: await settle(call(operation.path, { ...init, params: { ...params, query } })), sent };
}

async function viaClientPath(operation: Operation, init: { params: object; body?: unknown }, answer: ServerAnswer) {
  const sent: Sent[] = [];
  const api = createDispatcher({
    baseUrl,
    pathSerializer: fillPath,
    querySerializer: withAccessToken(CANARY),
    send: async (request: Outgoing) => {
      sent.push({
        method: request.method,
        url: new URL(request.url).href,
        contentType: request.headers?.['Content-Type'] ?? null,
        body: request.body ?? null,
      });
      return respond(answer);
    },
  });
  const call = api[operation.method as 'GET'] as unknown as Call;
  return { answer: await settle(call(operation.path, init)), sent };
}

const cases = operations.flatMap((operation) => {
  const path = Object.fromEntries(operation.pathParams.map((name) => [name, pathValues[name]]));
  const query = queryFor(operation);
  const requests: [string, { params: object; body?: unknown }][] = [];
  if (operation.requestBody) {
    for (const [name, body] of Object.entries(operation.requestBody.examples)) requests.push([`body ${name}`, { params: { path }, body }]);
  } else {
    requests.push(['no query', { params: operation.pathParams.length ? { path } : {} }]);
    if (query) requests.push(['every query parameter', { params: { path, query } }]);
  }
  return requests.flatMap(([requestName, init]) =>
    [...documentedAnswers(operation), ...wireAnswers].map(([answerName, answer]) => ({
      name: `${operation.operationId}, ${requestName}, answer ${answerName}`,
      operation,
      init,
      answer,
    })),
  );
});

describe("the client's request path answers as openapi-fetch's createClient does", () => {
  it('covers every operation, every documented status and every request-body example', () => {
    for (const operation of operations) {
      const covered = cases.filter((c) => c.operation === operation);
      for (const status of Object.keys(operation.responses))
        expect(covered.some((c) => c.answer.status === Number(status) && c.answer.body !== '')).toBe(true);
      for (const name of Object.keys(operation.requestBody?.examples ?? {}))
        expect(covered.some((c) => c.name.includes(`body ${name},`))).toBe(true);
    }
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, { operation, init, answer }) => {
    const expected = await viaOpenapiFetch(operation, init, answer);
    const actual = await viaClientPath(operation, init, answer);
    expect(actual.sent).toEqual(expected.sent);
    expect(actual.answer).toEqual(expected.answer);
  });
});
