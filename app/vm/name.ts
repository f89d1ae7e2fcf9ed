/**
 * What a VM may be called. The Name is the HCS id, and Hako also uses it for the VM's folder, its `.7b`
 * file and its disk; HCS names the console pipes after it (`\\.\pipe\<Name>.BasicSession`). So it must
 * be a valid Windows file name (learn.microsoft.com, "Naming Files, Paths, and Namespaces"): no
 * `< > : " / \ | ? *` or control characters, not a reserved device name, no trailing dot or space.
 * Spaces inside are fine.
 */
import { FORBIDDEN_NAME_CHARACTER, isReservedDeviceName } from '../paths/file-names.js';

/** Long enough for any sensible name; short enough that `<folder>\<Name>\<Name>.7b` stays well inside MAX_PATH. */
export const MAX_VM_NAME_LENGTH = 100;


export type VmNameProblem = 'empty' | 'too-long' | 'forbidden-character' | 'reserved' | 'trailing-dot-or-space' | 'leading-space';

/** Why `name` cannot name a VM, or null when it can. */
export function vmNameProblem(name: string): VmNameProblem | null {
  if (name.trim() === '') return 'empty';
  if (name.length > MAX_VM_NAME_LENGTH) return 'too-long';
  if (FORBIDDEN_NAME_CHARACTER.test(name)) return 'forbidden-character';
  if (/[. ]$/.test(name)) return 'trailing-dot-or-space';
  if (name.startsWith(' ')) return 'leading-space';
  if (isReservedDeviceName(name)) return 'reserved';
  return null;
}

/** The same, said to a person. */
export function describeVmNameProblem(problem: VmNameProblem): string {
  switch (problem) {
    case 'empty':
      return 'Enter a name.';
    case 'too-long':
      return `Use at most ${MAX_VM_NAME_LENGTH} characters.`;
    case 'forbidden-character':
      return 'A name cannot contain < > : " / \\ | ? * or control characters (it names the VM’s folder and files).';
    case 'trailing-dot-or-space':
      return 'A name cannot end with a dot or a space.';
    case 'leading-space':
      return 'A name cannot start with a space.';
    case 'reserved':
      return 'Windows reserves this name for a device (such as CON, NUL or COM1).';
  }
}
