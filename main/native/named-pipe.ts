/**
 * `NamedPipes` (services/ports.ts): connects to a named pipe and says which process serves it, before
 * Hako writes a byte (the console proxy refuses a pipe its VM's worker does not serve; services/screen/
 * vm-worker.ts).
 *
 * Windows: `CreateFileW` opens the pipe overlapped, with `SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION`
 * so the server can identify Hako but never act as it (Hako runs as administrator; "Impersonation Levels",
 * learn.microsoft.com). `GetNamedPipeServerProcessId` names the server's pid; `OpenProcess` with
 * `PROCESS_QUERY_LIMITED_INFORMATION` (what a protected process such as a VM worker may still grant),
 * `QueryFullProcessImageNameW`, and `OpenProcessToken` + `GetTokenInformation(TokenUser)` +
 * `ConvertSidToStringSidW` name its image and user. The handle then goes to Node: libuv's
 * `uv_open_osfhandle` (exported by node.exe and electron.exe, found through `processImage()`) makes it a
 * descriptor of the executable's own C runtime, and `net.Socket({ fd })` reads and writes it on libuv's
 * completion port — overlapped, so a pending read never blocks a write, which a synchronous pipe handle
 * would. Each call is quick (nothing here waits on the server), so they run on the JS thread, as win32.ts
 * does.
 *
 * Elsewhere: the pipe is the stand-in's Unix socket (pipe-path.ts), the "handle" its file descriptor, and
 * the same Win32 calls come from the computecore stand-in (stand-in/pipe_identity.c), which answers as
 * Windows would for its pretend VM worker.
 */
import { closeSync, openSync } from 'node:fs';
import net from 'node:net';
import koffi from 'koffi';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import { standInPipePath } from '../services/session/pipe-path.js';
import type { NamedPipes, PipeConnection, PipeServer } from '../services/ports.js';
import { bind, loadLibrary, processImage, systemDirectory, type NativeFunction } from './library.js';
import { takeString16 } from './ffi.js';

const GENERIC_READ = 0x80000000;
const GENERIC_WRITE = 0x40000000;
const OPEN_EXISTING = 3;
const FILE_FLAG_OVERLAPPED = 0x40000000;
const SECURITY_SQOS_PRESENT = 0x00100000;
const SECURITY_IDENTIFICATION = 0x00010000; // SECURITY_IDENTIFICATION << 16 (winbase.h)
const INVALID_HANDLE_VALUE = -1n;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_USER_CLASS = 1;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_PATH_NOT_FOUND = 3;
const ERROR_INSUFFICIENT_BUFFER = 122;
const ERROR_PIPE_BUSY = 231;
/** The stand-ins' System32: the folder their pretend VM worker runs from. */
const STAND_IN_SYSTEM32 = 'C:\\Windows\\System32';

interface IdentityCalls {
  readonly GetLastError: NativeFunction;
  readonly GetNamedPipeServerProcessId: NativeFunction;
  readonly OpenProcess: NativeFunction;
  readonly QueryFullProcessImageNameW: NativeFunction;
  readonly CloseHandle: NativeFunction;
  readonly OpenProcessToken: NativeFunction;
  readonly GetTokenInformation: NativeFunction;
  readonly ConvertSidToStringSidW: NativeFunction;
  readonly LocalFree: NativeFunction;
}

let calls: IdentityCalls | null = null;

/** kernel32 and advapi32 on Windows; the computecore stand-in elsewhere. Handles are pointer-sized integers. */
function identityCalls(): IdentityCalls {
  if (calls) return calls;
  const windows = process.platform === 'win32';
  const kernel32 = windows ? loadLibrary('kernel32') : loadLibrary('computecore');
  const advapi32 = windows ? loadLibrary('advapi32') : kernel32;
  calls = {
    GetLastError: bind(kernel32, 'GetLastError', 'uint32_t', []),
    GetNamedPipeServerProcessId: bind(kernel32, 'GetNamedPipeServerProcessId', 'int', ['intptr_t', koffi.out(koffi.pointer('uint32_t'))]),
    OpenProcess: bind(kernel32, 'OpenProcess', 'intptr_t', ['uint32_t', 'int', 'uint32_t']),
    QueryFullProcessImageNameW: bind(kernel32, 'QueryFullProcessImageNameW', 'int', ['intptr_t', 'uint32_t', 'void *', koffi.inout(koffi.pointer('uint32_t'))]),
    CloseHandle: bind(kernel32, 'CloseHandle', 'int', ['intptr_t']),
    OpenProcessToken: bind(advapi32, 'OpenProcessToken', 'int', ['intptr_t', 'uint32_t', koffi.out(koffi.pointer('intptr_t'))]),
    GetTokenInformation: bind(advapi32, 'GetTokenInformation', 'int', ['intptr_t', 'int', 'void *', 'uint32_t', koffi.out(koffi.pointer('uint32_t'))]),
    ConvertSidToStringSidW: bind(advapi32, 'ConvertSidToStringSidW', 'int', ['void *', koffi.out(koffi.pointer('void *'))]),
    LocalFree: bind(kernel32, 'LocalFree', 'void *', ['void *']),
  };
  return calls;
}

function win32Failure(operation: string, lastError: number): HcsError {
  const hresult = lastError > 0 && lastError <= 0xffff ? hresultFromWin32(lastError) : HRESULT.E_FAIL;
  return new HcsError({ api: 'Win32', operation, hresult });
}

const toBig = (value: unknown): bigint => (typeof value === 'bigint' ? value : BigInt(value as number));

/** The server of the pipe connection `pipeHandle` (a HANDLE, or the stand-in's descriptor). */
export function identifyPipeServer(pipeHandle: bigint): PipeServer {
  const c = identityCalls();
  const pidOut: unknown[] = [0];
  if (!c.GetNamedPipeServerProcessId(pipeHandle, pidOut)) throw win32Failure('GetNamedPipeServerProcessId', c.GetLastError() as number);
  const pid = pidOut[0] as number;
  const process = toBig(c.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid));
  if (process === 0n) throw win32Failure('OpenProcess', c.GetLastError() as number);
  try {
    return { pid, image: imageOf(c, process), userSid: userOf(c, process) };
  } finally {
    c.CloseHandle(process);
  }
}

function imageOf(c: IdentityCalls, process: bigint): string {
  // Paths are at most 32,767 characters; start with MAX_PATH and grow once if Windows asks for more.
  for (const capacity of [260, 32_768]) {
    const buffer = Buffer.alloc(capacity * 2);
    const size: unknown[] = [capacity];
    if (c.QueryFullProcessImageNameW(process, 0, buffer, size)) return buffer.toString('utf16le', 0, (size[0] as number) * 2);
    const error = c.GetLastError() as number;
    if (error !== ERROR_INSUFFICIENT_BUFFER) throw win32Failure('QueryFullProcessImageNameW', error);
  }
  throw win32Failure('QueryFullProcessImageNameW', ERROR_INSUFFICIENT_BUFFER);
}

function userOf(c: IdentityCalls, process: bigint): string {
  const tokenOut: unknown[] = [0];
  if (!c.OpenProcessToken(process, TOKEN_QUERY, tokenOut)) throw win32Failure('OpenProcessToken', c.GetLastError() as number);
  const token = toBig(tokenOut[0]);
  try {
    // TOKEN_USER { SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes } } with the SID in the same buffer.
    const needed: unknown[] = [0];
    c.GetTokenInformation(token, TOKEN_USER_CLASS, null, 0, needed);
    const size = needed[0] as number;
    if (!size) throw win32Failure('GetTokenInformation', c.GetLastError() as number);
    const buffer = koffi.alloc('uint8_t', size) as bigint;
    try {
      if (!c.GetTokenInformation(token, TOKEN_USER_CLASS, buffer, size, needed)) throw win32Failure('GetTokenInformation', c.GetLastError() as number);
      const sid = koffi.decode(buffer, 'void *') as bigint;
      const textOut: unknown[] = [null];
      if (!c.ConvertSidToStringSidW(sid, textOut)) throw win32Failure('ConvertSidToStringSidW', c.GetLastError() as number);
      const text = takeString16(textOut[0], (pointer) => void c.LocalFree(pointer));
      if (!text) throw win32Failure('ConvertSidToStringSidW', 0);
      return text;
    } finally {
      koffi.free(buffer);
    }
  } finally {
    c.CloseHandle(token);
  }
}

/** An error `connect` rejects with for a pipe that is not there or busy, coded as Node codes them. */
function pipeError(pipeName: string, code: 'ENOENT' | 'EBUSY'): Error {
  return Object.assign(new Error(`${pipeName}: ${code === 'ENOENT' ? 'no such pipe' : 'all pipe instances are busy'}`), { code });
}

// ---- Windows ----

interface WindowsPipeCalls {
  readonly CreateFileW: NativeFunction;
  readonly uvOpenOsfhandle: NativeFunction;
}
let windowsCalls: WindowsPipeCalls | null = null;

function windowsPipeCalls(): WindowsPipeCalls {
  if (windowsCalls) return windowsCalls;
  const image = processImage();
  windowsCalls = {
    CreateFileW: bind(loadLibrary('kernel32'), 'CreateFileW', 'intptr_t', ['str16', 'uint32_t', 'uint32_t', 'void *', 'uint32_t', 'uint32_t', 'intptr_t']),
    // UV_EXTERN int uv_open_osfhandle(uv_os_fd_t os_fd): the descriptor owns the handle from then on.
    uvOpenOsfhandle: image.func('uv_open_osfhandle', 'int', ['intptr_t']),
  };
  reserveStandardDescriptors(image.func('uv_get_osfhandle', 'intptr_t', ['int']));
  return windowsCalls;
}

/**
 * A precaution for processes whose C runtime has no descriptors 0–2 (how a process without a console
 * starts depends on how it was launched): the runtime would hand those numbers to the next handle it
 * wraps, and libuv treats descriptors up to 2 as standard streams (it duplicates their handle and never
 * closes it), while Node's lazy `process.stdout`/`stderr` would take the pipe over. Each free one is
 * filled with the NUL device first, as Node itself does on POSIX at start-up (`PlatformInit`).
 */
function reserveStandardDescriptors(uvGetOsfhandle: NativeFunction): void {
  for (let fd = 0; fd <= 2; fd++) {
    if (toBig(uvGetOsfhandle(fd)) !== INVALID_HANDLE_VALUE) continue;
    const opened = openSync('\\\\.\\NUL', fd === 0 ? 'r' : 'w');
    // The runtime gives the lowest free number; anything else means this one was not free after all.
    if (opened > 2) closeSync(opened);
  }
}

async function connectWindows(pipeName: string): Promise<PipeConnection> {
  const w = windowsPipeCalls();
  const c = identityCalls();
  const handle = toBig(w.CreateFileW(pipeName, GENERIC_READ | GENERIC_WRITE, 0, null, OPEN_EXISTING, FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION, 0));
  if (handle === INVALID_HANDLE_VALUE) {
    const error = c.GetLastError() as number;
    if (error === ERROR_FILE_NOT_FOUND || error === ERROR_PATH_NOT_FOUND) throw pipeError(pipeName, 'ENOENT');
    if (error === ERROR_PIPE_BUSY) throw pipeError(pipeName, 'EBUSY');
    throw win32Failure('CreateFileW', error);
  }
  let server: PipeServer;
  let fd: number;
  try {
    server = identifyPipeServer(handle);
    fd = w.uvOpenOsfhandle(handle) as number;
    if (fd < 0) throw new HcsError({ api: 'Win32', operation: 'uv_open_osfhandle', hresult: HRESULT.E_FAIL });
  } catch (error) {
    c.CloseHandle(handle);
    throw error;
  }
  return { socket: new net.Socket({ fd, readable: true, writable: true }), server };
}

// ---- the stand-ins (Unix sockets) ----

async function connectStandIn(pipeName: string): Promise<PipeConnection> {
  const socket = await new Promise<net.Socket>((resolve, reject) => {
    const candidate = net.connect({ path: standInPipePath(pipeName) });
    candidate.once('connect', () => {
      candidate.removeAllListeners('error');
      resolve(candidate);
    });
    candidate.once('error', (error: NodeJS.ErrnoException) => {
      candidate.destroy();
      reject(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? pipeError(pipeName, 'ENOENT') : error);
    });
  });
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  try {
    if (typeof fd !== 'number' || fd < 0) throw new Error('the stand-in pipe has no file descriptor');
    return { socket, server: identifyPipeServer(BigInt(fd)) };
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

/** The NamedPipes port for this process. */
export function createNamedPipes(): NamedPipes {
  const windows = process.platform === 'win32';
  const system = windows ? systemDirectory() : null;
  return {
    // Without GetSystemDirectoryW no folder can be trusted: an empty one matches no worker.
    systemDirectory: windows ? (system ?? '') : STAND_IN_SYSTEM32,
    connect: (pipeName) => (windows ? connectWindows(pipeName) : connectStandIn(pipeName)),
  };
}
