#!/usr/bin/env node
// Builds the kit's rendered documentation, as its readers meet it:
//   dist/index.html           the Tokens API reference (from @tokens-kit/spec's bundle): the API
//                             first in the sidebar (Tokens, Scopes), then the reference's own
//                             sections, the known deviations (the register) and the changelog; each
//                             operation with a cURL sample (the spec's) and a TypeScript one with
//                             @tokens-kit/client (samples/<operationId>.ts)
//   dist/simulator-admin.html the simulator's admin API (@tokens-kit/simulator/admin/openapi.yaml)
// The samples are type-checked against the client first: a renamed method fails this build.
// Both pages are self-contained, work offline and send no telemetry (test/*.browser.test.ts).
import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { renderDocs } from './render.mjs';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(docsDir, 'dist');
const require = createRequire(import.meta.url);
// The spec package's folder: its bundle is dist/openapi.json.
const specDir = join(dirname(require.resolve('@tokens-kit/spec/openapi.json')), '..');
const adminDocument = require.resolve('@tokens-kit/simulator/admin/openapi.yaml');

const CONFIDENCE = {
  'seen-live': 'seen live',
  'mapbox-code-or-spec': "Mapbox's own code or spec",
  'mapbox-issue': 'a Mapbox issue thread',
  inferred: 'inferred',
};

/** The register as a section of the page: one entry each, with its evidence links. */
function knownDeviationsMarkdown(register) {
  const entries = register.deviations.map((d) =>
    [
      `## ${d.title}`,
      '',
      `\`${d.id}\` — confidence: ${CONFIDENCE[d.confidence]}.`,
      '',
      `**Documented** (${d.documented.source}): “${d.documented.quote}”`,
      '',
      `**Observed**: ${d.observed}`,
      '',
      `**Evidence**: ${d.evidence.map((e) => `[${e.title}](${e.url})`).join('; ')}`,
      '',
      `**Simulator, observed profile**: ${d.simulate.exhibits ?? `not simulable — ${d.simulate.notSimulable}`}`,
    ].join('\n'),
  );
  return [
    'Where the Tokens API as Mapbox runs it is observed to depart from this documentation. The contract above stays the',
    "documentation's; these are recorded beside it (`spec/observed/deviations.yaml`). Conformance reports a finding that",
    'matches one as known drift, and `tokens-simulator --profile observed` plays those it can. The register is also an OpenAPI',
    'Overlay on this document (`spec/dist/observed.overlay.json`); `pnpm contract:observed` renders what it changes, entry by',
    'entry, classified breaking or not for a client written against this documentation (the documented-vs-observed page).',
    '',
    ...entries.flatMap((entry) => [entry, '']),
  ].join('\n');
}

/** The spec's changelog (written by changesets): each release a heading of its own. */
async function changelogMarkdown() {
  const text = await readFile(join(specDir, 'CHANGELOG.md'), 'utf8').catch(() => '');
  if (!text) return 'No release yet.';
  const body = text.replace(/^# .*\n+/, '').replace(/^### (Major|Minor|Patch) Changes$/gm, '#### $1 changes');
  return `Every version of this document, from \`spec/CHANGELOG.md\` (written by changesets).\n\n${body.trim()}`;
}

/**
 * The reference's own sections (the `## ` headings of info.description) as tags that hold only
 * text (Redoc's x-traitTag), listed after the API's tags: Redoc puts a description's headings
 * above every tag in the sidebar, and a reader comes for the operations first.
 */
function sectionsAsTags(description) {
  const [intro, ...sections] = description.split(/^## /m);
  return {
    intro: intro.trim(),
    tags: sections.map((section) => {
      const [name, ...body] = section.split('\n');
      return { name: name.trim(), description: body.join('\n').trim(), 'x-traitTag': true };
    }),
  };
}

async function typeCheckSamples() {
  try {
    await promisify(execFile)(join(docsDir, 'node_modules', '.bin', 'tsc'), ['-p', join(docsDir, 'tsconfig.samples.json')], {
      cwd: docsDir,
    });
  } catch (error) {
    throw new Error(`The TypeScript samples no longer type-check against @tokens-kit/client:\n${error.stdout || error.message}`);
  }
}

/** Each operation's TypeScript sample beside the spec's cURL one. */
async function withSamples(doc) {
  const files = new Set(await readdir(join(docsDir, 'samples')));
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      if (!operation?.operationId) continue;
      const file = `${operation.operationId}.ts`;
      if (!files.has(file)) throw new Error(`docs/samples/${file} is missing: every operation has a TypeScript sample`);
      const source = await readFile(join(docsDir, 'samples', file), 'utf8');
      operation['x-codeSamples'] = [...(operation['x-codeSamples'] ?? []), { lang: 'TypeScript', label: 'TypeScript', source }];
    }
  }
}

async function renderReference() {
  const doc = JSON.parse(await readFile(join(specDir, 'dist', 'openapi.json'), 'utf8'));
  const register = JSON.parse(await readFile(join(specDir, 'dist', 'deviations.json'), 'utf8'));
  const { intro, tags } = sectionsAsTags(doc.info.description);
  doc.info.description = intro;
  doc.tags = [
    ...doc.tags,
    ...tags,
    { name: 'Known deviations', description: knownDeviationsMarkdown(register), 'x-traitTag': true },
    { name: 'Changelog', description: await changelogMarkdown(), 'x-traitTag': true },
  ];
  await withSamples(doc);
  const source = join(distDir, 'reference.openapi.json');
  await writeFile(source, JSON.stringify(doc));
  return renderDocs(docsDir, doc, source, join(distDir, 'index.html'), 'Mapbox Tokens API');
}

try {
  await mkdir(distDir, { recursive: true });
  await typeCheckSamples();
  await Promise.all([
    renderReference(),
    readFile(adminDocument, 'utf8').then((text) =>
      renderDocs(docsDir, parse(text), adminDocument, join(distDir, 'simulator-admin.html'), 'Tokens API simulator — admin API'),
    ),
  ]);
  console.log('Rendered docs/dist/index.html (the reference) and docs/dist/simulator-admin.html.');
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
