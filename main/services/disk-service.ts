/**
 * Creating, resizing, compacting and inspecting VHD/VHDX files (NanaBox's Create/Resize/Compact Virtual
 * Hard Disk dialogs), and differencing disks on a parent. Sizes and formats are checked first by the
 * core's rules (app/disks/size.ts); like NanaBox, new disks are dynamically expanding unless asked
 * otherwise. A disk a running VM has attached is never resized or compacted (nor made a parent): the
 * refusal names the VM. Each background operation's done report carries the disk's path, so the UI
 * attaches a new disk only once it exists.
 */
import * as nodeFs from 'node:fs/promises';
import { HakoError } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, hresultFromWin32 } from '../../app/errors/hresult.js';
import { isAbsolutePath } from '../../app/paths/identity.js';
import { diskFormatFromPath, parseSize, validateDiskSize, validateResize } from '../../app/disks/size.js';
import { baseName } from '../../app/paths/parts.js';
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

export interface CreateDifferencingRequest extends DiskOperationOptions {
  readonly path: string;
  /** The parent disk, which must then never change (the UI says so). */
  readonly parentPath: string;
}

export interface DiskServiceOptions {
  /** Whether something exists at a path; node's lstat by default. */
  exists?: (filePath: string) => Promise<boolean>;
  /** The names of the running VMs that have the disk attached; none by default. */
  runningUsers?: (filePath: string) => readonly string[];
  /** The names of the library VMs (running or not) whose files name the disk; none by default. */
  attachedTo?: (filePath: string) => readonly string[];
  /** Moves a file to the Recycle Bin (Electron on Windows); without it, a deleted disk is gone. */
  trash?: (filePath: string) => Promise<void>;
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
  private readonly runningUsers: (filePath: string) => readonly string[];
  private readonly attachedTo: (filePath: string) => readonly string[];
  private readonly trash: ((filePath: string) => Promise<void>) | undefined;

  constructor(
    virtDisk: VirtDisk,
    /** Where the background forms (`startCreate`, …) run and report. */
    private readonly operations: BackgroundOperations = new BackgroundOperations(),
    options: DiskServiceOptions = {},
  ) {
    this.virtDisk = virtDisk;
    this.exists = options.exists ?? defaultExists;
    this.runningUsers = options.runningUsers ?? (() => []);
    this.attachedTo = options.attachedTo ?? (() => []);
    this.trash = options.trash;
  }

  /**
   * `create` in the background: answers at once with the id its progress reports carry; the done report
   * names the new disk (`result.path`) only when it was made, so nothing attaches a disk that failed.
   */
  startCreate(request: Omit<CreateDiskRequest, keyof DiskOperationOptions>): { operationId: string } {
    return this.operations.start('disk.create', async (options) => (await this.create({ ...request, ...options }), { path: request.path }));
  }

  /** Like the other `start…` calls, refused at once (not in the background) while a running VM uses the disk. */
  startCreateDifferencing(request: Omit<CreateDifferencingRequest, keyof DiskOperationOptions>): { operationId: string } {
    this.refuseWhileRunning(request.parentPath, 'be the parent of a new disk');
    return this.operations.start('disk.create', async (options) => (await this.createDifferencing({ ...request, ...options }), { path: request.path }));
  }

  startResize(filePath: string, size: number | string): { operationId: string } {
    this.refuseWhileRunning(filePath, 'be resized');
    return this.operations.start('disk.resize', async (options) => (await this.resize(filePath, size, options), { path: filePath }));
  }

  startCompact(filePath: string): { operationId: string } {
    this.refuseWhileRunning(filePath, 'be compacted');
    return this.operations.start('disk.compact', async (options) => (await this.compact(filePath, options), { path: filePath }));
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
   * A differencing disk at `path` whose parent is `parentPath` (both `.vhd`/`.vhdx`; the format follows
   * the child's extension). Never overwrites; refused while a running VM uses the parent, which it writes.
   */
  async createDifferencing(request: CreateDifferencingRequest): Promise<void> {
    checkPath(request.path);
    checkPath(request.parentPath);
    diskFormatFromPath(request.path);
    diskFormatFromPath(request.parentPath);
    this.refuseWhileRunning(request.parentPath, 'be the parent of a new disk');
    request.signal?.throwIfAborted();
    if (await this.exists(request.path)) {
      throw new HakoError('FileExists', `"${request.path}" already exists; Hako does not overwrite disks`, { path: request.path });
    }
    const { path: child, parentPath, ...options } = request;
    await cancellable(request.signal, () => this.virtDisk.createDifferencing(child, parentPath, options));
  }

  /**
   * Changes the virtual size: growing within the format's limits; shrinking only down to the smallest
   * safe size virtdisk reports, and Hako says so naming it (app/disks/size.ts `validateResize`) before
   * virtdisk is asked, which refuses an unsafe shrink itself too (Hako never passes its "unsafe" flag).
   */
  async resize(filePath: string, size: number | string, options: DiskOperationOptions = {}): Promise<void> {
    checkPath(filePath);
    const format = diskFormatFromPath(filePath);
    const sizeBytes = toBytes(size);
    validateDiskSize(format, sizeBytes);
    this.refuseWhileRunning(filePath, 'be resized');
    options.signal?.throwIfAborted();
    validateResize(format, await this.virtDisk.info(filePath), sizeBytes);
    await cancellable(options.signal, () => this.virtDisk.resize(filePath, sizeBytes, options));
  }

  /** Gives unused blocks back to the host file system; refused while a running VM uses the disk. */
  async compact(filePath: string, options: DiskOperationOptions = {}): Promise<void> {
    checkPath(filePath);
    diskFormatFromPath(filePath);
    this.refuseWhileRunning(filePath, 'be compacted');
    await cancellable(options.signal, () => this.virtDisk.compact(filePath, options));
  }

  /**
   * Deletes a disk file the user asked to delete, by its name (the UI names it; detaching never deletes).
   * Refused while a library VM's file still names it (detach and save first), naming the VMs; to the
   * Recycle Bin where the shell has one. Says whether it went there.
   */
  async remove(filePath: string): Promise<{ recycled: boolean }> {
    checkPath(filePath);
    diskFormatFromPath(filePath);
    const users = this.attachedTo(filePath);
    if (users.length > 0) {
      throw new HakoError('DiskInUse', `${baseName(filePath)} is still attached to ${users.join(', ')}; detach it and save first.`, { path: filePath, vms: users.join(', ') });
    }
    if (!(await this.exists(filePath))) throw new HakoError('FileNotFound', `${filePath} does not exist.`, { path: filePath });
    if (this.trash) {
      await this.trash(filePath);
      return { recycled: true };
    }
    await nodeFs.rm(filePath);
    return { recycled: false };
  }

  /** A running VM has the disk open (and writes to it): changing it under the VM is refused, naming the VM. */
  private refuseWhileRunning(filePath: string, what: string): void {
    const users = this.runningUsers(filePath);
    if (users.length === 0) return;
    throw new HakoError(
      'DiskInUse',
      `${baseName(filePath)} cannot ${what} while ${users.join(', ')} ${users.length === 1 ? 'runs' : 'run'} with it attached; shut ${users.length === 1 ? 'it' : 'them'} down first.`,
      { path: filePath, vms: users.join(', ') },
    );
  }

  async info(filePath: string): Promise<VirtualDiskInfo> {
    checkPath(filePath);
    diskFormatFromPath(filePath);
    return this.virtDisk.info(filePath);
  }
}
