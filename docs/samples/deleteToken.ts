import { createTokensClient, TokensApiError } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });
const created = await tokens.createToken({ note: 'short-lived', scopes: ['styles:read'] });

await tokens.deleteToken(created.id); // 204: the token is revoked

try {
  await tokens.deleteToken(created.id); // a second time, it is no longer there
} catch (error) {
  if (!(error instanceof TokensApiError)) throw error;
  console.log(error.status, error.kind);
}
