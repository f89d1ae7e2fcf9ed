/**
 * Saving a running VM to a file (NanaBox's order): GPU-PV off (it blocks saving), pause, save, terminate,
 * then record the save file in the `.7b` so the next start resumes from it. Any failure before the save
 * is complete puts the VM back as it was.
 */
import path from 'node:path';
import { defaultSaveStateFile } from '../../../app/compute/document.js';
import { gpuUpdateRequest } from '../../../app/compute/modify.js';
import { type SchemaVersion } from '../../../app/compute/gates.js';
import { pauseOptionsFor, saveOptionsFor } from '../../../app/compute/options.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { resolveVmPath } from '../../../app/paths/resolve.js';
import { type ComputeSystem } from '../ports.js';
import { refuseLossyFile, waitForExit, type VmLifecycle, type VmRecord } from './vm-record.js';
import { isLive } from '../../../app/vm/state.js';

export async function saveVm(record: VmRecord, system: ComputeSystem, host: VmLifecycle, schema: SchemaVersion): Promise<void> {
  const running = record.running!;
  // The .7b must be able to record the save file, or the saved state would be lost at the next start.
  const lossy = (await host.files.load(record.path)).findings.filter((f) => f.lossy);
  if (lossy.length > 0) {
    throw new HakoError(
      'ConsentRequired',
      `The VM file holds values NanaBox would replace (${lossy.map((f) => f.path).join(', ')}), so Hako cannot record the saved state in it. Save the settings once (and agree to the changes), then save the VM.`,
      { path: record.path },
    );
  }
  const wasRunning = record.state === 'Running';
  host.setState(record, 'Saving');
  const saveName = running.SaveStateFile || defaultSaveStateFile(running.Name);
  const saveFile = resolveVmPath(path.dirname(record.path), saveName);
  // GPU-PV blocks saving; NanaBox turns it off first and back on if the save fails.
  const gpuWasOn = running.Gpu.AssignmentMode !== 'Disabled';
  if (gpuWasOn) await system.modify(gpuUpdateRequest({ ...running.Gpu, AssignmentMode: 'Disabled', SelectedDevices: [] })).catch(() => undefined);
  try {
    if (wasRunning) await system.pause(pauseOptionsFor(schema));
    await host.files.remove(saveFile);
    await system.save(saveOptionsFor(schema, saveFile));
  } catch (error) {
    await host.files.remove(saveFile).catch(() => undefined);
    if (wasRunning) await system.resume().catch(() => undefined);
    if (gpuWasOn) await system.modify(gpuUpdateRequest(running.Gpu)).catch(() => undefined);
    if (record.system === system) host.setState(record, wasRunning ? 'Running' : 'Paused');
    throw error;
  }
  record.exitMeansSaved = true;
  const exited = waitForExit(record, 30_000);
  try {
    await system.terminate();
  } catch (error) {
    record.exitMeansSaved = false;
    throw error;
  }
  if ((await exited) === null) host.noteMissingExit(record, 'save');
  if (!(await host.writeBack(record, { SaveStateFile: saveName }))) {
    record.lastError = {
      code: 'SaveNotRecorded',
      message: `The VM's state was saved to ${saveName}, but the VM file could not record it; the next start boots afresh.`,
    };
  }
  record.log.add('info', `Saved to ${saveName}`);
}

/**
 * Drops a saved VM's saved state, so the next start boots afresh: the save file goes and the `.7b`
 * stops naming it (which also mends a file whose save file is missing). Refused while the VM runs, and
 * before anything is removed when the file could not record it.
 */
export async function discardSavedState(record: VmRecord, host: VmLifecycle): Promise<void> {
  if (record.system !== null || isLive(record.state)) throw new HakoError('VmRunning', 'The VM runs; its saved state cannot be discarded now.', { path: record.path });
  const { file, findings } = await host.files.load(record.path);
  const saveName = file.config.SaveStateFile;
  if (saveName === '') return;
  refuseLossyFile(record, findings);
  await host.files.remove(resolveVmPath(path.dirname(record.path), saveName));
  if (!(await host.writeBack(record, { SaveStateFile: '' }))) throw new HakoError('SaveFailed', 'The saved state is gone, but the VM file could not be updated.', { path: record.path });
  record.lastError = null;
  record.log.add('info', `The saved state ${saveName} was discarded; the next start boots afresh.`);
  host.emit(record);
}
