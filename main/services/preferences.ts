/**
 * App-wide preferences (theme, whether VMs outlive Hako, …): one small versioned JSON file in the
 * user-data folder, validated on load, written atomically. A corrupt file is kept aside, never lost.
 */
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PREFERENCES, preferencesSchema, type Preferences } from '../../app/preferences/preferences.js';
import { writeFileAtomic } from '../files/atomic.js';

export const PREFERENCES_FILE_NAME = 'preferences.json';

const fileSchema = z.object({ version: z.literal(1), preferences: preferencesSchema.partial() });

export class PreferencesStore {
  private current: Preferences = { ...DEFAULT_PREFERENCES };
  private writes: Promise<unknown> = Promise.resolve();
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, PREFERENCES_FILE_NAME);
  }

  async load(): Promise<Preferences> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return this.current;
    }
    const parsed = (() => {
      try {
        return fileSchema.safeParse(JSON.parse(text));
      } catch {
        return null;
      }
    })();
    if (parsed?.success) {
      this.current = { ...DEFAULT_PREFERENCES, ...parsed.data.preferences };
    } else {
      await rename(this.file, `${this.file}.corrupt-${Date.now()}`).catch(() => undefined);
    }
    return this.current;
  }

  get(): Preferences {
    return { ...this.current };
  }

  async update(patch: Partial<Preferences>): Promise<Preferences> {
    this.current = preferencesSchema.parse({ ...this.current, ...patch });
    const bytes = new TextEncoder().encode(JSON.stringify({ version: 1, preferences: this.current }, null, 2) + '\n');
    const write = this.writes.then(() => writeFileAtomic(this.file, bytes));
    this.writes = write.catch(() => undefined);
    await write;
    return this.get();
  }
}
