// Type tests: inputs and outputs are the generated types; wrong ones do not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { Client } from 'openapi-fetch';
import type {
  CreatedToken,
  paths,
  RetrieveTokenResult,
  Scope,
  StoredToken,
  TemporaryToken,
  TemporaryTokenExtras,
  TokenMetadataExtras,
} from '@tokens-kit/types';
import { createDispatcher, type Api } from '../src/dispatch.js';
import {
  createTokensClient,
  type ParsedToken,
  type RateLimitStatus,
  type TokensPage,
  parseToken,
  type TokensApiError,
} from '../src/index.js';

const client = createTokensClient({ accessToken: 'sk.x.y', username: 'alice' });

describe("the client's types", () => {
  it('answers the generated types, with the observed extras as optional fields', () => {
    expectTypeOf(client.listTokens).returns.resolves.toEqualTypeOf<TokensPage>();
    expectTypeOf<TokensPage['tokens']>().toEqualTypeOf<(StoredToken & TokenMetadataExtras)[]>();
    expectTypeOf(client.iterateTokens).returns.toEqualTypeOf<AsyncIterableIterator<StoredToken & TokenMetadataExtras>>();
    expectTypeOf(client.createToken).returns.resolves.toEqualTypeOf<CreatedToken & TokenMetadataExtras>();
    expectTypeOf(client.createTemporaryToken).returns.resolves.toEqualTypeOf<TemporaryToken & TemporaryTokenExtras>();
    expectTypeOf(client.updateToken).returns.resolves.toEqualTypeOf<StoredToken & TokenMetadataExtras>();
    // The extras are possible, never required: code written against the documented types still compiles.
    expectTypeOf<StoredToken & TokenMetadataExtras>().toExtend<StoredToken>();
    expectTypeOf<TemporaryTokenExtras['expires_in']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(client.rateLimitStatus).toEqualTypeOf<RateLimitStatus | undefined>();
    expectTypeOf(client.deleteToken).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(client.retrieveToken).returns.resolves.toEqualTypeOf<RetrieveTokenResult>();
    expectTypeOf(client.listScopes).returns.resolves.toEqualTypeOf<Scope[]>();
    expectTypeOf(parseToken).returns.toEqualTypeOf<ParsedToken>();
  });

  it('types the error kind from the error table', () => {
    expectTypeOf<TokensApiError['kind']>().toExtend<string>();
    expectTypeOf<'ScopesInvalid'>().toExtend<TokensApiError['kind']>();
    expectTypeOf<'NoSuchUser'>().toExtend<TokensApiError['kind']>();
    // @ts-expect-error — not a documented kind
    expectTypeOf<'Forbidden'>().toExtend<TokensApiError['kind']>();
  });

  it('refuses wrong parameters, wrong bodies and missing fields', () => {
    const never = () => {
      // @ts-expect-error — usage is pk or sk
      void client.listTokens({ usage: 'tk' });
      // @ts-expect-error — sortby is created or modified
      void client.listTokens({ sortby: 'note' });
      // @ts-expect-error — limit is a number
      void client.listTokens({ limit: '2' });
      // @ts-expect-error — unknown body property
      void client.createToken({ scopes: [], colour: 'red' });
      // @ts-expect-error — scopes are required
      void client.createToken({ note: 'x' });
      // @ts-expect-error — scopes are an array
      void client.createToken({ scopes: 'styles:read' });
      // @ts-expect-error — a temporary token needs expires
      void client.createTemporaryToken({ scopes: [] });
      // @ts-expect-error — a temporary token cannot have allowed URLs
      void client.createTemporaryToken({ expires: '2026-01-01T00:00:00Z', scopes: [], allowedUrls: [] });
      // @ts-expect-error — the token id comes first
      void client.updateToken({ note: 'x' });
      // @ts-expect-error — an access token is required
      createTokensClient({ baseUrl: 'https://api.mapbox.com' });
    };
    void never;
  });

  it('sends through a dispatcher typed exactly as openapi-fetch types a client of the spec', () => {
    expectTypeOf<Api['GET']>().toEqualTypeOf<Client<paths>['GET']>();
    expectTypeOf<Api['POST']>().toEqualTypeOf<Client<paths>['POST']>();
    expectTypeOf<Api['PATCH']>().toEqualTypeOf<Client<paths>['PATCH']>();
    expectTypeOf<Api['DELETE']>().toEqualTypeOf<Client<paths>['DELETE']>();
    const api = createDispatcher({
      baseUrl: 'https://api.mapbox.com',
      send: fetch as never,
      querySerializer: () => '',
      pathSerializer: (p) => p,
    });
    const never = () => {
      // @ts-expect-error — not a path of the spec
      void api.GET('/tokens/v3/{username}', { params: { path: { username: 'a' } } });
      // @ts-expect-error — the path needs its username
      void api.GET('/scopes/v1/{username}', { params: { path: {} } });
      // @ts-expect-error — listing scopes is a GET
      void api.POST('/scopes/v1/{username}', { params: { path: { username: 'a' } } });
      // @ts-expect-error — an update's note is a string
      void api.PATCH('/tokens/v2/{username}/{token_id}', { params: { path: { username: 'a', token_id: 'c' } }, body: { note: 5 } });
    };
    void never;
  });
});
