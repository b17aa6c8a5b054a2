// The schemas reject what the documentation rules out. Each case names a valid baseline that the
// same schema accepts, so a schema that rejected everything could not pass.
import { describe, expect, it } from 'vitest';
import type { OperationId } from '@tokens-kit/types';
import { ContractValidator } from '../src/validator.js';

const validator = new ContractValidator();
const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://example${i}.test`);
const soon = () => new Date(Date.now() + 30 * 60_000).toISOString();

interface Case {
  name: string;
  /** A request body (operationId) or a parameter (components/parameters name). */
  target: { body: OperationId } | { parameter: string };
  valid: unknown;
  invalid: unknown;
}

const cases: Case[] = [
  {
    name: 'create body with an unknown property',
    target: { body: 'createToken' },
    valid: { scopes: ['styles:read'] },
    invalid: { scopes: ['styles:read'], colour: 'red' },
  },
  {
    name: 'update body with an unknown property',
    target: { body: 'updateToken' },
    valid: { note: 'x' },
    invalid: { note: 'x', expires: soon() },
  },
  {
    name: 'temporary-token body with an unknown property',
    target: { body: 'createToken' },
    valid: { expires: soon(), scopes: [] },
    invalid: { expires: soon(), scopes: [], usage: 'tk' },
  },
  { name: 'a usage other than pk or sk', target: { parameter: 'Usage' }, valid: 'sk', invalid: 'tk' },
  { name: 'a sortby other than created or modified', target: { parameter: 'SortBy' }, valid: 'modified', invalid: 'note' },
  { name: 'a limit below 1', target: { parameter: 'Limit' }, valid: 1, invalid: 0 },
  {
    name: 'create scopes that are not an array',
    target: { body: 'createToken' },
    valid: { scopes: ['styles:read'] },
    invalid: { scopes: 'styles:read' },
  },
  {
    name: 'update scopes that are not an array',
    target: { body: 'updateToken' },
    valid: { scopes: [] },
    invalid: { scopes: { 'styles:read': true } },
  },
  {
    name: 'temporary-token scopes that are not an array',
    target: { body: 'createToken' },
    valid: { expires: soon(), scopes: ['fonts:read'] },
    invalid: { expires: soon(), scopes: 'fonts:read' },
  },
  {
    name: 'create with more than 100 allowedUrls',
    target: { body: 'createToken' },
    valid: { scopes: [], allowedUrls: urls(100) },
    invalid: { scopes: [], allowedUrls: urls(101) },
  },
  {
    name: 'update with more than 100 allowedUrls',
    target: { body: 'updateToken' },
    valid: { allowedUrls: urls(100) },
    invalid: { allowedUrls: urls(101) },
  },
  {
    name: 'a temporary-token body with allowedUrls',
    target: { body: 'createToken' },
    valid: { expires: soon(), scopes: [] },
    invalid: { expires: soon(), scopes: [], allowedUrls: ['https://docs.mapbox.com'] },
  },
  {
    name: 'a temporary-token expires that is not a date-time',
    target: { body: 'createToken' },
    valid: { expires: '2018-11-18T06:30:00Z', scopes: [] },
    invalid: { expires: 'in an hour', scopes: [] },
  },
  { name: 'an empty update body', target: { body: 'updateToken' }, valid: { note: '' }, invalid: {} },
  {
    name: 'empty resources',
    target: { body: 'createToken' },
    valid: { scopes: [], resources: ['r'] },
    invalid: { scopes: [], resources: [] },
  },
  { name: 'a create body without scopes', target: { body: 'createToken' }, valid: { scopes: [] }, invalid: { note: 'no scopes' } },
];

function problems(c: Case, value: unknown) {
  return 'body' in c.target
    ? validator.validateRequestBody(c.target.body, value)
    : validator.check(`#/components/parameters/${c.target.parameter}/schema`, value).errors;
}

describe.each(cases)('the schema rejects $name', (c) => {
  it('accepts the valid baseline', () => expect(problems(c, c.valid)).toEqual([]));
  it('rejects the invalid variant', () => expect(problems(c, c.invalid)).not.toEqual([]));
});

describe('response schemas', () => {
  const list = validator.operation('listTokens').responses['200']!;
  const [pk, sk] = list.examples.ListTokens as Record<string, unknown>[];
  it('reject an sk token listed with its token', () => {
    expect(validator.check(list.schemaPointer!, [{ ...sk, token: 'sk.eyJ1IjoiYSIsImEiOiJiIn0.c2ln' }]).errors).not.toEqual([]);
  });
  it('reject a pk token listed without its token', () => {
    const { token: _token, ...withoutToken } = pk!;
    expect(validator.check(list.schemaPointer!, [withoutToken]).errors).not.toEqual([]);
  });
  it('report an unknown response property as additive drift (a warning), not an error', () => {
    expect(validator.check(list.schemaPointer!, [{ ...pk, colour: 'red' }])).toMatchObject({ errors: [], warnings: [{ at: '/0' }] });
  });
  it('reject a renamed property as an error', () => {
    const { allowedUrls, ...rest } = pk!;
    expect(validator.check(list.schemaPointer!, [{ ...rest, allowed_urls: allowedUrls, id: undefined }]).errors).not.toEqual([]);
  });
  it('reject a retrieve code outside the documented enum', () => {
    const retrieve = validator.operation('retrieveToken').responses['200']!;
    expect(
      validator.check(retrieve.schemaPointer!, { code: 'TokenOK', token: { usage: 'pk', user: 'u', authorization: 'a' } }).errors,
    ).not.toEqual([]);
  });
  it('reject a token string without three dot-separated parts', () => {
    expect(validator.validateSchema('TokenString', 'pk.onlytwo')).not.toEqual([]);
    expect(validator.validateSchema('TokenString', 'xx.a.b')).not.toEqual([]);
    expect(validator.validateSchema('TokenString', 'tk.a.b')).toEqual([]);
  });
});

describe('responses documented without a body', () => {
  it('fail when a body is sent, or declared by Content-Length (clients drop a 204 body)', () => {
    expect(validator.validateResponse('deleteToken', { status: 204, headers: {}, bodyText: '' })).toEqual({ errors: [], warnings: [] });
    expect(validator.validateResponse('deleteToken', { status: 204, headers: {}, bodyText: '{}' }).errors).not.toEqual([]);
    expect(
      validator.validateResponse('deleteToken', { status: 204, headers: { 'content-length': '16' }, bodyText: '' }).errors,
    ).not.toEqual([]);
  });
});
