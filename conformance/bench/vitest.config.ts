// The benchmarks that need the kit's TypeScript test fixtures (the drifted servers): run by vitest,
// outside the test command. `pnpm --filter @tokens-kit/conformance bench:detection`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/*.bench-run.ts'], testTimeout: 1_800_000, hookTimeout: 120_000 },
});
