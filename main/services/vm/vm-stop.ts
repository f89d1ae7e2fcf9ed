/**
 * Stopping a running VM: asking its guest to shut down (which only the guest can finish, so the exit
 * event or a timeout decides), and the hard power off (pause, then terminate, as NanaBox does).
 */
import { type SchemaVersion } from '../../../app/compute/gates.js';
import { shutdownOptionsFor } from '../../../app/compute/options.js';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { type ComputeSystem, type SystemExitStatus } from '../ports.js';
import { waitForExit, type VmLifecycle, type VmRecord } from './vm-record.js';

export type ShutdownResult = { readonly stopped: true } | { readonly stopped: false; readonly reason: 'timeout' };

/** Asks the guest to shut down; resolves `{stopped:false}` when it has not within `timeoutMs`. */
export async function shutdownVm(record: VmRecord, system: ComputeSystem, host: VmLifecycle, schema: SchemaVersion, timeoutMs: number, signal: AbortSignal): Promise<ShutdownResult> {
  const exited = waitForExit(record, timeoutMs, signal);
  host.setState(record, 'Stopping');
  // The operation may only complete once the guest is off, so the exit event (or the timeout)
  // decides; an early failure of the request itself still wins. Where the host takes no options
  // (before 20348) nothing in an ordinary guest acts on it: the timeout ends in the power-off offer.
  const request = system.shutdown(shutdownOptionsFor(schema));
  request.catch(() => undefined);
  let status: SystemExitStatus | null;
  try {
    status = await Promise.race([exited, request.then(() => exited)]);
  } catch (error) {
    if (record.system === system) host.setState(record, 'Running');
    throw error;
  }
  signal.throwIfAborted();
  if (status !== null) return { stopped: true } as const;
  if (record.system === system && record.state === 'Stopping') host.setState(record, 'Running');
  record.log.add('warning', 'The guest did not shut down in time; power it off to stop it.');
  return { stopped: false, reason: 'timeout' } as const;
}

/** Pause, then terminate; "already stopped" is the outcome wanted. The VM's queue was pre-empted for it. */
export async function powerOffVm(record: VmRecord, host: VmLifecycle): Promise<void> {
  // The aborted action may already have taken the VM down (a start that had not got far).
  const system = record.system;
  if (system === null) return;
  const exited = waitForExit(record, 30_000);
  host.setState(record, 'Stopping');
  await system.pause().catch(() => undefined);
  try {
    await system.terminate();
  } catch (error) {
    if (!(error instanceof HcsError && error.is(HRESULT.HCS_E_SYSTEM_ALREADY_STOPPED))) {
      if (record.system === system) host.setState(record, 'Running');
      throw error;
    }
  }
  if ((await exited) === null) host.noteMissingExit(record, 'power off');
  else record.log.add('info', 'Powered off');
}
