// `npm run bench -- <name>`: bundles bench/<name>.ts and runs it. Each benchmark ends by printing
// its figures as `bench: <figure> = <value> <unit>`.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const name = process.argv[2];
const available = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>   (available: ${available.join(', ')})`);
  process.exit(2);
}
const outfile = `out/bench/${name}.js`;
await build({ entryPoints: [`bench/${name}.ts`], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
if (!existsSync(outfile)) process.exit(2);
const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
