// The example GitHub Actions workflow stays runnable: every tokens-conformance command in it is
// accepted by the CLI (checked with --dry-run, which sends nothing).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from './support.js';

const workflow = parse(readFileSync(fileURLToPath(new URL('../examples/github-actions.yml', import.meta.url)), 'utf8'));
const steps: { name: string; run?: string; env?: Record<string, string> }[] = workflow.jobs.conformance.steps;
const commands = steps.filter((s) => s.run?.includes('npx tokens-conformance'));

describe('examples/github-actions.yml', () => {
  it('runs the suite and the cleanup', () => {
    expect(commands.map((s) => s.name)).toEqual(['Run the conformance suite', 'Remove tokens a cancelled run left behind']);
    expect(workflow.on).toHaveProperty('schedule');
  });

  it.each(commands.map((s) => [s.name, s] as const))('"%s" is accepted by the CLI', async (_name, step) => {
    const line = step
      .run!.replace(/\s+/g, ' ')
      .trim()
      .replace(/"\$\{\{[^}]*\}\}"/g, 'https://tokens.example.com');
    const args = line
      .replace(/^npx tokens-conformance ?/, '')
      .split(' ')
      .filter(Boolean);
    // Both parse every flag and contact nothing: --dry-run for a run, --help for cleanup.
    const offline = args[0] === 'cleanup' ? '--help' : '--dry-run';
    const { code, stderr } = await runCli([...args, offline], {
      MAPBOX_ACCESS_TOKEN: 'sk.eyJ1IjoiY2kiLCJhIjoieCJ9.c2lnbmF0dXJlLXNpZw',
      MAPBOX_USERNAME: 'ci',
    }).done;
    expect(code, stderr).toBe(0);
  });
});
