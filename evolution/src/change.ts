// What a contract diff is made of: a change, its severity and where it is. The diff (diff.ts) and
// the kit's rules (rules.ts) both speak it, so it sits beneath both.

/** Which side of an operation a change is on. */
export type Side = 'request' | 'response';

export type Severity = 'breaking' | 'non-breaking' | 'annotation';

export interface ContractChange {
  severity: Severity;
  /** JSON pointer of the change, in the newer document (in the older one for what was removed). */
  pointer: string;
  /** Where a reader finds it: `GET /tokens/v2/{username} · response 200 · [].note`. */
  where: string;
  /** What changed and what it means, as a sentence. */
  sentence: string;
  /** Who classified it: `api-smart-diff`, or the id of the kit's rule that did. */
  rule: string;
  action: 'add' | 'remove' | 'replace' | 'rename';
  /** Where it is in the split spec (`spec/components/parameters/Username.yaml:1`), when its sources were read. */
  source?: string;
}

/** What a diff's path is about, read off its segments. */
export interface Located {
  /** `GET /tokens/v2/{username}`, when under an operation. */
  operation?: string;
  side?: Side;
  /** `response 200`, `query parameter sortby`, `request body`. */
  part?: string;
  /** The property inside a body (`[].note`), when there is one. */
  property?: string;
  /** The last segment that is not an array index: the keyword or name that changed. */
  keyword: string;
}
