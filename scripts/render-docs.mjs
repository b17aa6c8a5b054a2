#!/usr/bin/env node
// Renders an OpenAPI document to one self-contained HTML page that works offline, with Redocly's
// build-docs: the spec's reference and the simulator's admin API alike.
//   node scripts/render-docs.mjs INPUT OUTPUT TITLE   (from a package that has @redocly/cli)
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/** Runs the package's own redocly in `cwd`; a failure carries redocly's message, not our stack. */
export async function redocly(cwd, args) {
  try {
    await promisify(execFile)(join(cwd, 'node_modules', '.bin', 'redocly'), args, {
      cwd,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 << 20,
    });
  } catch (error) {
    throw new Error(`redocly ${args[0]} failed:\n${error.stderr || error.message}`);
  }
}

/** Renders `input` to `output` (paths relative to `cwd`). */
export async function renderDocs(cwd, input, output, title) {
  const out = resolve(cwd, output);
  await mkdir(dirname(out), { recursive: true });
  // --inlineBundle embeds Redoc's script instead of importing it from a CDN.
  await redocly(cwd, ['build-docs', input, '--inlineBundle', '--title', title, '-o', out]);
  // The inlined bundle still names Redocly's CDN for its attribution logo and icon packs. Point
  // them at an empty data URI: the logo hides itself when it cannot load, and the page asks
  // nothing of any CDN.
  const html = await readFile(out, 'utf8');
  await writeFile(out, html.replace(/https:\/\/cdn\.redoc(?:ly)?\.(?:ly|com)\/[^"'`\s)]*/g, 'data:,'));
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [input, output, title] = process.argv.slice(2);
  if (!input || !output || !title) {
    console.error('usage: node scripts/render-docs.mjs INPUT OUTPUT TITLE');
    process.exit(2);
  }
  try {
    await renderDocs(process.cwd(), input, output, title);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
