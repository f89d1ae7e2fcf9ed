/**
 * The library: which `.7b` files Hako knows, which were opened recently, the per-user UI preferences of
 * each VM, and which HCS ids belong to which file (for re-attaching to VMs that kept running while Hako
 * was closed). Per-user state only: none of it ever goes into a `.7b` (NanaBox would drop it).
 *
 * Stored as versioned JSON (`{"version": N, …}`) in `<dataDir>/library.json`, written atomically. Older
 * shapes are brought up to date by a chain of migrations; a file that cannot be read, does not parse,
 * fails validation or comes from a newer Hako is moved aside to `library.json.corrupt-<timestamp>` and
 * Hako starts with an empty library. Loading never throws.
 *
 * Every call goes through one queue, so mutations (and the reads after them) happen in call order and
 * two writes never overlap.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { HakoError } from '../../app/errors/error-info.js';
import { isAbsolutePath, pathKey as libraryPathKey } from '../../app/paths/identity.js';
import { DEFAULT_SESSION_MODE, SESSION_MODES, type SessionMode } from '../../app/session/mode.js';
import { writeFileAtomic } from '../files/atomic.js';

export const LIBRARY_FILE_NAME = 'library.json';
/** The version this code writes. */
export const LIBRARY_VERSION = 1;
export const MAX_RECENT = 20;

// ---------------------------------------------------------------------------------------------------
// Errors

export type LibraryErrorCode =
  /** A path given to a method is not absolute. */
  | 'InvalidPath'
  /** An HCS id given to a method is empty. */
  | 'InvalidId'
  /** A preferences patch failed validation. */
  | 'InvalidPreferences'
  /** The change is in memory but could not be written (the cause says why). */
  | 'SaveFailed'
  /**
   * The file on disk could not be read and could not be moved aside either, so Hako does not write it
   * (that would destroy the only copy). Changes stay in memory for this run.
   */
  | 'NotPersisted';

export class LibraryError extends HakoError {
  declare readonly code: LibraryErrorCode;
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: LibraryErrorCode, message: string, params: Record<string, string | number> = {}, cause?: unknown) {
    super(code, message, params);
    this.name = 'LibraryError';
    // HakoError takes no options; set `cause` as `new Error(message, { cause })` would (own, not enumerable).
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, writable: true, configurable: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Schemas and migrations

const absolutePath = z
  .string()
  .min(1)
  .refine(isAbsolutePath, { message: 'must be an absolute path' });

const windowBoundsSchema = z.object({
  x: z.number().int().min(-1_000_000).max(1_000_000),
  y: z.number().int().min(-1_000_000).max(1_000_000),
  width: z.number().int().positive().max(1_000_000),
  height: z.number().int().positive().max(1_000_000),
});

const sessionModeSchema = z.enum(SESSION_MODES);

const storedPreferencesSchema = z.object({
  sessionMode: sessionModeSchema.optional(),
  lastWindowBounds: windowBoundsSchema.optional(),
});

/** v0 (Hako's first sketch): a bare array of `.7b` paths, most recently opened first. */
const libraryV0Schema = z.array(absolutePath);

const libraryV1Schema = z.object({
  version: z.literal(1),
  vms: z.array(z.object({ path: absolutePath, preferences: storedPreferencesSchema.default({}) })),
  recent: z.array(absolutePath).default([]),
  running: z.array(z.object({ id: z.string().min(1), path: absolutePath })).default([]),
});

export type WindowBounds = z.infer<typeof windowBoundsSchema>;
type LibraryV1 = z.infer<typeof libraryV1Schema>;

/** Per-VM UI preferences with defaults applied. */
export interface VmPreferences {
  sessionMode: SessionMode;
  lastWindowBounds?: WindowBounds;
}

/** A change to the preferences: absent keys are kept, `lastWindowBounds: null` forgets the bounds. */
export interface VmPreferencesPatch {
  sessionMode?: SessionMode;
  lastWindowBounds?: WindowBounds | null;
}

const preferencesPatchSchema = z
  .object({
    sessionMode: sessionModeSchema.optional(),
    lastWindowBounds: windowBoundsSchema.nullable().optional(),
  })
  .strict();

export const DEFAULT_VM_PREFERENCES: Readonly<VmPreferences> = Object.freeze({ sessionMode: DEFAULT_SESSION_MODE });

/** Validates the document of one version; the last entry is the current version. */
const SCHEMAS: readonly z.ZodType[] = [libraryV0Schema, libraryV1Schema];

/** MIGRATIONS[n] turns a valid version-n document into a version-(n+1) one. */
const MIGRATIONS: readonly ((document: unknown) => unknown)[] = [
  (document) => {
    const paths = document as z.infer<typeof libraryV0Schema>;
    const v1: z.input<typeof libraryV1Schema> = {
      version: 1,
      vms: paths.map((p) => ({ path: p, preferences: {} })),
      recent: paths.slice(0, MAX_RECENT),
      running: [],
    };
    return v1;
  },
];

if (SCHEMAS.length !== LIBRARY_VERSION + 1 || MIGRATIONS.length !== LIBRARY_VERSION) {
  throw new Error('library.ts: the schema and migration tables do not match LIBRARY_VERSION');
}

type Decoded =
  | { ok: true; document: LibraryV1; fromVersion: number }
  | { ok: false; problem: string };

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Detects the version, validates, and migrates to the current version. Exported for tests. */
export function decodeLibraryDocument(raw: unknown): Decoded {
  let version: number;
  if (Array.isArray(raw)) {
    version = 0;
  } else if (typeof raw === 'object' && raw !== null && 'version' in raw) {
    const v = (raw as { version: unknown }).version;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      return { ok: false, problem: `"version" is not a positive integer: ${JSON.stringify(v)}` };
    }
    version = v;
  } else {
    return { ok: false, problem: 'neither an array (version 0) nor an object with a "version"' };
  }
  if (version > LIBRARY_VERSION) {
    return { ok: false, problem: `written by a newer Hako (version ${version}; this one reads up to ${LIBRARY_VERSION})` };
  }
  let document: unknown = raw;
  for (let v = version; v <= LIBRARY_VERSION; v++) {
    const parsed = SCHEMAS[v]!.safeParse(document);
    if (!parsed.success) return { ok: false, problem: `version ${v}: ${formatIssues(parsed.error)}` };
    document = v < LIBRARY_VERSION ? MIGRATIONS[v]!(parsed.data) : parsed.data;
  }
  return { ok: true, document: document as LibraryV1, fromVersion: version };
}

// ---------------------------------------------------------------------------------------------------
// The service

/** The file-system calls the library uses; node:fs/promises fits. */
export interface LibraryFs {
  readFile(path: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  stat(path: string): Promise<unknown>;
}

export interface LibraryOptions {
  /** For the timestamp of a moved-aside file. */
  now?: () => Date;
  fs?: LibraryFs;
  /** Flush writes to the disk (default true; tests may turn it off for speed). */
  fsync?: boolean;
}

export type LibraryLoadStatus =
  /** No file yet: an empty library (nothing is written until the first change). */
  | 'new'
  | 'loaded'
  /** An older version was read and rewritten as the current one. */
  | 'migrated'
  /** The file was unusable; it was moved aside and the library starts empty. */
  | 'recovered'
  /** The file was unusable and could not be moved aside: empty library, changes are not written. */
  | 'unpersisted';

export interface LibraryLoadReport {
  readonly status: LibraryLoadStatus;
  /** The version the file had (for 'loaded' and 'migrated'). */
  readonly fromVersion?: number;
  /** Where the unusable file went ('recovered'). */
  readonly movedAsideTo?: string;
  /** Why the file was unusable, or why migrating it could not be saved. */
  readonly problem?: string;
}

export interface LibrarySnapshot {
  readonly files: readonly string[];
  readonly recent: readonly string[];
  readonly running: readonly { readonly id: string; readonly path: string }[];
}

interface VmEntry {
  path: string;
  preferences: z.infer<typeof storedPreferencesSchema>;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

export class Library {
  readonly dataDir: string;
  readonly filePath: string;

  private readonly fs: LibraryFs;
  private readonly now: () => Date;
  private readonly fsync: boolean;

  /** Insertion order = the order files were added. */
  private readonly vms = new Map<string, VmEntry>();
  /** Keys into `vms`, most recent first. */
  private recentKeys: string[] = [];
  /** HCS id → `.7b` path. */
  private readonly running = new Map<string, string>();

  private queue: Promise<unknown> = Promise.resolve();
  private loadReport: LibraryLoadReport | null = null;
  private persistBlockedBy: string | null = null;

  constructor(dataDir: string, options: LibraryOptions = {}) {
    this.dataDir = dataDir;
    this.filePath = path.join(dataDir, LIBRARY_FILE_NAME);
    this.fs = options.fs ?? (nodeFs as unknown as LibraryFs);
    this.now = options.now ?? (() => new Date());
    this.fsync = options.fsync ?? true;
  }

  // --- queue -----------------------------------------------------------------------------------------

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await this.ensureLoaded();
      return work();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private mutate(change: () => boolean): Promise<void> {
    return this.enqueue(async () => {
      if (change()) await this.persist();
    });
  }

  // --- loading ---------------------------------------------------------------------------------------

  /** Loads the file (once; later calls return the first report). Never throws. */
  async load(): Promise<LibraryLoadReport> {
    return this.enqueue(async () => this.loadReport!);
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loadReport !== null) return;
    try {
      this.loadReport = await this.loadFromDisk();
    } catch (error) {
      // Only a bug gets here; an empty library that refuses to write is the safe outcome.
      this.reset();
      this.persistBlockedBy = `loading failed unexpectedly: ${describe(error)}`;
      this.loadReport = { status: 'unpersisted', problem: this.persistBlockedBy };
    }
  }

  private reset(): void {
    this.vms.clear();
    this.recentKeys = [];
    this.running.clear();
  }

  private async loadFromDisk(): Promise<LibraryLoadReport> {
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(this.filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { status: 'new' };
      return this.recover(null, `could not be read: ${describe(error)}`);
    }

    let raw: unknown;
    try {
      raw = JSON.parse(stripBom(decoder.decode(bytes)));
    } catch (error) {
      return this.recover(bytes, `is not valid UTF-8 JSON: ${describe(error)}`);
    }
    const decoded = decodeLibraryDocument(raw);
    if (!decoded.ok) return this.recover(bytes, decoded.problem);

    this.apply(decoded.document);
    if (decoded.fromVersion === LIBRARY_VERSION) return { status: 'loaded', fromVersion: decoded.fromVersion };

    // Keep the old file next to the new one, then write the migrated document.
    const backup = `${this.filePath}.v${decoded.fromVersion}.bak`;
    try {
      await writeFileAtomic(backup, bytes, { fsync: this.fsync });
      await this.write();
      return { status: 'migrated', fromVersion: decoded.fromVersion };
    } catch (error) {
      // Still usable in memory; the next successful change writes the current version.
      return {
        status: 'migrated',
        fromVersion: decoded.fromVersion,
        problem: `the migrated library could not be saved yet: ${describe(error)}`,
      };
    }
  }

  private stamp(): string {
    return this.now().toISOString().replace(/[:.]/g, '-');
  }

  private async exists(p: string): Promise<boolean> {
    try {
      await this.fs.stat(p);
      return true;
    } catch (error) {
      return errorCode(error) !== 'ENOENT';
    }
  }

  /** A `library.json.corrupt-<timestamp>[-n]` name that is not taken. */
  private async asideName(): Promise<string> {
    const base = `${this.filePath}.corrupt-${this.stamp()}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await this.exists(candidate)) || n > 1000) return candidate;
    }
  }

  private async recover(bytes: Uint8Array | null, problem: string): Promise<LibraryLoadReport> {
    this.reset();
    const aside = await this.asideName();
    try {
      await this.fs.rename(this.filePath, aside);
      return { status: 'recovered', movedAsideTo: aside, problem };
    } catch (renameError) {
      // A copy is as good as a move, as long as the bad bytes survive somewhere.
      if (bytes !== null) {
        try {
          await this.fs.writeFile(aside, bytes, { flag: 'wx' });
          return { status: 'recovered', movedAsideTo: aside, problem };
        } catch {
          // fall through
        }
      }
      this.persistBlockedBy = `"${this.filePath}" ${problem}, and could not be moved aside (${describe(renameError)})`;
      return { status: 'unpersisted', problem: this.persistBlockedBy };
    }
  }

  private apply(document: LibraryV1): void {
    this.reset();
    for (const vm of document.vms) {
      const key = libraryPathKey(vm.path);
      if (!this.vms.has(key)) this.vms.set(key, { path: vm.path, preferences: { ...vm.preferences } });
    }
    for (const p of document.recent) {
      const key = libraryPathKey(p);
      if (this.recentKeys.includes(key)) continue;
      if (!this.vms.has(key)) this.vms.set(key, { path: p, preferences: {} });
      this.recentKeys.push(key);
    }
    this.recentKeys = this.recentKeys.slice(0, MAX_RECENT);
    for (const entry of document.running) {
      if (!this.running.has(entry.id)) this.running.set(entry.id, entry.path);
    }
  }

  // --- saving ----------------------------------------------------------------------------------------

  private document(): LibraryV1 {
    return {
      version: 1,
      vms: [...this.vms.values()].map((vm) => ({ path: vm.path, preferences: { ...vm.preferences } })),
      recent: this.recentKeys.map((key) => this.vms.get(key)!.path),
      running: [...this.running].map(([id, p]) => ({ id, path: p })),
    };
  }

  private async write(): Promise<void> {
    await this.fs.mkdir(this.dataDir, { recursive: true });
    const text = `${JSON.stringify(this.document(), null, 2)}\n`;
    await writeFileAtomic(this.filePath, encoder.encode(text), { fsync: this.fsync });
  }

  private async persist(): Promise<void> {
    if (this.persistBlockedBy !== null) {
      throw new LibraryError('NotPersisted', `The library is not being saved: ${this.persistBlockedBy}`, {
        path: this.filePath,
      });
    }
    try {
      await this.write();
    } catch (error) {
      throw new LibraryError(
        'SaveFailed',
        `Could not save the library to "${this.filePath}": ${describe(error)}`,
        { path: this.filePath },
        error,
      );
    }
  }

  // --- validation ------------------------------------------------------------------------------------

  private static checkPath(p: string): void {
    if (typeof p !== 'string' || !isAbsolutePath(p)) {
      throw new LibraryError('InvalidPath', `Not an absolute path: ${JSON.stringify(p)}`, { path: String(p) });
    }
  }

  private static checkId(id: string): void {
    if (typeof id !== 'string' || id === '') {
      throw new LibraryError('InvalidId', 'The compute system id is empty', { id: String(id) });
    }
  }

  /** Adds the file, or updates its spelling; returns its key. */
  private addEntry(p: string): { key: string; changed: boolean } {
    const key = libraryPathKey(p);
    const entry = this.vms.get(key);
    if (entry === undefined) {
      this.vms.set(key, { path: p, preferences: {} });
      return { key, changed: true };
    }
    if (entry.path !== p) {
      entry.path = p;
      return { key, changed: true };
    }
    return { key, changed: false };
  }

  // --- the public API --------------------------------------------------------------------------------

  /** Everything at once, e.g. for the UI's first render. */
  async snapshot(): Promise<LibrarySnapshot> {
    return this.enqueue(async () => ({
      files: [...this.vms.values()].map((vm) => vm.path),
      recent: this.recentKeys.map((key) => this.vms.get(key)!.path),
      running: [...this.running].map(([id, p]) => ({ id, path: p })),
    }));
  }

  /** The known files, in the order they were added. */
  async files(): Promise<string[]> {
    return this.enqueue(async () => [...this.vms.values()].map((vm) => vm.path));
  }

  async has(p: string): Promise<boolean> {
    return this.enqueue(async () => this.vms.has(libraryPathKey(p)));
  }

  /** Adds a file to the library (a new spelling of a known file replaces the old one). */
  async add(p: string): Promise<void> {
    Library.checkPath(p);
    return this.mutate(() => this.addEntry(p).changed);
  }

  /** Removes a file, its recent entry and its preferences. Running-id mappings stay (re-attach). */
  async remove(p: string): Promise<void> {
    return this.mutate(() => {
      const key = libraryPathKey(p);
      if (!this.vms.delete(key)) return false;
      this.recentKeys = this.recentKeys.filter((k) => k !== key);
      return true;
    });
  }

  /** Most recent first, at most {@link MAX_RECENT}. */
  async recent(): Promise<string[]> {
    return this.enqueue(async () => this.recentKeys.map((key) => this.vms.get(key)!.path));
  }

  /** Records that the file was opened: adds it if needed and moves it to the front of the recent list. */
  async markOpened(p: string): Promise<void> {
    Library.checkPath(p);
    return this.mutate(() => {
      const { key, changed } = this.addEntry(p);
      if (!changed && this.recentKeys[0] === key) return false;
      this.recentKeys = [key, ...this.recentKeys.filter((k) => k !== key)].slice(0, MAX_RECENT);
      return true;
    });
  }

  async clearRecent(): Promise<void> {
    return this.mutate(() => {
      if (this.recentKeys.length === 0) return false;
      this.recentKeys = [];
      return true;
    });
  }

  /** The file's preferences with defaults applied (defaults for an unknown file). */
  async preferences(p: string): Promise<VmPreferences> {
    return this.enqueue(async () => Library.withDefaults(this.vms.get(libraryPathKey(p))?.preferences ?? {}));
  }

  /** Changes some preferences (adding the file if needed) and returns the result. */
  async setPreferences(p: string, patch: VmPreferencesPatch): Promise<VmPreferences> {
    Library.checkPath(p);
    const parsed = preferencesPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new LibraryError('InvalidPreferences', `Invalid preferences: ${formatIssues(parsed.error)}`, { path: p });
    }
    const change = parsed.data;
    return this.enqueue(async () => {
      const { key, changed: added } = this.addEntry(p);
      const entry = this.vms.get(key)!;
      const before = JSON.stringify(entry.preferences);
      const next = { ...entry.preferences };
      if (change.sessionMode !== undefined) next.sessionMode = change.sessionMode;
      if (change.lastWindowBounds === null) delete next.lastWindowBounds;
      else if (change.lastWindowBounds !== undefined) next.lastWindowBounds = { ...change.lastWindowBounds };
      entry.preferences = next;
      if (added || JSON.stringify(next) !== before) await this.persist();
      return Library.withDefaults(next);
    });
  }

  private static withDefaults(stored: VmEntry['preferences']): VmPreferences {
    const result: VmPreferences = { sessionMode: stored.sessionMode ?? DEFAULT_VM_PREFERENCES.sessionMode };
    if (stored.lastWindowBounds !== undefined) result.lastWindowBounds = { ...stored.lastWindowBounds };
    return result;
  }

  /** Records that the compute system `id` runs the VM of file `p`. */
  async rememberRunning(id: string, p: string): Promise<void> {
    Library.checkId(id);
    Library.checkPath(p);
    return this.mutate(() => {
      if (this.running.get(id) === p) return false;
      this.running.set(id, p);
      return true;
    });
  }

  /** The file of a compute system Hako started, or null. Ids are compared exactly. */
  async fileForId(id: string): Promise<string | null> {
    return this.enqueue(async () => this.running.get(id) ?? null);
  }

  async forgetRunning(id: string): Promise<void> {
    return this.mutate(() => this.running.delete(id));
  }

  async runningVms(): Promise<{ id: string; path: string }[]> {
    return this.enqueue(async () => [...this.running].map(([id, p]) => ({ id, path: p })));
  }

  /** Resolves when every call made so far has finished (successfully or not). */
  async idle(): Promise<void> {
    await this.queue;
  }
}
