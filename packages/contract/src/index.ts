// @tokens-kit/contract — the contract's runtime, browser-safe: the operation index and path
// matching, the token format, Link headers, the 429 retry rule and the documented rules. The
// bundled document and the validator (Node only) are at @tokens-kit/contract/validator.
export { fillPath } from './path.js';
export { isJsonObject } from './json.js';
export {
  matchOperation,
  operationIds,
  operationPath,
  operations,
  type DocumentedHeader,
  type DocumentedResponse,
  type HttpMethod,
  type MatchedOperation,
  type OperationInfo,
} from './operations.js';
export {
  decodeToken,
  parseToken,
  redactToken,
  redactTokens,
  TokenFormatError,
  type DecodedToken,
  type TemporaryPayloadAsRead,
  type ParsedToken,
  type TokenUsage,
} from './token.js';
export { nextLinkUri, parseLinkHeader, type LinkTarget } from './link.js';
export { DEFAULT_RETRY_BOUNDS, nextRetryDelay, retryAfterSeconds, retryDelayMs, type HeaderSource, type RetryBounds } from './retry.js';
export {
  checkScopes,
  checkScopeUpdate,
  checkTemporaryExpiry,
  errorKindOf,
  isPublicScope,
  missingScopes,
  observedErrorKindOf,
  predictUsage,
} from './rules.js';
export { DEFAULT_CLOCK_SKEW_MS, refusalApplies, type Applies, type RuleContext, type SentRequest } from './applies.js';
