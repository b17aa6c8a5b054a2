// State that survives a restart (`--state FILE`): the accounts, their tokens and revocations, the
// signing key and the master token, written after each change — to a temporary file renamed over
// the old one, so a crash never leaves half a file — and loaded at start. A corrupt or foreign
// file is a clear error, never a silently empty simulator. The file holds tokens and the key: it
// is written readable by its owner only.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { TokenRecord } from './state.js';

export interface StateSnapshot {
  kind: 'tokens-simulator state';
  version: 1;
  secret: string;
  username: string;
  masterTokenId: string;
  counter: number;
  accounts: { username: string; tokens: TokenRecord[]; revoked: string[] }[];
}

const snapshotSchema = {
  type: 'object',
  required: ['kind', 'version', 'secret', 'username', 'masterTokenId', 'counter', 'accounts'],
  properties: {
    kind: { const: 'tokens-simulator state' },
    version: { const: 1 },
    secret: { type: 'string', minLength: 1 },
    username: { type: 'string', minLength: 1 },
    masterTokenId: { type: 'string', minLength: 1 },
    counter: { type: 'integer', minimum: 0 },
    accounts: {
      type: 'array',
      items: {
        type: 'object',
        required: ['username', 'tokens', 'revoked'],
        properties: {
          username: { type: 'string', minLength: 1 },
          revoked: { type: 'array', items: { type: 'string' } },
          tokens: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'usage', 'default', 'scopes', 'note', 'created', 'modified', 'token', 'createdWithoutScopes'],
              properties: {
                id: { type: 'string' },
                usage: { enum: ['pk', 'sk'] },
                default: { type: 'boolean' },
                scopes: { type: 'array', items: { type: 'string' } },
                note: { type: 'string' },
                created: { type: 'number' },
                modified: { type: 'number' },
                token: { type: 'string' },
                createdWithoutScopes: { type: 'boolean' },
                allowedUrls: { type: 'array', items: { type: 'string' } },
                resources: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validateSnapshot = new Ajv2020({ allErrors: false, strict: false }).compile(snapshotSchema);

/** A state file that cannot be used, with what is wrong with it. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** The snapshot in `file`, or undefined when there is no file yet. */
export function readSnapshot(file: string): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new StateFileError(`state file ${file} is corrupt (not JSON: ${(error as Error).message}); move it away to start afresh`);
  }
  if ((parsed as { kind?: unknown } | null)?.kind !== 'tokens-simulator state') {
    throw new StateFileError(`state file ${file} is not a tokens-simulator state file; refusing to overwrite it`);
  }
  return checkSnapshot(parsed, `state file ${file}`, '; move it away to start afresh');
}

/** A snapshot as the schema requires it (a state file's content, or an admin restore's body). */
export function checkSnapshot(value: unknown, what: string, advice = ''): StateSnapshot {
  if (!validateSnapshot(value)) {
    const e = validateSnapshot.errors?.[0];
    throw new StateFileError(`${what} is corrupt (${e?.instancePath || '/'} ${e?.message})${advice}`);
  }
  return value as StateSnapshot;
}

/** Writes the snapshot atomically: a temporary file beside it, renamed over it. */
export function writeSnapshot(file: string, snapshot: StateSnapshot): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(snapshot)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
