/**
 * The shell's own once-per-user flags (has the close-to-tray notice been shown?) in
 * `<userData>/shell.json`, through the same versioned, atomic store as the library and the preferences.
 * No Electron here.
 */
import { z } from 'zod';
import { documentVersion, JsonStore } from '../files/json-store.js';

const flagsSchema = z.object({ version: z.literal(1), closeToTrayNotified: z.boolean().default(false) });
export type ShellFlags = { readonly closeToTrayNotified: boolean };

const SHELL_FLAGS_STORE = {
  fileName: 'shell.json',
  // Before version 1 the file was `{"closeToTrayNotified": true}` with no version.
  versions: [z.object({ closeToTrayNotified: z.boolean().optional() }), flagsSchema],
  migrations: [(document: unknown) => ({ version: 1, closeToTrayNotified: (document as { closeToTrayNotified?: boolean }).closeToTrayNotified === true })],
  versionOf: (raw: unknown) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('version' in raw) ? 0 : documentVersion(raw)),
  empty: (): ShellFlags => ({ closeToTrayNotified: false }),
  fromDocument: (document: unknown): ShellFlags => ({ closeToTrayNotified: (document as ShellFlags).closeToTrayNotified }),
};

export class ShellFlagStore {
  private readonly store: JsonStore<ShellFlags>;
  private flags: Promise<ShellFlags> | null = null;

  constructor(userDataDir: string) {
    this.store = new JsonStore(userDataDir, SHELL_FLAGS_STORE);
  }

  get(): Promise<ShellFlags> {
    this.flags ??= this.store.load().then(({ value }) => value);
    return this.flags;
  }

  async set(patch: Partial<ShellFlags>): Promise<void> {
    const next = { ...(await this.get()), ...patch };
    this.flags = Promise.resolve(next);
    await this.store.save(next);
  }
}
