/**
 * ConfigService: the `.7b` files themselves. Reading them for the editor and for a start, checking what a
 * save would write, saving the user's edits (never over a file that changed on disk since it was read,
 * never replacing what NanaBox would ignore without consent), creating new files, and writing back the
 * values a start or a save generated.
 *
 * Every write is atomic (main/files/atomic.ts); after a save, listeners hear of it (the composition root
 * re-reads the VM, so its snapshot shows the new settings).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import nodePath from 'node:path';
import { encodeSevenB, formatSevenB, hasUtf8Bom, newVmConfig, readSevenB, renderFinding, tooLargeResult, type Finding, type SevenBFile, type VmConfig } from '../../app/config/index.js';
import { deviceFindings } from '../../app/config/device-rules.js';
import { checkedSevenBBytes } from '../../app/config/save-check.js';
import { resolveVmPath } from '../../app/paths/resolve.js';
import { fileKey } from '../files/file-key.js';
import { applyPatch, type WriteBackPatch } from '../../app/config/write-back.js';
import { HakoError } from '../../app/errors/error-info.js';
import { readFileWithStamp, sameContent, writeFileAtomic, WriteConflictError, type FileStamp } from '../files/atomic.js';
import { FileTooLargeError } from '../files/user-file.js';

export type { WriteBackPatch };

export interface LoadedConfig {
  readonly file: SevenBFile;
  readonly findings: readonly Finding[];
  readonly stamp: FileStamp;
}

/** What the editor gets: NanaBox's verdict, the model (when it reads), every finding, the stamp to save against. */
export interface ReadConfig {
  readonly accepted: boolean;
  readonly file: SevenBFile | null;
  readonly findings: readonly Finding[];
  readonly stamp: FileStamp;
}

export type WriteBackResult = { readonly written: true } | { readonly written: false; readonly reason: string };

/** The `.7b` files as VM operations see them (ConfigService is one); a seam for tests and the benchmark. */
export interface VmFiles {
  load(path: string): Promise<LoadedConfig>;
  exists(path: string): boolean;
  remove(path: string): Promise<void>;
  /** Applies `patch` to the file as it is now on disk. Resolves to a notice when it chose not to write. */
  writeBack(path: string, patch: WriteBackPatch): Promise<WriteBackResult>;
}

/** NanaBox would refuse the file (no BOM, not JSON, a wrong Type/Version/ProcessorCount/MemorySize). */
export class ConfigRefusedError extends HakoError {
  constructor(
    readonly file: string,
    readonly findings: readonly Finding[],
  ) {
    const error = findings.find((f) => f.severity === 'error');
    super('ConfigRefused', `${file}: ${error ? `${error.path ? error.path + ': ' : ''}${renderFinding(error)}` : 'the file is refused'}`, { file }, error?.path);
  }
}

/** The reader's findings and the device rules' (app/config/device-rules.ts), paths compared as files. */
function withDeviceFindings(findings: readonly Finding[], config: VmConfig, vmPath: string): Finding[] {
  const folder = nodePath.dirname(vmPath);
  return [...findings, ...deviceFindings(config, (a, b) => fileKey(resolveVmPath(folder, a)) === fileKey(resolveVmPath(folder, b)))];
}

const lossyPaths = (findings: readonly Finding[]): string[] => findings.filter((f) => f.lossy).map((f) => f.path);

export class ConfigService implements VmFiles {
  private readonly savedListeners = new Set<(path: string) => unknown>();

  /** Called after each successful save of the user's edits (not after write-backs). */
  onSaved(listener: (path: string) => unknown): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /** For a start: the file must be one NanaBox reads (with its BOM). */
  async load(path: string): Promise<LoadedConfig> {
    const { bytes, stamp } = await readFileWithStamp(path).catch((error: unknown) => {
      if (error instanceof FileTooLargeError) throw new ConfigRefusedError(path, tooLargeResult(error.size).findings);
      throw error;
    });
    const result = readSevenB(bytes);
    if (result.file === null) throw new ConfigRefusedError(path, result.findings);
    return { file: result.file, findings: withDeviceFindings(result.findings, result.file.config, path), stamp };
  }

  /** For the editor: whatever can be read, a missing BOM included, with every finding. */
  async read(path: string): Promise<ReadConfig> {
    const { bytes, stamp } = await readFileWithStamp(path);
    const result = readSevenB(bytes, { allowMissingBom: true });
    return { accepted: result.accepted, file: result.file, findings: result.file ? withDeviceFindings(result.findings, result.file.config, path) : result.findings, stamp };
  }

  /**
   * What saving `file` would write, and what NanaBox will make of it (read back from those bytes). With
   * the VM's path, paths in it compare as files the way a start compares them.
   */
  validate(file: SevenBFile, vmPath?: string): { text: string; findings: readonly Finding[] } {
    const read = readSevenB(checkedSevenBBytes(file)).findings;
    return { text: formatSevenB(file), findings: vmPath === undefined ? [...read, ...deviceFindings(file.config)] : withDeviceFindings(read, file.config, vmPath) };
  }

  /**
   * Writes the user's edits over the file they read. `expected` is the stamp of what they read; `force`
   * is their consent to replace what NanaBox would ignore or drop. Consent never skips the conflict
   * check: to keep their version over another program's, the user saves with the stamp just re-read.
   */
  async save(path: string, file: SevenBFile, expected: FileStamp | null, force: boolean): Promise<FileStamp> {
    // Only a missing file reads as "nothing there"; a FIFO, a device or a huge file is refused as such.
    const onDisk = await readFileWithStamp(path).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    });
    if (onDisk !== null && (expected === null || !sameContent(onDisk.stamp, expected))) {
      throw new HakoError('Conflict', `${path} changed on disk since it was opened. Reload it, or overwrite it with your version.`, { path });
    }
    if (onDisk !== null && !force) {
      const lossy = lossyPaths(readSevenB(onDisk.bytes, { allowMissingBom: true }).findings);
      if (lossy.length > 0) {
        throw new HakoError(
          'ConsentRequired',
          `Saving replaces ${lossy.length} value${lossy.length === 1 ? '' : 's'} in the file that NanaBox would ignore or drop (${lossy.join(', ')}).`,
          { path, count: lossy.length },
        );
      }
    }
    const stamp = await writeFileAtomic(path, checkedSevenBBytes(file), { expected: onDisk?.stamp ?? null });
    for (const listener of this.savedListeners) await Promise.resolve(listener(path)).catch(() => undefined);
    return stamp;
  }

  /**
   * The one fix that changes no value: a file NanaBox refuses only for its missing UTF-8 BOM gets the BOM,
   * byte for byte otherwise (so a user's formatting and comments-free JSON stay as they were).
   */
  async addBom(path: string): Promise<FileStamp> {
    const { bytes, stamp } = await readFileWithStamp(path);
    if (hasUtf8Bom(bytes)) return stamp;
    if (!readSevenB(bytes, { allowMissingBom: true }).accepted) {
      throw new HakoError('ConfigRefused', `${path} needs more than its UTF-8 BOM; fix it in the editor or a text editor.`, { path });
    }
    const fixed = await writeFileAtomic(path, new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), { expected: stamp });
    for (const listener of this.savedListeners) await Promise.resolve(listener(path)).catch(() => undefined);
    return fixed;
  }

  /** A new VM file with NanaBox's defaults; never over an existing file. */
  async create(path: string, name: string): Promise<void> {
    await writeFileAtomic(path, encodeSevenB(newVmConfig(name)), { expected: null });
  }

  exists(path: string): boolean {
    return existsSync(path);
  }

  remove(path: string): Promise<void> {
    return rm(path, { force: true });
  }

  async writeBack(path: string, patch: WriteBackPatch): Promise<WriteBackResult> {
    // One retry covers an editor saving between our read and our rename.
    for (let attempt = 0; ; attempt++) {
      const { file, findings, stamp } = await this.load(path);
      const lossy = lossyPaths(findings);
      if (lossy.length > 0) {
        // Rewriting would also replace what the user wrote; without their consent Hako leaves the file.
        return { written: false, reason: `the file holds values NanaBox would replace (${lossy.join(', ')})` };
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
  }
}
