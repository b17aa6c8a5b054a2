import { createTokensClient } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });

// Any token, valid or not: the answer's code says which (TokenValid, TokenExpired, TokenRevoked, …).
const mine = await tokens.retrieveToken(); // the client's own token
console.log(mine.code, mine.token?.usage);
