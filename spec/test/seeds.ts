// Shared by the spec's tests: the seed documents and text extraction from them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** The two seed documents: the API reference (000_*) and the tutorial (004_*). */
export type SeedFile = 'reference' | 'tutorial';

export const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(specDir, '..');
/** The seed documents as CI provides them beside the clone (../shared/seeds). */
export const sharedSeedsDir = join(repoRoot, '..', 'shared', 'seeds');
/** The copy kept in the repo, so a clone without ../shared still tests. */
export const vendoredSeedsDir = join(specDir, 'seeds');

const prefixes: Record<SeedFile, string> = { reference: '000_', tutorial: '004_' };

export function seedFileName(dir: string, seed: SeedFile): string {
  const name = readdirSync(dir).find((f) => f.startsWith(prefixes[seed]) && f.endsWith('.txt'));
  if (!name) throw new Error(`No ${prefixes[seed]}*.txt in ${dir}`);
  return name;
}

export function readSeed(seed: SeedFile, dir = vendoredSeedsDir): string {
  return readFileSync(join(dir, seedFileName(dir, seed)), 'utf8');
}

export const sharedSeedsPresent = existsSync(sharedSeedsDir);

/** The balanced JSON value that starts at `start` (a `{` or `[`), as text. */
export function balancedJson(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`Unbalanced JSON at offset ${start}`);
}

/** Offsets of every top-level JSON example in a seed: a line that starts with `{` or `[`, outside another. */
export function jsonBlockOffsets(text: string): number[] {
  const offsets: number[] = [];
  let end = -1;
  for (const m of text.matchAll(/^[ \t]*[[{]/gm)) {
    const start = m.index! + m[0].length - 1;
    if (start < end) continue;
    offsets.push(start);
    end = start + balancedJson(text, start).length;
  }
  return offsets;
}

/** Offsets of every curl command in a seed. */
export function curlOffsets(text: string): number[] {
  return [...text.matchAll(/^(?:\$ )?curl /gm)].map((m) => m.index!);
}

export interface ParsedCurl {
  line: string;
  method: string;
  url: URL;
  body?: unknown;
}

export function parseCurl(text: string, start: number): ParsedCurl {
  const line = text.slice(start, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start)).replace(/^\$ /, '');
  const method = /-X (\w+)/.exec(line)?.[1] ?? 'GET';
  const data = /-d '([^']*)'/.exec(line)?.[1];
  const urlText = /(?:'|")(https:\/\/[^'"]+)(?:'|")\s*$/.exec(line)?.[1];
  if (!urlText) throw new Error(`No URL in curl command: ${line}`);
  return {
    line,
    method,
    url: new URL(urlText.replace(/[{}]/g, (c) => encodeURIComponent(c))),
    body: data === undefined ? undefined : JSON.parse(data),
  };
}

export interface ErrorTableRow {
  /** The "Response body code or message" cell, split where it lists several codes. */
  messages: string[];
  status: number;
  description: string;
}

/** The reference's "Tokens API errors" table, read from the seed text. */
export function seedErrorTable(reference = readSeed('reference')): ErrorTableRow[] {
  const start = reference.indexOf('Tokens API errors');
  const end = reference.indexOf('Tokens API restrictions and limits');
  const lines = reference
    .slice(start, end)
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines
    .filter((line) => !line.startsWith('Response body code or message'))
    .map((line) => {
      const match = /^(.+?)(\d{3})(.*)$/.exec(line);
      if (!match) throw new Error(`Unreadable error-table row: ${line}`);
      return { messages: match[1]!.split(', '), status: Number(match[2]), description: match[3]! };
    });
}
