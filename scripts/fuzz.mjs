// `npm run fuzz -- [count]`: the standing fuzz and abuse suite, long. `count` (default 100,000) is the
// number of .7b reader inputs; the dispatcher gets count/100 payloads per channel and the kill -9 save
// harness count/100 kills. `npm test` runs the same tests with small counts.
import { spawnSync } from 'node:child_process';

const count = Number(process.argv[2] ?? 100_000);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error('usage: npm run fuzz -- [count]   (a positive whole number of reader inputs)');
  process.exit(2);
}
const run = spawnSync(
  'npx',
  ['vitest', 'run', 'app/config/fuzz.test.ts', 'main/ipc/dispatch.fuzz.test.ts', 'main/files/kill-save.test.ts', 'app/ipc/path-guards.test.ts', 'main/app-services.test.ts', '--testTimeout=3600000'],
  {
    stdio: 'inherit',
    env: { ...process.env, HAKO_FUZZ_COUNT: String(count), HAKO_FUZZ_KILLS: String(Math.max(40, Math.round(count / 100))), HAKO_FUZZ_PER_CHANNEL: String(Math.max(40, Math.round(count / 100))) },
  },
);
process.exit(run.status ?? 1);
