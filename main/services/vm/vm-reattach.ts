/**
 * Re-attaching, at start-up, to the VMs this user's Hako left running (owner `Hako/<SID>`): each is
 * reopened and mapped back to its file through the library's record of running ids. An id the library
 * recorded whose compute system is gone stopped while Hako was not running (the host shut down, or the
 * VM was turned off from elsewhere): its VM gets a notice, not a silent Stopped.
 */
import { HakoError, toErrorInfo } from '../../../app/errors/error-info.js';
import { type ComputeSystem, type Hcs } from '../ports.js';
import { handleVmEvent } from './vm-events.js';
import { type RunningVmRegistry, type VmLifecycle, type VmRecord } from './vm-record.js';

export interface ReattachContext {
  readonly hcs: Hcs;
  readonly owner: string;
  readonly registry: RunningVmRegistry;
  readonly lifecycle: VmLifecycle;
  recordFor(vmPath: string): VmRecord;
  refreshConfig(record: VmRecord): Promise<void>;
}

export async function reattachVms(context: ReattachContext): Promise<{ attached: string[]; unknown: string[]; gone: string[] }> {
  const { hcs, owner, registry, lifecycle } = context;
  const found = await hcs.enumerateComputeSystems({ Owners: [owner], Types: ['VirtualMachine'] });
  const attached: string[] = [];
  const unknown: string[] = [];
  for (const properties of found) {
    if (properties.Owner !== undefined && properties.Owner !== owner) continue;
    const vmPath = await registry.fileForId(properties.Id);
    if (vmPath === null) {
      unknown.push(properties.Id);
      continue;
    }
    const record = context.recordFor(vmPath);
    if (record.system !== null) continue;
    let system: ComputeSystem | null = null;
    try {
      system = await hcs.openComputeSystem(properties.Id);
      // Known before the callback is registered, so an exit in between is not lost.
      record.system = system;
      const opened = system;
      await system.onEvent((event) => handleVmEvent(record, opened, event, lifecycle));
      const current = await system.properties();
      await context.refreshConfig(record);
      if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM runs, but its file cannot be read.', { path: record.path });
      record.running = record.config;
      // It outlived the Hako that started it, so it will outlive this one too.
      record.outlivesHako = true;
      record.state = current.State === 'Paused' ? 'Paused' : 'Running';
      record.log.add('info', 'Re-attached to the running VM');
      attached.push(vmPath);
      lifecycle.emit(record);
    } catch (error) {
      if (record.system === system) record.system = null;
      await system?.close();
      record.log.add('warning', 'Could not re-attach to the VM', { error: toErrorInfo(error) });
    }
  }
  const live = new Set(found.map((properties) => properties.Id));
  const gone: string[] = [];
  for (const { id, path } of await registry.runningVms()) {
    if (live.has(id)) continue;
    const record = context.recordFor(path);
    record.lastError = { code: 'StoppedWhileAway', message: 'The VM stopped while Hako was not running (Windows shut down, or it was turned off from elsewhere).' };
    record.log.add('warning', 'The VM stopped while Hako was not running');
    await registry.forgetRunning(id).catch(() => undefined);
    gone.push(path);
    lifecycle.emit(record);
  }
  return { attached, unknown, gone };
}
