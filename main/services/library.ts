/**
 * The library: which `.7b` files Hako knows, which were opened recently, the per-user UI preferences of
 * each VM, and which HCS ids belong to which file (for re-attaching to VMs that kept running while Hako
 * was closed). Per-user state only: none of it ever goes into a `.7b` (NanaBox would drop it).
 *
 * Stored in `<dataDir>/library.json` by a JsonStore (versioned, migrated, atomic; an unusable file is
 * moved aside). Bounded: at most MAX_LIBRARY_ENTRIES files, each path at most MAX_PATH_LENGTH characters
 * (Windows' own limit), so no caller can grow it without end.
 *
 * Every call goes through one queue, so mutations (and the reads after them) happen in call order and
 * two writes never overlap.
 */
import { z } from 'zod';
import { HakoError } from '../../app/errors/error-info.js';
import { isAbsolutePath, pathKey } from '../../app/paths/identity.js';
import { MAX_PATH_LENGTH } from '../../app/paths/local.js';
import { DEFAULT_SESSION_MODE, SESSION_MODES, type SessionMode } from '../../app/session/mode.js';
import { decodeDocument, documentVersion, JsonStore, type Decoded, type JsonStoreOptions, type StoreLoadReport } from '../files/json-store.js';

export const LIBRARY_FILE_NAME = 'library.json';
/** The version this code writes. */
export const LIBRARY_VERSION = 1;
export const MAX_RECENT = 20;
export const MAX_LIBRARY_ENTRIES = 10_000;

export type LibraryErrorCode =
  /** A path given to a method is not absolute, or is longer than Windows allows. */
  | 'InvalidPath'
  /** An HCS id given to a method is empty. */
  | 'InvalidId'
  /** A preferences patch failed validation. */
  | 'InvalidPreferences'
  /** The library holds MAX_LIBRARY_ENTRIES files already. */
  | 'LibraryFull';

export class LibraryError extends HakoError {
  declare readonly code: LibraryErrorCode;
  declare readonly params: Readonly<Record<string, string | number>>;

  constructor(code: LibraryErrorCode, message: string, params: Record<string, string | number> = {}) {
    super(code, message, params);
    this.name = 'LibraryError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Schemas and migrations

const absolutePath = z.string().min(1).max(MAX_PATH_LENGTH).refine(isAbsolutePath, { message: 'must be an absolute path' });

const storedPreferencesSchema = z.object({ sessionMode: z.enum(SESSION_MODES).optional() });

/** v0 (Hako's first sketch): a bare array of `.7b` paths, most recently opened first. */
const libraryV0Schema = z.array(absolutePath).max(MAX_LIBRARY_ENTRIES);

const libraryV1Schema = z.object({
  version: z.literal(1),
  vms: z
    .array(
      z.object({
        path: absolutePath,
        preferences: storedPreferencesSchema.default({}),
        /** When Hako last started it (ms since the epoch), for sorting the list; added in place (optional) in v1. */
        lastStartedAt: z.number().int().min(0).optional(),
      }),
    )
    .max(MAX_LIBRARY_ENTRIES),
  recent: z.array(absolutePath).max(MAX_LIBRARY_ENTRIES).default([]),
  running: z.array(z.object({ id: z.string().min(1).max(MAX_PATH_LENGTH), path: absolutePath })).max(MAX_LIBRARY_ENTRIES).default([]),
});

type LibraryV1 = z.infer<typeof libraryV1Schema>;

/** Per-VM UI preferences with defaults applied. */
export interface VmPreferences {
  sessionMode: SessionMode;
}

/** A change to the preferences: absent keys are kept. */
export interface VmPreferencesPatch {
  sessionMode?: SessionMode;
}

const preferencesPatchSchema = z.object({ sessionMode: z.enum(SESSION_MODES).optional() }).strict();

export const DEFAULT_VM_PREFERENCES: Readonly<VmPreferences> = Object.freeze({ sessionMode: DEFAULT_SESSION_MODE });

const EMPTY: LibraryV1 = { version: 1, vms: [], recent: [], running: [] };

const LIBRARY_STORE = {
  fileName: LIBRARY_FILE_NAME,
  versions: [libraryV0Schema, libraryV1Schema],
  migrations: [
    (document: unknown): z.input<typeof libraryV1Schema> => {
      const paths = document as z.infer<typeof libraryV0Schema>;
      return { version: 1, vms: paths.map((p) => ({ path: p, preferences: {} })), recent: paths.slice(0, MAX_RECENT), running: [] };
    },
  ],
  versionOf: (raw: unknown) => (Array.isArray(raw) ? 0 : documentVersion(raw)),
  empty: (): LibraryV1 => structuredClone(EMPTY),
  toDocument: (value: LibraryV1) => value,
};

if (LIBRARY_STORE.versions.length !== LIBRARY_VERSION + 1) throw new Error('library.ts: the schema table does not match LIBRARY_VERSION');

/** Detects the version, validates, and migrates to the current version. Exported for tests. */
export function decodeLibraryDocument(raw: unknown): Decoded {
  return decodeDocument(LIBRARY_STORE, raw);
}

// ---------------------------------------------------------------------------------------------------
// The service

export type LibraryOptions = JsonStoreOptions;
export type LibraryLoadReport = StoreLoadReport;

export interface LibrarySnapshot {
  readonly files: readonly string[];
  readonly recent: readonly string[];
  readonly running: readonly { readonly id: string; readonly path: string }[];
}

interface VmEntry {
  path: string;
  preferences: z.infer<typeof storedPreferencesSchema>;
  lastStartedAt?: number;
}

/** A file in the library, with what the list shows of it beside the file's own contents. */
export interface LibraryEntry {
  readonly path: string;
  readonly lastStartedAt: number | null;
}

export class Library {
  private readonly store: JsonStore<LibraryV1>;

  /** Insertion order = the order files were added. */
  private readonly vms = new Map<string, VmEntry>();
  /** Keys into `vms`, most recent first. */
  private recentKeys: string[] = [];
  /** HCS id → `.7b` path. */
  private readonly running = new Map<string, string>();

  private queue: Promise<unknown> = Promise.resolve();
  private loadReport: LibraryLoadReport | null = null;

  constructor(dataDir: string, options: LibraryOptions = {}) {
    this.store = new JsonStore(dataDir, LIBRARY_STORE, options);
  }

  get filePath(): string {
    return this.store.filePath;
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
      if (change()) await this.store.save(this.document());
    });
  }

  // --- loading ---------------------------------------------------------------------------------------

  /** Loads the file (once; later calls return the first report). Never throws. */
  async load(): Promise<LibraryLoadReport> {
    return this.enqueue(async () => this.loadReport!);
  }

  private async ensureLoaded(): Promise<void> {
    if (this.loadReport !== null) return;
    const { value, report } = await this.store.load();
    this.apply(value);
    this.loadReport = report;
  }

  private apply(document: LibraryV1): void {
    this.vms.clear();
    this.recentKeys = [];
    this.running.clear();
    for (const vm of document.vms) {
      const key = pathKey(vm.path);
      if (!this.vms.has(key)) this.vms.set(key, { path: vm.path, preferences: { ...vm.preferences }, ...(vm.lastStartedAt !== undefined ? { lastStartedAt: vm.lastStartedAt } : {}) });
    }
    for (const p of document.recent) {
      const key = pathKey(p);
      if (this.recentKeys.includes(key)) continue;
      if (!this.vms.has(key)) this.vms.set(key, { path: p, preferences: {} });
      this.recentKeys.push(key);
    }
    this.recentKeys = this.recentKeys.slice(0, MAX_RECENT);
    for (const entry of document.running) {
      if (!this.running.has(entry.id)) this.running.set(entry.id, entry.path);
    }
  }

  private document(): LibraryV1 {
    return {
      version: 1,
      vms: [...this.vms.values()].map((vm) => ({ path: vm.path, preferences: { ...vm.preferences }, ...(vm.lastStartedAt !== undefined ? { lastStartedAt: vm.lastStartedAt } : {}) })),
      recent: this.recentKeys.map((key) => this.vms.get(key)!.path),
      running: [...this.running].map(([id, p]) => ({ id, path: p })),
    };
  }

  // --- validation ------------------------------------------------------------------------------------

  private static checkPath(p: string): void {
    if (typeof p !== 'string' || !isAbsolutePath(p)) {
      throw new LibraryError('InvalidPath', `Not an absolute path: ${JSON.stringify(String(p).slice(0, 300))}`, { path: String(p).slice(0, 300) });
    }
    if (p.length > MAX_PATH_LENGTH) {
      throw new LibraryError('InvalidPath', `The path is ${p.length} characters long; Windows allows at most ${MAX_PATH_LENGTH}.`, { length: p.length, max: MAX_PATH_LENGTH });
    }
  }

  private static checkId(id: string): void {
    if (typeof id !== 'string' || id === '' || id.length > MAX_PATH_LENGTH) {
      throw new LibraryError('InvalidId', 'The compute system id is empty or too long', { id: String(id).slice(0, 300) });
    }
  }

  /** Adds the file, or updates its spelling; returns its key. */
  private addEntry(p: string): { key: string; changed: boolean } {
    const key = pathKey(p);
    const entry = this.vms.get(key);
    if (entry === undefined) {
      if (this.vms.size >= MAX_LIBRARY_ENTRIES) {
        throw new LibraryError('LibraryFull', `The library holds ${MAX_LIBRARY_ENTRIES} VMs, as many as it can; remove some first.`, { max: MAX_LIBRARY_ENTRIES });
      }
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
    return this.enqueue(async () => {
      const { vms: _vms, version: _version, ...rest } = this.document();
      return { files: [...this.vms.values()].map((vm) => vm.path), ...rest };
    });
  }

  /** The known files, in the order they were added. */
  async files(): Promise<string[]> {
    return this.enqueue(async () => [...this.vms.values()].map((vm) => vm.path));
  }

  /** The known files with what the list shows of them, in the order they were added. */
  async entries(): Promise<LibraryEntry[]> {
    return this.enqueue(async () => [...this.vms.values()].map((vm) => ({ path: vm.path, lastStartedAt: vm.lastStartedAt ?? null })));
  }

  async has(p: string): Promise<boolean> {
    return this.enqueue(async () => this.vms.has(pathKey(p)));
  }

  /** Adds a file to the library (a new spelling of a known file replaces the old one). */
  async add(p: string): Promise<void> {
    Library.checkPath(p);
    return this.mutate(() => this.addEntry(p).changed);
  }

  /** Removes a file, its recent entry and its preferences. Running-id mappings stay (re-attach). */
  async remove(p: string): Promise<void> {
    return this.mutate(() => {
      const key = pathKey(p);
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

  /** The file's preferences with defaults applied (defaults for an unknown file). */
  async preferences(p: string): Promise<VmPreferences> {
    return this.enqueue(async () => Library.withDefaults(this.vms.get(pathKey(p))?.preferences ?? {}));
  }

  /** Changes some preferences of a file in the library and returns the result; other files have none. */
  async setPreferences(p: string, patch: VmPreferencesPatch): Promise<VmPreferences> {
    Library.checkPath(p);
    const parsed = preferencesPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new LibraryError('InvalidPreferences', `Invalid preferences: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { path: p });
    }
    const change = parsed.data;
    return this.enqueue(async () => {
      const entry = this.vms.get(pathKey(p));
      if (entry === undefined) throw new HakoError('VmUnknown', `${p} is not in the library; open it first.`, { path: p.slice(0, 300) });
      const before = JSON.stringify(entry.preferences);
      const next = { ...entry.preferences };
      if (change.sessionMode !== undefined) next.sessionMode = change.sessionMode;
      entry.preferences = next;
      if (JSON.stringify(next) !== before) await this.store.save(this.document());
      return Library.withDefaults(next);
    });
  }

  private static withDefaults(stored: VmEntry['preferences']): VmPreferences {
    return { sessionMode: stored.sessionMode ?? DEFAULT_VM_PREFERENCES.sessionMode };
  }

  /**
   * Records that the compute system `id` runs the VM of file `p`, and (for a file in the library) when
   * it was started: one write for both, as a start makes both true at once.
   */
  async rememberRunning(id: string, p: string, startedAt?: number): Promise<void> {
    Library.checkId(id);
    Library.checkPath(p);
    return this.mutate(() => {
      let changed = false;
      const entry = this.vms.get(pathKey(p));
      if (startedAt !== undefined && entry !== undefined && entry.lastStartedAt !== startedAt) {
        entry.lastStartedAt = Math.max(0, Math.floor(startedAt));
        changed = true;
      }
      if (this.running.get(id) === p) return changed;
      if (!this.running.has(id) && this.running.size >= MAX_LIBRARY_ENTRIES) return changed;
      this.running.set(id, p);
      return true;
    });
  }

  /** The file of a compute system Hako started, or null. Ids are compared exactly. */
  async fileForId(id: string): Promise<string | null> {
    return this.enqueue(async () => this.running.get(id) ?? null);
  }

  /** Every compute system recorded as running, with its file. */
  async runningVms(): Promise<{ id: string; path: string }[]> {
    return this.enqueue(async () => [...this.running].map(([id, p]) => ({ id, path: p })));
  }

  async forgetRunning(id: string): Promise<void> {
    return this.mutate(() => this.running.delete(id));
  }

  /** Resolves when every call made so far has finished (successfully or not). */
  async idle(): Promise<void> {
    await this.queue;
  }
}
