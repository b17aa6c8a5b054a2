// Every named example in the spec validates against the schema it is attached to — with no
// property the schema does not describe.
import { describe, expect, it } from 'vitest';
import { operationIds, operations } from '../src/index.js';
import { ContractValidator } from '../src/validator.js';

const validator = new ContractValidator();

const cases: { name: string; pointer: string; value: unknown }[] = [];
for (const operationId of operationIds) {
  const op = operations[operationId];
  for (const [name, value] of Object.entries(op.requestBody?.examples ?? {})) {
    cases.push({ name: `${operationId} request ${name}`, pointer: op.requestBody!.schemaPointer, value });
  }
  for (const [status, response] of Object.entries(op.responses)) {
    for (const [name, value] of Object.entries(response.examples)) {
      cases.push({ name: `${operationId} ${status} ${name}`, pointer: response.schemaPointer!, value });
    }
  }
}
for (const [schemaName, schema] of Object.entries(validator.doc.components.schemas)) {
  for (const [i, value] of ((schema.examples as unknown[]) ?? []).entries()) {
    cases.push({ name: `schema ${schemaName} example ${i}`, pointer: `#/components/schemas/${schemaName}`, value });
  }
}

describe('named examples', () => {
  it('exist for every operation, and every component example is attached somewhere', () => {
    expect(cases.length).toBeGreaterThan(40);
    const attached = new Set(cases.map((c) => c.name.split(' ').at(-1)));
    for (const name of Object.keys(validator.doc.components.examples)) expect(attached).toContain(name);
  });

  it.each(cases)('$name validates against its schema', ({ pointer, value }) => {
    expect(validator.check(pointer, value)).toEqual({ errors: [], warnings: [] });
  });
});

describe('error responses', () => {
  const errorResponses = operationIds.flatMap((operationId) =>
    Object.entries(operations[operationId].responses)
      .filter(([status]) => Number(status) >= 400)
      .map(([status, response]) => ({ name: `${operationId} ${status}`, response })),
  );
  it.each(errorResponses)('$name names each of its documented messages in its description', ({ response }) => {
    const messages = Object.values(response.examples).map((v) => (v as { message: string }).message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(response.description).toContain(`\`${message}\``);
  });
});
