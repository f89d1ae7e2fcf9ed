/**
 * Creating a virtual disk next to the VM's file: the rules of a disk's name and size (sizes by
 * app/disks/size.ts, as the service checks them), and starting the operation so its progress shows.
 */
import { useCallback } from 'react';
import { GiB, alignDiskSize, diskFormatFromPath, diskSizeProblem } from '../../../../../../app/disks/size.js';
import { folderOf, joinPath } from '../../../../../../app/paths/parts.js';
import { errorText } from '../../../../../../app/i18n/text.js';
import type { Translator } from '../../../../../../app/i18n/translator.js';
import { vmNameProblem } from '../../../../../../app/vm/name.js';
import { useApiCall } from '../../../../api/use-api-call.js';
import { useT } from '../../../../i18n/context.js';
import { useHako } from '../../../../store/context.js';

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

/** Starts creating the disk; resolves true when it started (its progress shows as a notification). */
export function useCreateDisk(vmPath: string): (name: string, gigabytes: number, fixed: boolean) => Promise<boolean> {
  const call = useApiCall();
  const { t } = useT();
  const trackOperation = useHako((s) => s.trackOperation);
  return useCallback(
    async (name, gigabytes, fixed) => {
      const outcome = await call(t('disk.createFailed'), (api) =>
        api.invoke('disks.create', { path: joinPath(folderOf(vmPath), name), sizeBytes: diskSizeBytes(gigabytes), fixed }),
      );
      if (outcome.ok) trackOperation(outcome.value.operationId, 'disk.create', t('operation.creatingFile', { name }));
      return outcome.ok;
    },
    [call, trackOperation, vmPath, t],
  );
}
