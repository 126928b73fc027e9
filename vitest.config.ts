import { defineConfig } from 'vitest/config';

// Node-side tests. The Workers suite (workerd) has its own config: vitest.workers.config.ts.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/runtime/worker/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
