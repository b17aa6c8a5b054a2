// Types of hostile-server.mjs, for the TypeScript tests that use it.
export type Hostility = 'hang' | 'drip' | 'close-mid-body' | 'html' | 'garbage-json' | 'redirect';
export function hostileServer(): Promise<{ url: (how: Hostility) => string; reachedOther: string[]; close(): Promise<void> }>;
