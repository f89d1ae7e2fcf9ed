// Runs every vitest suite and ends with one plain closing line, "tests: N passed, N failed[, N skipped]",
// that CI can read whatever the reporter above it printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const resultsFile = 'out/test-results.json';
mkdirSync('out', { recursive: true });
rmSync(resultsFile, { force: true });

const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
if (!existsSync(resultsFile)) {
  console.log('tests: 0 passed, 1 failed (vitest wrote no results)');
  process.exit(vitest.status || 1);
}
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest.status === 0 && results.numTotalTests > 0 ? 0 : vitest.status || 1);
