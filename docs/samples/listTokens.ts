import { createTokensClient } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });

// One page (the API's default size), newest changes first; `next` is the query for the page after.
const page = await tokens.listTokens({ sortby: 'modified', limit: 25 });
for (const token of page.tokens) console.log(token.id, token.usage, token.note);

// Or every token, page after page, following the Link header.
for await (const token of tokens.iterateTokens({ usage: 'pk' })) console.log(token.id, token.scopes.join(' '));
