/**
 * Guest credentials for a VM's enhanced session (the guest's own RDP server asks for them through
 * CredSSP). Hako asks for them when the user connects, and keeps them only when the user ticks
 * "remember", and only where the operating system encrypts them for this user: the Electron shell
 * (main/electron/credential-vault.ts, Electron's safeStorage — DPAPI on Windows). The browser host has no
 * vault: it never stores them.
 */
export interface GuestCredentials {
  readonly username: string;
  readonly domain: string;
  readonly password: string;
}

export interface CredentialVault {
  /** Whether credentials can be kept here now (the OS encryption is available). */
  available(): boolean;
  get(vmPath: string): Promise<GuestCredentials | null>;
  set(vmPath: string, credentials: GuestCredentials): Promise<void>;
  delete(vmPath: string): Promise<void>;
}
