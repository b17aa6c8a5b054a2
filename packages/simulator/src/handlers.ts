// One handler per operation, over the token state: what each operation answers once routed and
// authorized.
import type { operationIndex, OperationId } from '@tokens-kit/types';
import type { Reply } from './profiles.js';
import type { Authority, TokensState } from './state.js';

/** A request, routed to its operation. */
export interface RoutedRequest {
  url: URL;
  params: Record<string, string>;
  /** The JSON body (operations that take one). */
  body: unknown;
  /** Restrictions an update is to remove (the observed profile's null). */
  clear: readonly ('allowedUrls' | 'resources')[];
}

/** Operations the spec says take an access token as authorization (all but retrieve). */
export type AuthorizedOperation = { [Op in OperationId]: (typeof operationIndex)[Op]['authorized'] extends true ? Op : never }[OperationId];

/**
 * One handler per operation. The table's type comes from the spec's operation index: an operation
 * added to the spec does not compile until it has a handler, and an operation's authorization
 * decides whether its handler is given the caller's authority.
 */
export type Handlers = {
  [Op in OperationId]: Op extends AuthorizedOperation
    ? (request: RoutedRequest, authority: Authority) => Reply
    : (request: RoutedRequest) => Reply;
};

export function handlersFor(state: TokensState): Handlers {
  return {
    listTokens: ({ url }, authority) => {
      const q = url.searchParams;
      const { body, link } = state.listTokens(
        authority,
        { default: q.get('default'), limit: q.get('limit'), sortby: q.get('sortby'), start: q.get('start'), usage: q.get('usage') },
        // The next page's URL carries no access_token: the client adds its own.
        (params) => `${url.origin}${url.pathname}?${params}`,
      );
      return link ? { status: 200, body, headers: { link } } : { status: 200, body };
    },
    createToken: ({ body }, authority) => ({ status: 200, body: state.createToken(authority, body) }),
    updateToken: ({ params, body, clear }, authority) => ({
      status: 200,
      body: state.updateToken(authority, params.token_id!, body, clear),
    }),
    deleteToken: ({ params }, authority) => {
      state.deleteToken(authority, params.token_id!);
      return { status: 204 };
    },
    retrieveToken: ({ url }) => ({ status: 200, body: state.retrieveToken(url.searchParams.get('access_token')) }),
    listScopes: (_request, authority) => ({ status: 200, body: state.listScopes(authority) }),
  };
}
