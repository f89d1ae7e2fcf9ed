/**
 * A DVD drive's medium (a `VirtualImage` entry of the `.7b`'s ScsiDevices): an image inserted, swapped or
 * ejected. On a running (or paused) VM it changes at once with a Modify request — an Update of the
 * drive's attachment with the new path, as NanaBox swaps ISOs; an empty path is an empty drive
 * (reference nanabox.md §3.2, §3.4, §6.4) — after the image is granted to the VM (HcsGrantVmAccess, as
 * every file the VM opens). Then the `.7b` records it (ConfigService's atomic write-back, unknown keys
 * kept), so the next start has it too; a file NanaBox would rewrite is refused before anything changes.
 * A stopped VM, or a drive the running VM does not have yet, changes only in the file.
 */
import path from 'node:path';
import { mediaRequest } from '../../../app/compute/modify.js';
import { settingLabel } from '../../../app/config/setting-labels.js';
import { HakoError, toErrorInfo } from '../../../app/errors/error-info.js';
import { baseName } from '../../../app/paths/parts.js';
import { regularFileExists } from '../../files/user-file.js';
import { type Hcs } from '../ports.js';
import { refuseLossyFile, vmIdOf, type VmLifecycle, type VmRecord } from './vm-record.js';

export interface MediaContext {
  readonly hcs: Pick<Hcs, 'grantVmAccess'>;
  readonly lifecycle: VmLifecycle;
}

/** Puts `image` (an absolute `.iso` path, or null to eject) into the DVD drive at `lun`; says whether the VM has it now. */
export async function setVmMedia(record: VmRecord, lun: number, image: string | null, context: MediaContext): Promise<{ appliedNow: boolean }> {
  const pointer = `/NanaBox/ScsiDevices/${lun}`;
  const { file, findings } = await context.lifecycle.files.load(record.path);
  const device = file.config.ScsiDevices[lun];
  if (device?.Type !== 'VirtualImage') {
    throw new HakoError('NotADvdDrive', `${settingLabel(pointer, file.config)} is not a DVD drive; only a DVD drive takes an image.`, { path: record.path, lun });
  }
  refuseLossyFile(record, findings);
  if (image !== null && !(await regularFileExists(image))) throw new HakoError('FileNotFound', `${image} does not exist.`, { path: image });

  const system = record.system;
  const live = system !== null && record.running?.ScsiDevices[lun]?.Type === 'VirtualImage';
  if (system !== null && record.state !== 'Running' && record.state !== 'Paused') {
    throw new HakoError('ActionNotAllowed', `The medium cannot change while the VM is ${record.state.toLowerCase()}.`, { action: 'setMedia', state: record.state });
  }
  const newPath = image ?? '';
  // "DVD drive 2", without the file it held or will hold: the message names that.
  const label = settingLabel(pointer, { ...file.config, ScsiDevices: file.config.ScsiDevices.map((d, i) => (i === lun ? { ...d, Path: '' } : d)) });
  if (live) {
    try {
      if (image !== null) await context.hcs.grantVmAccess(vmIdOf(record), image);
      await system.modify(mediaRequest(lun, image, path.dirname(record.path)));
    } catch (error) {
      record.log.add('error', `${label}: the medium could not change: ${error instanceof Error ? error.message : String(error)}`, { path: pointer, error: toErrorInfo(error) });
      throw error;
    }
    record.running!.ScsiDevices[lun] = { ...record.running!.ScsiDevices[lun]!, Path: newPath };
  }
  const written = await context.lifecycle.writeBack(record, { media: [{ lun, Path: newPath }] });
  const what = image === null ? 'ejected' : `${baseName(image)} inserted`;
  record.log.add('info', `${label}: ${what}${live ? '' : ' (for the next start)'}`, { path: pointer });
  if (!written) {
    throw new HakoError('SaveFailed', `${label}: ${what}${live ? ' in the running VM' : ''}, but the VM file could not record it.`, { path: record.path });
  }
  return { appliedNow: live };
}
