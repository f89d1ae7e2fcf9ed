/**
 * App-wide preferences (theme, whether VMs outlive Hako, …) in `<dataDir>/preferences.json`, through a
 * JsonStore (versioned, validated, atomic; an unusable file is moved aside, never lost). Keys a file
 * does not have yet take their defaults (app/preferences/preferences.ts).
 */
import { z } from 'zod';
import { DEFAULT_PREFERENCES, preferencesSchema, type Preferences } from '../../app/preferences/preferences.js';
import { JsonStore, type JsonStoreOptions } from '../files/json-store.js';

export const PREFERENCES_FILE_NAME = 'preferences.json';

const PREFERENCES_STORE = {
  fileName: PREFERENCES_FILE_NAME,
  // v0 never existed on disk; it is only the bottom of the migration chain.
  versions: [z.never(), z.object({ version: z.literal(1), preferences: preferencesSchema.partial() })],
  migrations: [(document: unknown) => document],
  empty: (): Preferences => ({ ...DEFAULT_PREFERENCES }),
  toDocument: (value: Preferences, version: number) => ({ version, preferences: value }),
  // Keys added since the file was written take their defaults.
  fromDocument: (document: unknown): Preferences => ({ ...DEFAULT_PREFERENCES, ...(document as { preferences: Partial<Preferences> }).preferences }),
};

export class PreferencesStore {
  private current: Preferences = { ...DEFAULT_PREFERENCES };
  private writes: Promise<unknown> = Promise.resolve();
  private readonly store: JsonStore<Preferences>;

  constructor(dataDir: string, options: JsonStoreOptions = {}) {
    this.store = new JsonStore(dataDir, PREFERENCES_STORE, options);
  }

  async load(): Promise<Preferences> {
    this.current = (await this.store.load()).value;
    return this.get();
  }

  get(): Preferences {
    return { ...this.current };
  }

  async update(patch: Partial<Preferences>): Promise<Preferences> {
    this.current = preferencesSchema.parse({ ...this.current, ...patch });
    const snapshot = this.get();
    const write = this.writes.then(() => this.store.save(snapshot));
    this.writes = write.catch(() => undefined);
    await write;
    return this.get();
  }
}
