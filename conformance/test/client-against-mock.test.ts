// The typed client against a Prism mock of the spec (the client's own tests use the simulator;
// Prism lives in this package): every documented example answer parses, validation errors type.
import { createTokensClient, TokensApiError, type TokensClient } from '@tokens-kit/client';
import type { ListTokensQuery } from '@tokens-kit/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type PrismMock } from '../src/index.js';

const kindOf = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e: unknown) => (e instanceof TokensApiError ? e.kind : String(e)),
  );

describe('against a Prism mock of the spec', () => {
  let prism: PrismMock;
  let mock: TokensClient;
  beforeAll(async () => {
    prism = await startPrism();
    mock = createTokensClient({ accessToken: 'sk.eyJ1IjoiWU9VUl9NQVBCT1hfVVNFUk5BTUUiLCJhIjoieCJ9.c2ln', baseUrl: prism.url });
  }, 60_000);
  afterAll(() => prism?.close());

  it('parses every documented example answer', async () => {
    const page = await mock.listTokens({ limit: 2 });
    expect(page.tokens[0]).toMatchObject({ id: 'cijucimbe000brbkt48d0dhcx', usage: 'pk' });
    expect(page.next).toEqual({ limit: 2, start: 'cijucimbe000brbkt48d0dhcx' });
    expect(await mock.createToken({ scopes: ['styles:read'] })).toMatchObject({ usage: 'pk' });
    expect(await mock.updateToken('cijucimbe000brbkt48d0dhcx', { note: 'x' })).toMatchObject({ usage: 'pk' });
    await expect(mock.deleteToken('cijucimbe000brbkt48d0dhcx')).resolves.toBeUndefined();
    expect((await mock.retrieveToken()).code).toBe('TokenValid');
    expect((await mock.listScopes())[0]).toMatchObject({ id: 'scopes:list' });
  });

  it("turns the mock's validation errors into typed errors", async () => {
    expect(await kindOf(mock.listTokens({ usage: 'tk' } as unknown as ListTokensQuery))).toBe('UsageInvalid');
    expect(await kindOf(mock.retrieveToken(''))).toBe('AccessTokenRequired');
  });
});
