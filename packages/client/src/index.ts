export {
  createTokensClient,
  checkBaseUrl,
  rateLimit,
  type TokensClient,
  type TokensClientOptions,
  type TokensPage,
  type RetryOptions,
  type Observed,
  type RateLimitStatus,
} from './client.js';
export { TokensApiError, NetworkError, InvalidResponseError, RedirectRefusedError, TokensClientError } from './errors.js';
export { parseToken, redactToken, redactTokens, TokenFormatError, type ParsedToken, type TokenUsage } from '@tokens-kit/contract';
export { knownScopes, isPublicScope, predictUsage, missingScopes, checkScopes, checkTemporaryExpiry, type KnownScope } from './scopes.js';
export type {
  CreatedToken,
  CreateTemporaryTokenRequest,
  CreateTokenRequest,
  ErrorKind,
  ListTokensQuery,
  RetrieveTokenResult,
  Scope,
  StoredToken,
  TemporaryToken,
  TemporaryTokenExtras,
  TokenMetadata,
  TokenMetadataExtras,
  UpdateTokenRequest,
} from '@tokens-kit/types';
