// Builds what runs off Electron: the `hako` CLI (out/cli/hako.js). `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { readFile } from 'node:fs/promises';

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
