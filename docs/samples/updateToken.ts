import { createTokensClient } from '@tokens-kit/client';

const tokens = createTokensClient({ accessToken: process.env.MAPBOX_ACCESS_TOKEN!, baseUrl: process.env.BASE_URL });
const { id } = await tokens.createToken({ note: 'My website', scopes: ['styles:read'] });

// Only what you send changes; scopes are replaced as a whole.
const updated = await tokens.updateToken(id, { note: 'My website (production)', scopes: ['styles:read', 'fonts:read'] });
console.log(updated.note, updated.scopes);
