// `npm run screenshots`: renders the README's screenshots into docs/screenshots (after `npm run build`).
import { spawnSync } from 'node:child_process';

const run = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', 'screenshots'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, HAKO_SCREENSHOTS_DIR: 'docs/screenshots' },
});
process.exit(run.status ?? 1);
