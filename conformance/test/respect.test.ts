// The tutorial as a standard workflow: the published Arazzo document (spec/dist/tutorial.arazzo.yaml)
// and the bundle beside it, run by Redocly Respect as a team that standardises on it would — green
// against the simulator and against one that adds properties (the published responses are open),
// every answer passing Respect's own schema check, and red against drifted servers. Nothing of the kit's runner is involved.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@tokens-kit/simulator';
import { afterAll, describe, expect, it } from 'vitest';
import { startMutantProxy, type Mutant } from './mutant-proxy.js';
import { additiveEverywhere, mutants } from './mutants.js';

const here = dirname(fileURLToPath(import.meta.url));
const workflow = join(here, '..', '..', 'spec', 'dist', 'tutorial.arazzo.yaml');
const redocly = join(here, '..', 'node_modules', '.bin', 'redocly');
const scratch = mkdtempSync(join(tmpdir(), 'tokens-respect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface StepOutcome {
  stepId: string;
  status: string;
  failed: string[];
}

/** Runs the workflow with Respect against a server; its exit code and each step's outcome. */
async function respect(mutant?: Mutant): Promise<{ code: number; steps: StepOutcome[] }> {
  const sim = await startSimulator({ username: 'tutorial', rateLimit: false, log: () => {} });
  const front = mutant ? await startMutantProxy(sim, mutant) : { url: sim.url, close: async () => {} };
  // Respect's JSON output holds the token unmasked: it stays in the scratch folder, removed after.
  const json = join(scratch, `${mutant?.id ?? 'faithful'}.json`);
  try {
    const code = await new Promise<number>((resolve) =>
      execFile(
        redocly,
        [
          'respect',
          workflow,
          '--server',
          `tokens=${front.url}`,
          '--input',
          `accessToken=${sim.token}`,
          '--input',
          `username=${sim.username}`,
          '--input',
          `expires=${new Date(sim.clock.now() + 30 * 60_000).toISOString()}`,
          '-J',
          json,
        ],
        { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, timeout: 60_000 },
        (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 1) : 0),
      ),
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as {
      files: Record<
        string,
        { executedWorkflows: { executedSteps: { stepId: string; status: string; checks: { name: string; passed: boolean }[] }[] }[] }
      >;
    };
    const steps = Object.values(report.files)[0]!.executedWorkflows[0]!.executedSteps.map((s) => ({
      stepId: s.stepId,
      status: s.status,
      failed: s.checks.filter((c) => !c.passed).map((c) => c.name),
    }));
    return { code, steps };
  } finally {
    await front.close();
    await sim.close();
  }
}

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
