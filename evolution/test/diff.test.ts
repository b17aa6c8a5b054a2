// Each classification rule with a pair of specs: the bundled document, and a copy with one change.
// The expected verdicts are what a consumer of the contract meets, not what the library says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  causes,
  diffContracts,
  formatChanges,
  kitRules,
  summarise,
  workingSources,
  type ContractChange,
  type ReadSource,
  type Severity,
} from '../src/index.js';

type Doc = Record<string, any>;
const bundled: Doc = JSON.parse(readFileSync(new URL('../../spec/dist/openapi.json', import.meta.url), 'utf8'));
/** The changes from the bundle (or the bundle changed by `from`) to the same with `mutate` applied. */
const changed = (mutate: (doc: Doc) => void, from?: (doc: Doc) => void) => {
  const base = structuredClone(bundled);
  from?.(base);
  const doc = structuredClone(base);
  mutate(doc);
  return diffContracts(base, doc);
};
const schemas = (doc: Doc) => doc.components.schemas;
const listTokens = (doc: Doc) => doc.paths['/tokens/v2/{username}'].get;

interface Case {
  change: string;
  /** Where the pair starts, when not from the bundle itself. */
  from?: (doc: Doc) => void;
  mutate: (doc: Doc) => void;
  severity: Severity;
  rule: string;
  /** The sentence (of the change at `where`) a reader gets. */
  sentence: RegExp;
  where?: RegExp;
}

const cases: Case[] = [
  {
    change: 'a new required field in a request body',
    mutate: (d) => (schemas(d).UpdateTokenRequest.required = ['note']),
    severity: 'breaking',
    rule: 'required',
    sentence: /`note` becomes required in the request body of PATCH .*: requests without it are refused/,
  },
  {
    change: 'a new required query parameter',
    mutate: (d) => listTokens(d).parameters.push({ name: 'region', in: 'query', required: true, schema: { type: 'string' } }),
    severity: 'breaking',
    rule: 'api-smart-diff',
    sentence: /required query parameter `region`/i,
  },
  {
    change: 'a narrowed request type',
    mutate: (d) => (schemas(d).UpdateTokenRequest.properties.note = { type: 'integer' }),
    severity: 'breaking',
    rule: 'request-type-changed',
    sentence: /`note` in the request body of PATCH .* changes type from "string" to "integer"/,
  },
  {
    change: 'a widened request type (api-smart-diff calls it breaking)',
    mutate: (d) => (schemas(d).UpdateTokenRequest.properties.note.type = ['string', 'null']),
    severity: 'non-breaking',
    rule: 'request-type-changed',
    sentence: /`note` in the request body of PATCH .* now also accepts \["null"\]/,
  },
  {
    change: 'a narrowed request enum',
    mutate: (d) => (d.components.parameters.SortBy.schema.enum = ['created']),
    severity: 'breaking',
    rule: 'enum-value',
    sentence: /query parameter sortby of GET \/tokens\/v2\/\{username\} no longer accepts "modified"/,
  },
  {
    change: 'a widened request enum',
    mutate: (d) => d.components.parameters.SortBy.schema.enum.push('note'),
    severity: 'non-breaking',
    rule: 'enum-value',
    sentence: /query parameter sortby of GET .* now also accepts "note"/,
  },
  {
    change: 'a removed parameter',
    mutate: (d) => (listTokens(d).parameters = listTokens(d).parameters.filter((p: Doc) => p.$ref !== '#/components/parameters/Limit')),
    severity: 'breaking',
    rule: 'api-smart-diff',
    sentence: /Removed|limit/i,
    where: /GET \/tokens\/v2\/\{username\} · query parameter limit/,
  },
  {
    change: 'a removed operation',
    mutate: (d) => delete d.paths['/tokens/v2/{username}/{token_id}'].delete,
    severity: 'breaking',
    rule: 'api-smart-diff',
    sentence: /^removed operation DELETE \/tokens\/v2\/\{username\}\/\{token_id\}/i,
  },
  {
    change: 'a removed response field',
    mutate: (d) => {
      delete schemas(d).TokenMetadata.properties.modified;
      schemas(d).TokenMetadata.required = schemas(d).TokenMetadata.required.filter((p: string) => p !== 'modified');
    },
    severity: 'breaking',
    rule: 'property',
    sentence: /response 200 of GET \/tokens\/v2\/\{username\} no longer has `\[\]\.modified`: code that reads it breaks/,
  },
  {
    change: 'a renamed response field',
    mutate: (d) => {
      const s = schemas(d).TokenMetadata;
      s.properties.notes = s.properties.note;
      delete s.properties.note;
      s.required = s.required.map((p: string) => (p === 'note' ? 'notes' : p));
    },
    severity: 'breaking',
    rule: 'property-renamed',
    sentence: /`note` is renamed `notes` \(GET \/tokens\/v2\/\{username\} · response 200\)/,
  },
  {
    change: 'a changed response type (api-smart-diff calls it non-breaking)',
    mutate: (d) => (schemas(d).TokenMetadata.properties.default = { type: 'string' }),
    severity: 'breaking',
    rule: 'response-type-changed',
    sentence: /type of `\[\]\.default` in the response 200 of GET .* changes from "boolean" to "string"/,
  },
  {
    change: 'a new enum value in a response',
    mutate: (d) => schemas(d).TokenUsage.enum.push('xk'),
    severity: 'breaking',
    rule: 'enum-value',
    sentence: /`\[\]\.usage` in the response 200 of GET .* may now be "xk": code that switches over its values breaks/,
  },
  {
    change: 'a removed status',
    mutate: (d) => delete listTokens(d).responses['429'],
    severity: 'breaking',
    rule: 'status',
    sentence: /GET \/tokens\/v2\/\{username\} no longer documents a 429 answer/,
  },
  {
    change: 'a new optional response field',
    mutate: (d) => (schemas(d).TokenMetadata.properties.region = { type: 'string' }),
    severity: 'non-breaking',
    rule: 'property',
    sentence: /response 200 of GET \/tokens\/v2\/\{username\} gains `\[\]\.region`/,
  },
  {
    change: 'a new operation',
    mutate: (d) =>
      (d.paths['/tokens/v2/{username}/{token_id}'].get = { operationId: 'getToken', responses: { '200': { description: 'ok' } } }),
    severity: 'non-breaking',
    rule: 'api-smart-diff',
    sentence: /^added operation GET \/tokens\/v2\/\{username\}\/\{token_id\}/i,
  },
  {
    change: 'a scope added to x-required-scopes (api-smart-diff leaves it unclassified)',
    mutate: (d) => listTokens(d)['x-required-scopes'].push('tokens:write'),
    severity: 'breaking',
    rule: 'required-scope',
    sentence: /GET \/tokens\/v2\/\{username\} now requires the scope tokens:write/,
  },
  {
    change: 'a changed error-table message (api-smart-diff does not see examples)',
    mutate: (d) => (d.components.examples.NotFound.value.message = 'Not Found'),
    severity: 'breaking',
    rule: 'error-row',
    sentence: /The NotFound message changes from "Not found" to "Not Found"/,
  },
  {
    change: 'a new error kind',
    mutate: (d) =>
      (d.paths['/scopes/v1/{username}'].get.responses['403'] = {
        description: 'forbidden',
        content: { 'application/json': { examples: { Forbidden: { 'x-error-kind': 'Forbidden', value: { message: 'Forbidden' } } } } },
      }),
    severity: 'breaking',
    rule: 'error-row',
    sentence: /A new error row Forbidden \(403 "Forbidden"\): code that switches over the error kinds breaks/,
  },
  {
    change: "the security scheme's query parameter renamed (access_token → token: api-smart-diff saw no change)",
    mutate: (d) => (d.components.securitySchemes.accessToken.name = 'token'),
    severity: 'breaking',
    rule: 'security-scheme',
    sentence:
      /The credential moves from the query parameter access_token to the query parameter token \(name "access_token" → "token"\): every client that sends it breaks/,
  },
  {
    change: 'the credential moved from the query to a header',
    mutate: (d) => Object.assign(d.components.securitySchemes.accessToken, { in: 'header', name: 'Authorization' }),
    severity: 'breaking',
    rule: 'security-scheme',
    sentence: /The credential moves from the query parameter access_token to the header parameter Authorization/,
  },
  {
    change: 'the security scheme removed',
    mutate: (d) => delete d.components.securitySchemes.accessToken,
    severity: 'breaking',
    rule: 'security-scheme',
    sentence: /The security scheme accessToken \(the query parameter access_token\) is removed/,
  },
  {
    change: 'a new scheme required of every operation',
    mutate: (d) => {
      d.components.securitySchemes.bearer = { type: 'http', scheme: 'bearer' };
      d.security = [{ bearer: [] }];
    },
    severity: 'breaking',
    rule: 'security-requirement',
    sentence: /GET \/tokens\/v2\/\{username\} no longer accepts accessToken \(it requires bearer\)/,
  },
  {
    change: 'a credential now required where none was (retrieve)',
    mutate: (d) => delete d.paths['/tokens/v2'].get.security,
    severity: 'breaking',
    rule: 'security-requirement',
    sentence: /GET \/tokens\/v2 now requires accessToken: clients that call it without a credential break/,
  },
  {
    change: 'a second way to authenticate, as an alternative',
    mutate: (d) => {
      d.components.securitySchemes.bearer = { type: 'http', scheme: 'bearer' };
      d.security = [{ accessToken: [] }, { bearer: [] }];
    },
    severity: 'non-breaking',
    rule: 'security-requirement',
    sentence: /GET \/tokens\/v2\/\{username\} also accepts bearer/,
  },
  {
    change: 'a changed description',
    mutate: (d) => (d.info.description += '\n\nMore words.'),
    severity: 'annotation',
    rule: 'api-smart-diff',
    sentence: /info\.description/,
  },
  {
    change: 'a changed header example (api-smart-diff calls it breaking)',
    mutate: (d) => (d.components.headers.Link.example = '<https://api.mapbox.com/tokens/v2/USER?start=KEY>; rel="next"'),
    severity: 'annotation',
    rule: 'example',
    sentence: /An example changed in the response 200 header Link of GET \/tokens\/v2\/\{username\}/,
  },
  {
    change: 'a closed error answer opened for extension',
    from: (d) => (schemas(d).Error.additionalProperties = false),
    mutate: (d) => (schemas(d).Error.additionalProperties = true),
    severity: 'non-breaking',
    rule: 'response-open-for-extension',
    sentence: /The response 401 of GET \/tokens\/v2\/\{username\} may carry properties it does not describe/,
  },
  {
    change: "a path template's variable renamed",
    mutate: (d) => {
      d.paths['/scopes/v1/{account}'] = d.paths['/scopes/v1/{username}'];
      delete d.paths['/scopes/v1/{username}'];
    },
    severity: 'breaking',
    rule: 'path-template-renamed',
    sentence: /\/scopes\/v1\/\{username\} is now \/scopes\/v1\/\{account\}\. The requests on the wire are the same/,
  },
  {
    change: 'a path parameter renamed',
    mutate: (d) => (d.components.parameters.Username.name = 'user'),
    severity: 'breaking',
    rule: 'path-parameter-renamed',
    sentence: /The path parameter `username` of GET \/scopes\/v1\/\{username\} is renamed `user`: the URL is the same/,
  },
  {
    change: 'a documentation extension (x-codeSamples)',
    mutate: (d) => (listTokens(d)['x-codeSamples'] = []),
    severity: 'annotation',
    rule: 'documentation-extension',
    sentence: /x-codeSamples changed/,
  },
];

describe('contract diff: each rule with a pair of specs', () => {
  it('finds nothing between a document and itself', () => {
    expect(diffContracts(bundled, structuredClone(bundled))).toEqual([]);
  });

  for (const c of cases) {
    it(`${c.change}: ${c.severity} (${c.rule})`, () => {
      const changes = changed(c.mutate, c.from);
      const match = changes.find((x) => c.sentence.test(x.sentence) && (!c.where || c.where.test(x.where)));
      expect(match, formatChanges(changes, c.change)).toBeDefined();
      expect(match!.severity).toBe(c.severity);
      expect(match!.rule).toBe(c.rule);
      // Under the operation it reaches; a security scheme, which every operation shares, at itself.
      expect(match!.pointer).toMatch(/^#\/(paths|info|components\/securitySchemes)\//);
      // Nothing more severe than the change itself is reported beside it.
      const order: Severity[] = ['annotation', 'non-breaking', 'breaking'];
      expect(Math.max(...changes.map((x) => order.indexOf(x.severity)))).toBe(order.indexOf(c.severity));
    });
  }

  it('calls a closed response opened, as published, non-breaking', () => {
    // The answer schemas as they were before they were published open: additionalProperties: false.
    const closed = structuredClone(bundled);
    for (const schema of Object.values(schemas(closed)) as Doc[]) if (schema['x-kit-closed']) schema.additionalProperties = false;
    const changes = diffContracts(closed, bundled);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => c.severity !== 'non-breaking' && c.rule !== 'documentation-extension')).toEqual([]);
    expect(new Set(changes.filter((c) => c.severity === 'non-breaking').map((c) => c.rule))).toEqual(
      new Set(['response-open-for-extension']),
    );
  });

  it('sees no change when only the order of a oneOf changes (the library pairs the branches crosswise)', () => {
    const swapped = structuredClone(bundled);
    const created = swapped.paths['/tokens/v2/{username}'].post.responses['200'].content['application/json'].schema;
    created.oneOf.reverse();
    expect(diffContracts(bundled, swapped).filter((c) => c.severity !== 'annotation')).toEqual([]);
  });

  it('tests every kit rule', () => {
    const tested = new Set(cases.map((c) => c.rule));
    for (const rule of [
      ...kitRules.map((r) => r.id),
      'error-row',
      'security-scheme',
      'security-requirement',
      'path-template-renamed',
      'path-parameter-renamed',
    ])
      expect(tested, rule).toContain(rule);
  });

  it("points at the change's location in the document, and says which operation it reaches", () => {
    const changes = changed((d) => schemas(d).TokenUsage.enum.push('xk'));
    const where = changes.map((c: ContractChange) => c.where.split(' · ')[0]);
    expect(new Set(where)).toEqual(
      new Set(['GET /tokens/v2/{username}', 'POST /tokens/v2/{username}', 'PATCH /tokens/v2/{username}/{token_id}']),
    );
    const pointer = changes[0]!.pointer;
    const segments = pointer
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const after = structuredClone(bundled);
    schemas(after).TokenUsage.enum.push('xk');
    // The pointer names a node of the newer document (through the resolved $refs it is the enum value).
    expect(segments.slice(0, 4)).toEqual(['paths', '/tokens/v2/{username}', 'get', 'responses']);
    expect(summarise(changes).breaking).toBe(3);
  });
});

describe('contract diff: each change where it is in the split spec, grouped by cause', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const working = workingSources(root);
  /** The sources as they would be after an edit: the working tree's with `edit` applied to one file. */
  const edited =
    (edits: Record<string, (text: string) => string>): ReadSource =>
    (path) => {
      const text = working(path);
      return text === undefined || !edits[path] ? text : edits[path]!(text);
    };

  it('locates a change at its line of the file that holds it', () => {
    const mutate = (d: Doc) => (schemas(d).TokenMetadata.properties.note.maxLength = 64);
    const changes = diffContracts(
      bundled,
      (() => {
        const doc = structuredClone(bundled);
        mutate(doc);
        return doc;
      })(),
      { after: working, before: working },
    );
    const line = working('spec/components/schemas/TokenMetadata.yaml')!
      .split('\n')
      .findIndex((l) => /^ {2}note:/.test(l));
    expect(changes.length).toBeGreaterThan(0);
    // Under `note` of TokenMetadata.yaml, wherever an operation uses it.
    for (const c of changes)
      expect(c.source).toMatch(
        new RegExp(`^spec/components/schemas/TokenMetadata\\.yaml:(${line + 1}|${line + 2}|${line + 3}|${line + 4})$`),
      );
  });

  it('says a renamed path parameter in two causes, not one entry per operation and error row', () => {
    const renamedDoc = structuredClone(bundled);
    renamedDoc.components.parameters.Username.name = 'user_name';
    renamedDoc.paths = Object.fromEntries(
      Object.entries(renamedDoc.paths).map(([path, item]) => [path.replace('{username}', '{user_name}'), item]),
    );
    const sources = edited({
      'spec/openapi.yaml': (t) => t.replace(/^( {2}\/[^:]*)\{username\}/gm, '$1{user_name}'),
      'spec/components/parameters/Username.yaml': (t) => t.replace(/^name: username$/m, 'name: user_name'),
    });
    const changes = diffContracts(bundled, renamedDoc, { after: sources, before: working });
    const grouped = causes(changes);
    expect(grouped, formatChanges(changes, 'renamed')).toHaveLength(2);
    expect(grouped.map((c) => c.at)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^spec\/openapi\.yaml:\d+$/), 'spec/components/parameters/Username.yaml:1']),
    );
    const template = changes.find((c) => c.rule === 'path-template-renamed')!;
    expect(template.severity).toBe('breaking');
    expect(template.sentence).toMatch(/\/tokens\/v2\/\{username\} is now \/tokens\/v2\/\{user_name\}; /);
    // The parameter's cause reaches every operation under the three paths.
    expect(grouped.find((c) => c.at.endsWith('Username.yaml:1'))!.changes.length).toBe(5);
    expect(formatChanges(changes, 'renamed')).toMatch(/the same edit also reaches 4 more: /);
  });
});
