// `node scripts/run-ts.mjs <script.ts> [args…]`: bundles a TypeScript script of this repository with
// esbuild (koffi and the other packages stay external) into out/scripts/ and runs it with node, passing
// the arguments on. Used by `npm run smoke:hcs`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const [script, ...args] = process.argv.slice(2);
if (!script || !script.endsWith('.ts')) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
const outfile = path.join('out', 'scripts', `${path.basename(script, '.ts')}.mjs`);
await build({ entryPoints: [script], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
const result = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
