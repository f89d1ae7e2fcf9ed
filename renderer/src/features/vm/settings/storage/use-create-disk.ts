/**
 * The rules of a new disk's name and size (sizes by app/disks/size.ts, as the service checks them).
 */
import { GiB, alignDiskSize, diskFormatFromPath, diskSizeProblem } from '../../../../../../app/disks/size.js';
import { errorText } from '../../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { vmNameProblem } from '../../../../../../app/vm/name.js';

/**
 * Whether a new disk's file name is wrong: a name Windows allows (the rules a VM's name, which also
 * names files, follows: app/vm/name.ts), whose extension names the format.
 */
export function isBadDiskName(name: string): boolean {
  if (vmNameProblem(name) !== null) return true;
  try {
    diskFormatFromPath(name);
    return false;
  } catch {
    return true;
  }
}

/** The size in bytes of `gigabytes` GB as the form means it (GB as Windows counts, 1024³), aligned. */
export function diskSizeBytes(gigabytes: number): number {
  return alignDiskSize(gigabytes * GiB);
}

/** What is wrong with a size for a disk of that name, in the words the service would use, or undefined. */
export function diskSizeText(tr: Translator, name: string, gigabytes: number | null): string | undefined {
  if (gigabytes === null || !Number.isFinite(gigabytes)) return tr.t('disk.size.missing');
  // A name that is not yet a disk's has its own message; check the size as the larger format allows it.
  const format = isBadDiskName(name) ? 'vhdx' : diskFormatFromPath(name);
  const problem = diskSizeProblem(format, diskSizeBytes(gigabytes));
  return problem === null ? undefined : errorText(tr, { code: problem.code, message: problem.message, params: problem.params }).message;
}
