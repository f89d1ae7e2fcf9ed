/**
 * The two ways to see a VM's screen (DESIGN.md "Sessions"): the basic session (the VM's video, like a
 * monitor) and the enhanced session (Remote Desktop inside the guest, with clipboard and drive
 * redirection). The user chooses per VM: the HCS event that would switch them is unreliable on Windows 11
 * 22H2 (Microsoft confirmed the bug to NanaBox's author).
 */
export const SESSION_MODES = ['basic', 'enhanced'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/** What a VM uses until the user chooses: the basic session works with every guest. */
export const DEFAULT_SESSION_MODE: SessionMode = 'basic';

export function isSessionMode(value: unknown): value is SessionMode {
  return value === 'basic' || value === 'enhanced';
}
