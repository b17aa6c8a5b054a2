// JSON pointers and local $refs, as both the diff and the error-table rule read documents.
export type Json = Record<string, unknown>;

const escapeSegment = (segment: string | number) => String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** `#/a/b~1c` for the path ['a', 'b/c']. */
export const pointerOf = (path: readonly (string | number)[]) => `#/${path.map(escapeSegment).join('/')}`;

/** The node, with local $refs followed (a bounded number of hops: a cycle ends the walk). */
export function resolveRef(doc: Json, node: unknown): Json | undefined {
  let current = node as Json | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    current = (current.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map(unescapeSegment)
      .reduce<unknown>((n, key) => (n as Json | undefined)?.[key], doc) as Json | undefined;
  }
  return current;
}
