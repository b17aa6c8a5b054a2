// A generated case: one request exploration sends, as data (what a reproduction file keeps and
// `replay` re-sends).
import type { OperationId } from '@tokens-kit/types';

export interface ExploreCase {
  op: OperationId;
  /** positive: valid by the schemas; negative: one rule broken; auth: no token, or a forged one. */
  polarity: 'positive' | 'negative' | 'auth';
  /** What makes it negative, or which auth case it is. */
  what?: string;
  query: Record<string, string | number | boolean>;
  body?: unknown;
  /** The body's media type as labelled, where it is not the declared application/json. */
  contentType?: string;
  /** `target`: the token the behaviour created for the purpose; otherwise an id no token has. */
  tokenId?: string;
  /** The access token: the run's, none, a forged one, or (retrieve) the token string to inspect. */
  as?: { kind: 'run' } | { kind: 'none' } | { kind: 'forged' } | { kind: 'string'; value: string };
}
