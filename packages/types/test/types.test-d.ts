// Type tests: the generated types say what the spec says. Compiled, not run (vitest --typecheck).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CreatedToken,
  CreateTemporaryTokenRequest,
  CreateTokenRequest,
  ErrorKind,
  ListTokensQuery,
  RetrieveTokenResult,
  Scope,
  StoredToken,
  TemporaryToken,
  TokenMetadata,
  UpdateTokenRequest,
  paths,
} from '../src/index.js';

describe('generated types', () => {
  it('describe the token metadata object', () => {
    expectTypeOf<TokenMetadata['usage']>().toEqualTypeOf<'pk' | 'sk' | 'tk'>();
    expectTypeOf<TokenMetadata['client']>().toEqualTypeOf<'api'>();
    expectTypeOf<TokenMetadata['scopes']>().toEqualTypeOf<string[]>();
    expectTypeOf<TokenMetadata['default']>().toEqualTypeOf<boolean>();
    expectTypeOf<TokenMetadata>().toHaveProperty('allowedUrls');
    // @ts-expect-error — `token` is optional on the metadata object (sk tokens are not re-shown)
    expectTypeOf<TokenMetadata['token']>().toEqualTypeOf<string>();
    expectTypeOf<StoredToken>().toMatchTypeOf<TokenMetadata>();
  });

  it('make the created token carry its token', () => {
    expectTypeOf<CreatedToken['token']>().toBeString();
    expectTypeOf<TemporaryToken>().toEqualTypeOf<{ token: string }>();
  });

  it('require scopes to create and expires for a temporary token', () => {
    const body: CreateTokenRequest = { scopes: ['styles:read'], note: 'n', allowedUrls: ['https://docs.mapbox.com'] };
    const tk: CreateTemporaryTokenRequest = { expires: '2018-11-18T06:30:00Z', scopes: [] };
    expectTypeOf(body).toMatchTypeOf<CreateTokenRequest>();
    expectTypeOf(tk).toMatchTypeOf<CreateTemporaryTokenRequest>();
    // @ts-expect-error — scopes are required
    const missingScopes: CreateTokenRequest = { note: 'n' };
    // @ts-expect-error — unknown property
    const unknownProperty: CreateTokenRequest = { scopes: [], colour: 'red' };
    // @ts-expect-error — a temporary token cannot have allowed URLs
    const tkWithUrls: CreateTemporaryTokenRequest = { expires: '2018-11-18T06:30:00Z', scopes: [], allowedUrls: [] };
    // @ts-expect-error — scopes is an array
    const scopesNotArray: UpdateTokenRequest = { scopes: 'styles:read' };
    void [missingScopes, unknownProperty, tkWithUrls, scopesNotArray];
  });

  it('type the list query parameters', () => {
    expectTypeOf<ListTokensQuery['usage']>().toEqualTypeOf<'pk' | 'sk' | undefined>();
    expectTypeOf<ListTokensQuery['sortby']>().toEqualTypeOf<'created' | 'modified' | undefined>();
    expectTypeOf<ListTokensQuery['limit']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error — usage is pk or sk
    const badUsage: ListTokensQuery = { usage: 'tk' };
    void badUsage;
  });

  it('type the retrieve result and scopes', () => {
    expectTypeOf<RetrieveTokenResult['code']>().toEqualTypeOf<
      'TokenValid' | 'TokenMalformed' | 'TokenInvalid' | 'TokenExpired' | 'TokenRevoked'
    >();
    expectTypeOf<Scope['public']>().toEqualTypeOf<boolean | undefined>();
  });

  it('type every path and method', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      '/tokens/v2/{username}' | '/tokens/v2/{username}/{token_id}' | '/tokens/v2' | '/scopes/v1/{username}'
    >();
    expectTypeOf<paths['/tokens/v2/{username}/{token_id}']['delete']['responses'][204]>()
      .toHaveProperty('content')
      .toEqualTypeOf<undefined>();
  });

  it('name every error kind', () => {
    expectTypeOf<'ScopesInvalid'>().toMatchTypeOf<ErrorKind>();
    expectTypeOf<'ExpiresTooFar'>().toMatchTypeOf<ErrorKind>();
    // @ts-expect-error — not a documented error kind
    expectTypeOf<'Forbidden'>().toMatchTypeOf<ErrorKind>();
  });
});
