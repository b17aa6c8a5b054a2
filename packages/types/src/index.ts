// Named aliases over the generated types, so consumers write `TokenMetadata`, not
// `components['schemas']['TokenMetadata']`. Every type here is the spec's; nothing is restated.
import type { components as observedComponents } from './generated/observed.js';
import type { components, operations } from './generated/openapi.js';

export type { paths, components, operations, webhooks, $defs } from './generated/openapi.js';
export * from './generated/contract.js';
export { kitReading } from './kit-reading.js';

type Schemas = components['schemas'];

/** The token metadata object (every documented property). */
export type TokenMetadata = Schemas['TokenMetadata'];
/** A token as listed or updated: an sk token carries no `token`. */
export type StoredToken = Schemas['StoredToken'];
/** The response to creating a public or secret token: the metadata object with its `token`. */
export type CreatedToken = Schemas['CreatedToken'];
/** The response to creating a temporary token: `{ token: "tk.…" }`. */
export type TemporaryToken = Schemas['TemporaryToken'];
/** The body of "Retrieve a token": a `code` and the parsed `token`. */
export type RetrieveTokenResult = Schemas['RetrieveTokenResult'];
export type RetrievedPermanentToken = Schemas['RetrievedPermanentToken'];
export type RetrievedTemporaryToken = Schemas['RetrievedTemporaryToken'];
/** An entry of "List scopes". */
export type Scope = Schemas['Scope'];
/** The body of an error response: `{ message }`. */
export type ApiErrorBody = Schemas['Error'];
export type TokenUsage = Schemas['TokenUsage'];

export type CreateTokenRequest = Schemas['CreateTokenRequest'];
export type CreateTemporaryTokenRequest = Schemas['CreateTemporaryTokenRequest'];
export type UpdateTokenRequest = Schemas['UpdateTokenRequest'];

/** The decoded payload of a pk or sk token. */
export type TokenPayloadPermanent = Schemas['TokenPayloadPermanent'];
/** The decoded payload of a tk token. */
export type TokenPayloadTemporary = Schemas['TokenPayloadTemporary'];

/** The query of "List tokens": default, limit, sortby, start, usage. */
export type ListTokensQuery = NonNullable<operations['listTokens']['parameters']['query']>;

/** The JSON request body an operation documents (`never` for operations without one). */
export type RequestBody<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer Body } } ? Body : never;

/** Fields the API is observed to add to a temporary token's answer (the register's temporary-token-extra-fields). */
export type TemporaryTokenExtras = observedComponents['schemas']['TemporaryTokenExtras'];
/** Fields the API is observed to add to token metadata (the register's listed-token-extra-fields). */
export type TokenMetadataExtras = observedComponents['schemas']['TokenMetadataExtras'];
