// A vitest reporter that prints one progress line per behaviour and collects the results.
import type { Reporter, TestCase } from 'vitest/node';
import type { BehaviourResult } from '../model/result.js';

export class ProgressReporter implements Reporter {
  readonly results: BehaviourResult[] = [];
  /** Errors vitest met outside behaviours (a target that did not start). */
  readonly errors: string[] = [];

  private readonly done = new Map<string, number>();

  /** `totals`: how many behaviours each target runs, for the `n/N` of each line. */
  constructor(
    private readonly write: (line: string) => void,
    private readonly totals: Record<string, number> = {},
  ) {}

  onTestCaseResult(testCase: TestCase): void {
    const result = testCase.meta().conformance;
    if (!result) {
      const errors = testCase.result().errors ?? [];
      if (errors.length) this.errors.push(`${testCase.fullName}: ${errors.map((e) => e.message).join('; ')}`);
      return;
    }
    this.results.push(result);
    const n = (this.done.get(result.target) ?? 0) + 1;
    this.done.set(result.target, n);
    const of = this.totals[result.target] ? ` ${String(n).padStart(2)}/${this.totals[result.target]}` : '';
    const mark = { pass: '✓', warn: '!', known: '~', fail: '✗', 'n/a': '-' }[result.status];
    this.write(
      `${mark} ${result.target.padEnd(9)}${of} ${result.id}${result.status === 'n/a' ? ' (n/a)' : ` (${result.requests} req, ${result.durationMs} ms)`}`,
    );
  }

  /** What the suite says while it runs (a wait for the pace, a 429): passed on as it comes. */
  onUserConsoleLog(log: { content: string }): void {
    this.write(log.content.trimEnd());
  }

  onTestRunEnd(
    testModules: readonly { errors(): readonly { message?: string }[] }[],
    unhandledErrors: readonly { message?: string }[],
  ): void {
    for (const m of testModules) for (const e of m.errors()) this.errors.push(e.message ?? String(e));
    for (const e of unhandledErrors) this.errors.push(e.message ?? String(e));
  }
}
