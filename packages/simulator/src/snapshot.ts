// The simulator's state as one document — the accounts, their tokens and revocations, the signing
// key and the master token — for a state file (store.ts) and the admin API's snapshot and restore.
// Checked by one schema; browser-safe.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
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

// Compiled when first needed (a state file or an admin restore), not at every import.
let compiled: ValidateFunction | undefined;
const snapshotValidator = () => (compiled ??= new Ajv2020({ allErrors: false, strict: false }).compile(snapshotSchema));

/** A state file that cannot be used, with what is wrong with it. */
export class StateFileError extends Error {
  override name = 'StateFileError';
}

/** A snapshot as the schema requires it (a state file's content, or an admin restore's body). */
export function checkSnapshot(value: unknown, what: string, advice = ''): StateSnapshot {
  const validateSnapshot = snapshotValidator();
  if (!validateSnapshot(value)) {
    const e = validateSnapshot.errors?.[0];
    throw new StateFileError(`${what} is corrupt (${e?.instancePath || '/'} ${e?.message})${advice}`);
  }
  return value as StateSnapshot;
}

/** Where a simulator keeps its state across restarts. */
export interface StateStore {
  /** The saved snapshot, or undefined when there is none yet; throws StateFileError for an unusable one. */
  read(): StateSnapshot | undefined;
  write(snapshot: StateSnapshot): void;
}
