// Test runner configuration: unit and property tests beside the code in src/,
// golden CLI runs and conformance suites in test/. The global setup builds the
// CLI once so golden runs exercise the real binary.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
