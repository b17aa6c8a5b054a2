// Predictions of what the API would say, made before a call, from the documented rules (the
// contract's: the simulator enforces the same functions).
import { scopeCatalogue } from '@tokens-kit/types';

export { checkScopes, checkTemporaryExpiry, isPublicScope, missingScopes, predictUsage } from '@tokens-kit/contract';

export interface KnownScope {
  id: string;
  public: boolean;
}

/** The scopes the contract knows, with whether public tokens may hold them. */
export const knownScopes: readonly KnownScope[] = scopeCatalogue;
