/**
 * Starting one VM's record: its file re-read, what Hyper-V would refuse refused, NanaBox's start
 * sequence run (vm-start.ts), and the outcome recorded: on the record, in its log, in the library (the
 * running id and when it started, one write) and in the file (the generated values).
 */
import { startBlocker } from '../../../app/config/device-rules.js';
import { renderFinding } from '../../../app/config/index.js';
import { HakoError, toErrorInfo } from '../../../app/errors/error-info.js';
import { type ComputeSystem, type HcsEvent } from '../ports.js';
import { OperationSupersededError } from './serial-queue.js';
import { handleVmEvent } from './vm-events.js';
import { type VmLifecycle, type VmRecord } from './vm-record.js';
import { AlreadyRunningError, startVm, type StartContext } from './vm-start.js';

/** What a start needs of VmService. */
export interface BootHost {
  readonly lifecycle: VmLifecycle;
  readonly context: Omit<StartContext, 'log'>;
  refreshConfig(record: VmRecord): Promise<void>;
  /** The file of another VM that runs under `id` now, or null. */
  runningElsewhere(record: VmRecord, id: string): string | null;
}

export async function bootRecord(record: VmRecord, signal: AbortSignal, host: BootHost): Promise<void> {
  const { lifecycle } = host;
  await host.refreshConfig(record);
  if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM file cannot be read.', { path: record.path });
  // What Hyper-V would refuse is refused here, in the words the editor shows at the field.
  const blocker = startBlocker(record.findings);
  if (blocker !== null) throw new HakoError('StartBlocked', `${blocker.path}: ${renderFinding(blocker)}`, { path: record.path, finding: blocker.code, ...blocker.params }, blocker.path);
  const id = record.config.Name;
  const other = host.runningElsewhere(record, id);
  if (other !== null) throw new AlreadyRunningError(id, other);

  lifecycle.setState(record, 'Starting');
  record.lastError = null;
  record.outlivesHako = host.context.keepRunning;
  const context: StartContext = { ...host.context, log: (level, message, details) => record.log.add(level, message, details) };
  let started;
  try {
    const onCreated = (system: ComputeSystem) => {
      record.system = system;
      return (event: HcsEvent) => handleVmEvent(record, system, event, lifecycle);
    };
    started = await startVm(record.path, record.config, context, onCreated, signal);
    if (record.system !== started.system) {
      // It stopped again before the start finished; the exit event has already said why.
      throw new HakoError('StoppedDuringStart', 'The VM stopped while it was starting.', { path: record.path });
    }
  } catch (error) {
    // startVm tears down whatever it created, so nothing runs now.
    record.system = null;
    record.running = null;
    if (signal.aborted && signal.reason instanceof OperationSupersededError) {
      // Powered off while starting: that is a stop the user asked for, not a failure.
      record.log.add('info', 'The start was cancelled by power off');
      lifecycle.setState(record, 'Stopped');
    } else {
      record.lastError = toErrorInfo(error);
      record.log.add('error', 'The VM could not start', { error: record.lastError });
      lifecycle.setState(record, 'Error');
    }
    throw error;
  }
  record.running = started.running;
  record.lastStartedAt = Date.now();
  if (record.state === 'Starting') lifecycle.setState(record, 'Running');
  await lifecycle.registry.rememberRunning(id, record.path, record.lastStartedAt).catch((error: unknown) => {
    record.log.add('warning', 'Hako could not record the running VM; it will not re-attach to it after a restart', { error: toErrorInfo(error) });
  });
  const persisted = await lifecycle.writeBack(record, started.patch);
  // Endpoints the file does not name would never be found again; they go when the VM stops.
  if (!persisted) record.unpersistedEndpoints = (started.patch.adapters ?? []).map((a) => a.EndpointId);
}
