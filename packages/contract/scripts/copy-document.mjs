#!/usr/bin/env node
// Ships the spec's bundle inside this package (dist/openapi.json): @tokens-kit/spec is private, so
// what consumers install must carry the document itself.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
copyFileSync(new URL(import.meta.resolve('@tokens-kit/spec/openapi.json')), new URL('../dist/openapi.json', import.meta.url));
