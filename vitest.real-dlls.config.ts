import { defineConfig } from 'vitest/config';

// The binding tests against the real Windows DLLs alone (npm run test:real-dlls); the default config
// leaves them out.
export default defineConfig({
  test: {
    include: ['test/windows/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
