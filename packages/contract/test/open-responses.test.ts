// The published document is open for extension in its responses, as a team's own tools read it,
// while the kit's validator closes them again and reports what an answer adds as a warning.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ContractValidator, loadDocument } from '../src/validator.js';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const published = loadDocument();
const stored = {
  id: 'cijucimbe000brbkt48d0dhcx',
  usage: 'pk',
  client: 'api',
  default: false,
  note: 'a token',
  scopes: ['styles:read'],
  created: '2018-01-25T19:07:07.621Z',
  modified: '2018-01-26T00:39:57.941Z',
  token: 'pk.eyJ1IjoiYSJ9.c2ln',
};

/** A plain Ajv with the published document, as a team validating the live API would set it up. */
function teamValidator(schema: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(published as object, 'published');
  return ajv.compile({ $ref: `published#/components/schemas/${schema}` });
}

describe('responses as published', () => {
  it('accept a property the API adds, in a plain Ajv', () => {
    const validate = teamValidator('StoredToken');
    expect(validate(stored)).toBe(true);
    expect(validate({ ...stored, expires: '2030-01-01T00:00:00Z', allowedApis: [] })).toBe(true);
    expect(
      teamValidator('RetrieveTokenResult')({ code: 'TokenValid', token: { usage: 'pk', user: 'a', authorization: 'x' }, extra: 1 }),
    ).toBe(true);
  });

  it('still refuse what the documentation rules out', () => {
    const validate = teamValidator('StoredToken');
    const { note: _note, ...withoutNote } = stored;
    expect(validate(withoutNote)).toBe(false);
    expect(validate({ ...stored, usage: 'xk' })).toBe(false);
    // An sk token is never listed with its secret.
    expect(validate({ ...stored, usage: 'sk', token: 'sk.eyJ1IjoiYSJ9.c2ln' })).toBe(false);
  });

  it('keep request bodies closed: a server is expected to refuse what it does not know', () => {
    expect(teamValidator('CreateTokenRequest')({ scopes: [], unknown: true })).toBe(false);
  });

  it("are closed again by the kit's validator, which reports the addition as a warning", () => {
    const result = new ContractValidator(published).check('#/components/schemas/StoredToken', { ...stored, allowedApis: [] });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ property: 'allowedApis', basis: 'inference' })]);
  });
});
