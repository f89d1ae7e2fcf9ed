/**
 * Facts about the host and this process (`HostInfo`).
 *
 * On Windows (also under wine, where these calls work): the user SID from the process token
 * (OpenProcessToken + GetTokenInformation(TokenUser) + ConvertSidToStringSidW + LocalFree), elevation
 * (TokenElevation) and the build number (RtlGetVersion, which unlike GetVersionEx is not lied to by
 * the compatibility manifest). HAKO_STAND_IN_BUILD overrides the build when stand-ins are loaded.
 *
 * Elsewhere (stand-ins): build from HAKO_STAND_IN_BUILD or 26100, the fixed fake SID
 * `S-1-5-21-1000-1000-1000-<uid>`, elevated when uid is 0.
 *
 * GetLastError is read by a separate koffi call right after the call that failed: koffi keeps the
 * thread's last-error value from its own work and from Node's (its changelog, 2.6.10), which
 * win32.test.ts checks under wine, with Node work in between. These calls are quick and synchronous;
 * an `.async` call that needs the value reads it in its completion (calls.ts).
 */
import path from 'node:path';
import koffi from 'koffi';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import type { HostInfo } from '../services/ports.js';
import { failed, takeString16 } from './ffi.js';
import { GUID, guidToStruct } from './guid.js';
import { unsafeInstallFolder, type InstallWarning } from './install-location.js';
import { isPackagedApp } from './packaged.js';
import { bind, coTaskMemFreeSystem, loadLibrary, systemDirectory, usingStandIns } from './library.js';

/** The build the stand-ins emulate unless HAKO_STAND_IN_BUILD says otherwise. */
export const DEFAULT_STAND_IN_BUILD = 26100;

const TOKEN_QUERY = 0x0008;
const TOKEN_USER_CLASS = 1;
const TOKEN_ELEVATION_CLASS = 20;

const RTL_OSVERSIONINFOW = koffi.struct({
  dwOSVersionInfoSize: 'uint32_t',
  dwMajorVersion: 'uint32_t',
  dwMinorVersion: 'uint32_t',
  dwBuildNumber: 'uint32_t',
  dwPlatformId: 'uint32_t',
  szCSDVersion: koffi.array('char16_t', 128),
});

function standInBuild(): number | null {
  const text = process.env.HAKO_STAND_IN_BUILD;
  if (!text) return null;
  const build = Number(text);
  return Number.isInteger(build) && build > 0 ? build : null;
}

function win32Failure(operation: string, lastError: number): HcsError {
  const hresult = lastError > 0 && lastError <= 0xffff ? hresultFromWin32(lastError) : HRESULT.E_FAIL;
  return new HcsError({ api: 'Win32', operation, hresult });
}

function windowsHostInfo(): HostInfo {
  const kernel32 = loadLibrary('kernel32');
  const advapi32 = loadLibrary('advapi32');
  const ntdll = loadLibrary('ntdll');
  const GetLastError = bind(kernel32, 'GetLastError', 'uint32_t', []);
  const GetCurrentProcess = bind(kernel32, 'GetCurrentProcess', 'void *', []);
  const CloseHandle = bind(kernel32, 'CloseHandle', 'int', ['void *']);
  const LocalFree = bind(kernel32, 'LocalFree', 'void *', ['void *']);
  const OpenProcessToken = bind(advapi32, 'OpenProcessToken', 'int', ['void *', 'uint32_t', koffi.out(koffi.pointer('void *'))]);
  const GetTokenInformation = bind(advapi32, 'GetTokenInformation', 'int', ['void *', 'int', 'void *', 'uint32_t', koffi.out(koffi.pointer('uint32_t'))]);
  const ConvertSidToStringSidW = bind(advapi32, 'ConvertSidToStringSidW', 'int', ['void *', koffi.out(koffi.pointer('void *'))]);
  const RtlGetVersion = bind(ntdll, 'RtlGetVersion', 'int32_t', [koffi.inout(koffi.pointer(RTL_OSVERSIONINFOW))]);

  const version: Record<string, unknown> = { dwOSVersionInfoSize: RTL_OSVERSIONINFOW.size };
  const status = RtlGetVersion(version) as number;
  if (status !== 0) throw new HcsError({ api: 'Win32', operation: 'RtlGetVersion', hresult: HRESULT.E_FAIL, apiMessage: `NTSTATUS 0x${(status >>> 0).toString(16)}` });
  const build = standInBuild() !== null && usingStandIns() ? standInBuild()! : (version.dwBuildNumber as number);

  const tokenOut: unknown[] = [null];
  if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, tokenOut)) throw win32Failure('OpenProcessToken', GetLastError() as number);
  const token = tokenOut[0] as bigint;
  try {
    // TokenUser: ask for the size, then read TOKEN_USER { SID_AND_ATTRIBUTES { PSID Sid; DWORD } } and
    // the SID it points to, both inside the same buffer.
    const needed: unknown[] = [0];
    GetTokenInformation(token, TOKEN_USER_CLASS, null, 0, needed);
    const size = needed[0] as number;
    if (!size) throw win32Failure('GetTokenInformation', GetLastError() as number);
    const buffer = koffi.alloc('uint8_t', size) as bigint;
    let userSid: string;
    try {
      if (!GetTokenInformation(token, TOKEN_USER_CLASS, buffer, size, needed)) throw win32Failure('GetTokenInformation', GetLastError() as number);
      const sid = koffi.decode(buffer, 'void *') as bigint;
      const textOut: unknown[] = [null];
      if (!ConvertSidToStringSidW(sid, textOut)) throw win32Failure('ConvertSidToStringSidW', GetLastError() as number);
      const text = takeString16(textOut[0], (p) => void LocalFree(p));
      if (!text) throw win32Failure('ConvertSidToStringSidW', 0);
      userSid = text;
    } finally {
      koffi.free(buffer);
    }

    // TokenElevation: TOKEN_ELEVATION { DWORD TokenIsElevated }.
    const elevation = koffi.alloc('uint32_t', 1) as bigint;
    let elevated: boolean;
    try {
      elevated = Boolean(GetTokenInformation(token, TOKEN_ELEVATION_CLASS, elevation, 4, needed)) && (koffi.decode(elevation, 'uint32_t') as number) !== 0;
    } finally {
      koffi.free(elevation);
    }
    return { build, userSid, elevated };
  } finally {
    CloseHandle(token);
  }
}

function standInHostInfo(): HostInfo {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 1000;
  return { build: standInBuild() ?? DEFAULT_STAND_IN_BUILD, userSid: `S-1-5-21-1000-1000-1000-${uid}`, elevated: uid === 0 };
}

/** Reads the host facts once; call at start-up (the Windows calls are quick and synchronous). */
export function loadHostInfo(): HostInfo {
  return process.platform === 'win32' ? windowsHostInfo() : standInHostInfo();
}

/** FOLDERID_ProgramFiles and FOLDERID_ProgramFilesX86 (KnownFolders.h). */
const FOLDERID_PROGRAM_FILES = '905e63b6-c1bf-494e-b29c-65b732d3d21a';
const FOLDERID_PROGRAM_FILES_X86 = '7c5a40ef-a0fb-4bfc-874a-c0f2e0b9fa8e';

/** A known folder's path (SHGetKnownFolderPath, freed with CoTaskMemFree), or null. */
function knownFolder(id: string): string | null {
  const shell32 = loadLibrary('shell32');
  const SHGetKnownFolderPath = bind(shell32, 'SHGetKnownFolderPath', 'int32_t', [koffi.pointer(GUID), 'uint32_t', 'void *', koffi.out(koffi.pointer('void *'))]);
  const out: unknown[] = [null];
  const hresult = SHGetKnownFolderPath(guidToStruct(id), 0, null, out) as number;
  const text = takeString16(out[0], coTaskMemFreeSystem);
  return failed(hresult) ? null : text;
}

/**
 * The warning for an elevated Hako in a folder that others can write to (install-location.ts), or null.
 * Windows only; the folders come from the system (SHGetKnownFolderPath, GetSystemDirectoryW), never
 * from environment variables. PORTABLE_EXECUTABLE_FILE only names the portable exe in the message.
 */
export function installWarning(host: HostInfo): InstallWarning | null {
  if (process.platform !== 'win32') return null;
  const portable = isPackagedApp() ? (process.env.PORTABLE_EXECUTABLE_FILE ?? null) : null;
  return unsafeInstallFolder({ elevated: host.elevated, appFolder: path.win32.dirname(process.execPath), protectedFolders: protectedFolders(), portableExecutable: portable });
}

/** Program Files (both) and the Windows folder, as the system reports them (Windows only). */
export function protectedFolders(): string[] {
  const system = systemDirectory();
  return [knownFolder(FOLDERID_PROGRAM_FILES), knownFolder(FOLDERID_PROGRAM_FILES_X86), system ? path.win32.dirname(system) : null].filter(
    (folder): folder is string => folder !== null && folder !== '',
  );
}
