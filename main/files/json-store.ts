/**
 * One small JSON document of Hako's own state (the library, the preferences, the shell's flags) in the
 * user-data folder: versioned (`{"version": N, …}`), validated, migrated, written atomically.
 *
 * Older shapes are brought up to date by a chain of migrations (the old file is kept as
 * `<name>.v<N>.bak`); a file that cannot be read, does not parse, fails validation or comes from a newer
 * Hako is moved aside to `<name>.corrupt-<timestamp>` and the store starts empty. Loading never throws.
 * When a bad file cannot even be moved aside, nothing is written for the rest of the run, so the only
 * copy is never destroyed.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { type z } from 'zod';
import { HakoError } from '../../app/errors/error-info.js';
import { writeFileAtomic } from './atomic.js';

/** The file-system calls the store uses; node:fs/promises fits. */
export interface StoreFs {
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  stat(path: string): Promise<unknown>;
}

export interface JsonStoreSpec<T> {
  readonly fileName: string;
  /** `versions[n]` validates a version-n document; the last entry is the version this code writes. */
  readonly versions: readonly z.ZodType[];
  /** `migrations[n]` turns a valid version-n document into a version-(n+1) one. */
  readonly migrations: readonly ((document: unknown) => unknown)[];
  /** The version of a raw document, or a problem; by default `{"version": N}` with N ≥ 1. */
  readonly versionOf?: (raw: unknown) => number | string;
  /** The value of a store that has no file yet (or whose file was unusable). */
  readonly empty: () => T;
  /** The document to write for a value; by default `{ version, ...value }`. */
  readonly toDocument?: (value: T, version: number) => unknown;
  /** The value of a valid current-version document; by default the document itself. */
  readonly fromDocument?: (document: unknown) => T;
}

export interface JsonStoreOptions {
  /** For the timestamp of a moved-aside file. */
  readonly now?: () => Date;
  readonly fs?: StoreFs;
  /** Flush writes to the disk (default true; tests may turn it off for speed). */
  readonly fsync?: boolean;
}

export type StoreLoadStatus =
  /** No file yet: the empty value (nothing is written until the first change). */
  | 'new'
  | 'loaded'
  /** An older version was read and rewritten as the current one. */
  | 'migrated'
  /** The file was unusable; it was moved aside and the store starts empty. */
  | 'recovered'
  /** The file was unusable and could not be moved aside: empty, and changes are not written. */
  | 'unpersisted';

export interface StoreLoadReport {
  readonly status: StoreLoadStatus;
  /** The version the file had (for 'loaded' and 'migrated'). */
  readonly fromVersion?: number;
  /** Where the unusable file went ('recovered'). */
  readonly movedAsideTo?: string;
  /** Why the file was unusable, or why migrating it could not be saved. */
  readonly problem?: string;
}

export type Decoded = { readonly ok: true; readonly document: unknown; readonly fromVersion: number } | { readonly ok: false; readonly problem: string };

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** The `version` of an object document, or why it has none. */
export function documentVersion(raw: unknown): number | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('version' in raw)) return 'not an object with a "version"';
  const version = (raw as { version: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return `"version" is not a positive integer: ${JSON.stringify(version)}`;
  return version;
}

/** Detects the version, validates, and migrates to the current version. */
export function decodeDocument(spec: Pick<JsonStoreSpec<unknown>, 'versions' | 'migrations' | 'versionOf'>, raw: unknown): Decoded {
  const current = spec.versions.length - 1;
  const version = (spec.versionOf ?? documentVersion)(raw);
  if (typeof version === 'string') return { ok: false, problem: version };
  if (version > current) return { ok: false, problem: `written by a newer Hako (version ${version}; this one reads up to ${current})` };
  let document: unknown = raw;
  for (let v = version; v <= current; v++) {
    const parsed = spec.versions[v]!.safeParse(document);
    if (!parsed.success) return { ok: false, problem: `version ${v}: ${formatIssues(parsed.error)}` };
    document = v < current ? spec.migrations[v]!(parsed.data) : parsed.data;
  }
  return { ok: true, document, fromVersion: version };
}

function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A store file's bytes as JSON: strict UTF-8, a leading BOM ignored. Throws when they are not. */
export function parseStoreBytes(bytes: Uint8Array): unknown {
  return JSON.parse(stripBom(decoder.decode(bytes)));
}
const encoder = new TextEncoder();

export class JsonStore<T> {
  readonly filePath: string;
  private readonly fs: StoreFs;
  private readonly now: () => Date;
  private readonly fsync: boolean;
  private readonly version: number;
  /** Set when an unusable file could not be moved aside: writing would destroy the only copy. */
  private persistBlockedBy: string | null = null;

  constructor(
    readonly dataDir: string,
    private readonly spec: JsonStoreSpec<T>,
    options: JsonStoreOptions = {},
  ) {
    if (spec.migrations.length !== spec.versions.length - 1) throw new Error(`${spec.fileName}: one migration per version step is needed`);
    this.filePath = path.join(dataDir, spec.fileName);
    this.fs = options.fs ?? (nodeFs as unknown as StoreFs);
    this.now = options.now ?? (() => new Date());
    this.fsync = options.fsync ?? true;
    this.version = spec.versions.length - 1;
  }

  /** Reads the file; never throws. */
  async load(): Promise<{ value: T; report: StoreLoadReport }> {
    try {
      return await this.loadFromDisk();
    } catch (error) {
      // Only a bug gets here; an empty store that refuses to write is the safe outcome.
      this.persistBlockedBy = `loading failed unexpectedly: ${describe(error)}`;
      return { value: this.spec.empty(), report: { status: 'unpersisted', problem: this.persistBlockedBy } };
    }
  }

  /** Writes the value atomically. Fails with NotPersisted or SaveFailed. */
  async save(value: T): Promise<void> {
    if (this.persistBlockedBy !== null) {
      throw new HakoError('NotPersisted', `${this.spec.fileName} is not being saved: ${this.persistBlockedBy}`, { path: this.filePath });
    }
    try {
      await this.write(value);
    } catch (error) {
      throw new HakoError('SaveFailed', `Could not save "${this.filePath}": ${describe(error)}`, { path: this.filePath }, undefined, undefined, { cause: error });
    }
  }

  private fromDocument(document: unknown): T {
    return this.spec.fromDocument ? this.spec.fromDocument(document) : (document as T);
  }

  private async write(value: T): Promise<void> {
    await this.fs.mkdir(this.dataDir, { recursive: true });
    const document = this.spec.toDocument ? this.spec.toDocument(value, this.version) : { version: this.version, ...(value as object) };
    await writeFileAtomic(this.filePath, encoder.encode(`${JSON.stringify(document, null, 2)}\n`), { fsync: this.fsync });
  }

  private async loadFromDisk(): Promise<{ value: T; report: StoreLoadReport }> {
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(this.filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { value: this.spec.empty(), report: { status: 'new' } };
      return this.recover(null, `could not be read: ${describe(error)}`);
    }
    let raw: unknown;
    try {
      raw = parseStoreBytes(bytes);
    } catch (error) {
      return this.recover(bytes, `is not valid UTF-8 JSON: ${describe(error)}`);
    }
    const decoded = decodeDocument(this.spec, raw);
    if (!decoded.ok) return this.recover(bytes, decoded.problem);
    const value = this.fromDocument(decoded.document);
    if (decoded.fromVersion === this.version) return { value, report: { status: 'loaded', fromVersion: decoded.fromVersion } };

    // Keep the old file next to the new one, then write the migrated document.
    try {
      await writeFileAtomic(`${this.filePath}.v${decoded.fromVersion}.bak`, bytes, { fsync: this.fsync });
      await this.write(value);
      return { value, report: { status: 'migrated', fromVersion: decoded.fromVersion } };
    } catch (error) {
      // Still usable in memory; the next successful change writes the current version.
      return { value, report: { status: 'migrated', fromVersion: decoded.fromVersion, problem: `the migrated file could not be saved yet: ${describe(error)}` } };
    }
  }

  private async exists(p: string): Promise<boolean> {
    try {
      await this.fs.stat(p);
      return true;
    } catch (error) {
      return errorCode(error) !== 'ENOENT';
    }
  }

  /** A `<name>.corrupt-<timestamp>[-n]` name that is not taken. */
  private async asideName(): Promise<string> {
    const base = `${this.filePath}.corrupt-${this.now().toISOString().replace(/[:.]/g, '-')}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.exists(candidate)) || n > 1000) return candidate;
    }
  }

  private async recover(bytes: Uint8Array | null, problem: string): Promise<{ value: T; report: StoreLoadReport }> {
    const value = this.spec.empty();
    const aside = await this.asideName();
    try {
      await this.fs.rename(this.filePath, aside);
      return { value, report: { status: 'recovered', movedAsideTo: aside, problem } };
    } catch (renameError) {
      // A copy is as good as a move, as long as the bad bytes survive somewhere.
      if (bytes !== null) {
        try {
          await this.fs.writeFile(aside, bytes, { flag: 'wx' });
          return { value, report: { status: 'recovered', movedAsideTo: aside, problem } };
        } catch {
          // fall through
        }
      }
      this.persistBlockedBy = `"${this.filePath}" ${problem}, and could not be moved aside (${describe(renameError)})`;
      return { value, report: { status: 'unpersisted', problem: this.persistBlockedBy } };
    }
  }
}
