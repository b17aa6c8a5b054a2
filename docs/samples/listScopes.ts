import { createTokensClient } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });

const scopes = await tokens.listScopes();
// Public scopes are the ones a pk token may hold.
console.log(scopes.filter((scope) => scope.public).map((scope) => scope.id));
