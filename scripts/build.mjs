// Builds what runs off Electron: the C stand-ins of the Windows DLLs (off Windows) and the `hako` CLI
// with the browser host (out/cli/hako.js). `--watch` rebuilds the CLI on change.
import { build, context } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

if (process.platform !== 'win32') {
  const standIns = spawnSync(process.execPath, ['scripts/build-stand-in.mjs'], { stdio: 'inherit' });
  if (standIns.status !== 0) process.exit(standIns.status ?? 1);
}

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const cli = {
  entryPoints: ['main/cli/main.ts'],
  outfile: 'out/cli/hako.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  define: { HAKO_VERSION: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) {
  const ctx = await context(cli);
  await ctx.watch();
  console.log('watching main/cli …');
} else {
  await build(cli);
}
