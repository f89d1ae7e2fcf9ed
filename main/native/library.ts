/**
 * The one place that decides which native libraries Hako loads, and loads each of them once.
 *
 * - On Windows: the system DLLs by name (computecore.dll, computenetwork.dll, virtdisk.dll, kernel32.dll,
 *   ole32.dll, advapi32.dll, ntdll.dll), unless `HAKO_STAND_IN_DIR` names a folder of the mingw stand-ins
 *   (`build/stand-in/win`, for runs under wine) or a per-library variable names a file.
 * - Elsewhere: the C stand-ins, `lib<name>.so` from `build/stand-in/` under the repository root, or from
 *   `HAKO_STAND_IN_DIR` (e.g. `build/stand-in/1809`).
 * - `HAKO_COMPUTECORE`, `HAKO_COMPUTENETWORK`, `HAKO_VIRTDISK` name one library file each and win over
 *   both rules.
 *
 * Result strings are freed with `LocalFree` (HCS) and `CoTaskMemFree` (HCN): kernel32 / ole32 on
 * Windows, the stand-in libraries themselves elsewhere (they count what they allocate).
 *
 * Nothing here hands a koffi value outside main/native.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import koffi, { type LibraryHandle } from 'koffi';

/** A koffi type specifier (type object or type string). */
export type TypeSpec = Parameters<typeof koffi.sizeof>[0];
/** A bound native function; `.async(...args, callback)` runs it on the libuv pool. */
export type NativeFunction = ReturnType<LibraryHandle['func']>;
export type { LibraryHandle };

/** The libraries Hako binds. `ntdll` and `advapi32` are only used on Windows (win32.ts). */
export type NativeLibraryName = 'computecore' | 'computenetwork' | 'virtdisk' | 'kernel32' | 'ole32' | 'advapi32' | 'ntdll';

/** The three libraries that have a stand-in. */
export type HostLibraryName = 'computecore' | 'computenetwork' | 'virtdisk';

const ENV_BY_LIBRARY: Record<HostLibraryName, string> = {
  computecore: 'HAKO_COMPUTECORE',
  computenetwork: 'HAKO_COMPUTENETWORK',
  virtdisk: 'HAKO_VIRTDISK',
};

const isWindows = process.platform === 'win32';

function isHostLibrary(name: NativeLibraryName): name is HostLibraryName {
  return name === 'computecore' || name === 'computenetwork' || name === 'virtdisk';
}

/** The repository (or installed app) root: the nearest folder above this module with a package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** The folder the stand-ins are loaded from, or null when the real Windows DLLs are used. */
export function standInDirectory(): string | null {
  const configured = process.env.HAKO_STAND_IN_DIR;
  if (configured) return path.resolve(packageRoot(), configured);
  return isWindows ? null : path.join(packageRoot(), 'build', 'stand-in');
}

function standInFileName(name: HostLibraryName): string {
  if (isWindows) return `${name}.dll`;
  return process.platform === 'darwin' ? `lib${name}.dylib` : `lib${name}.so`;
}

/** Whether `name` resolves to a stand-in (anything but the Windows system DLL). */
export function isStandIn(name: HostLibraryName): boolean {
  return Boolean(process.env[ENV_BY_LIBRARY[name]]) || standInDirectory() !== null;
}

/** Whether every host library is a stand-in, so the stand-in's test-only exports may be bound. */
export function usingStandIns(): boolean {
  return isStandIn('computecore') && isStandIn('computenetwork') && isStandIn('virtdisk');
}

/** What `koffi.load` is given for `name`. */
export function libraryPath(name: NativeLibraryName): string {
  if (isHostLibrary(name)) {
    const override = process.env[ENV_BY_LIBRARY[name]];
    if (override) return path.resolve(packageRoot(), override);
    const dir = standInDirectory();
    if (dir !== null) {
      const file = path.join(dir, standInFileName(name));
      // A variant folder (build/stand-in/1809) may hold only the library that differs; the others
      // come from the default folder.
      const fallback = isWindows ? path.join(packageRoot(), 'build', 'stand-in', 'win', standInFileName(name)) : path.join(packageRoot(), 'build', 'stand-in', standInFileName(name));
      return existsSync(file) || !existsSync(fallback) ? file : fallback;
    }
  }
  return `${name}.dll`;
}

const loaded = new Map<string, LibraryHandle>();

/** Loads a library once per path; a missing file throws an Error naming the path and the variables. */
export function loadLibrary(name: NativeLibraryName): LibraryHandle {
  const file = libraryPath(name);
  let lib = loaded.get(file);
  if (!lib) {
    try {
      lib = koffi.load(file);
    } catch (cause) {
      const hint = isHostLibrary(name)
        ? isWindows && !isStandIn(name)
          ? ' Turn on the "Virtual Machine Platform" Windows feature.'
          : ` Build the stand-ins with "node scripts/build-stand-in.mjs", or point HAKO_STAND_IN_DIR or ${ENV_BY_LIBRARY[name]} at them.`
        : '';
      throw new Error(`Cannot load ${file}.${hint}`, { cause });
    }
    loaded.set(file, lib);
  }
  return lib;
}

/** A bound export, or null when the library lacks it (koffi's `func` throws for a missing symbol). */
export function tryBind(lib: LibraryHandle, name: string, result: TypeSpec, args: TypeSpec[]): NativeFunction | null {
  try {
    return lib.func('__stdcall', name, result, args);
  } catch {
    return null;
  }
}

/** A bound export that must exist. */
export function bind(lib: LibraryHandle, name: string, result: TypeSpec, args: TypeSpec[]): NativeFunction {
  return lib.func('__stdcall', name, result, args);
}

type FreeFunction = (pointer: bigint) => unknown;
const frees = new Map<string, FreeFunction>();

function freeFunction(kind: 'LocalFree' | 'CoTaskMemFree', owner: HostLibraryName): FreeFunction {
  // The Windows stand-ins allocate with LocalAlloc / CoTaskMemAlloc, so the system frees apply there too.
  const lib = isWindows ? loadLibrary(kind === 'LocalFree' ? 'kernel32' : 'ole32') : loadLibrary(owner);
  const key = `${kind}:${isWindows ? '' : libraryPath(owner)}`;
  let fn = frees.get(key);
  if (!fn) {
    fn = bind(lib, kind, 'void *', ['void *']) as FreeFunction;
    frees.set(key, fn);
  }
  return fn;
}

// Resolved on the first free, after the library that allocates the strings has been loaded (and, like
// that library, once per process): resolving the path on every free cost a handful of stat calls per
// result string (bench/native.ts).
let hcsFree: FreeFunction | null = null;
let hcnFree: FreeFunction | null = null;

/** Frees an HCS result string (computecore's allocator). */
export function localFree(pointer: bigint): void {
  (hcsFree ??= freeFunction('LocalFree', 'computecore'))(pointer);
}

/** Frees an HCN result string (computenetwork's allocator). */
export function coTaskMemFree(pointer: bigint): void {
  (hcnFree ??= freeFunction('CoTaskMemFree', 'computenetwork'))(pointer);
}
