// The guest-credential file of the Electron shell, with a stand-in cipher (safeStorage needs Electron).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialFile, safeStorageCipher, type CredentialCipher } from './credential-vault.js';

let dir: string;
let available: boolean;
/** A reversible stand-in for safeStorage: XOR with a key, base64 in the file (no plaintext). */
const cipher: CredentialCipher = {
  available: () => available,
  encrypt: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a)),
  decrypt: (data) => Buffer.from([...data].map((byte) => byte ^ 0x5a)).toString('utf8'),
};
const ALICE = { username: 'alice', domain: 'LAB', password: 'correct horse battery' };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-credentials-'));
  available = true;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('remembered guest credentials', () => {
  it('keeps them per VM, encrypted, across restarts, and forgets them', async () => {
    const vault = new CredentialFile(dir, cipher);
    const vm = path.join(dir, 'Win11.7b');
    expect(await vault.get(vm)).toBeNull();
    await vault.set(vm, ALICE);
    expect(await vault.get(vm)).toEqual(ALICE);
    expect(await vault.get(path.join(dir, 'Other.7b'))).toBeNull();

    const text = await readFile(path.join(dir, 'guest-credentials.json'), 'utf8');
    expect(text).not.toContain('correct horse');
    expect(text).not.toContain('alice');

    const reopened = new CredentialFile(dir, cipher);
    expect(await reopened.get(vm)).toEqual(ALICE);
    await reopened.delete(vm);
    expect(await reopened.get(vm)).toBeNull();
    expect(await new CredentialFile(dir, cipher).get(vm)).toBeNull();
  });

  it('keeps nothing, and reads nothing, without the operating system’s encryption', async () => {
    const vault = new CredentialFile(dir, cipher);
    const vm = path.join(dir, 'Win11.7b');
    await vault.set(vm, ALICE);
    available = false;
    expect(vault.available()).toBe(false);
    expect(await vault.get(vm)).toBeNull();
    await expect(vault.set(vm, ALICE)).rejects.toMatchObject({ code: 'CredentialsUnavailable' });
  });

  it('treats an entry it cannot decrypt (another user, another machine) as none', async () => {
    const vault = new CredentialFile(dir, cipher);
    const vm = path.join(dir, 'Win11.7b');
    await vault.set(vm, ALICE);
    const broken = new CredentialFile(dir, { ...cipher, decrypt: () => 'not json' });
    expect(await broken.get(vm)).toBeNull();
    const failing = new CredentialFile(dir, {
      ...cipher,
      decrypt: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    });
    expect(await failing.get(vm)).toBeNull();
  });

  it('counts safeStorage as available only with real per-user encryption', () => {
    const storage = (isAvailable: boolean, backend?: string) => ({
      isEncryptionAvailable: () => isAvailable,
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (data: Buffer) => data.toString(),
      ...(backend !== undefined ? { getSelectedStorageBackend: () => backend } : {}),
    });
    expect(safeStorageCipher(storage(true), 'win32').available()).toBe(true);
    expect(safeStorageCipher(storage(false), 'win32').available()).toBe(false);
    expect(safeStorageCipher(storage(true, 'gnome_libsecret'), 'linux').available()).toBe(true);
    expect(safeStorageCipher(storage(true, 'basic_text'), 'linux').available()).toBe(false);
  });
});
