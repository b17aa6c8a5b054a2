// Every operation's success path, the token format, and the allowed-URLs limit.
import { scopeCatalogue } from '@tokens-kit/types';
import {
  fail,
  all,
  tokenBody,
  listed,
  scopesListed,
  field,
  tokenFormat,
  tokenFormatOf,
  PUBLIC,
  READ,
  FONTS,
  SECRET,
  createStep,
  saved,
  created,
} from './checks.js';
import type { DocumentedBehaviour, StepContext } from '../../model/behaviour.js';

export const operationBehaviours: DocumentedBehaviour[] = [
  {
    id: 'list-tokens',
    title: "List tokens answers the account's tokens as metadata objects",
    origin: 'documented',
    source: { seed: 'reference', quote: 'List all the tokens that belong to an account. This endpoint supports pagination.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'list',
        op: 'listTokens',
        expect: { status: 200, check: (a) => fail(Array.isArray(a.json), 'the body is not an array') },
      },
    ],
  },
  {
    id: 'create-public-token',
    title: 'A token with only public scopes is created public, with its token',
    origin: 'documented',
    source: { seed: 'tutorial', quote: 'A permanent or public tokens are access tokens that only have public scopes.' },
    needs: ['validation'],
    steps: [
      {
        ...createStep('create', 'pk', (s: StepContext) => ({
          note: s.note('public'),
          scopes: [READ, FONTS],
          allowedUrls: ['https://docs.mapbox.com'],
        })),
        expect: { status: 200, check: all(field('usage', 'pk'), field('client', 'api'), tokenFormat('pk')) },
      },
    ],
  },
  {
    id: 'create-secret-token',
    title: 'A token with a secret scope is created secret',
    origin: 'documented',
    source: { seed: 'tutorial', quote: 'If you add one or more secret scopes to your new token, it will be a secret token.' },
    needs: ['logic'],
    steps: [
      {
        ...createStep('create', 'sk', (s: StepContext) => ({ note: s.note('secret'), scopes: [READ, SECRET] })),
        expect: { status: 200, check: all(field('usage', 'sk'), tokenFormat('sk')) },
      },
    ],
  },
  {
    id: 'update-token',
    title: 'Update changes note, scopes and allowedUrls',
    origin: 'documented',
    source: { seed: 'reference', quote: "Update the note, the scopes, the allowedUrls, or all three in a token's metadata." },
    needs: ['validation'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('to update'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'update',
        op: 'updateToken',
        tokenId: saved('pk', 'id'),
        body: (s: StepContext) => ({ note: s.note('updated'), scopes: [READ, FONTS], allowedUrls: ['https://docs.mapbox.com'] }),
        expect: { status: 200 },
      },
    ],
  },
  {
    id: 'update-token-applies',
    title: 'An update is applied and moves modified, not created',
    origin: 'documented',
    source: { seed: 'reference', quote: 'The date and time the token was last modified.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('to update'), scopes: [READ] })),
      { kind: 'elapse', name: 'let a second pass', seconds: 1 },
      {
        kind: 'request',
        name: 'update',
        op: 'updateToken',
        tokenId: saved('pk', 'id'),
        body: (s: StepContext) => ({ note: s.note('updated'), scopes: [READ, FONTS], allowedUrls: ['https://docs.mapbox.com'] }),
        expect: {
          status: 200,
          check: all(field('scopes', [READ, FONTS]), field('allowedUrls', ['https://docs.mapbox.com']), (a, s) => {
            const before = created(s.saved.pk!);
            const after = tokenBody(a);
            if (after.note !== s.note('updated')) return 'the note was not updated';
            if (after.created !== before.created) return `created changed from ${before.created} to ${after.created}`;
            return fail(
              Date.parse(after.modified ?? '') > Date.parse(before.modified ?? ''),
              `modified did not move forward (${before.modified} → ${after.modified})`,
            );
          }),
        },
      },
    ],
  },
  {
    id: 'list-scopes',
    title: 'List scopes marks the scopes available to public tokens',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Public tokens may only contain scopes with the public property set to true.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'list scopes',
        op: 'listScopes',
        expect: {
          status: 200,
          check: (a) => {
            const wrong = scopesListed(a).filter(
              (sc) => (sc.public === true) !== PUBLIC.includes(sc.id) && scopeCatalogue.some((k) => k.id === sc.id),
            );
            return fail(wrong.length === 0, `public flag wrong for ${wrong.map((w) => w.id).join(', ')}`);
          },
        },
      },
    ],
  },
  {
    id: 'token-format',
    title: 'Tokens are header.payload.signature with a base64url JSON payload',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Each token is a string delimited by dots into three parts: header, payload, and signature.' },
    needs: ['validation'],
    steps: [
      {
        kind: 'request',
        name: 'list',
        op: 'listTokens',
        query: { usage: 'pk' },
        expect: {
          status: 200,
          check: (a) =>
            listed(a)
              .filter((t) => t.usage === 'pk')
              .map((t) => tokenFormatOf(t.token, 'pk'))
              .find(Boolean),
        },
      },
    ],
  },
  {
    id: 'allowed-urls-limit',
    title: 'A token may have 100 allowed URLs, not 101',
    origin: 'documented',
    source: { seed: 'reference', quote: 'Each token is limited to 100 allowed URLs.' },
    needs: ['validation'],
    steps: [
      createStep('create with 100', 'hundred', (s: StepContext) => ({
        note: s.note('100 urls'),
        scopes: [READ],
        allowedUrls: Array.from({ length: 100 }, (_, i) => `https://conformance-${i}.example.com`),
      })),
      {
        kind: 'request',
        name: 'create with 101',
        op: 'createToken',
        body: (s: StepContext) => ({
          note: s.note('101 urls'),
          scopes: [READ],
          allowedUrls: Array.from({ length: 101 }, (_, i) => `https://conformance-${i}.example.com`),
        }),
        expect: { status: 422 },
      },
    ],
  },
  {
    id: 'create-long-note',
    title: 'A note of any length is a description: 200 characters are accepted',
    origin: 'documented',
    source: { seed: 'reference', quote: 'notestringCreate a description for the token.' },
    needs: ['logic'],
    steps: [
      {
        ...createStep('create with a 200-character note', 'long', (s: StepContext) => ({
          note: s.note('long').padEnd(200, '.'),
          scopes: [READ],
        })),
        expect: {
          status: 200,
          check: (a, s) => fail(tokenBody(a).note === s.note('long').padEnd(200, '.'), 'the note was not kept as sent'),
        },
      },
    ],
  },
  {
    id: 'update-allowed-urls-type',
    title: 'allowedUrls is an array: an update that sends null is refused',
    origin: 'documented',
    source: { seed: 'reference', quote: "allowedUrlsarrayUpdate the restricted token's allowed URLs." },
    needs: ['validation', 'state'],
    steps: [
      createStep('create with allowed URLs', 'restricted', (s: StepContext) => ({
        note: s.note('restricted'),
        scopes: [READ],
        allowedUrls: ['https://docs.mapbox.com'],
      })),
      {
        kind: 'request',
        name: 'update allowedUrls to null',
        op: 'updateToken',
        tokenId: saved('restricted', 'id'),
        body: { allowedUrls: null },
        expect: { status: 422 },
      },
    ],
  },
  {
    id: 'update-unknown-token',
    title: 'Updating a token id the account does not hold is 404 Not found (an access token is not an id)',
    origin: 'documented',
    source: { seed: 'reference', quote: 'This error may also mean that a token is not associated with a user account.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create', 'pk', (s: StepContext) => ({ note: s.note('its string is not an id'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'update with the access token as the id',
        op: 'updateToken',
        tokenId: saved('pk', 'token'),
        body: (s: StepContext) => ({ note: s.note('never') }),
        expect: { status: 404, message: 'Not found' },
      },
    ],
  },
];
