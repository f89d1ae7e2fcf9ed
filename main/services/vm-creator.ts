/**
 * Creating a VM on disk: its folder `<parent>/<Name>/`, a new disk through DiskService (with progress and
 * cancellation), and the `.7b` written atomically with its BOM (app/vm/new-vm.ts builds it). A failure
 * or a cancel removes everything this creation made — the `.7b`, the disk, the folders it created — and
 * nothing else; an existing VM folder, file or disk is never touched, and is refused up front.
 */
import path from 'node:path';
import { encodeSevenB } from '../../app/config/index.js';
import { HakoError } from '../../app/errors/error-info.js';
import { newVmFile, newVmFileNames, type NewVmRequest } from '../../app/vm/new-vm.js';
import { writeFileAtomic } from '../files/atomic.js';
import { MadeFiles, pathExists } from '../files/made-files.js';
import { type DiskService } from './disk-service.js';
import { type OperationContext } from './operations.js';

export interface CreateVmRequest extends NewVmRequest {
  /** The folder the VM's own folder goes into (created when missing). */
  readonly parent: string;
}

export interface CreatedVm {
  /** The new `.7b`, absolute. */
  readonly path: string;
}

/** The files a creation would make, for the wizard's summary and the CLI's checks. */
export function plannedVmFiles(request: Pick<CreateVmRequest, 'parent' | 'name' | 'disk'>): { folder: string; sevenB: string; disk: string | null } {
  const folder = path.join(path.resolve(request.parent), request.name);
  const names = newVmFileNames(request.name);
  return { folder, sevenB: path.join(folder, names.sevenB), disk: request.disk.kind === 'new' ? path.join(folder, names.disk) : null };
}

export class VmCreator {
  constructor(private readonly disks: Pick<DiskService, 'create'>) {}

  async create(request: CreateVmRequest, context?: Partial<OperationContext>): Promise<CreatedVm> {
    // Built first: a bad name or value is refused before anything is made.
    const file = newVmFile(request);
    const planned = plannedVmFiles(request);
    for (const taken of [planned.folder, planned.sevenB, ...(planned.disk ? [planned.disk] : [])]) {
      if (await pathExists(taken)) throw new HakoError('FileExists', `${taken} already exists; Hako does not create a VM over it.`, { path: taken });
    }
    const made = new MadeFiles();
    try {
      context?.signal?.throwIfAborted();
      await made.folders(path.dirname(planned.folder));
      await made.folder(planned.folder);
      if (planned.disk !== null && request.disk.kind === 'new') {
        await this.disks.create({
          path: made.file(planned.disk),
          size: request.disk.sizeBytes,
          fixed: request.disk.fixed,
          ...(context?.signal ? { signal: context.signal } : {}),
          ...(context?.onProgress ? { onProgress: context.onProgress } : {}),
        });
      }
      context?.signal?.throwIfAborted();
      await writeFileAtomic(made.file(planned.sevenB), encodeSevenB(file), { expected: null });
      return { path: planned.sevenB };
    } catch (error) {
      await made.remove();
      throw error;
    }
  }
}
