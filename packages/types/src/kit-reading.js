// The kit's reading of the published document — the one copy of the rule, for the types generated
// from it (scripts/generate.mjs, before this package is built: hence plain JavaScript) and for the
// contract's validator. The document is published open for extension: a response schema the kit's
// inference closes says `additionalProperties: true` and `x-kit-closed: true` (spec/scripts/build.mjs),
// so other teams' tools are not failed by a property the API adds. The kit reads it closed again —
// `additionalProperties: false`, listed in the schema's `x-kit-inference` — so its types reject a
// misspelt property and its validator reports an added one (as an addition, to warn about).

/**
 * The kit's reading of `node` (a document or any part of it), as a copy; `node` is left as it is.
 * @template T
 * @param {T} node
 * @returns {T}
 */
export function kitReading(node) {
  if (Array.isArray(node)) return /** @type {T} */ (node.map(kitReading));
  if (!node || typeof node !== 'object') return node;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = kitReading(value);
  if (out['x-kit-closed'] === true) {
    delete out.unevaluatedProperties;
    out.additionalProperties = false;
    const inferred = /** @type {string[] | undefined} */ (out['x-kit-inference']) ?? [];
    out['x-kit-inference'] = inferred.includes('additionalProperties') ? inferred : [...inferred, 'additionalProperties'];
  }
  return /** @type {T} */ (out);
}
