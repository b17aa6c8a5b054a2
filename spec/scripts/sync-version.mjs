#!/usr/bin/env node
// The document's version (info.version in spec/openapi.yaml) is the spec package's version, which
// changesets sets: `pnpm version-packages` runs this after `changeset version` to write it into the
// document. The spec build refuses a document whose version differs (build.mjs, checkVersion).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(await readFile(join(specDir, 'package.json'), 'utf8'));
const file = join(specDir, 'openapi.yaml');
const yaml = await readFile(file, 'utf8');
// The first `version:` inside the top-level `info:` block (a text edit keeps the file as written).
const INFO_VERSION = /^(info:\n(?:[ \t]+.*\n)*?[ \t]+version:[ \t]*)\S+$/m;
if (!INFO_VERSION.test(yaml)) {
  console.error('spec/openapi.yaml: no info.version to set');
  process.exit(1);
}
await writeFile(file, yaml.replace(INFO_VERSION, `$1${version}`));
console.log(`spec/openapi.yaml info.version = ${version}`);
