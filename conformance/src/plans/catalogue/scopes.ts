// The subset rule and the scopes a token may be given.
import { field, READ, FONTS, SECRET, createStep, saved } from './checks.js';
import type { DocumentedBehaviour, StepContext } from '../../model/behaviour.js';

export const scopeBehaviours: DocumentedBehaviour[] = [
  {
    id: 'create-subset-rule',
    title: 'A token cannot be created with scopes its creator lacks',
    origin: 'documented',
    source: { seed: 'reference', quote: 'It is not possible to create a token with access to more scopes than the token that created it.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create limited creator', 'creator', (s: StepContext) => ({ note: s.note('creator'), scopes: [SECRET, READ] })),
      {
        kind: 'request',
        name: 'create beyond',
        op: 'createToken',
        as: saved('creator', 'token'),
        body: (s: StepContext) => ({ note: s.note('beyond'), scopes: [READ, FONTS] }),
        expect: { status: 422, message: 'scopes are invalid' },
      },
      {
        ...createStep(
          'create within',
          'within',
          (s: StepContext) => ({ note: s.note('within'), scopes: [READ] }),
          saved('creator', 'token'),
        ),
        expect: { status: 200, check: field('scopes', [READ]) },
      },
    ],
  },
  {
    id: 'create-no-scopes-never-gains',
    title: 'A token created with no scopes can never be given scopes',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote:
        'Note that while it is possible to create a token with no scopes, you will not be able to update this token later to include any scopes.',
    },
    needs: ['logic', 'state'],
    steps: [
      {
        ...createStep('create empty', 'empty', (s: StepContext) => ({ note: s.note('no scopes'), scopes: [] })),
        expect: { status: 200, check: field('scopes', []) },
      },
      {
        kind: 'request',
        name: 'add a scope',
        op: 'updateToken',
        tokenId: saved('empty', 'id'),
        body: { scopes: [READ] },
        expect: { status: 422, message: 'scopes are invalid' },
      },
    ],
  },
  {
    id: 'update-public-only-public',
    title: 'A public token can only be given public scopes',
    origin: 'documented',
    source: { seed: 'reference', quote: 'A public token may only be updated to include other public scopes.' },
    needs: ['logic', 'state'],
    steps: [
      createStep('create pk', 'pk', (s: StepContext) => ({ note: s.note('public'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'add a secret scope',
        op: 'updateToken',
        tokenId: saved('pk', 'id'),
        body: { scopes: [READ, SECRET] },
        expect: { status: 422, message: 'scopes are invalid' },
      },
    ],
  },
  {
    id: 'update-subset-rule',
    title: 'An update cannot give scopes the updating token lacks',
    origin: 'documented',
    source: {
      seed: 'reference',
      quote:
        "When updating scopes for an existing token, the token sent along with the request must also have the scopes you're requesting.",
    },
    needs: ['logic', 'state'],
    steps: [
      createStep('create limited updater', 'updater', (s: StepContext) => ({ note: s.note('updater'), scopes: [SECRET, READ] })),
      createStep('create target', 'target', (s: StepContext) => ({ note: s.note('target'), scopes: [READ] })),
      {
        kind: 'request',
        name: 'update beyond',
        op: 'updateToken',
        as: saved('updater', 'token'),
        tokenId: saved('target', 'id'),
        body: { scopes: [READ, FONTS] },
        expect: { status: 422, message: 'scopes are invalid' },
      },
    ],
  },
];
