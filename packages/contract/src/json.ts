// A JSON object, as a reader of parsed JSON tells it from an array, null or a scalar.
export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
