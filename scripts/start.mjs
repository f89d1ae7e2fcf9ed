// `npm start [-- args]`: builds and runs Hako. On Windows, or wherever Electron's binary is present,
// that is the Electron app; elsewhere it is the browser host on the C stand-ins, which prints the URL
// to open. Arguments after `--` go to the app (a .7b path) or to `hako host` (--port, --data-dir).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = process.argv.slice(2);
const electronBinary = process.platform === 'darwin' ? 'node_modules/electron/dist/Electron.app' : 'node_modules/electron/dist/electron';
// On Windows `electron` fetches its binary on first use; elsewhere only an existing binary is used.
const useElectron = process.platform === 'win32' || existsSync(electronBinary);
const run = useElectron
  ? spawnSync('npx', ['electron', '.', ...args], { stdio: 'inherit', shell: process.platform === 'win32' })
  : spawnSync(process.execPath, ['bin/hako.js', 'host', ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
