/**
 * Reading a file with a stamp, and replacing it atomically only if it has not changed since.
 *
 * A `.7b` may be edited by NanaBox, a text editor or another Hako window while Hako shows it, so a save
 * first checks that the file on disk is still what was read, and the save itself can never leave a
 * half-written target: the new bytes go to a temp file in the same folder (same volume, so the rename
 * is atomic), which is flushed and then renamed over the target.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { HakoError } from '../../app/errors/error-info.js';
import { fileKey } from './file-key.js';
import { FileTooLargeError, MAX_VM_FILE_BYTES, readRegularFile } from './user-file.js';

/** What a read saw, enough to tell later whether the file changed on disk. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  /** Hex SHA-256 of the content: the authority, so a touch that changes only the time is no conflict. */
  readonly sha256: string;
}

/** The subset of an open file handle the save uses (node:fs/promises `FileHandle` fits). */
export interface AtomicFileHandle {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesWritten: number }>;
  readFile(): Promise<Uint8Array>;
  stat(): Promise<{ size: number; mtimeMs: number }>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls used here; the node:fs/promises module fits. A seam for fault-injection tests. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  stat(path: string): Promise<{ size: number; mtimeMs: number; mode: number }>;
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const defaultFs: AtomicFs = nodeFs;

export type ConflictReason = 'changed' | 'vanished' | 'appeared';

/** The file on disk is no longer what the caller read; nothing was written. */
export class WriteConflictError extends HakoError {
  /** The file (the error's `path` is a JSON Pointer, as for every HakoError). */
  readonly file: string;
  readonly reason: ConflictReason;

  constructor(filePath: string, reason: ConflictReason) {
    const what =
      reason === 'changed'
        ? 'was changed on disk since it was read'
        : reason === 'vanished'
          ? 'was deleted or moved since it was read'
          : 'already exists';
    super('Conflict', `"${filePath}" ${what}`, { path: filePath, reason });
    this.name = 'WriteConflictError';
    this.file = filePath;
    this.reason = reason;
  }
}

/** The save failed; the target is as it was before (or, after a failed folder flush, already replaced). */
export class FileWriteError extends HakoError {
  readonly file: string;

  constructor(filePath: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('FileWriteFailed', `Could not save "${filePath}": ${detail}`, { path: filePath }, undefined, undefined, { cause });
    this.name = 'FileWriteError';
    this.file = filePath;
  }
}

export interface WriteOptions {
  /**
   * The stamp of the content the caller started from; `null` means the file must not exist yet.
   * Absent means overwrite whatever is there.
   */
  expected?: FileStamp | null;
  /** Write even if the file changed since `expected`. */
  force?: boolean;
  /** Flush the file and its folder to the disk before returning (default true). */
  fsync?: boolean;
  fs?: AtomicFs;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * Reads the whole file and stamps it from the same open handle, so bytes and time belong together. The
 * handle must be a regular file of at most `maxBytes` (main/files/user-file.ts): a FIFO, a device or a
 * huge file is refused before anything is read.
 */
export async function readFileWithStamp(filePath: string, maxBytes = MAX_VM_FILE_BYTES): Promise<{ bytes: Uint8Array; stamp: FileStamp }> {
  const { bytes, info } = await readRegularFile(filePath, maxBytes);
  return { bytes, stamp: { size: bytes.length, mtimeMs: info.mtimeMs, sha256: sha256(bytes) } };
}

async function checkExpected(filePath: string, expected: FileStamp | null, fs: AtomicFs): Promise<void> {
  let current: { size: number } | null;
  try {
    current = await fs.stat(filePath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
    current = null;
  }
  if (expected === null) {
    if (current !== null) throw new WriteConflictError(filePath, 'appeared');
    return;
  }
  if (current === null) throw new WriteConflictError(filePath, 'vanished');
  // A different size is a change for certain; the same size needs the content to decide.
  if (current.size !== expected.size) throw new WriteConflictError(filePath, 'changed');
  let bytes: Uint8Array;
  try {
    // The default file system reads through the regular-file checks; a test's seam reads directly.
    bytes = fs === defaultFs ? (await readRegularFile(filePath, expected.size)).bytes : await fs.readFile(filePath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new WriteConflictError(filePath, 'vanished');
    // It grew past what was read between the stat and the read.
    if (error instanceof FileTooLargeError) throw new WriteConflictError(filePath, 'changed');
    throw error;
  }
  if (bytes.length !== expected.size || sha256(bytes) !== expected.sha256) {
    throw new WriteConflictError(filePath, 'changed');
  }
}

/** Whether two stamps describe the same content (the time alone never decides: a touch is no change). */
export function sameContent(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.sha256 === b.sha256;
}

async function existingMode(filePath: string, fs: AtomicFs): Promise<number | null> {
  try {
    return (await fs.stat(filePath)).mode & 0o7777;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Hako's own temp files (`createTemp`'s names); only these are ever swept. */
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** A temp file this old belongs to a write that died (a hard kill, a power cut): no write takes this long. */
export const STALE_TEMP_AGE_MS = 15 * 60 * 1000;
const sweptFolders = new Set<string>();

/**
 * Removes the temp files a killed write left in `dir`, once per folder per run, in the background:
 * only names of Hako's own pattern, and only when they are old enough that no live write owns them.
 */
export async function sweepStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  const names = await nodeFs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const file = path.join(dir, name);
    const info = await nodeFs.lstat(file).catch(() => null);
    if (info === null || !info.isFile() || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
    if (await nodeFs.unlink(file).then(() => true, () => false)) removed.push(file);
  }
  return removed;
}

function sweepOnce(dir: string): void {
  const key = fileKey(dir);
  if (sweptFolders.has(key)) return;
  sweptFolders.add(key);
  void sweepStaleTemps(dir);
}

async function createTemp(filePath: string, fs: AtomicFs): Promise<{ tempPath: string; handle: AtomicFileHandle }> {
  const dir = path.dirname(filePath);
  const base = path.basename(filePath);
  for (let attempt = 0; ; attempt++) {
    const tempPath = path.join(dir, `.${base}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      return { tempPath, handle: await fs.open(tempPath, 'wx') };
    } catch (error) {
      // 'wx' never reuses a name; a clash with 48 random bits is only worth a couple of retries.
      if (errorCode(error) !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
}

async function writeAll(handle: AtomicFileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset);
    if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
    offset += bytesWritten;
  }
}

const RENAME_RETRY_DELAYS_MS = [10, 50, 100, 250];

/**
 * On Windows a rename over a file that another process (virus scanner, indexer, an editor) has open
 * without delete sharing fails with EPERM/EACCES/EBUSY for a moment; a short retry rides that out.
 */
async function renameWithRetry(from: string, to: string, fs: AtomicFs): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = errorCode(error);
      const delay = RENAME_RETRY_DELAYS_MS[attempt];
      if ((code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY') || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Platforms that cannot open or flush a directory say so with one of these; the rename still stands. */
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EISDIR', 'EPERM', 'EINVAL']);

async function syncDirectory(dir: string, fs: AtomicFs): Promise<void> {
  let handle: AtomicFileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    if (DIRECTORY_SYNC_UNSUPPORTED.has(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Saves of one path within this process run one after another, so two windows saving with the same
 * `expected` stamp cannot both pass the check: the second sees the first's write and gets a conflict.
 */
const pathQueues = new Map<string, Promise<void>>();

async function serialised<T>(filePath: string, work: () => Promise<T>): Promise<T> {
  const key = fileKey(filePath);
  const previous = pathQueues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  pathQueues.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (pathQueues.get(key) === tail) pathQueues.delete(key);
  }
}

/**
 * Replaces `filePath` with `bytes` atomically: readers see the old file or the new one, never a mix,
 * and a failure at any step leaves the old file untouched and no temp file behind.
 *
 * Throws WriteConflictError when `expected` is given, `force` is not, and the file on disk is not what
 * `expected` describes (changed, vanished, or — for `expected: null` — appeared). The check runs after
 * the temp file is complete, just before the rename, to keep the window for an outside writer small;
 * it cannot be closed entirely without locking, which other programs would not honour anyway.
 * Any other failure is a FileWriteError with the underlying error as `cause`.
 */
/** Resolves with the stamp of what it wrote, so the caller can detect the next outside change. */
export async function writeFileAtomic(filePath: string, bytes: Uint8Array, options: WriteOptions = {}): Promise<FileStamp> {
  const fs = options.fs ?? defaultFs;
  const flush = options.fsync ?? true;
  const check = options.expected !== undefined && options.force !== true;

  return serialised(filePath, async () => {
    let tempPath: string | null = null;
    let handle: AtomicFileHandle | null = null;
    let mtimeMs: number;
    try {
      const mode = await existingMode(filePath, fs);
      if (fs === defaultFs) sweepOnce(path.dirname(filePath));
      const temp = await createTemp(filePath, fs);
      tempPath = temp.tempPath;
      handle = temp.handle;
      await writeAll(handle, bytes);
      // The open mode is filtered by the umask, so the old file's mode is set explicitly, and only after
      // the bytes are in, because on Windows a mode without write permission marks the file read-only.
      if (mode !== null) await handle.chmod(mode);
      if (flush) await handle.sync();
      // rename keeps the temp file's time, so this is the stamp of the file from the rename on.
      mtimeMs = (await handle.stat()).mtimeMs;
      const closing = handle;
      handle = null;
      await closing.close();

      if (check) await checkExpected(filePath, options.expected ?? null, fs);

      await renameWithRetry(tempPath, filePath, fs);
      tempPath = null;
    } catch (error) {
      if (handle !== null) await handle.close().catch(() => undefined);
      if (tempPath !== null) {
        await fs.unlink(tempPath).catch(() => undefined);
      }
      if (error instanceof WriteConflictError) throw error;
      throw new FileWriteError(filePath, error);
    }

    if (flush) {
      try {
        await syncDirectory(path.dirname(filePath), fs);
      } catch (error) {
        // The new content is in place; only its durability across a power cut is unknown.
        throw new FileWriteError(filePath, error);
      }
    }
    return { size: bytes.length, mtimeMs, sha256: sha256(bytes) };
  });
}
