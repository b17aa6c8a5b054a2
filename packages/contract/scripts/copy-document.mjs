#!/usr/bin/env node
// Ships the spec's bundle inside this package (dist/openapi.json): @tokens-kit/spec is private, so
// what consumers install must carry the document itself.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const source = createRequire(import.meta.url).resolve('@tokens-kit/spec/openapi.json');
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(source, new URL('../dist/openapi.json', import.meta.url));
