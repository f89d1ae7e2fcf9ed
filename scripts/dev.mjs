// `npm run dev [-- host options]`: the renderer against a real `hako host` on the stand-ins, so the UI
// always talks to the real handlers. Builds the stand-ins and the CLI once, then runs `vite build
// --watch` into out/renderer (unminified, React's development build) and `hako host` serving that
// folder. Reload the page after a change. The library lives in out/dev-data unless --data-dir says
// otherwise; other options (--port) go to `hako host`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'out', 'renderer');
const args = process.argv.slice(2);
const hostArgs = args.includes('--data-dir') ? args : [...args, '--data-dir', path.join(ROOT, 'out', 'dev-data')];

const cli = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (cli.status !== 0) process.exit(cli.status ?? 1);

/** @type {import('node:child_process').ChildProcess[]} */
const children = [];
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

function watch(child, name) {
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`dev: ${name} exited (${signal ?? code})`);
    stop(code ?? 1);
  });
}

const vite = spawn(
  process.execPath,
  [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--watch', '--config', 'renderer/vite.config.ts', '--mode', 'development', '--minify', 'false'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
);
watch(vite, 'vite');

// The host starts once the first build is in out/renderer; later builds only need a reload.
let hostStarted = false;
vite.stdout.setEncoding('utf8').on('data', (chunk) => {
  process.stdout.write(chunk);
  if (hostStarted || !/built in/.test(chunk)) return;
  hostStarted = true;
  watch(spawn(process.execPath, ['bin/hako.js', 'host', '--static-dir', OUT, ...hostArgs], { cwd: ROOT, stdio: 'inherit' }), 'hako host');
});
