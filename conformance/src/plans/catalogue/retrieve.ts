// Retrieve: the codes a token retrieves as.
import { fail, holds, retrieved, READ, createStep, saved, created } from './checks.js';
import type { DocumentedBehaviour, StepContext } from '../../model/behaviour.js';

export const retrieveBehaviours: DocumentedBehaviour[] = [
  {
    id: 'retrieve-token',
    title: "Retrieve answers the token's code and parsed body",
    origin: 'documented',
    source: { seed: 'reference', quote: 'Retrieve an access token and check whether it is valid.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'retrieve own token',
        op: 'retrieveToken',
        expect: { status: 200, check: (a) => fail(typeof retrieved(a).code === 'string', 'no code') },
      },
    ],
  },
  {
    id: 'retrieve-valid',
    title: 'A live token retrieves as TokenValid with its usage, user and authorization',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The token is valid and active.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('to retrieve'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'retrieve',
        op: 'retrieveToken',
        as: saved('pk', 'token'),
        expect: {
          status: 200,
          code: 'TokenValid',
          check: (a, s) =>
            fail(
              holds(retrieved(a).token, { usage: 'pk', user: s.username, authorization: created(s.saved.pk!).id }),
              `token is ${JSON.stringify(retrieved(a).token)}, expected usage pk, user ${s.username}, authorization ${created(s.saved.pk!).id}`,
            ),
        },
      },
    ],
  },
  {
    id: 'retrieve-malformed',
    title: 'A token that cannot be parsed retrieves as TokenMalformed',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The token cannot be parsed.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'retrieve',
        op: 'retrieveToken',
        as: 'tokens-conformance-not-a-token',
        expect: { status: 200, code: 'TokenMalformed' },
      },
      // Three parts, but a payload that is not base64url JSON: it cannot be parsed either.
      {
        kind: 'request',
        name: 'retrieve a three-part token that does not decode',
        op: 'retrieveToken',
        as: 'pk.abc.123',
        expect: { status: 200, code: 'TokenMalformed' },
      },
    ],
  },
  {
    id: 'retrieve-invalid-signature',
    title: 'A token whose signature does not validate retrieves as TokenInvalid',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The signature for the token does not validate.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('to forge'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'retrieve with a forged signature',
        op: 'retrieveToken',
        as: (s: StepContext) => {
          const [usage, payload] = (created(s.saved.pk!).token as string).split('.');
          return `${usage}.${payload}.AAAAAAAAAAAAAAAAAAAAAA`;
        },
        expect: { status: 200, code: 'TokenInvalid' },
      },
    ],
  },
];
