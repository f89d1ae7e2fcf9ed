// `npm run dist [-- --x64|--arm64|--dir]`: builds the Electron app with electron-vite, fetches koffi's
// Windows binary for each arch, and runs electron-builder with electron-builder.yml (default: x64).
// HAKO_TEST_BUILD=1 (or --test-build) makes a build Playwright can drive: the
// EnableNodeCliInspectArguments fuse on, everything else as in a release.
// Installer targets need Windows (or network access to GitHub for electron-builder's tools).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchKoffiWin32 } from './fetch-koffi-win32.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const testBuild = process.env.HAKO_TEST_BUILD === '1' || args.includes('--test-build');
const arches = ['x64', 'arm64'].filter((arch) => args.includes(`--${arch}`));
if (arches.length === 0) arches.push('x64');

execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
for (const arch of arches) fetchKoffiWin32(arch);

const builder = require('electron-builder');
for (const arch of arches) {
  await builder.build({
    projectDir: root,
    targets: builder.Platform.WINDOWS.createTarget(args.includes('--dir') ? ['dir'] : null, builder.Arch[arch]),
    publish: 'never',
    ...(testBuild ? { config: { electronFuses: { enableNodeCliInspectArguments: true } } } : {}),
  });
}
