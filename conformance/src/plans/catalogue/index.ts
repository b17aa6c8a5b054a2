// Every documented behaviour of the Tokens API, as data, by area. Each entry quotes the sentence of
// the seed it tests; engine/behaviour-runner.ts executes them; test/catalogue.test.ts checks every
// quote is verbatim.
import { operationBehaviours } from './operations.js';
import { listingBehaviours } from './listing.js';
import { scopeBehaviours } from './scopes.js';
import { temporaryTokenBehaviours } from './temporary-tokens.js';
import { revocationBehaviours } from './revocation.js';
import { retrieveBehaviours } from './retrieve.js';
import { errorBehaviours } from './errors.js';
import { rateLimitBehaviours } from './rate-limit.js';
import type { DocumentedBehaviour } from '../../model/behaviour.js';

export const catalogue: DocumentedBehaviour[] = [
  ...operationBehaviours,
  ...listingBehaviours,
  ...scopeBehaviours,
  ...temporaryTokenBehaviours,
  ...revocationBehaviours,
  ...retrieveBehaviours,
  ...errorBehaviours,
  ...rateLimitBehaviours,
];
