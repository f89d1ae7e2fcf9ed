import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['app/**/*.test.ts', 'main/**/*.test.ts', 'test/**/*.test.ts'],
          // The Windows-ABI tier runs on its own (npm run test:win-abi, part of npm test); the tests against
          // the real Windows DLLs too (npm run test:real-dlls, on the Windows workflow).
          exclude: ['**/node_modules/**', 'main/native/wine.test.ts', 'test/windows/**'],
          environment: 'node',
          // No test file may leave a call into HCS from inside an HCS callback behind (the stand-in counts them).
          setupFiles: ['test/support/native/deadlock-guard.ts'],
        },
      },
      {
        // The renderer's tests live next to its code and run in a DOM (happy-dom implements <dialog>).
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/support/renderer/setup-dom.ts'],
        },
      },
    ],
  },
});
