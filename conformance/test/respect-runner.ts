// Runs the published tutorial workflow (spec/dist/tutorial.arazzo.yaml, beside the bundle) with
// Redocly Respect against the simulator, or a drifted server in front of it: Respect's exit code
// and each step's outcome. Shared by test/respect.test.ts and bench/respect.bench-run.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@tokens-kit/simulator';
import { startMutantProxy, type Mutant } from './mutant-proxy.js';

const here = dirname(fileURLToPath(import.meta.url));
const workflow = join(here, '..', '..', 'spec', 'dist', 'tutorial.arazzo.yaml');
const redocly = join(here, '..', 'node_modules', '.bin', 'redocly');

export interface StepOutcome {
  stepId: string;
  status: string;
  failed: string[];
}

/** Runs the workflow with Respect against a server; its exit code and each step's outcome. */
export async function respect(mutant?: Mutant): Promise<{ code: number; steps: StepOutcome[] }> {
  const sim = await startSimulator({ username: 'tutorial', rateLimit: false, log: () => {} });
  const front = mutant ? await startMutantProxy(sim, mutant) : { url: sim.url, close: async () => {} };
  // Respect's JSON output holds the token unmasked: it stays in a scratch folder, removed after.
  const scratch = mkdtempSync(join(tmpdir(), 'tokens-respect-'));
  const json = join(scratch, 'report.json');
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
    rmSync(scratch, { recursive: true, force: true });
    await front.close();
    await sim.close();
  }
}
