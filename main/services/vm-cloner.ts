/**
 * Cloning a VM into `<parent>/<Name>/`: its `.7b` made by the core (app/vm/clone.ts: a new machine, not a
 * second copy of the old one), its disks copied byte for byte (with progress and cancellation) or made
 * differencing disks on the original's (fast; the original's disks must then never change, which the UI
 * says). A failure or a cancel removes everything the clone made and nothing else.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { encodeSevenB } from '../../app/config/index.js';
import { HakoError } from '../../app/errors/error-info.js';
import { cloneVmFile, type CloneMacs } from '../../app/vm/clone.js';
import { writeFileAtomic } from '../files/atomic.js';
import { MadeFiles, pathExists } from '../files/made-files.js';
import { type VmFiles } from './config-service.js';
import { type OperationContext } from './operations.js';

export type CloneDisks = 'copy' | 'differencing';

export interface CloneRequest {
  /** The original's `.7b`. */
  readonly source: string;
  readonly name: string;
  readonly parent: string;
  readonly disks: CloneDisks;
  readonly macs: CloneMacs;
}

export interface VmClonerDeps {
  readonly files: Pick<VmFiles, 'load'>;
  /** A differencing disk at `child` on `parent`; absent where virtdisk cannot make one. */
  readonly createDifferencing?: (child: string, parent: string, options: Partial<OperationContext>) => Promise<void>;
}

/** Copies `from` to a new `to`, counting bytes into `progress`; stops (and fails) when `signal` aborts. */
async function copyFile(from: string, to: string, signal: AbortSignal | undefined, progress: (bytes: number) => void): Promise<void> {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      progress(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from, { highWaterMark: 1024 * 1024 }), counter, createWriteStream(to, { flags: 'wx' }), ...(signal ? [{ signal }] : []));
}

export class VmCloner {
  constructor(private readonly deps: VmClonerDeps) {}

  async clone(request: CloneRequest, context: Partial<OperationContext> = {}): Promise<{ path: string }> {
    const { file: original } = await this.deps.files.load(request.source);
    const cloned = cloneVmFile(original, path.dirname(request.source), { name: request.name, macs: request.macs, random: () => randomBytes(6) });
    if (request.disks === 'differencing' && cloned.disks.length > 0 && this.deps.createDifferencing === undefined) {
      throw new HakoError('NotSupported', 'Differencing disks cannot be made here; copy the disks instead.', { what: 'differencing disks' });
    }
    const folder = path.join(path.resolve(request.parent), request.name);
    const sevenB = path.join(folder, `${request.name}.7b`);
    if (await pathExists(folder)) throw new HakoError('FileExists', `${folder} already exists; Hako does not clone into it.`, { path: folder });

    const made = new MadeFiles();
    try {
      await made.folders(path.dirname(folder));
      await made.folder(folder);
      const sizes = await Promise.all(cloned.disks.map(async (disk) => (await lstat(disk.from)).size));
      const total = request.disks === 'copy' ? sizes.reduce((sum, size) => sum + size, 0) : cloned.disks.length;
      let completed = 0;
      const report = () => context.onProgress?.({ completed, total: Math.max(total, 1) });
      for (const disk of cloned.disks) {
        context.signal?.throwIfAborted();
        const target = made.file(path.join(folder, disk.to));
        if (request.disks === 'copy') {
          await copyFile(disk.from, target, context.signal, (bytes) => {
            completed += bytes;
            report();
          });
        } else {
          await this.deps.createDifferencing!(target, disk.from, context.signal ? { signal: context.signal } : {});
          completed += 1;
          report();
        }
      }
      context.signal?.throwIfAborted();
      await writeFileAtomic(made.file(sevenB), encodeSevenB(cloned.file), { expected: null });
      return { path: sevenB };
    } catch (error) {
      await made.remove();
      throw error;
    }
  }
}
