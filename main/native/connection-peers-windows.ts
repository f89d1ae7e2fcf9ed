/**
 * Who holds the other end of a loopback TCP connection, on Windows (the session port's peer check,
 * `ConnectionPeers`):
 *
 * - The owning process of the connecting socket comes from `GetExtendedTcpTable` (iphlpapi.dll) with
 *   `TCP_TABLE_OWNER_PID_CONNECTIONS`, for IPv4 and IPv6 (a dual-stack client's connection to
 *   127.0.0.1 may be listed as `::ffff:127.0.0.1`; which table Windows lists it in is not documented, so
 *   both are read). The table's size can change between the call that asks for it and the call that
 *   fills it: the reference page says the call then fails with `ERROR_INSUFFICIENT_BUFFER` and the size
 *   needed, and it is asked again.
 * - "The client or a process it started": the parent process ids of a toolhelp snapshot
 *   (`CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS)` + `Process32FirstW`/`Process32NextW`), walked up from
 *   the owner to the client. A parent process id is recorded when a process is created and never updated,
 *   and an id may be reused once its process object is freed (PROCESS_INFORMATION's reference page), so
 *   after the parent exits its id may name an unrelated newer process. Each step therefore also needs the
 *   child to have been created no earlier than its parent (`GetProcessTimes`): a process cannot have been
 *   started by a process younger than itself. A process whose times cannot be read ends the walk: the
 *   check fails closed.
 *
 * `GetExtendedTcpTable` and the snapshot run through calls.ts (koffi `.async`); walking the snapshot and
 * reading process times are quick calls made directly. Layouts are iprtrmib.h's and tlhelp32.h's (x64);
 * stand-in/win32-layouts.c checks the same numbers against mingw-w64's headers, and the binding test runs
 * these calls for real under wine.
 */
import koffi from 'koffi';
import type { ConnectionPeers, TcpEndpoint } from '../services/ports.js';
import { callNative } from './calls.js';
import { bind, loadLibrary, type NativeFunction } from './library.js';

const AF_INET = 2;
const AF_INET6 = 23;
const TCP_TABLE_OWNER_PID_CONNECTIONS = 4;
const NO_ERROR = 0;
const ERROR_INSUFFICIENT_BUFFER = 122;
const TH32CS_SNAPPROCESS = 0x2;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const INVALID_HANDLE_VALUE = 0xffff_ffff_ffff_ffffn;
/** Parent links followed before giving up (a client's helpers are a level or two down). */
const MAX_DEPTH = 16;

/** MIB_TCPROW_OWNER_PID (iprtrmib.h): ports in network byte order in the low 16 bits. */
export const MIB_TCPROW_OWNER_PID = koffi.struct({
  dwState: 'uint32_t',
  dwLocalAddr: 'uint32_t',
  dwLocalPort: 'uint32_t',
  dwRemoteAddr: 'uint32_t',
  dwRemotePort: 'uint32_t',
  dwOwningPid: 'uint32_t',
});
/** MIB_TCP6ROW_OWNER_PID (iprtrmib.h). */
export const MIB_TCP6ROW_OWNER_PID = koffi.struct({
  ucLocalAddr: koffi.array('uint8_t', 16),
  dwLocalScopeId: 'uint32_t',
  dwLocalPort: 'uint32_t',
  ucRemoteAddr: koffi.array('uint8_t', 16),
  dwRemoteScopeId: 'uint32_t',
  dwRemotePort: 'uint32_t',
  dwState: 'uint32_t',
  dwOwningPid: 'uint32_t',
});
/** The rows of MIB_TCPTABLE_OWNER_PID / MIB_TCP6TABLE_OWNER_PID start after `DWORD dwNumEntries`. */
export const TCP_TABLE_ROWS_OFFSET = 4;
/** PROCESSENTRY32W (tlhelp32.h), x64: 568 bytes. */
export const PROCESSENTRY32W = koffi.struct({
  dwSize: 'uint32_t',
  cntUsage: 'uint32_t',
  th32ProcessID: 'uint32_t',
  th32DefaultHeapID: 'uintptr_t',
  th32ModuleID: 'uint32_t',
  cntThreads: 'uint32_t',
  th32ParentProcessID: 'uint32_t',
  pcPriClassBase: 'int32_t',
  dwFlags: 'uint32_t',
  szExeFile: koffi.array('char16_t', 260),
});
const FILETIME = koffi.struct({ dwLowDateTime: 'uint32_t', dwHighDateTime: 'uint32_t' });

interface Bindings {
  readonly getExtendedTcpTable: NativeFunction;
  readonly createSnapshot: NativeFunction;
  readonly process32First: NativeFunction;
  readonly process32Next: NativeFunction;
  readonly openProcess: NativeFunction;
  readonly getProcessTimes: NativeFunction;
  readonly closeHandle: NativeFunction;
}

let bindings: Bindings | null = null;

function win32(): Bindings {
  if (!bindings) {
    const iphlpapi = loadLibrary('iphlpapi');
    const kernel32 = loadLibrary('kernel32');
    const entry = koffi.inout(koffi.pointer(PROCESSENTRY32W));
    const time = koffi.out(koffi.pointer(FILETIME));
    bindings = {
      getExtendedTcpTable: bind(iphlpapi, 'GetExtendedTcpTable', 'uint32_t', ['void *', koffi.inout(koffi.pointer('uint32_t')), 'int', 'uint32_t', 'int', 'uint32_t']),
      createSnapshot: bind(kernel32, 'CreateToolhelp32Snapshot', 'void *', ['uint32_t', 'uint32_t']),
      process32First: bind(kernel32, 'Process32FirstW', 'int', ['void *', entry]),
      process32Next: bind(kernel32, 'Process32NextW', 'int', ['void *', entry]),
      openProcess: bind(kernel32, 'OpenProcess', 'void *', ['uint32_t', 'int', 'uint32_t']),
      getProcessTimes: bind(kernel32, 'GetProcessTimes', 'int', ['void *', time, time, time, time]),
      closeHandle: bind(kernel32, 'CloseHandle', 'int', ['void *']),
    };
  }
  return bindings;
}

/** A DWORD port in network byte order → the port number. */
function port(dw: number): number {
  return ((dw & 0xff) << 8) | ((dw >>> 8) & 0xff);
}

/** A DWORD IPv4 address in network byte order (first octet in the lowest byte) → dotted text. */
function ipv4(dw: number): string {
  return [dw & 0xff, (dw >>> 8) & 0xff, (dw >>> 16) & 0xff, dw >>> 24].join('.');
}

/** 16 address bytes → the IPv4 text of a v4-mapped address (`::ffff:a.b.c.d`), else null. */
function mappedIpv4(bytes: ArrayLike<number>): string | null {
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return null;
  if (bytes[10] !== 0xff || bytes[11] !== 0xff) return null;
  return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
}

/** `::ffff:127.0.0.1` → `127.0.0.1`; other addresses as they are. */
function plainAddress(address: string): string {
  return address.replace(/^::ffff:/i, '');
}

interface Row {
  readonly local: TcpEndpoint;
  readonly remote: TcpEndpoint;
  readonly pid: number;
}

/** One family's connections with their owning processes; the buffer is sized again when the table grew. */
async function tcpTable(family: number): Promise<Row[]> {
  const b = win32();
  const size: unknown[] = [0];
  for (let attempt = 0; attempt < 8; attempt++) {
    const bytes = size[0] as number;
    const buffer = bytes > 0 ? (koffi.alloc('uint8_t', bytes) as bigint) : null;
    try {
      const status = (await callNative({ api: 'Win32', operation: 'GetExtendedTcpTable' }, b.getExtendedTcpTable, [buffer, size, 0, family, TCP_TABLE_OWNER_PID_CONNECTIONS, 0])) as number;
      if (status === ERROR_INSUFFICIENT_BUFFER) continue;
      if (status !== NO_ERROR || buffer === null) return [];
      const count = koffi.decode(buffer, 'uint32_t') as number;
      if (count === 0) return [];
      const rowType = family === AF_INET ? MIB_TCPROW_OWNER_PID : MIB_TCP6ROW_OWNER_PID;
      if (TCP_TABLE_ROWS_OFFSET + count * koffi.sizeof(rowType) > bytes) return [];
      const rows = koffi.decode(buffer, TCP_TABLE_ROWS_OFFSET, koffi.array(rowType, count)) as Record<string, unknown>[];
      return rows.flatMap((row): Row[] => {
        const pid = row.dwOwningPid as number;
        if (family === AF_INET) {
          return [{ local: { address: ipv4(row.dwLocalAddr as number), port: port(row.dwLocalPort as number) }, remote: { address: ipv4(row.dwRemoteAddr as number), port: port(row.dwRemotePort as number) }, pid }];
        }
        const local = mappedIpv4(row.ucLocalAddr as ArrayLike<number>);
        const remote = mappedIpv4(row.ucRemoteAddr as ArrayLike<number>);
        return local && remote ? [{ local: { address: local, port: port(row.dwLocalPort as number) }, remote: { address: remote, port: port(row.dwRemotePort as number) }, pid }] : [];
      });
    } finally {
      if (buffer !== null) koffi.free(buffer);
    }
  }
  return [];
}

/** The process holding the connecting socket of `client` → `server`, or null. */
export async function connectionOwner(client: TcpEndpoint, server: TcpEndpoint): Promise<number | null> {
  const same = (a: TcpEndpoint, b: TcpEndpoint) => a.port === b.port && plainAddress(a.address) === plainAddress(b.address);
  for (const family of [AF_INET, AF_INET6]) {
    const row = (await tcpTable(family)).find((r) => same(r.local, client) && same(r.remote, server));
    if (row) return row.pid;
  }
  return null;
}

/** Every process's parent id, from one toolhelp snapshot. */
async function parentIds(): Promise<Map<number, number>> {
  const b = win32();
  const snapshot = (await callNative({ api: 'Win32', operation: 'CreateToolhelp32Snapshot' }, b.createSnapshot, [TH32CS_SNAPPROCESS, 0])) as bigint | null;
  const parents = new Map<number, number>();
  if (snapshot === null || snapshot === 0n || BigInt.asUintN(64, snapshot) === INVALID_HANDLE_VALUE) return parents;
  try {
    const entry: Record<string, unknown> = { dwSize: koffi.sizeof(PROCESSENTRY32W) };
    for (let more = b.process32First(snapshot, entry) as number; more; more = b.process32Next(snapshot, entry) as number) {
      parents.set(entry.th32ProcessID as number, entry.th32ParentProcessID as number);
      entry.dwSize = koffi.sizeof(PROCESSENTRY32W);
    }
  } finally {
    b.closeHandle(snapshot);
  }
  return parents;
}

/** A process's creation time (100-ns units since 1601), or null when it cannot be read. */
function creationTime(pid: number): bigint | null {
  const b = win32();
  const handle = b.openProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid) as bigint | null;
  if (handle === null || handle === 0n) return null;
  try {
    const created: Record<string, number> = {};
    if (!b.getProcessTimes(handle, created, {}, {}, {})) return null;
    return (BigInt(created.dwHighDateTime! >>> 0) << 32n) | BigInt(created.dwLowDateTime! >>> 0);
  } finally {
    b.closeHandle(handle);
  }
}

/** Whether `pid` is `ancestor` or descends from it (see the file comment for the creation-time rule). */
export async function descendsFrom(pid: number, ancestor: number): Promise<boolean> {
  if (pid === ancestor) return true;
  const parents = await parentIds();
  let child = pid;
  let childCreated = creationTime(child);
  for (let depth = 0; depth < MAX_DEPTH && childCreated !== null; depth++) {
    const parent = parents.get(child);
    if (parent === undefined || parent === 0 || parent === child) return false;
    const parentCreated = creationTime(parent);
    if (parentCreated === null || childCreated < parentCreated) return false;
    if (parent === ancestor) return true;
    child = parent;
    childCreated = parentCreated;
  }
  return false;
}

export const windowsConnectionPeers: ConnectionPeers = {
  async isFrom(client, server, pid) {
    const owner = await connectionOwner(client, server);
    return owner !== null && owner !== 0 && (await descendsFrom(owner, pid));
  },
};
