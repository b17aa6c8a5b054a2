// Every row of the reference's error table is in the spec: retrieve codes in the RetrieveCode enum,
// every other row as a named example with that exact message, on a response with that status.
import { describe, expect, it } from 'vitest';
import { operationIds, operations } from '../src/index.js';
import { ContractValidator } from '../src/validator.js';
import { seedErrorTable } from '../../../spec/test/seeds.js';

const validator = new ContractValidator();
const table = seedErrorTable();

describe('the seed error table', () => {
  it('has the 14 rows of the reference', () => {
    expect(table).toHaveLength(14);
    expect(table.map((r) => r.status)).toEqual([200, 200, 200, 401, 404, 404, 422, 422, 422, 422, 422, 422, 422, 500]);
  });

  it.each(table.filter((r) => r.status === 200))('$messages is a documented retrieve code', ({ messages }) => {
    const codes = validator.doc.components.schemas.RetrieveCode!.enum as string[];
    for (const code of messages) expect(codes).toContain(code);
  });

  it.each(table.filter((r) => r.status !== 200))('"$messages.0" is a named example on a $status response', ({ messages, status }) => {
    const attachedTo = operationIds.filter((id) =>
      Object.values(operations[id].responses[String(status)]?.examples ?? {}).some(
        (v) => (v as { message?: string }).message === messages[0],
      ),
    );
    expect(attachedTo).not.toEqual([]);
  });
});
