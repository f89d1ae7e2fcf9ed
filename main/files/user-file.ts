/**
 * Reading a file the user named (a `.7b`, a disk, anything a path from outside points at) without trusting
 * what it is: it is opened non-blocking, and the open handle — not the path, which could be swapped in
 * between — must be a regular file of bounded size before a byte is read. A FIFO, a device (`/dev/zero`,
 * `CON`), a socket or a folder is refused with a clear error instead of blocking a thread of Node's file
 * pool for ever or filling memory.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { MAX_SEVEN_B_BYTES } from '../../app/config/read.js';
import { HakoError } from '../../app/errors/error-info.js';
import { formatBytes } from '../../app/format/bytes.js';

/** The core's limit on a `.7b` (NanaBox files are a few kB). */
export const MAX_VM_FILE_BYTES = MAX_SEVEN_B_BYTES;

/** O_NONBLOCK where the platform has it (not on Windows, whose device and pipe paths the path rules refuse). */
const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Opens `filePath` for reading and checks, on the open handle, that it is a regular file. The caller closes it. */
export async function openRegularFile(filePath: string): Promise<{ handle: FileHandle; info: Stats }> {
  const handle = await open(filePath, constants.O_RDONLY | NON_BLOCKING);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new HakoError('NotAFile', `${filePath} is ${kindOf(info)}, not a file.`, { path: filePath });
    return { handle, info };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

export class FileTooLargeError extends HakoError {
  constructor(
    readonly file: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super('FileTooLarge', `${file} is ${formatBytes(size)}; Hako reads files of this kind up to ${formatBytes(limit)}.`, { path: file, size, limit });
    this.name = 'FileTooLargeError';
  }
}

/** The whole content of a regular file of at most `maxBytes`, and the facts of the handle it came from. */
export async function readRegularFile(filePath: string, maxBytes: number): Promise<{ bytes: Uint8Array; info: Stats }> {
  const { handle, info } = await openRegularFile(filePath);
  try {
    if (info.size > maxBytes) throw new FileTooLargeError(filePath, info.size, maxBytes);
    // Read to the end, never more than one byte past the limit: a file that grows after the stat is still caught.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw new FileTooLargeError(filePath, length, maxBytes);
    }
    const buffer = Buffer.concat(chunks, length);
    return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length), info };
  } finally {
    await handle.close();
  }
}

/** Whether `filePath` names a regular file (false when it is missing); refuses FIFOs and devices like a read would. */
export async function regularFileExists(filePath: string): Promise<boolean> {
  try {
    const { handle } = await openRegularFile(filePath);
    await handle.close();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
}
