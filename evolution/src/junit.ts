// JUnit XML for CI dashboards. Written here rather than with a reporting library: the format needed
// is one suite of named cases with optional failure text, and escaping is the only rule to get right.
export interface JunitCase {
  name: string;
  classname: string;
  /** Present when the case failed: why. */
  failure?: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function junitXml(suite: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}"`;
    return c.failure === undefined
      ? `${open}/>`
      : `${open}>\n      <failure message="${escapeXml(c.failure.split('\n')[0]!)}">${escapeXml(c.failure)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${cases.length}" failures="${failures}">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
