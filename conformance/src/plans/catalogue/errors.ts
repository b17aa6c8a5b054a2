// The error table: every row a client can provoke, by its exact message.
import { READ, createStep, saved } from './checks.js';
import type { DocumentedBehaviour, StepContext } from '../../model/behaviour.js';

export const errorBehaviours: DocumentedBehaviour[] = [
  {
    id: 'unauthorized-no-token',
    title: 'A request without a token is 401 Unauthorized',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The token used in the query was not valid, or no token was used in the query.' },
    needs: ['validation'],
    steps: [{ kind: 'request', name: 'list without token', op: 'listTokens', as: null, expect: { status: 401, message: 'Unauthorized' } }],
  },
  {
    id: 'unauthorized-bad-token',
    title: 'A request with an invalid token is 401 Unauthorized',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The token used in the query was not valid, or no token was used in the query.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'list with a bad token',
        op: 'listTokens',
        as: 'sk.eyJ1IjoidG9rZW5zLWNvbmZvcm1hbmNlIiwiYSI6Im5vbmUifQ.bm90LWEtcmVhbC1zaWduYXR1cmU',
        expect: { status: 401, message: 'Unauthorized' },
      },
    ],
  },
  {
    id: 'not-found-missing-scope',
    title: 'A token without tokens:read cannot list: 404 Not found',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote: 'The access token used in the query needs the tokens:read (to list) or tokens:write scope (to create, update, or delete).',
    },
    needs: ['logic', 'state'],
    steps: [
      createStep('create a token without tokens:read', 'weak', (s: StepContext) => ({ note: s.note('no tokens:read'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'list with it',
        op: 'listTokens',
        as: saved('weak', 'token'),
        expect: { status: 404, message: 'Not found' },
      },
      {
        kind: 'request',
        name: 'create with it',
        op: 'createToken',
        as: saved('weak', 'token'),
        body: (s: StepContext) => ({ note: s.note('never'), scopes: [READ] }),
        expect: { status: 404, message: 'Not found' },
      },
      // The same rule for a temporary-token bearer (the bearer Mapbox's own tools see 403 with).
      {
        kind: 'request',
        name: 'create a temporary token without tokens:read',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(600), scopes: [READ] }),
        save: 'weakTemporary',
        expect: { status: 200 },
      },
      {
        kind: 'request',
        name: 'list with the temporary token',
        op: 'listTokens',
        as: saved('weakTemporary', 'token'),
        expect: { status: 404, message: 'Not found' },
      },
    ],
  },
  {
    id: 'no-such-user',
    title: 'An unknown username is 404 No such user',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Check the username used in the query.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'list another username',
        op: 'listTokens',
        username: 'tokens-conformance-no-such-user-0000',
        expect: { status: 404, message: 'No such user' },
      },
    ],
  },
  {
    id: 'access-token-required',
    title: 'Retrieve without a token is 422 access token is required',
    origin: 'documented',
    source: { seed: 'reference', quote: 'No access token was used in the query.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'retrieve without token',
        op: 'retrieveToken',
        as: null,
        expect: { status: 422, message: 'access token is required' },
      },
    ],
  },
  {
    id: 'usage-invalid',
    title: 'usage other than pk or sk is 422 usage must be pk or sk',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The usage parameter must be one of pk (public token) or sk (secret token).' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'list usage=tk',
        op: 'listTokens',
        query: { usage: 'tk' },
        expect: { status: 422, message: 'usage must be pk or sk' },
      },
    ],
  },
  {
    id: 'resources-invalid',
    title: 'Empty resources are refused',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote:
        'When creating or updating a token, the resources in the body are malformed, empty, or require higher permissions that those of the creating token.',
    },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'create',
        op: 'createToken',
        body: (s: StepContext) => ({ note: s.note('resources'), scopes: [READ], resources: [] }),
        expect: { status: 422, message: 'resources are invalid' },
      },
    ],
  },
  {
    id: 'invalid-start',
    title: 'An invalid start answers 500 Internal Server Error',
    origin: 'documented',
    source: { seed: 'reference', quote: 'This error can occur if the start value is not valid.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'list',
        op: 'listTokens',
        query: { start: 'tokens-conformance-no-such-token' },
        expect: { status: 500, message: 'Internal Server Error' },
      },
    ],
  },
];
