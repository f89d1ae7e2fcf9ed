// Runs every test tier — the vitest suite, the Windows-ABI tier under wine, the end-to-end specs in
// Chromium through the browser host — and ends with one plain closing line,
// "tests: N passed, N failed[, N skipped]", that CI can read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('out', { recursive: true });

/** Runs one tier with a JSON report next to the usual output; returns its exit status and counts. */
function tier(name, command, args) {
  const report = `out/test-results-${name}.json`;
  rmSync(report, { force: true });
  const run = spawnSync(command, [...args, '--reporter=default', '--reporter=json', `--outputFile=${report}`], { stdio: 'inherit' });
  if (!existsSync(report)) return { status: run.status || 1, passed: 0, failed: 1, skipped: 0 };
  const results = JSON.parse(readFileSync(report, 'utf8'));
  return {
    status: run.status === 0 && results.numTotalTests > 0 ? 0 : run.status || 1,
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    skipped: results.numPendingTests + results.numTodoTests,
  };
}

/** Playwright's JSON report counts differently from vitest's. */
function playwrightTier() {
  const report = 'out/test-results-e2e.json';
  rmSync(report, { force: true });
  const run = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  if (!existsSync(report)) return { status: run.status || 1, passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  const passed = stats.expected + stats.flaky;
  return { status: run.status === 0 && passed > 0 ? 0 : run.status || 1, passed, failed: stats.unexpected, skipped: stats.skipped };
}

const tiers = [tier('unit', 'npx', ['vitest', 'run'])];
// On Windows the unit tier already runs the real ABI; elsewhere wine provides it.
if (process.platform === 'linux') tiers.push(tier('win-abi', process.execPath, ['scripts/test-win-abi.mjs']));
tiers.push(playwrightTier());
const sum = (key) => tiers.reduce((total, t) => total + t[key], 0);
const skipped = sum('skipped');
console.log(`tests: ${sum('passed')} passed, ${sum('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(tiers.every((t) => t.status === 0) ? 0 : 1);
