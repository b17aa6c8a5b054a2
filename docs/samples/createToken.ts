import { createTokensClient } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });

// Only public scopes make a public (pk) token; a secret scope would make an sk, shown only now.
const created = await tokens.createToken({
  note: 'My website',
  scopes: ['styles:read', 'fonts:read'],
  allowedUrls: ['https://docs.mapbox.com'],
});
console.log(created.usage, created.id);

// A temporary token (tk) expires within an hour; it is not listed and cannot be revoked.
const temporary = await tokens.createTemporaryToken({
  expires: new Date(Date.now() + 30 * 60_000).toISOString(),
  scopes: ['styles:read'],
});
console.log(temporary.token.slice(0, 3));
