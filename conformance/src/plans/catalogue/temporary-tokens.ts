// Temporary tokens: their payload, expiry limits, subset rule, no allowed URLs, expiry. (Whether
// listings include them is not documented: the tutorial's "Temporary tokens do not show in your
// access tokens page" is about the account's page, so no behaviour asserts it.)
import type { ParsedToken } from '@tokens-kit/contract';
import { fail, all, tokenBody, same, tokenPrefix, decoded, tokenFormat, READ, FONTS, SECRET, saved } from './checks.js';
import type { DocumentedBehaviour, RequestStep, StepContext } from '../../model/behaviour.js';

/** A temporary token, saved as `parent`, that authorizes the creation of others (10 minutes, a secret and a public scope). */
const createParentTemporaryToken: RequestStep = {
  kind: 'request',
  name: 'create parent tk',
  op: 'createToken',
  body: (s: StepContext) => ({ expires: s.at(600), scopes: [SECRET, READ] }),
  save: 'parent',
  expect: { status: 200 },
};

export const temporaryTokenBehaviours: DocumentedBehaviour[] = [
  {
    id: 'create-temporary-token',
    title: 'A body with expires creates a temporary token whose payload carries its metadata',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote:
        'Unlike public and secret tokens, a temporary token contains its metadata inside the payload of the token instead of referencing a metadata object that persists on the server.',
    },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'create tk',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(600), scopes: [READ, FONTS] }),
        save: 'tk',
        expect: {
          status: 200,
          check: all(tokenFormat('tk'), (a, s: StepContext) => {
            const p = decoded(tokenBody(a).token) as ParsedToken;
            if (p.user !== s.username) return `the payload's user is ${JSON.stringify(p.user)}, expected ${s.username}`;
            return fail(same(p.scopes, [READ, FONTS]), `the payload's scopes are ${JSON.stringify(p.scopes)}`);
          }),
        },
      },
    ],
  },
  {
    id: 'tk-expires-in-past',
    title: 'A temporary token cannot expire in the past',
    origin: 'documented',
    source: { seed: 'reference', quote: "You can't create a temporary token with an expires parameter that occurs in the past." },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'create',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(-60), scopes: [READ] }),
        expect: { status: 422, message: 'expires is in the past' },
      },
    ],
  },
  {
    id: 'tk-expires-too-far',
    title: 'A temporary token cannot expire more than one hour ahead',
    origin: 'documented',
    source: { seed: 'reference', quote: 'When creating a temporary token, the expiration must be no more than one hour in the future.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'create',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(3600 + 120), scopes: [READ] }),
        expect: { status: 422, message: 'expires is more than one hour in the future' },
      },
    ],
  },
  {
    id: 'tk-expires-beyond-authorizing',
    title: 'A temporary token made by a temporary token cannot outlive it',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote:
        'If the authorizing token is temporary, the expires time for the new temporary token cannot be later than that of the authorizing temporary token.',
    },
    needs: ['logic'],
    steps: [
      createParentTemporaryToken,
      {
        kind: 'request',
        name: 'create child beyond',
        op: 'createToken',
        as: saved('parent', 'token'),
        body: (s: StepContext) => ({ expires: s.at(1200), scopes: [READ] }),
        expect: { status: 422, message: 'expires may not be greater than the expiration of the authorizing token' },
      },
      {
        kind: 'request',
        name: 'create child within',
        op: 'createToken',
        as: saved('parent', 'token'),
        body: (s: StepContext) => ({ expires: s.at(300), scopes: [READ] }),
        expect: { status: 200, check: tokenPrefix('tk') },
      },
    ],
  },
  {
    id: 'tk-subset-rule',
    title: 'A temporary token cannot have scopes its creator lacks',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote: 'The authorizing token needs to have the same scopes as, or more scopes than, the new temporary token you are creating.',
    },
    needs: ['logic'],
    steps: [
      createParentTemporaryToken,
      {
        kind: 'request',
        name: 'create child beyond',
        op: 'createToken',
        as: saved('parent', 'token'),
        body: (s: StepContext) => ({ expires: s.at(300), scopes: [FONTS] }),
        expect: { status: 422, message: 'scopes are invalid' },
      },
    ],
  },
  {
    id: 'tk-no-allowed-urls',
    title: 'A temporary token cannot have allowed URLs',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Temporary tokens cannot have allowed URLs, but public tokens and secret tokens can.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'create',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(600), scopes: [READ], allowedUrls: ['https://docs.mapbox.com'] }),
        expect: { status: 422 },
      },
    ],
  },
  {
    id: 'tk-expires',
    title: 'A temporary token retrieves as TokenExpired after it expires, and authorizes nothing',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The token was temporary and has expired.' },
    needs: ['logic'],
    steps: [
      {
        kind: 'request',
        name: 'create tk',
        op: 'createToken',
        body: (s: StepContext) => ({ expires: s.at(3), scopes: ['tokens:read'] }),
        save: 'tk',
        expect: { status: 200 },
      },
      { kind: 'elapse', name: 'let it expire', seconds: 5 },
      { kind: 'request', name: 'retrieve', op: 'retrieveToken', as: saved('tk', 'token'), expect: { status: 200, code: 'TokenExpired' } },
      { kind: 'request', name: 'use it', op: 'listTokens', as: saved('tk', 'token'), expect: { status: 401, message: 'Unauthorized' } },
    ],
  },
];
