/**
 * The rules of a virtual disk's size and format, for every process: the service checks them before
 * calling virtdisk, the forms check them as the user types, and both say the same thing.
 *
 * NanaBox shows the limits (VHD ≤ 2040 GiB, VHDX ≤ 64 TiB, at least 3 MiB, a multiple of 512 bytes) but
 * leaves checking them to virtdisk.dll; Hako checks first, so the user gets a clear message naming the
 * limit instead of an HRESULT. The format follows the file extension, as in NanaBox.
 */
import { HakoError } from '../errors/error-info.js';
import { formatBytes } from '../format/bytes.js';

export type VirtualDiskFormat = 'vhd' | 'vhdx';

/** How a disk's space is allocated (GET_VIRTUAL_DISK_INFO_PROVIDER_SUBTYPE 2, 3, 4). */
export const VIRTUAL_DISK_TYPES = ['fixed', 'dynamic', 'differencing'] as const;
export type VirtualDiskType = (typeof VIRTUAL_DISK_TYPES)[number];

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

export type DiskSizeErrorCode =
  /** The size text does not read as a number and a unit. */
  | 'InvalidSize'
  | 'SizeTooSmall'
  | 'SizeTooLarge'
  | 'SizeNotAligned'
  /** A shrink below where the guest's partitions end (the disk's smallest safe size). */
  | 'SizeBelowSafeMinimum'
  /** The extension is neither `.vhd` nor `.vhdx`. */
  | 'UnsupportedFormat';

/** A size or format a virtual disk cannot have, found before virtdisk is called. */
export class DiskSizeError extends HakoError {
  declare readonly code: DiskSizeErrorCode;
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: DiskSizeErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(code, message, params);
    this.name = 'DiskSizeError';
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
    throw new DiskSizeError(
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
    throw new DiskSizeError('InvalidSize', `${JSON.stringify(text)} is not a whole number of bytes`, { text });
  }
  const bytes = numerator / scale;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DiskSizeError('SizeTooLarge', `${JSON.stringify(text)} is far larger than any virtual disk`, {
      text,
    });
  }
  return Number(bytes);
}

/** The format a path's extension names (case-insensitive), or a DiskSizeError. */
export function diskFormatFromPath(filePath: string): VirtualDiskFormat {
  const match = /\.(vhdx?)$/i.exec(filePath);
  if (match === null) {
    throw new DiskSizeError('UnsupportedFormat', `"${filePath}" is not a .vhd or .vhdx file`, { path: filePath });
  }
  return match[1]!.toLowerCase() as VirtualDiskFormat;
}

/** Checks a virtual size against the format's limits; throws a DiskSizeError naming the limit. */
export function validateDiskSize(format: VirtualDiskFormat, sizeBytes: number): void {
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) {
    throw new DiskSizeError('InvalidSize', `The size must be a positive whole number of bytes (got ${sizeBytes})`, {
      size: String(sizeBytes),
    });
  }
  if (sizeBytes < MIN_DISK_SIZE) {
    throw new DiskSizeError(
      'SizeTooSmall',
      `A virtual disk must be at least ${formatBytes(MIN_DISK_SIZE)} (got ${formatBytes(sizeBytes)})`,
      { size: sizeBytes, min: MIN_DISK_SIZE },
    );
  }
  const max = MAX_DISK_SIZE[format];
  if (sizeBytes > max) {
    throw new DiskSizeError(
      'SizeTooLarge',
      `A ${format.toUpperCase()} disk can be at most ${formatBytes(max)} (got ${formatBytes(sizeBytes)})${
        format === 'vhd' ? '; use .vhdx for larger disks' : ''
      }`,
      { size: sizeBytes, max, format },
    );
  }
  if (sizeBytes % DISK_SIZE_ALIGNMENT !== 0) {
    throw new DiskSizeError(
      'SizeNotAligned',
      `The size must be a multiple of ${DISK_SIZE_ALIGNMENT} bytes (${sizeBytes} is not)`,
      { size: sizeBytes, alignment: DISK_SIZE_ALIGNMENT },
    );
  }
}

/** What a resize needs to know of the disk as it is (virtdisk's GET_VIRTUAL_DISK_INFO). */
export interface ResizableDisk {
  readonly virtualSize: number;
  /** GET_VIRTUAL_DISK_INFO_SMALLEST_SAFE_VIRTUAL_SIZE; null when virtdisk does not report it. */
  readonly smallestSafeSize: number | null;
}

/**
 * Checks a new virtual size for an existing disk: within the format's limits (growing), and never below
 * the disk's smallest safe size (shrinking). That size is where the guest's partitions end; virtdisk's
 * ResizeVirtualDisk without RESIZE_VIRTUAL_DISK_FLAG_ALLOW_UNSAFE_VIRTUAL_SIZE refuses to go below it
 * (Microsoft's ResizeVirtualDisk sample), and Hako never passes that flag. Checking first lets the
 * message name the minimum. When virtdisk does not report the size, virtdisk's own check decides.
 */
export function validateResize(format: VirtualDiskFormat, disk: ResizableDisk, sizeBytes: number): void {
  validateDiskSize(format, sizeBytes);
  const min = disk.smallestSafeSize;
  if (sizeBytes < disk.virtualSize && min !== null && sizeBytes < min) {
    throw new DiskSizeError(
      'SizeBelowSafeMinimum',
      `This disk can shrink to no less than ${formatBytes(min)}, where its partitions end (got ${formatBytes(sizeBytes)}); shrink the partitions inside the guest first`,
      { size: sizeBytes, min },
    );
  }
}

/** The problem with a new size for an existing disk, or null: for forms that show it rather than throw. */
export function resizeProblem(format: VirtualDiskFormat, disk: ResizableDisk, sizeBytes: number): DiskSizeError | null {
  try {
    validateResize(format, disk, sizeBytes);
    return null;
  } catch (error) {
    if (error instanceof DiskSizeError) return error;
    throw error;
  }
}

/** Rounds a size in bytes to the nearest size virtdisk takes (a multiple of 512 bytes). */
export function alignDiskSize(bytes: number): number {
  return Math.round(bytes / DISK_SIZE_ALIGNMENT) * DISK_SIZE_ALIGNMENT;
}

/** The problem with a size, or null: for forms that show it rather than throw. */
export function diskSizeProblem(format: VirtualDiskFormat, sizeBytes: number): DiskSizeError | null {
  try {
    validateDiskSize(format, sizeBytes);
    return null;
  } catch (error) {
    if (error instanceof DiskSizeError) return error;
    throw error;
  }
}
