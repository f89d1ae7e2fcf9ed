/**
 * Creating, resizing, compacting and inspecting VHD/VHDX files (NanaBox's Create/Resize/Compact Virtual
 * Hard Disk dialogs). Sizes and formats are checked first by the core's rules (app/disks/size.ts); like
 * NanaBox, new disks are dynamically expanding unless asked otherwise.
 */
import * as nodeFs from 'node:fs/promises';
import { HakoError } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import { isAbsolutePath } from '../../app/paths/identity.js';
import { diskFormatFromPath, parseSize, validateDiskSize } from '../../app/disks/size.js';
import { BackgroundOperations } from './operations.js';
import type { DiskOperationOptions, VirtDisk, VirtualDiskInfo } from './ports.js';

function checkPath(filePath: string): void {
  if (typeof filePath !== 'string' || !isAbsolutePath(filePath)) {
    throw new HakoError('InvalidPath', `Not an absolute path: ${JSON.stringify(filePath)}`, { path: String(filePath) });
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

  constructor(
    virtDisk: VirtDisk,
    /** Where the background forms (`startCreate`, …) run and report. */
    private readonly operations: BackgroundOperations = new BackgroundOperations(),
    options: DiskServiceOptions = {},
  ) {
    this.virtDisk = virtDisk;
    this.exists = options.exists ?? defaultExists;
  }

  /** `create` in the background: answers at once with the id its progress reports carry. */
  startCreate(request: Omit<CreateDiskRequest, keyof DiskOperationOptions>): { operationId: string } {
    return this.operations.start('disk.create', (options) => this.create({ ...request, ...options }));
  }

  startResize(filePath: string, size: number | string): { operationId: string } {
    return this.operations.start('disk.resize', (options) => this.resize(filePath, size, options));
  }

  startCompact(filePath: string): { operationId: string } {
    return this.operations.start('disk.compact', (options) => this.compact(filePath, options));
  }

  /** A new dynamically expanding (or fixed) disk; the format follows the extension. Never overwrites. */
  async create(request: CreateDiskRequest): Promise<void> {
    checkPath(request.path);
    const format = diskFormatFromPath(request.path);
    const sizeBytes = toBytes(request.size);
    validateDiskSize(format, sizeBytes);
    request.signal?.throwIfAborted();
    if (await this.exists(request.path)) {
      throw new HakoError('FileExists', `"${request.path}" already exists; Hako does not overwrite disks`, { path: request.path });
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
