// Where a change is in the hand-written, split spec: a bundled document's JSON pointer walked
// through spec/openapi.yaml and the files its $refs name, to `file:line`. Redocly's `diff` gives
// file:line for the changes it reports itself, but not for the kit's (its rules, the error table,
// the security schemes), and it rates a renamed path parameter a patch; so the kit locates every
// pointer itself, with the `yaml` library's node ranges.
import { dirname, join, normalize } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, YAMLSeq, type Node } from 'yaml';

/** Reads a file of the repository by its path from the top (`spec/openapi.yaml`); undefined when absent. */
export type ReadSource = (path: string) => string | undefined;

export const SPEC_ROOT = 'spec/openapi.yaml';

interface Parsed {
  contents: Node | null;
  lines: LineCounter;
}

const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** Bundled components are named after their files (redocly bundle): `#/components/schemas/X` is `spec/components/schemas/X.yaml`. */
const COMPONENT_KINDS = new Set(['schemas', 'parameters', 'headers', 'responses', 'examples', 'requestBodies']);

/** A function from a bundled pointer to `file:line` in the sources `read` gives, or undefined where none is found. */
export function sourceLocator(read: ReadSource): (pointer: string) => string | undefined {
  const files = new Map<string, Parsed | undefined>();
  const load = (path: string): Parsed | undefined => {
    if (!files.has(path)) {
      const text = read(path);
      const lines = new LineCounter();
      files.set(path, text === undefined ? undefined : { contents: parseDocument(text, { lineCounter: lines }).contents, lines });
    }
    return files.get(path);
  };
  const at = (file: string, node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    const parsed = files.get(file);
    return offset === undefined || !parsed ? file : `${file}:${parsed.lines.linePos(offset).line}`;
  };

  return (pointer) => {
    const segments = pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapeSegment);
    let file = SPEC_ROOT;
    let node: Node | null | undefined = load(file)?.contents;
    if (!node) return undefined;
    // A bundled component that the root does not list itself: its own file.
    if (segments[0] === 'components' && COMPONENT_KINDS.has(segments[1] ?? '') && segments[2]) {
      const own = `spec/components/${segments[1]}/${segments[2]}.yaml`;
      const listed = isMap(node) && node.hasIn(['components', segments[1], segments[2]]);
      if (load(own) && !listed) {
        file = own;
        node = load(own)!.contents;
        segments.splice(0, 3);
      }
    }
    let found = at(file, node);
    /** Follows the $refs to files (and a fragment in them) the node is. */
    const follow = () => {
      for (let hops = 0; isMap(node) && isScalar(node.get('$ref', true)) && hops < 10; hops++) {
        const ref: string = String((node.get('$ref', true) as { value: unknown }).value);
        if (ref.startsWith('#')) return;
        const [target = '', fragment = ''] = ref.split('#');
        const next: string = normalize(join(dirname(file), target));
        if (!load(next)) return;
        file = next;
        node = load(next)!.contents;
        for (const part of fragment.split('/').filter(Boolean).map(unescapeSegment)) {
          const inner: Node | undefined = isMap(node) ? (node.get(part, true) as Node | undefined) : undefined;
          node = inner;
        }
      }
    };
    let walked = 0;
    // The path item walked through, for the parameters it holds for all its operations.
    let pathItem: { file: string; node: Node } | undefined;
    for (const [i, segment] of segments.entries()) {
      follow();
      if (i === 2 && segments[0] === 'paths' && node) pathItem = { file, node };
      // An operation's parameters as the diff reads them: its own (none, where it lists none), then its path item's.
      if (i === 3 && segment === 'parameters' && isMap(node) && !node.has('parameters')) {
        node = new YAMLSeq();
        walked++;
        continue;
      }
      const own = isSeq(node) && segments[i - 1] === 'parameters' && i === 4 ? node.items.length : undefined;
      if (own !== undefined && Number(segment) >= own && pathItem && isMap(pathItem.node) && isSeq(pathItem.node.get('parameters', true))) {
        file = pathItem.file;
        node = pathItem.node.get('parameters', true) as Node;
        const shared: unknown = (node as Node & { get(k: number, keep: true): unknown }).get(Number(segment) - own, true);
        if (!shared || typeof shared !== 'object') break;
        node = shared as Node;
        found = at(file, node);
        walked++;
        continue;
      }
      // A key's own line, where the key is (the value of a map starts on the line after it).
      const pair = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment) : undefined;
      const child: unknown = pair ? pair.value : isSeq(node) ? node.get(Number(segment), true) : undefined;
      if (!child || typeof child !== 'object') break;
      node = child as Node;
      found = at(file, (pair?.key as Node | undefined) ?? node);
      walked++;
    }
    // The whole pointer walked to a $ref (a parameter, a schema used as is): the file it names is where the change is.
    // (Not a path item: a renamed path is where its key is.)
    const pathKey = segments[0] === 'paths' && segments.length === 2;
    if (walked === segments.length && !pathKey && isMap(node) && isScalar(node.get('$ref', true))) {
      const from = file;
      follow();
      if (file !== from) found = at(file, node);
    }
    return found;
  };
}
