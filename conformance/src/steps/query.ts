// Query values as the wire carries them: text.
export const stringQuery = (query: Record<string, string | number | boolean> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, String(v)]));
