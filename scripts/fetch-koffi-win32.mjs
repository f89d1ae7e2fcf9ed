// Brings koffi's Windows native module into build/koffi-win32-<arch>/ for electron-builder's
// extraResources (reference/platform.md §1, option A). koffi 3 ships native code in per-platform
// packages that npm only installs on their own platform, so the package is fetched with `npm pack` at
// the exact version of the installed koffi, and its tarball is checked against package-lock.json.
//
//   node scripts/fetch-koffi-win32.mjs [x64] [arm64]      (default: x64 arm64)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const KOFFI_ARCHES = ['x64', 'arm64'];

function npm() {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

/** Ensures build/koffi-win32-<arch>/win32_<arch>/koffi.node; returns its path. */
export function fetchKoffiWin32(arch, { log = console.log } = {}) {
  if (!KOFFI_ARCHES.includes(arch)) throw new Error(`unsupported arch ${arch}`);
  const version = JSON.parse(readFileSync(path.join(root, 'node_modules/koffi/package.json'), 'utf8')).version;
  const name = `@koromix/koffi-win32-${arch}`;
  const target = path.join(root, 'build', `koffi-win32-${arch}`);
  const marker = path.join(target, '.version');
  const binary = path.join(target, `win32_${arch}`, 'koffi.node');
  if (existsSync(binary) && existsSync(marker) && readFileSync(marker, 'utf8') === version) return binary;

  const cache = path.join(root, 'build', 'cache');
  mkdirSync(cache, { recursive: true });
  const tarball = path.join(cache, `koromix-koffi-win32-${arch}-${version}.tgz`);
  if (!existsSync(tarball)) {
    log(`fetching ${name}@${version} with npm pack`);
    const out = execFileSync(npm(), ['pack', `${name}@${version}`, '--json', '--pack-destination', cache], {
      cwd: cache,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    const [info] = JSON.parse(out);
    if (path.join(cache, info.filename) !== tarball) throw new Error(`npm pack wrote ${info.filename}, expected ${path.basename(tarball)}`);
  }
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const expected = lock.packages?.[`node_modules/${name}`];
  if (expected?.version === version && expected.integrity) {
    const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (actual !== expected.integrity) {
      rmSync(tarball, { force: true });
      throw new Error(`${path.basename(tarball)} does not match package-lock.json's integrity; deleted it`);
    }
  } else {
    log(`note: package-lock.json has no entry for ${name}@${version}; relying on npm's own integrity check`);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { stdio: 'inherit' });
  if (!existsSync(binary)) throw new Error(`${name}@${version} has no win32_${arch}/koffi.node`);
  writeFileSync(marker, version);
  log(`${path.relative(root, binary)} ready (koffi ${version})`);
  return binary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arches = process.argv.slice(2);
  for (const arch of arches.length > 0 ? arches : KOFFI_ARCHES) fetchKoffiWin32(arch);
}
