#!/usr/bin/env node
// Generated files are committed (consumers read them without building) and never edited by hand.
// Run after a build: if the build changed any of them, the committed copy was stale.
import { execFileSync } from 'node:child_process';

const generated = [
  'spec/dist/openapi.yaml',
  'spec/dist/openapi.json',
  'spec/dist/deviations.json',
  'spec/dist/observed.overlay.json',
  'spec/dist/tutorial.arazzo.yaml',
  'packages/types/src/generated',
];

let inGit = true;
try {
  execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { stdio: 'ignore' });
} catch {
  inGit = false;
}
if (!inGit) {
  console.log('check-generated: not a git checkout, nothing to compare against.');
  process.exit(0);
}
const changed = execFileSync('git', ['status', '--porcelain', '--', ...generated], { encoding: 'utf8' }).trim();
if (changed) {
  console.error(`Stale generated files: the build changed what is committed.\n${changed}\nRun \`pnpm build\` and commit the result.`);
  process.exit(1);
}
console.log('check-generated: committed generated files match the build.');
