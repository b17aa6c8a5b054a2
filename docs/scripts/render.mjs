// Renders an OpenAPI document to one self-contained HTML page that works offline, with Redocly's
// build-docs: the API reference and the simulator's admin API alike (build.mjs).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stringify } from 'yaml';
import { redocly } from '../../scripts/redocly.mjs';

/** Where Redoc's attribution link points. */
export const REDOC_HOME = 'https://redocly.com/redoc/';

/**
 * Redoc's options for a page: no telemetry (Redoc 3 would post page views to Redocly's collector),
 * and the code-sample languages, one per label the document's x-codeSamples use (Redoc shows a
 * sample only under a language whose label matches its own): the spec's shell samples first, in
 * the order they appear, then the others (the docs' TypeScript).
 */
function redocOptions(doc) {
  const languages = new Map();
  for (const item of Object.values(doc.paths ?? {}))
    for (const operation of Object.values(item))
      for (const { lang, label = lang } of operation?.['x-codeSamples'] ?? []) languages.set(label, lang === 'Shell' ? 'curl' : lang);
  const ordered = [...languages].sort(([, a], [, b]) => Number(a !== 'curl') - Number(b !== 'curl'));
  return { disableTelemetry: true, codeSamples: { languages: ordered.map(([label, lang]) => ({ lang, label })) } };
}

/** Renders the document `doc`, written to `input`, to `output` (paths relative to `cwd`). */
export async function renderDocs(cwd, doc, input, output, title) {
  const out = resolve(cwd, output);
  await mkdir(dirname(out), { recursive: true });
  const config = `${out}.redocly.yaml`;
  await writeFile(config, stringify({ openapi: redocOptions(doc) }));
  // --inlineBundle embeds Redoc's script instead of importing it from a CDN.
  await redocly(cwd, ['build-docs', input, '--config', config, '--inlineBundle', '--title', title, '-o', out]);
  // The inlined bundle still names Redocly's CDN for its attribution logo and icon packs. Point
  // them at an empty data URI, so the page asks nothing of any CDN; the logo then hides itself,
  // and the attribution says "Redocly" in text instead (a stylesheet of ours), not a broken image.
  const html = await readFile(out, 'utf8');
  const attribution = `<style>a[href="${REDOC_HOME}"] p::after { content: " Redocly"; }</style>`;
  await writeFile(
    out,
    html.replace(/https:\/\/cdn\.redoc(?:ly)?\.(?:ly|com)\/[^"'`\s)]*/g, 'data:,').replace('</head>', `${attribution}</head>`),
  );
  return out;
}
