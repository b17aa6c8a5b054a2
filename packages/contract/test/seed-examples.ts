// Every example printed in the two seed documents, as data: where it is in the seed (the text it
// follows), what it illustrates (operation and request/status, or a schema), and the named example
// in the spec that must reproduce it. The test extracts each one from the seed text itself.
import type { OperationId } from '@tokens-kit/types';
import type { SeedFile } from '../../../spec/test/seeds.js';

export type { SeedFile };

export interface SeedExample {
  id: string;
  seed: SeedFile;
  /** Text that precedes the example in the seed; the example is the first one after it. */
  after: string;
  kind: 'json' | 'curl';
  /** What the example illustrates. */
  target: { operationId: OperationId; request: true } | { operationId: OperationId; status: string } | { schema: string };
  /** The named example in the spec that reproduces it (request body or response examples). */
  namedExample?: string;
  /** Properties whose seed value is a `{placeholder}`, filled in the named example with a value of the documented format. */
  placeholders?: string[];
}

export const seedExamples: SeedExample[] = [
  { id: 'metadata-object', seed: 'reference', after: 'Example token metadata object', kind: 'json', target: { schema: 'TokenMetadata' } },
  {
    id: 'list-tokens-request',
    seed: 'reference',
    after: 'Example request: List tokens',
    kind: 'curl',
    target: { operationId: 'listTokens', request: true },
  },
  {
    id: 'list-tokens-response',
    seed: 'reference',
    after: 'Example response: List tokens',
    kind: 'json',
    target: { operationId: 'listTokens', status: '200' },
    namedExample: 'ListTokens',
  },
  {
    id: 'create-token-request',
    seed: 'reference',
    after: 'Example request: Create a token',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'CreatePublicToken',
  },
  {
    id: 'create-token-response',
    seed: 'reference',
    after: 'Example response: Create a token',
    kind: 'json',
    target: { operationId: 'createToken', status: '200' },
    namedExample: 'CreatedPublicToken',
  },
  {
    id: 'create-tk-request',
    seed: 'reference',
    after: 'Example request: Create a temporary token',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'CreateTemporaryToken',
  },
  {
    id: 'create-tk-request-body',
    seed: 'reference',
    after: 'Example request body: Create a temporary token',
    kind: 'json',
    target: { operationId: 'createToken', request: true },
    namedExample: 'CreateTemporaryTokenBody',
  },
  {
    id: 'create-tk-response',
    seed: 'reference',
    after: 'Example response: Create a temporary token',
    kind: 'json',
    target: { operationId: 'createToken', status: '200' },
    namedExample: 'CreatedTemporaryToken',
  },
  {
    id: 'update-token-request',
    seed: 'reference',
    after: 'Example request: Update a token',
    kind: 'curl',
    target: { operationId: 'updateToken', request: true },
    namedExample: 'UpdateToken',
  },
  {
    id: 'update-token-response',
    seed: 'reference',
    after: 'Example response: Update a token',
    kind: 'json',
    target: { operationId: 'updateToken', status: '200' },
    namedExample: 'UpdatedToken',
  },
  {
    id: 'delete-token-request',
    seed: 'reference',
    after: 'Example request: Delete a token',
    kind: 'curl',
    target: { operationId: 'deleteToken', request: true },
  },
  {
    id: 'retrieve-token-request',
    seed: 'reference',
    after: 'Example request: Retrieve a token',
    kind: 'curl',
    target: { operationId: 'retrieveToken', request: true },
  },
  {
    id: 'retrieve-pk-response',
    seed: 'reference',
    after: 'For a public token:',
    kind: 'json',
    target: { operationId: 'retrieveToken', status: '200' },
    namedExample: 'RetrievePublicToken',
  },
  {
    id: 'retrieve-tk-response',
    seed: 'reference',
    after: 'For a temporary token:',
    kind: 'json',
    target: { operationId: 'retrieveToken', status: '200' },
    namedExample: 'RetrieveTemporaryToken',
  },
  {
    id: 'list-scopes-request',
    seed: 'reference',
    after: 'Example request: List scopes',
    kind: 'curl',
    target: { operationId: 'listScopes', request: true },
  },
  {
    id: 'list-scopes-response',
    seed: 'reference',
    after: 'Example response (truncated): List scopes',
    kind: 'json',
    target: { operationId: 'listScopes', status: '200' },
    namedExample: 'ListScopesTruncated',
  },
  {
    id: 'tutorial-create-public',
    seed: 'tutorial',
    after: 'you can create a permanent/public token by using this command:',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'TutorialCreatePublicToken',
  },
  {
    id: 'tutorial-create-uploads',
    seed: 'tutorial',
    after: 'to create a token for interacting with the Uploads API',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'TutorialCreateUploadsToken',
  },
  {
    id: 'tutorial-created-uploads',
    seed: 'tutorial',
    after: 'Your response will look something like this:',
    kind: 'json',
    target: { operationId: 'createToken', status: '200' },
    namedExample: 'TutorialCreatedUploadsToken',
    placeholders: ['token'],
  },
  {
    id: 'tutorial-create-tk',
    seed: 'tutorial',
    after: 'you can create a temporary token by using this command:',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'TutorialCreateTemporaryToken',
  },
  {
    id: 'tutorial-create-uploads-tk',
    seed: 'tutorial',
    after: 'to create a temporary token for interacting with the Uploads API',
    kind: 'curl',
    target: { operationId: 'createToken', request: true },
    namedExample: 'TutorialCreateUploadsTemporaryToken',
  },
  {
    id: 'tutorial-created-tk',
    seed: 'tutorial',
    after: 'Your response should look something like this:',
    kind: 'json',
    target: { operationId: 'createToken', status: '200' },
    namedExample: 'TutorialCreatedTemporaryToken',
    placeholders: ['token'],
  },
];
