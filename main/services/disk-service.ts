/**
 * Creating, resizing, compacting and inspecting VHD/VHDX files (reference/nanabox.md §1.1: NanaBox's
 * Create/Resize/Compact Virtual Hard Disk dialogs).
 *
 * NanaBox shows the limits (VHD ≤ 2040 GiB, VHDX ≤ 64 TiB, at least 3 MiB, a multiple of 512 bytes) but
 * leaves checking them to virtdisk.dll; Hako checks first, so the user gets a clear message naming the
 * limit instead of an HRESULT. Like NanaBox, new disks are dynamically expanding unless asked otherwise
 * and the format follows the file extension.
 */
import * as nodeFs from 'node:fs/promises';
import { HakoError } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import { isWindowsPath } from '../../app/paths/resolve.js';
import type { DiskOperationOptions, VirtDisk, VirtualDiskFormat, VirtualDiskInfo } from './ports.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

export const MIN_DISK_SIZE = 3 * MiB;
export const DISK_SIZE_ALIGNMENT = 512;
export const MAX_DISK_SIZE: Readonly<Record<VirtualDiskFormat, number>> = Object.freeze({
  vhd: 2040 * GiB,
  vhdx: 64 * TiB,
});

/** NanaBox's size units, in the order of its unit combo box (default: GB). */
export const SIZE_UNITS = ['B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB', 'TB', 'TiB'] as const;
export type SizeUnit = (typeof SIZE_UNITS)[number];
export const DEFAULT_SIZE_UNIT: SizeUnit = 'GB';

const UNIT_BYTES: Readonly<Record<SizeUnit, bigint>> = {
  B: 1n,
  KB: 1000n,
  KiB: 1024n,
  MB: 1000n ** 2n,
  MiB: 1024n ** 2n,
  GB: 1000n ** 3n,
  GiB: 1024n ** 3n,
  TB: 1000n ** 4n,
  TiB: 1024n ** 4n,
};

export type DiskServiceErrorCode =
  /** The size text does not read as a number and a unit. */
  | 'InvalidSize'
  | 'SizeTooSmall'
  | 'SizeTooLarge'
  | 'SizeNotAligned'
  /** The extension is neither `.vhd` nor `.vhdx`. */
  | 'UnsupportedFormat'
  /** The path is empty or not absolute. */
  | 'InvalidPath'
  /** `create` was asked to write over an existing file. */
  | 'FileExists';

/** Bad input, found before virtdisk is called. Failures of virtdisk itself are `HcsError`s. */
export class DiskServiceError extends HakoError {
  declare readonly code: DiskServiceErrorCode;
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: DiskServiceErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(code, message, params);
    this.name = 'DiskServiceError';
  }
}

function canonicalUnit(text: string): SizeUnit | null {
  const lower = text.toLowerCase();
  return SIZE_UNITS.find((unit) => unit.toLowerCase() === lower) ?? null;
}

/**
 * Reads `64 GiB`, `1.5TB`, `512` (bytes) with NanaBox's units: B, KB = 1000, KiB = 1024, MB, MiB, GB,
 * GiB, TB, TiB (case-insensitive). The result must be a whole number of bytes, at most 2^53 − 1.
 */
export function parseSize(text: string): number {
  const match = /^\s*(\d+)(?:\.(\d+))?\s*([A-Za-z]*)\s*$/.exec(text);
  const unit = match === null ? null : match[3] === '' ? 'B' : canonicalUnit(match[3]!);
  if (match === null || unit === null) {
    throw new DiskServiceError(
      'InvalidSize',
      `${JSON.stringify(text)} is not a size; write a number and one of ${SIZE_UNITS.join(', ')} (e.g. "64 GiB")`,
      { text },
    );
  }
  const whole = match[1]!;
  const fraction = match[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole + fraction) * UNIT_BYTES[unit];
  if (numerator % scale !== 0n) {
    throw new DiskServiceError('InvalidSize', `${JSON.stringify(text)} is not a whole number of bytes`, { text });
  }
  const bytes = numerator / scale;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DiskServiceError('SizeTooLarge', `${JSON.stringify(text)} is far larger than any virtual disk`, {
      text,
    });
  }
  return Number(bytes);
}

/** `64 GiB`, `3 MiB`, `1.5 GiB`: the largest binary unit, up to two decimals. For messages. */
export function formatSize(bytes: number): string {
  const units: [SizeUnit, number][] = [
    ['TiB', TiB],
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 100) / 100;
      return `${value} ${unit}`;
    }
  }
  return `${bytes} B`;
}

/** The format a path's extension names (case-insensitive), or a DiskServiceError. */
export function diskFormatFromPath(filePath: string): VirtualDiskFormat {
  const match = /\.(vhdx?)$/i.exec(filePath);
  if (match === null) {
    throw new DiskServiceError('UnsupportedFormat', `"${filePath}" is not a .vhd or .vhdx file`, { path: filePath });
  }
  return match[1]!.toLowerCase() as VirtualDiskFormat;
}

/** Checks a virtual size against the format's limits; throws a DiskServiceError naming the limit. */
export function validateDiskSize(format: VirtualDiskFormat, sizeBytes: number): void {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
    throw new DiskServiceError('InvalidSize', `The size must be a positive whole number of bytes (got ${sizeBytes})`, {
      size: String(sizeBytes),
    });
  }
  if (sizeBytes < MIN_DISK_SIZE) {
    throw new DiskServiceError(
      'SizeTooSmall',
      `A virtual disk must be at least ${formatSize(MIN_DISK_SIZE)} (got ${formatSize(sizeBytes)})`,
      { size: sizeBytes, min: MIN_DISK_SIZE },
    );
  }
  const max = MAX_DISK_SIZE[format];
  if (sizeBytes > max) {
    throw new DiskServiceError(
      'SizeTooLarge',
      `A ${format.toUpperCase()} disk can be at most ${formatSize(max)} (got ${formatSize(sizeBytes)})${
        format === 'vhd' ? '; use .vhdx for larger disks' : ''
      }`,
      { size: sizeBytes, max, format },
    );
  }
  if (sizeBytes % DISK_SIZE_ALIGNMENT !== 0) {
    throw new DiskServiceError(
      'SizeNotAligned',
      `The size must be a multiple of ${DISK_SIZE_ALIGNMENT} bytes (${sizeBytes} is not)`,
      { size: sizeBytes, alignment: DISK_SIZE_ALIGNMENT },
    );
  }
}

function checkPath(filePath: string): void {
  if (typeof filePath !== 'string' || !(isWindowsPath(filePath) || filePath.startsWith('/'))) {
    throw new DiskServiceError('InvalidPath', `Not an absolute path: ${JSON.stringify(filePath)}`, {
      path: String(filePath),
    });
  }
}

export interface CreateDiskRequest extends DiskOperationOptions {
  readonly path: string;
  /** Bytes, or a size text for `parseSize`. */
  readonly size: number | string;
  /** Fully allocated instead of dynamically expanding (NanaBox only makes dynamic disks). */
  readonly fixed?: boolean;
}

export interface DiskServiceOptions {
  /** Whether something exists at a path; node's lstat by default. */
  exists?: (filePath: string) => Promise<boolean>;
}

async function defaultExists(filePath: string): Promise<boolean> {
  try {
    await nodeFs.lstat(filePath);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // Anything but "not there" (no access, a broken path) is treated as taken; virtdisk decides then.
    return code !== 'ENOENT';
  }
}

function toBytes(size: number | string): number {
  return typeof size === 'string' ? parseSize(size) : size;
}

/**
 * Cancellation looks the same from every service: the promise rejects with `signal.reason` (an
 * AbortError unless the caller gave a reason). virtdisk reports it as ERROR_CANCELLED or
 * ERROR_OPERATION_ABORTED; an operation that finished in spite of the abort resolves.
 */
async function cancellable<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  signal?.throwIfAborted();
  try {
    return await work();
  } catch (error) {
    if (
      signal?.aborted &&
      error instanceof HcsError &&
      (error.is(HRESULT.ERROR_CANCELLED) || error.is(hresultFromWin32(ERROR_OPERATION_ABORTED)))
    ) {
      signal.throwIfAborted();
    }
    throw error;
  }
}

const ERROR_OPERATION_ABORTED = 995;

export class DiskService {
  private readonly virtDisk: VirtDisk;
  private readonly exists: (filePath: string) => Promise<boolean>;

  constructor(virtDisk: VirtDisk, options: DiskServiceOptions = {}) {
    this.virtDisk = virtDisk;
    this.exists = options.exists ?? defaultExists;
  }

  /** A new dynamically expanding (or fixed) disk; the format follows the extension. Never overwrites. */
  async create(request: CreateDiskRequest): Promise<void> {
    checkPath(request.path);
    const format = diskFormatFromPath(request.path);
    const sizeBytes = toBytes(request.size);
    validateDiskSize(format, sizeBytes);
    request.signal?.throwIfAborted();
    if (await this.exists(request.path)) {
      throw new DiskServiceError('FileExists', `"${request.path}" already exists; Hako does not overwrite disks`, {
        path: request.path,
      });
    }
    await cancellable(request.signal, () =>
      this.virtDisk.create(request.path, {
        format,
        sizeBytes,
        fixed: request.fixed ?? false,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      }),
    );
  }

  /**
   * Changes the virtual size. Growing always works within the limits; shrinking only as far as the API
   * allows without its "unsafe" flags (as in NanaBox), which virtdisk checks.
   */
  async resize(filePath: string, size: number | string, options: DiskOperationOptions = {}): Promise<void> {
    checkPath(filePath);
    const format = diskFormatFromPath(filePath);
    const sizeBytes = toBytes(size);
    validateDiskSize(format, sizeBytes);
    await cancellable(options.signal, () => this.virtDisk.resize(filePath, sizeBytes, options));
  }

  /** Gives unused blocks back to the host file system; the disk must not be in use. */
  async compact(filePath: string, options: DiskOperationOptions = {}): Promise<void> {
    checkPath(filePath);
    diskFormatFromPath(filePath);
    await cancellable(options.signal, () => this.virtDisk.compact(filePath, options));
  }

  async info(filePath: string): Promise<VirtualDiskInfo> {
    checkPath(filePath);
    diskFormatFromPath(filePath);
    return this.virtDisk.info(filePath);
  }
}
