/**
 * What an HCS event means for a VM: an exit ends the run (Saved after a save, Error when unexpected,
 * else Stopped), crash reports and a lost service connection go into the VM's log.
 */
import { toErrorInfo } from '../../../app/errors/error-info.js';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { HCS_EVENT, type ComputeSystem, type HcsEvent, type SystemExitStatus } from '../ports.js';
import { vmIdOf, type VmLifecycle, type VmRecord } from './vm-record.js';

export function handleVmEvent(record: VmRecord, system: ComputeSystem, event: HcsEvent, host: VmLifecycle): void {
  switch (event.type) {
    case HCS_EVENT.SystemExited:
      onExited(record, system, (event.data as SystemExitStatus | null) ?? null, host);
      break;
    case HCS_EVENT.SystemCrashInitiated:
      record.log.add('error', 'The guest crashed (bugcheck started)', { report: event.data });
      break;
    case HCS_EVENT.SystemCrashReport:
      record.log.add('error', 'The guest crash report is ready', { report: event.data });
      break;
    case HCS_EVENT.ServiceDisconnect:
      record.log.add('error', 'Lost the connection to the Hyper-V compute service');
      onExited(record, system, null, host);
      break;
    default:
      record.log.add('info', `HCS event 0x${event.type.toString(16)}`, event.rawData ? { data: event.rawData } : undefined);
  }
  host.emit(record);
}

function onExited(record: VmRecord, system: ComputeSystem, status: SystemExitStatus | null, host: VmLifecycle): void {
  if (record.system !== system) return;
  const id = vmIdOf(record);
  record.system = null;
  record.running = null;
  // Closing from inside the handle's own callback would wait for itself; do it once the callback returned.
  setImmediate(() => void system.close());
  const unexpected = status?.ExitType === 'UnexpectedExit';
  if (record.exitMeansSaved) {
    record.exitMeansSaved = false;
    host.setState(record, 'Saved');
  } else if (unexpected) {
    record.lastError = toErrorInfo(new HcsError({ api: 'HCS', operation: 'the guest', hresult: status?.Status ?? HRESULT.HCS_E_UNEXPECTED_EXIT }));
    host.setState(record, 'Error');
  } else {
    host.setState(record, record.config?.SaveStateFile ? 'Saved' : 'Stopped');
  }
  record.log.add(unexpected ? 'error' : 'info', `The VM stopped (${status?.ExitType ?? 'connection lost'})`, status ? { status } : undefined);
  void host.registry.forgetRunning(id).catch(() => undefined);
  for (const endpoint of record.unpersistedEndpoints.splice(0)) void host.network.deleteEndpoint(endpoint).catch(() => undefined);
  for (const waiter of record.exitWaiters) waiter(status ?? {});
  record.exitWaiters.clear();
}
