/**
 * Reading a VM's `.7b` file for a start, and writing back what a start generated — only those values,
 * merged into the file as it is on disk now, so the user's edits since the start are never reverted.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { HakoError } from '../../app/errors/error-info.js';
import { encodeSevenB, readSevenB, renderFinding, type Finding, type SevenBFile } from '../../app/config/index.js';
import { readFileWithStamp, writeFileAtomic, WriteConflictError, type FileStamp } from '../files/atomic.js';

export interface LoadedConfig {
  readonly file: SevenBFile;
  readonly findings: readonly Finding[];
  readonly stamp: FileStamp;
}

/** The file system as VM operations see it; a seam for tests. */
export interface VmFiles {
  load(path: string): Promise<LoadedConfig>;
  exists(path: string): boolean;
  remove(path: string): Promise<void>;
  /** Applies `patch` to the file as it is now on disk. Resolves to a notice when it chose not to write. */
  writeBack(path: string, patch: WriteBackPatch): Promise<WriteBackResult>;
}

/** Values a start or a save generates. Only these keys are ever written back. */
export interface WriteBackPatch {
  /**
   * By adapter index: the endpoint HCN created and the MAC it reported, applied only where the adapter
   * still names `previousEndpointId` (so an edit made meanwhile is not given another adapter's values).
   */
  readonly adapters?: readonly {
    readonly index: number;
    readonly EndpointId: string;
    readonly MacAddress: string;
    readonly previousEndpointId?: string;
  }[];
  /** Filled only where the file still has none. */
  readonly GuestStateFile?: string;
  readonly RuntimeStateFile?: string;
  /** `''` clears it (after a resume), a name sets it (after a save). */
  readonly SaveStateFile?: string;
}

export type WriteBackResult = { readonly written: true } | { readonly written: false; readonly reason: string };

export class ConfigRefusedError extends HakoError {
  constructor(
    readonly file: string,
    readonly findings: readonly Finding[],
  ) {
    const error = findings.find((f) => f.severity === 'error');
    super(
      'ConfigRefused',
      `${file}: ${error ? `${error.path ? error.path + ': ' : ''}${renderFinding(error)}` : 'the file is refused'}`,
      { file },
      error?.path,
    );
  }
}

export const nodeVmFiles: VmFiles = {
  async load(path) {
    const { bytes, stamp } = await readFileWithStamp(path);
    const result = readSevenB(bytes);
    if (result.file === null) throw new ConfigRefusedError(path, result.findings);
    return { file: result.file, findings: result.findings, stamp };
  },
  exists: (path) => existsSync(path),
  remove: (path) => rm(path, { force: true }),
  async writeBack(path, patch) {
    // One retry covers an editor saving between our read and our rename.
    for (let attempt = 0; ; attempt++) {
      const { file, findings, stamp } = await nodeVmFiles.load(path);
      const lossy = findings.filter((f) => f.lossy);
      if (lossy.length > 0) {
        // Rewriting would also replace what the user wrote; without their consent Hako leaves the file.
        return { written: false, reason: `the file holds values NanaBox would replace (${lossy.map((f) => f.path).join(', ')})` };
      }
      const before = encodeSevenB(file);
      applyPatch(file, patch);
      const after = encodeSevenB(file);
      if (Buffer.from(before).equals(Buffer.from(after))) return { written: true };
      try {
        await writeFileAtomic(path, after, { expected: stamp });
        return { written: true };
      } catch (error) {
        if (!(error instanceof WriteConflictError) || attempt > 0) throw error;
      }
    }
  },
};

export function applyPatch(file: SevenBFile, patch: WriteBackPatch): void {
  const config = file.config;
  for (const generated of patch.adapters ?? []) {
    const adapter = config.NetworkAdapters[generated.index];
    if (adapter === undefined || !adapter.Connected) continue;
    if (generated.previousEndpointId !== undefined && adapter.EndpointId !== generated.previousEndpointId) continue;
    adapter.EndpointId = generated.EndpointId;
    adapter.MacAddress = generated.MacAddress;
  }
  if (patch.GuestStateFile !== undefined && config.GuestStateFile === '') config.GuestStateFile = patch.GuestStateFile;
  if (patch.RuntimeStateFile !== undefined && config.RuntimeStateFile === '') config.RuntimeStateFile = patch.RuntimeStateFile;
  if (patch.SaveStateFile !== undefined) config.SaveStateFile = patch.SaveStateFile;
}
