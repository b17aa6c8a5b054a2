// Delete, and what a deleted token can still do (nothing).
import { fail, READ, createStep, saved } from './checks.js';
import type { DocumentedBehaviour, StepContext } from '../../model/behaviour.js';

export const revocationBehaviours: DocumentedBehaviour[] = [
  {
    id: 'delete-token',
    title: 'Delete answers 204 No Content',
    origin: 'documented',
    source: { seed: 'reference', quote: 'HTTP 204 No Content' },
    needs: ['validation'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('to delete'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'delete',
        op: 'deleteToken',
        tokenId: saved('pk', 'id'),
        expect: { status: 204, check: (a) => fail(a.text === '', 'the 204 has a body') },
      },
    ],
  },
  {
    id: 'delete-revokes',
    title: 'A deleted token retrieves as TokenRevoked and authorizes nothing',
    origin: 'documented',
    source: { seed: 'reference', quote: 'This will revoke its authorization and remove its access to Mapbox APIs.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'sk', (s: StepContext) => ({ note: s.note('to revoke'), scopes: ['tokens:read'] })),
      { kind: 'request', name: 'use it', op: 'listTokens', as: saved('sk', 'token'), expect: { status: 200 } },
      { kind: 'request', name: 'delete', op: 'deleteToken', tokenId: saved('sk', 'id'), expect: { status: 204 } },
      { kind: 'request', name: 'retrieve', op: 'retrieveToken', as: saved('sk', 'token'), expect: { status: 200, code: 'TokenRevoked' } },
      {
        kind: 'request',
        name: 'use it again',
        op: 'listTokens',
        as: saved('sk', 'token'),
        expect: { status: 401, message: 'Unauthorized' },
      },
    ],
  },
];
