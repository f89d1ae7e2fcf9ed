/**
 * Helpers for the native tests (not shipped: only *.test.ts files import this). Builds the stand-ins
 * once per machine state, under a lock, so test files running in parallel neither build twice nor
 * overwrite a library another worker has loaded.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const OUTPUTS = [
  'build/stand-in/libcomputecore.so',
  'build/stand-in/libcomputenetwork.so',
  'build/stand-in/libvirtdisk.so',
  'build/stand-in/libcfgmgr32.so',
  'build/stand-in/1809/libcomputecore.so',
];

function newestSource(): number {
  const dir = path.join(repoRoot, 'stand-in');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.c') || name.endsWith('.h'))
    .map((name) => path.join(dir, name));
  files.push(path.join(repoRoot, 'scripts/build-stand-in.mjs'));
  return Math.max(...files.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs));
}

function fresh(): boolean {
  const sources = newestSource();
  return OUTPUTS.every((file) => {
    const full = path.join(repoRoot, file);
    return existsSync(full) && statSync(full).mtimeMs >= sources;
  });
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds build/stand-in/ unless it is newer than stand-in/. Call in beforeAll.
 *
 * On Windows (the binding tests bundled and run by node.exe under wine, npm run test:win-abi) nothing is
 * built — there is no `cc`, and `repoRoot`, computed from the bundle, is not the repository: the
 * stand-ins are the prebuilt mingw DLLs (`node scripts/build-stand-in.mjs --win`) that
 * HAKO_STAND_IN_DIR names.
 */
export function ensureStandIns(): void {
  if (process.platform === 'win32') {
    if (!process.env.HAKO_STAND_IN_DIR) throw new Error('On Windows the native tests load the mingw stand-ins: set HAKO_STAND_IN_DIR (build/stand-in/win).');
    return;
  }
  if (fresh()) return;
  const lock = path.join(repoRoot, 'build', '.stand-in-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A stale lock (a crashed build) is broken after two minutes.
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      sleepSync(100);
    }
  }
  try {
    if (!fresh()) execFileSync(process.execPath, ['scripts/build-stand-in.mjs'], { cwd: repoRoot, stdio: 'pipe' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
