// `Link` headers (RFC 8288), read leniently: several links in one header, several relations in one
// `rel`, quoted or unquoted. Conformance judges whether a header is as documented; this only reads
// where it points. Browser-safe.

export interface LinkTarget {
  /** The URI between the angle brackets, as sent. */
  uri: string;
  /** The relation types, lower-case. */
  rels: string[];
}

/** Every link of a `Link` header value ([] for none or an unreadable one). */
export function parseLinkHeader(value: string | null | undefined): LinkTarget[] {
  if (!value) return [];
  const links: LinkTarget[] = [];
  // A URI may hold commas and semicolons; only what follows its closing ">" is split.
  for (const match of value.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push({ uri: match[1]!, rels });
  }
  return links;
}

/** The URI of the first link with relation `next`, if any. */
export function nextLinkUri(value: string | null | undefined): string | undefined {
  return parseLinkHeader(value).find((link) => link.rels.includes('next'))?.uri;
}
