/**
 * The Electron shell's CredentialVault (services/screen/credentials.ts): guest credentials the user asked
 * Hako to remember, per VM, in `<userData>/guest-credentials.json`, each entry encrypted as a whole by
 * the operating system for this user — Electron's `safeStorage` (DPAPI on Windows; the keychain on
 * macOS; a secret service on Linux). Only ciphertext is written; nothing is kept when the encryption is
 * not available, and on Linux not with the `basic_text` backend, which is a fixed key rather than the
 * user's secret (Electron's safeStorage documentation). No Electron here: the shell passes the cipher.
 */
import { z } from 'zod';
import { HakoError } from '../../app/errors/error-info.js';
import { fileKey } from '../files/file-key.js';
import { JsonStore } from '../files/json-store.js';
import { type CredentialVault, type GuestCredentials } from '../services/screen/credentials.js';

/** What safeStorage offers; `available` is asked at each use (it can change after start-up on Linux). */
export interface CredentialCipher {
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

/** safeStorage as a CredentialCipher: only real per-user encryption counts as available. */
export function safeStorageCipher(safeStorage: {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  getSelectedStorageBackend?(): string;
}, platform: NodeJS.Platform = process.platform): CredentialCipher {
  return {
    available: () => safeStorage.isEncryptionAvailable() && !(platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'),
    encrypt: (text) => safeStorage.encryptString(text),
    decrypt: (data) => safeStorage.decryptString(data),
  };
}

/** At most this many VMs have remembered credentials (the library's own bound is similar). */
const MAX_ENTRIES = 1000;

const storeSchema = z.object({
  version: z.literal(1),
  /** By the VM's file key; base64 of the encrypted JSON {username, domain, password}. */
  entries: z.record(z.string().max(33_000), z.string().max(8192)),
});
type Entries = Readonly<Record<string, string>>;

const plainSchema = z.object({ username: z.string(), domain: z.string(), password: z.string() }).strict();

export class CredentialFile implements CredentialVault {
  private readonly store: JsonStore<Entries>;
  private entries: Promise<Entries> | null = null;

  constructor(
    dataDir: string,
    private readonly cipher: CredentialCipher,
  ) {
    this.store = new JsonStore<Entries>(dataDir, {
      fileName: 'guest-credentials.json',
      versions: [z.never(), storeSchema],
      migrations: [(document) => document],
      empty: () => ({}),
      toDocument: (entries, version) => ({ version, entries }),
      fromDocument: (document) => (document as z.output<typeof storeSchema>).entries,
    });
  }

  available(): boolean {
    return this.cipher.available();
  }

  async get(vmPath: string): Promise<GuestCredentials | null> {
    if (!this.available()) return null;
    const sealed = (await this.load())[fileKey(vmPath)];
    if (sealed === undefined) return null;
    try {
      const parsed = plainSchema.safeParse(JSON.parse(this.cipher.decrypt(Buffer.from(sealed, 'base64'))));
      // An entry another user, machine or key sealed cannot be read: Hako asks again.
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async set(vmPath: string, credentials: GuestCredentials): Promise<void> {
    if (!this.available()) throw new HakoError('CredentialsUnavailable', 'This computer offers Hako no encryption for your account, so it does not keep guest credentials.', {});
    const sealed = this.cipher.encrypt(JSON.stringify({ username: credentials.username, domain: credentials.domain, password: credentials.password })).toString('base64');
    const current = await this.load();
    const key = fileKey(vmPath);
    if (!(key in current) && Object.keys(current).length >= MAX_ENTRIES) throw new HakoError('LibraryFull', `Hako keeps credentials for at most ${MAX_ENTRIES} VMs.`, {});
    await this.save({ ...current, [key]: sealed });
  }

  async delete(vmPath: string): Promise<void> {
    const current = await this.load();
    const key = fileKey(vmPath);
    if (!(key in current)) return;
    const { [key]: _removed, ...rest } = current;
    await this.save(rest);
  }

  private load(): Promise<Entries> {
    this.entries ??= this.store.load().then(({ value }) => value);
    return this.entries;
  }

  private async save(entries: Entries): Promise<void> {
    this.entries = Promise.resolve(entries);
    await this.store.save(entries);
  }
}
