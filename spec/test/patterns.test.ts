// The patterns written more than once, in forms tools other than Ajv can load: each agrees with
// the one it narrows, on tokens of every header and on strings that are no token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { specDir } from './seeds.js';

/** The pattern of a schema file, or of a header file's schema. */
function patternOf(file: string): RegExp {
  const doc = parse(readFileSync(join(specDir, 'components', file), 'utf8')) as { pattern?: string; schema?: { pattern: string } };
  return new RegExp(doc.pattern ?? doc.schema!.pattern, 'u');
}

const any = patternOf('schemas/TokenString.yaml');
const permanent = patternOf('schemas/PermanentTokenString.yaml');
const temporary = patternOf('schemas/TemporaryTokenString.yaml');

const samples = [
  'pk.eyJ1IjoiYSJ9.c2ln',
  'sk.eyJ1IjoiYSJ9.c2ln-_',
  'tk.eyJ1IjoiYSJ9.c2ln',
  'xk.eyJ1IjoiYSJ9.c2ln',
  'pk.eyJ1IjoiYSJ9',
  'pk..c2ln',
  'tk.a.b.c',
  'sk.a+b.c',
  ' pk.a.b',
  'PK.a.b',
  '',
];

describe('token-string patterns', () => {
  it.each(samples)('a pk/sk or a tk pattern matches %j exactly when the token pattern does', (s) => {
    expect(permanent.test(s) || temporary.test(s)).toBe(any.test(s));
    expect(permanent.test(s) && temporary.test(s)).toBe(false);
    if (permanent.test(s)) expect(s.slice(0, 3)).toMatch(/^(pk|sk)\.$/);
    if (temporary.test(s)) expect(s.slice(0, 3)).toBe('tk.');
  });
});

describe('the Link pattern', () => {
  const link = patternOf('headers/Link.yaml');
  it.each([
    ['<https://api.mapbox.com/tokens/v2/u?limit=2&start=abc>; rel="next"', true],
    ['<https://api.mapbox.com/tokens/v2/u?start=abc>;\trel="next"', true],
    ['<https://api.mapbox.com/tokens/v2/u?start=abc>;rel="next"', true],
    ['https://api.mapbox.com/tokens/v2/u?start=abc; rel="next"', false],
    ['<https://api.mapbox.com/tokens/v2/u?start=abc>; rel=next', false],
    ['<>; rel="next"', false],
  ])('%j matches: %s', (value, matches) => {
    expect(link.test(value)).toBe(matches);
  });
});
