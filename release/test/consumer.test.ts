// The release dry run, with one pending changeset added to its staged copy: every package it names
// is versioned and changelogged there (never in this checkout), packed, checked, and installed with
// plain npm into a consumer outside the workspace (so none of the workspace's pnpm overrides apply),
// where what the READMEs promise holds: `npx tokens-conformance` conforms, `npx tokens-simulator`
// serves the client — type-checked under node16 and bundler resolution — and its README's example.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DryRunReport, formatReport, releaseDryRun } from '../src/dry-run.js';
import { publishablePackages, repoRoot } from '../src/workspace.js';

const scratch = mkdtempSync(join(tmpdir(), 'tokens-kit-consumer-'));
// The staged workspace has a whole node_modules of its own: removing it can take a while on a busy machine.
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 180_000);
const status = () => execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' });
/** Where this checkout's own links point (a staged install must not rewire them). */
const links = () => ['typescript', 'turbo', '@changesets/cli'].map((name) => realpathSync(join(repoRoot, 'node_modules', name)));
const versions = () => Object.fromEntries(publishablePackages().map((p) => [p.name, p.version]));
const bump = (version: string) => version.replace(/^(\d+)\.(\d+)\.\d+$/, (_m, major, minor) => `${major}.${Number(minor) + 1}.0`);
const SUMMARY = 'A rehearsed minor release of the client (release dry-run test).';

let report: DryRunReport;
let statusBefore: string;
let versionsBefore: Record<string, string>;
let linksBefore: string[];
beforeAll(async () => {
  statusBefore = status();
  linksBefore = links();
  versionsBefore = versions();
  report = await releaseDryRun({
    scratch,
    extraChangesets: { 'rehearsal.md': `---\n"@tokens-kit/client": minor\n---\n\n${SUMMARY}\n` },
  });
}, 600_000);

describe('pnpm release --dry-run', () => {
  it('passes every step', () => {
    expect(report.ok, formatReport(report)).toBe(true);
    expect(report.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'version: changesets',
        'build at the new versions',
        'pack every publishable package',
        'publint --strict @tokens-kit/client',
        'attw @tokens-kit/conformance',
        'install the tarballs with npm into a fresh consumer',
        'type-check the consumer (node16 and bundler resolution)',
        'npx tokens-conformance in the consumer',
      ]),
    );
  });

  it('versions what the changesets name, with a CHANGELOG entry, and says what would be published', () => {
    const client = report.releases.find((r) => r.name === '@tokens-kit/client')!;
    expect(client).toMatchObject({ from: versionsBefore['@tokens-kit/client'], to: bump(versionsBefore['@tokens-kit/client']!) });
    expect(client.changelog).toContain(SUMMARY);
    expect(client.tarball).toMatch(new RegExp(`tokens-kit-client-${client.to.replace(/\./g, '\\.')}\\.tgz$`));
    // The packed manifest carries the new version; its dependencies on the other packages are exact versions.
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', client.tarball!, 'package/package.json'], { encoding: 'utf8' }));
    expect(manifest.version).toBe(client.to);
    // (the contract's version as this release makes it: pending changesets may bump it too).
    const contract = report.releases.find((r) => r.name === '@tokens-kit/contract');
    expect(manifest.dependencies['@tokens-kit/contract']).toBe(contract?.to ?? versionsBefore['@tokens-kit/contract']);
    expect(execFileSync('tar', ['-xOzf', client.tarball!, 'package/CHANGELOG.md'], { encoding: 'utf8' })).toContain(SUMMARY);
    expect(formatReport(report)).toMatch(
      /Release dry run — nothing was published\.[\s\S]*@tokens-kit\/client \d+\.\d+\.\d+ → \d+\.\d+\.\d+/,
    );
  });

  it('leaves this checkout as it was: no version, changelog or changeset written here', () => {
    expect(status()).toBe(statusBefore);
    expect(versions()).toEqual(versionsBefore);
    expect(links()).toEqual(linksBefore);
    for (const link of links()) expect(link.startsWith(join(repoRoot, 'node_modules'))).toBe(true);
  });

  it('packs the simulator without a rendered page: what it runs and its admin document, nothing more', () => {
    const simulator = report.releases.find((r) => r.name === '@tokens-kit/simulator')!;
    const files = execFileSync('tar', ['-tzf', simulator.tarball!], { encoding: 'utf8' }).trim().split('\n');
    expect(files.filter((f) => f.endsWith('.html'))).toEqual([]);
    expect(files).toContain('package/admin/openapi.yaml');
    // It was 758 KB with the rendered admin page (a second copy of the docs renderer).
    expect(simulator.bytes!).toBeLessThan(100 * 1024);
  });

  it("gets Prism's internal packages at releases that run on this Node, without any override", () => {
    const versionOf = (name: string) => JSON.parse(readFileSync(join(report.consumer, 'node_modules', name, 'package.json'), 'utf8'));
    for (const name of ['@stoplight/prism-core', '@stoplight/prism-http', '@stoplight/prism-http-server']) {
      const { version, engines } = versionOf(name);
      const minimum = /(\d+)\.(\d+)/.exec(engines?.node ?? '0.0')!;
      const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
      expect(
        major > Number(minimum[1]) || (major === Number(minimum[1]) && minor >= Number(minimum[2])),
        `${name}@${version} needs Node ${engines?.node}`,
      ).toBe(true);
    }
  });

  it('runs `npx tokens-conformance` against the embedded targets, and it conforms', () => {
    expect(report.outputs.conformance).toMatch(/^\d+ passed, 0 failed, 0 known drift, \d+ n\/a/m);
    expect(Number(/^(\d+) passed/m.exec(report.outputs.conformance!)![1])).toBeGreaterThan(40);
  });

  it("runs the consumer's typed code and the client README's example against `npx tokens-simulator`", () => {
    const out = JSON.parse(report.outputs.consumer!);
    expect(out).toMatchObject({ usage: 'pk', listed: true, kind: 'InvalidStart', rows: 13, matched: 'listTokens' });
    expect(typeof out.user).toBe('string');
    // The README's example ran to its end: its last line prints the number of scopes.
    expect(report.outputs.readmeExample).toMatch(/^\d+ scopes$/m);
  });
});
