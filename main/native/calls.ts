/**
 * Every native call that can block goes through here: computecore, computenetwork and virtdisk exports
 * (everything but memory frees and string conversions) run with koffi `.async` on libuv's thread pool,
 * never on the JS thread, which is Electron's main thread and must keep the UI alive.
 *
 * - Bounded: libuv's pool (UV_THREADPOOL_SIZE, 4 by default) also serves fs, dns and zlib. At most
 *   {@link nativeCallLimit} native calls occupy pool threads at once, so a wedged vmcompute or HNS can
 *   never take them all: the rest wait here, in arrival order, and file I/O keeps its threads.
 * - Watched, never abandoned: a call (or an HCS operation's wait for its completion) that takes longer
 *   than the watchdog timeout (4 minutes by default, hcsshim's `SyscallWatcher`) is reported as stalled —
 *   named, with its start time — through {@link NativeCallMonitor}. Nothing is freed or cancelled: the
 *   promise stays pending, the caller (a VM's queue) stays blocked, and when the call returns at last its
 *   result is delivered as usual and the report withdrawn. hcsshim saw computecore crash when handles were
 *   closed under a call that had timed out (`internal/computecore/computecore.go`, `execute`).
 * - GetLastError: koffi keeps the thread's last-error value for the completion callback of an `.async`
 *   call (its changelog, 3.2.0), so a call that needs it reads it there, before anything else runs.
 */
import type { NativeFunction } from './library.js';

export type NativeApi = 'HCS' | 'HCN' | 'VirtDisk' | 'Win32';

/** What a call is, for the report: the export, and the VM or file it concerns. */
export interface NativeCallInfo {
  readonly api: NativeApi;
  /** The export (`HcsStartComputeSystem`), or the export whose completion is awaited. */
  readonly operation: string;
  /** The compute system id, network id or disk path the call concerns. */
  readonly subject?: string;
}

export interface StalledCall extends NativeCallInfo {
  /** When the call was made (ms since the epoch). */
  readonly since: number;
  /** In native code now (true), or waiting for a pool thread behind stalled calls (false). */
  readonly running: boolean;
}

export interface NativeCallMonitor {
  /** The calls that have run longer than the watchdog timeout and not returned yet, oldest first. */
  stalled(): StalledCall[];
  /** Called with the new list whenever a call stalls or a stalled call returns. */
  onChange(listener: (stalled: StalledCall[]) => void): () => void;
}

/** hcsshim's default for every HCS call's watchdog (`internal/timeout`, four minutes). */
export const DEFAULT_WATCHDOG_MS = 4 * 60_000;

function poolSize(): number {
  const size = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/** Native calls that may occupy pool threads at once: all but two of the pool, at least one. */
export const nativeCallLimit = Math.max(1, poolSize() - 2);

interface Watched {
  readonly info: NativeCallInfo;
  readonly since: number;
  running: boolean;
  stalled: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

let watchdogMs = DEFAULT_WATCHDOG_MS;
let nextWatchId = 1;
const watched = new Map<number, Watched>();
const listeners = new Set<(stalled: StalledCall[]) => void>();
let active = 0;
const waiting: (() => void)[] = [];

/** The watchdog timeout for calls made from now on; tests shorten it. */
export function setNativeCallTimeout(ms: number): void {
  watchdogMs = ms > 0 ? ms : DEFAULT_WATCHDOG_MS;
}

function stalledList(): StalledCall[] {
  const list: StalledCall[] = [];
  for (const entry of watched.values()) {
    if (entry.stalled) list.push({ ...entry.info, since: entry.since, running: entry.running });
  }
  return list;
}

function notify(): void {
  const list = stalledList();
  for (const listener of listeners) {
    try {
      listener(list);
    } catch {
      // A listener's failure must not disturb the calls.
    }
  }
}

function startWatch(info: NativeCallInfo, running: boolean): number {
  const id = nextWatchId++;
  const entry: Watched = { info, since: Date.now(), running, stalled: false, timer: null };
  entry.timer = setTimeout(() => {
    entry.timer = null;
    entry.stalled = true;
    notify();
  }, watchdogMs);
  // A watchdog never keeps the process alive by itself.
  entry.timer.unref?.();
  watched.set(id, entry);
  return id;
}

function endWatch(id: number): void {
  const entry = watched.get(id);
  if (!entry) return;
  watched.delete(id);
  if (entry.timer) clearTimeout(entry.timer);
  if (entry.stalled) notify();
}

/** Runs `task` once a pool slot is free; a finishing task hands its slot to the next in line. */
function acquire(): Promise<void> {
  if (active < nativeCallLimit) {
    active++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else active--;
}

/**
 * Calls `fn(...args)` on the libuv pool through the bounded queue, under the watchdog. Resolves with
 * the return value (and the thread's last-error value when `lastError` reads it in the completion).
 */
export function callNative(info: NativeCallInfo, fn: NativeFunction, args: unknown[]): Promise<unknown>;
export function callNative(info: NativeCallInfo, fn: NativeFunction, args: unknown[], options: { lastError: () => number }): Promise<{ result: unknown; lastError: number }>;
export async function callNative(info: NativeCallInfo, fn: NativeFunction, args: unknown[], options?: { lastError: () => number }): Promise<unknown> {
  const watch = startWatch(info, false);
  try {
    await acquire();
    const entry = watched.get(watch);
    if (entry) entry.running = true;
    try {
      return await new Promise((resolve, reject) => {
        fn.async(...args, (error: unknown, result: unknown) => {
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(options ? { result, lastError: options.lastError() } : result);
        });
      });
    } finally {
      release();
    }
  } finally {
    endWatch(watch);
  }
}

/** Watches a wait that is not a pool call (an HCS operation's completion) the same way. */
export async function watchNative<T>(info: NativeCallInfo, wait: Promise<T>): Promise<T> {
  const watch = startWatch(info, true);
  try {
    return await wait;
  } finally {
    endWatch(watch);
  }
}

/** Native calls running or waiting for a pool thread (diagnostics, tests). */
export function nativeCallsInFlight(): number {
  return active + waiting.length;
}

export const nativeCallMonitor: NativeCallMonitor = {
  stalled: stalledList,
  onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
