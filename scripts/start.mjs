// `npm start [-- args]`: builds and runs Hako. Until the Electron shell and the browser host exist,
// that is the `hako` CLI; with no arguments it shows its help.
import { spawnSync } from 'node:child_process';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const args = process.argv.slice(2);
const run = spawnSync(process.execPath, ['bin/hako.js', ...(args.length > 0 ? args : ['--help'])], { stdio: 'inherit' });
process.exit(run.status ?? 1);
