// Path templates filled with values. Its own module, with nothing else in it: the client imports it
// on every call's path, and a bundle of the client must not carry the operation index with it.

/**
 * Fills the `{name}` segments of a path template, each value percent-encoded. A scan with indexOf
 * rather than a regex replace: the client runs this on every call (see BENCHMARKS.md).
 */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  let url = '';
  let from = 0;
  for (let open = template.indexOf('{'); open !== -1; open = template.indexOf('{', from)) {
    const close = template.indexOf('}', open);
    url += template.slice(from, open) + encodeURIComponent(String(params[template.slice(open + 1, close)]));
    from = close + 1;
  }
  return url + template.slice(from);
}
