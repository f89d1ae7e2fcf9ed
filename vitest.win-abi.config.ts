import { defineConfig } from 'vitest/config';

// The Windows-ABI tier alone (npm run test:win-abi); the default config leaves it out.
export default defineConfig({
  test: {
    include: ['main/native/wine.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
  },
});
