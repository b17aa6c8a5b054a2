// The tutorial as a standard workflow: the published Arazzo document (spec/dist/tutorial.arazzo.yaml)
// and the bundle beside it, run by Redocly Respect as a team that standardises on it would — green
// against the simulator and against one that adds properties (the published responses are open),
// every answer passing Respect's own schema check, and red against drifted servers. Nothing of the
// kit's runner is involved.
import { describe, expect, it } from 'vitest';
import { additiveEverywhere, mutants } from './mutants.js';
import { respect } from './respect-runner.js';

describe('the tutorial workflow in Redocly Respect', () => {
  it('runs green against the simulator: every step, every schema check', async () => {
    const { code, steps } = await respect();
    expect(steps.map((s) => [s.stepId, s.status, s.failed])).toEqual(
      [
        'create-token-that-creates-tokens',
        'create-public-token',
        'create-temporary-token',
        'retrieve-temporary-token',
        'see-the-new-tokens',
        'delete-public-token',
        'delete-token-that-creates-tokens',
      ].map((id) => [id, 'success', []]),
    );
    expect(code).toBe(0);
  }, 90_000);

  it('runs green against a server that adds properties to every answer: the published responses are open', async () => {
    const { code, steps } = await respect(additiveEverywhere);
    expect(steps.filter((s) => s.status !== 'success')).toEqual([]);
    expect(steps).toHaveLength(7);
    expect(code).toBe(0);
  }, 90_000);

  it.each([
    ['create-201', 'create-token-that-creates-tokens', 'success criteria check'],
    ['renamed-retrieve-code', 'retrieve-temporary-token', 'schema check'],
  ])(
    'fails against the drifted server "%s", at step %s (%s)',
    async (id, stepId, check) => {
      const { code, steps } = await respect(mutants.find((m) => m.id === id)!);
      expect(code).not.toBe(0);
      const step = steps.find((s) => s.stepId === stepId);
      expect(step?.status).toBe('error');
      expect(step?.failed).toContain(check);
    },
    90_000,
  );
});
