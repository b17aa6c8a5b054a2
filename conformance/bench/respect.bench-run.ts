// Redocly Respect running the published tutorial workflow (spec/dist/tutorial.arazzo.yaml) against
// the faithful simulator, a server that adds properties, and every drifted server of the project:
// which it catches, and what it sends. Outside the test command:
//   pnpm build && pnpm --filter @tokens-kit/conformance bench:respect
import { it } from 'vitest';
import { additiveEverywhere, mutants } from '../test/mutants.js';
import { offCatalogueMutants } from '../test/mutants-off-catalogue.js';
import { respect } from '../test/respect-runner.js';

it('Respect and the tutorial workflow on the same servers', async () => {
  const lines: string[] = [];
  const faithful = await respect();
  lines.push(
    `faithful simulator: exit ${faithful.code}, ${faithful.steps.filter((s) => s.status === 'success').length}/${faithful.steps.length} steps pass`,
  );
  const additive = await respect(additiveEverywhere);
  lines.push(
    `a server that adds properties to every answer: exit ${additive.code}, ${additive.steps.filter((s) => s.status === 'success').length}/${additive.steps.length} steps pass`,
  );
  const all = [...offCatalogueMutants, ...mutants];
  const caught: string[] = [];
  for (const mutant of all) if ((await respect(mutant)).code !== 0) caught.push(mutant.id);
  lines.push(`drifted servers: ${caught.length}/${all.length} caught (${faithful.steps.length} requests a run): ${caught.join(', ')}`);
  console.log(lines.join('\n'));
});
