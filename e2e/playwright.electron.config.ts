/**
 * Playwright specs for the real Electron app (e2e/electron/). They run where an Electron binary
 * exists — the Windows workflow — and are skipped elsewhere with that reason. Build first:
 * `npx electron-vite build` (or point HAKO_E2E_EXE at a packaged test build).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'electron',
  testMatch: '*.spec.ts',
  outputDir: '../out/e2e-electron/results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: '../out/e2e-electron/junit.xml' }]] : [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
