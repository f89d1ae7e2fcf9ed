import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'test/**/*.test.ts'],
    // The Windows-ABI tier runs on its own (npm run test:win-abi, part of npm test); the tests against the
    // real Windows DLLs too (npm run test:real-dlls, on the Windows workflow).
    exclude: ['**/node_modules/**', 'main/native/wine.test.ts', 'test/windows/**'],
    environment: 'node',
    testTimeout: 20_000,
    // No test file may leave a call into HCS from inside an HCS callback behind (the stand-in counts them).
    setupFiles: ['test/support/native/deadlock-guard.ts'],
  },
});
