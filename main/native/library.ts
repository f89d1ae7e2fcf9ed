/**
 * The one place that decides which native libraries Hako loads, and loads each of them once.
 *
 * - The packaged app (packaged.ts) loads the Windows DLLs only, each by its absolute path in the System32
 *   folder (`GetSystemDirectoryW`), after `SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32)` so
 *   that the DLLs' own dependencies come from System32 too. No environment variable is read: computecore,
 *   computenetwork and virtdisk are not KnownDLLs, and the search by bare name reaches the executable's
 *   folder (user-writable for the portable build) before System32 — a DLL planted there would run as
 *   administrator ("Dynamic-link library security", learn.microsoft.com/windows/win32/dlls). The same
 *   variables set in HKCU\Environment would reach the next elevated launch, so they count only here,
 *   outside the packaged app.
 * - Elsewhere (development, tests, the browser host): on Windows the same System32 paths, unless
 *   `HAKO_STAND_IN_DIR` names a folder of the mingw stand-ins (`build/stand-in/win`, for runs under wine);
 *   off Windows the C stand-ins, `lib<name>.so` from `build/stand-in/` under the repository root, or from
 *   `HAKO_STAND_IN_DIR` (e.g. `build/stand-in/1809`). `HAKO_COMPUTECORE`, `HAKO_COMPUTENETWORK`,
 *   `HAKO_VIRTDISK` and `HAKO_CFGMGR32` name one library file each and win over both rules.
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
import { isPackagedApp } from './packaged.js';

/** A koffi type specifier (type object or type string). */
export type TypeSpec = Parameters<typeof koffi.sizeof>[0];
/** A bound native function; `.async(...args, callback)` runs it on the libuv pool. */
export type NativeFunction = ReturnType<LibraryHandle['func']>;
export type { LibraryHandle };

/**
 * The libraries Hako binds. The Win32 ones are only loaded on Windows (win32.ts, shutdown-block.ts,
 * tcp-owner-windows.ts).
 */
export type NativeLibraryName = HostLibraryName | SystemLibraryName;
/** The libraries that have a stand-in. */
export type HostLibraryName = 'computecore' | 'computenetwork' | 'virtdisk' | 'cfgmgr32';
export type SystemLibraryName = 'kernel32' | 'ole32' | 'advapi32' | 'ntdll' | 'shell32' | 'user32' | 'iphlpapi';

export const HOST_LIBRARIES: readonly HostLibraryName[] = ['computecore', 'computenetwork', 'virtdisk', 'cfgmgr32'];
const SYSTEM_LIBRARIES: readonly SystemLibraryName[] = ['kernel32', 'ole32', 'advapi32', 'ntdll', 'shell32', 'user32', 'iphlpapi'];

const ENV_BY_LIBRARY: Readonly<Record<HostLibraryName, string>> = {
  computecore: 'HAKO_COMPUTECORE',
  computenetwork: 'HAKO_COMPUTENETWORK',
  virtdisk: 'HAKO_VIRTDISK',
  cfgmgr32: 'HAKO_CFGMGR32',
};

/** `LOAD_LIBRARY_SEARCH_SYSTEM32` (libloaderapi.h). */
const LOAD_LIBRARY_SEARCH_SYSTEM32 = 0x00000800;
const MAX_PATH = 260;

function isHostLibrary(name: NativeLibraryName): name is HostLibraryName {
  return (HOST_LIBRARIES as readonly string[]).includes(name);
}

/** What a loader plan depends on; everything that may vary between runs is an input. */
export interface LoaderInputs {
  readonly packaged: boolean;
  readonly platform: NodeJS.Platform;
  /** Read only when not packaged. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The System32 folder (Windows), from GetSystemDirectoryW. */
  readonly systemDirectory: string | null;
  /** The repository (or installed app) root, against which relative variables resolve. */
  readonly root: string;
  readonly exists: (file: string) => boolean;
}

/** Where every library comes from, and whether the stand-ins' test-only exports may be bound. */
export interface LoaderPlan {
  readonly paths: Readonly<Record<NativeLibraryName, string>>;
  /** Which host libraries are stand-ins (not the Windows DLL). */
  readonly standIn: Readonly<Record<HostLibraryName, boolean>>;
  /** Every host library is a stand-in and the app is not packaged: test-only exports may be bound. */
  readonly testExports: boolean;
}

function standInFileName(platform: NodeJS.Platform, name: HostLibraryName): string {
  if (platform === 'win32') return `${name}.dll`;
  return platform === 'darwin' ? `lib${name}.dylib` : `lib${name}.so`;
}

/**
 * The loader's decision, as a pure function of its inputs. Packaged: every library from System32 (or,
 * off Windows where no packaged Hako exists, a bare name that will not load), whatever the environment.
 */
export function planLibraries(inputs: LoaderInputs): LoaderPlan {
  const windows = inputs.platform === 'win32';
  const pathApi = windows ? path.win32 : path.posix;
  const system = (file: string) => (inputs.systemDirectory ? pathApi.join(inputs.systemDirectory, file) : file);
  const env = inputs.packaged ? {} : inputs.env;
  const standInDir = env.HAKO_STAND_IN_DIR ? pathApi.resolve(inputs.root, env.HAKO_STAND_IN_DIR) : windows || inputs.packaged ? null : pathApi.join(inputs.root, 'build', 'stand-in');
  const paths = {} as Record<NativeLibraryName, string>;
  const standIn = {} as Record<HostLibraryName, boolean>;
  for (const name of HOST_LIBRARIES) {
    const override = env[ENV_BY_LIBRARY[name]];
    if (override) {
      paths[name] = pathApi.resolve(inputs.root, override);
      standIn[name] = true;
    } else if (standInDir !== null) {
      const file = pathApi.join(standInDir, standInFileName(inputs.platform, name));
      // A variant folder (build/stand-in/1809) may hold only the library that differs; the others
      // come from the default folder.
      const fallback = pathApi.join(inputs.root, 'build', 'stand-in', ...(windows ? ['win'] : []), standInFileName(inputs.platform, name));
      paths[name] = inputs.exists(file) || !inputs.exists(fallback) ? file : fallback;
      standIn[name] = true;
    } else {
      paths[name] = system(`${name}.dll`);
      standIn[name] = false;
    }
  }
  for (const name of SYSTEM_LIBRARIES) paths[name] = system(`${name}.dll`);
  return { paths, standIn, testExports: !inputs.packaged && HOST_LIBRARIES.every((name) => standIn[name]) };
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

// ---- Windows: the System32 folder and the safe search order, before any DLL but kernel32 loads ----

interface SystemFolder {
  readonly directory: string | null;
  /** SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32) succeeded. */
  readonly safeSearch: boolean;
  readonly problem: string | null;
}

let systemFolder: SystemFolder | null = null;

/**
 * Windows only. kernel32 is loaded by name here, the one exception: it is a KnownDLL, always already
 * mapped in the process, so the name can only resolve to the system's copy.
 */
function windowsSystemFolder(): SystemFolder {
  if (systemFolder) return systemFolder;
  const kernel32 = koffi.load('kernel32.dll');
  const GetLastError = kernel32.func('__stdcall', 'GetLastError', 'uint32_t', []);
  const GetSystemDirectoryW = kernel32.func('__stdcall', 'GetSystemDirectoryW', 'uint32_t', ['void *', 'uint32_t']);
  const SetDefaultDllDirectories = kernel32.func('__stdcall', 'SetDefaultDllDirectories', 'int', ['uint32_t']);
  const problems: string[] = [];
  const safeSearch = SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32) !== 0;
  if (!safeSearch) problems.push(`SetDefaultDllDirectories failed (error ${GetLastError() as number})`);
  const buffer = Buffer.alloc((MAX_PATH + 1) * 2);
  const length = GetSystemDirectoryW(buffer, MAX_PATH + 1) as number;
  let directory: string | null = null;
  if (length === 0 || length > MAX_PATH) problems.push(`GetSystemDirectoryW failed (error ${length === 0 ? (GetLastError() as number) : 'buffer too small'})`);
  else directory = buffer.toString('utf16le', 0, length * 2);
  systemFolder = { directory, safeSearch, problem: problems.length ? problems.join('; ') : null };
  return systemFolder;
}

/** The System32 folder on Windows (GetSystemDirectoryW), null elsewhere. */
export function systemDirectory(): string | null {
  return process.platform === 'win32' ? windowsSystemFolder().directory : null;
}

/** The plan for this process, with the environment as it is now (tests change it between calls). */
export function loaderPlan(): LoaderPlan {
  return planLibraries({
    packaged: isPackagedApp(),
    platform: process.platform,
    env: process.env,
    systemDirectory: systemDirectory(),
    root: packageRoot(),
    exists: existsSync,
  });
}

/** The folder the stand-ins are loaded from, or null when the real Windows DLLs are used. */
export function standInDirectory(): string | null {
  const plan = loaderPlan();
  return plan.standIn.computecore ? path.dirname(plan.paths.computecore) : null;
}

/** Whether `name` resolves to a stand-in (anything but the Windows system DLL). */
export function isStandIn(name: HostLibraryName): boolean {
  return loaderPlan().standIn[name];
}

/** Whether the stand-ins' test-only exports may be bound: never in the packaged app. */
export function usingStandIns(): boolean {
  return loaderPlan().testExports;
}

/** What `koffi.load` is given for `name`. */
export function libraryPath(name: NativeLibraryName): string {
  return loaderPlan().paths[name];
}

// ---- loading, and what the diagnostics say about it ----

export type LibraryState = 'loaded' | 'missing' | 'failed';

export interface LibraryStatus {
  readonly name: NativeLibraryName;
  readonly path: string;
  readonly state: LibraryState;
  /** Why it did not load. */
  readonly message?: string;
  readonly advice?: string;
}

export interface LoaderReport {
  readonly packaged: boolean;
  /** SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_SYSTEM32) took effect (Windows); null elsewhere. */
  readonly safeSearch: boolean | null;
  /** A problem with the System32 folder or the search order (Windows), or null. */
  readonly problem: string | null;
  /** Every library this process tried to load, in order. */
  readonly libraries: readonly LibraryStatus[];
}

const loaded = new Map<string, LibraryHandle>();
const attempts = new Map<NativeLibraryName, LibraryStatus>();

const FEATURE_ADVICE = 'Turn on the "Virtual Machine Platform" Windows feature (or Hyper-V), restart Windows, and start Hako again.';

/** Loads a library once per path; a missing file throws an Error naming the path and what to do. */
export function loadLibrary(name: NativeLibraryName): LibraryHandle {
  const plan = loaderPlan();
  const file = plan.paths[name];
  let lib = loaded.get(file);
  if (lib) return lib;
  const standIn = isHostLibrary(name) && plan.standIn[name];
  try {
    lib = koffi.load(file);
  } catch (cause) {
    const missing = !existsSync(file);
    // cfgmgr32 is part of every Windows; only the Hyper-V libraries come with a feature to turn on.
    const advice = isHostLibrary(name)
      ? standIn
        ? `Build the stand-ins with "node scripts/build-stand-in.mjs", or point HAKO_STAND_IN_DIR or ${ENV_BY_LIBRARY[name]} at them.`
        : name === 'cfgmgr32'
          ? undefined
          : FEATURE_ADVICE
      : undefined;
    const message = missing ? `${file} does not exist.` : `${file} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`;
    attempts.set(name, { name, path: file, state: missing ? 'missing' : 'failed', message, ...(advice ? { advice } : {}) });
    throw new Error(`Cannot load ${file}.${advice ? ` ${advice}` : ''}`, { cause });
  }
  loaded.set(file, lib);
  attempts.set(name, { name, path: file, state: 'loaded' });
  return lib;
}

let image: LibraryHandle | null = null;

/**
 * The running executable itself (node.exe, electron.exe: GetModuleHandle(NULL), never a search), whose
 * exports include libuv's — native addons call them the same way (node-gyp's win_delay_load_hook binds
 * the host executable). Windows only.
 */
export function processImage(): LibraryHandle {
  image ??= koffi.load(null);
  return image;
}

/** Whether this process has loaded `name` (without loading it). */
export function isLoaded(name: NativeLibraryName): boolean {
  return attempts.get(name)?.state === 'loaded';
}

/** What this process loaded, from where, and what failed. */
export function loaderReport(): LoaderReport {
  const windows = process.platform === 'win32' ? windowsSystemFolder() : null;
  return {
    packaged: isPackagedApp(),
    safeSearch: windows ? windows.safeSearch : null,
    problem: windows ? windows.problem : null,
    libraries: [...attempts.values()],
  };
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
  const windows = process.platform === 'win32';
  const lib = windows ? loadLibrary(kind === 'LocalFree' ? 'kernel32' : 'ole32') : loadLibrary(owner);
  const key = `${kind}:${windows ? '' : libraryPath(owner)}`;
  let fn = frees.get(key);
  if (!fn) {
    // LocalFree returns an HLOCAL (NULL on success); CoTaskMemFree returns nothing (combaseapi.h).
    fn = bind(lib, kind, kind === 'LocalFree' ? 'void *' : 'void', ['void *']) as FreeFunction;
    frees.set(key, fn);
  }
  return fn;
}

// Resolved on the first free, after the library that allocates the strings has been loaded (and, like
// that library, once per process): resolving the path on every free cost a handful of stat calls per
// result string (bench/native.ts).
let hcsFree: FreeFunction | null = null;
let hcnFree: FreeFunction | null = null;

/** Frees an HCS result string (computecore's allocator). Synchronous: a free never blocks. */
export function localFree(pointer: bigint): void {
  (hcsFree ??= freeFunction('LocalFree', 'computecore'))(pointer);
}

/** Frees a string a system DLL allocated with CoTaskMemAlloc (ole32's CoTaskMemFree; Windows only). */
export function coTaskMemFreeSystem(pointer: bigint): void {
  (systemCoTaskMemFree ??= bind(loadLibrary('ole32'), 'CoTaskMemFree', 'void', ['void *']) as FreeFunction)(pointer);
}
let systemCoTaskMemFree: FreeFunction | null = null;

/** Frees an HCN result string (computenetwork's allocator). Synchronous: a free never blocks. */
export function coTaskMemFree(pointer: bigint): void {
  (hcnFree ??= freeFunction('CoTaskMemFree', 'computenetwork'))(pointer);
}
