/**
 * Applies an edited configuration to a running VM where Hyper-V allows it (reference/nanabox.md §6.4)
 * and reports, field by field, what was applied, what needs a restart and what failed. Unlike NanaBox it
 * never reverts the user's edits in the file: what needs a restart simply waits for the next start.
 */
import path from 'node:path';
import { comPortRequest, gpuUpdateRequest, memoryUpdateRequest, networkAdapterRequest, scsiAttachmentRequest } from '../../../app/compute/modify.js';
import { type NetworkAdapter, type VmConfig } from '../../../app/config/model.js';
import { toErrorInfo, type ErrorInfo } from '../../../app/errors/error-info.js';
import { resolveVmPath } from '../../../app/paths/resolve.js';
import { type ComputeSystem, type Hcs } from '../ports.js';
import { type WriteBackPatch } from '../config-service.js';
import { settingLabel } from '../../../app/config/setting-labels.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { type VmLifecycle, type VmRecord } from './vm-record.js';
import { type VmNetworking } from './vm-start.js';

export type ReloadOutcomeKind = 'applied' | 'needs-restart' | 'failed';

export interface ReloadOutcome {
  /** JSON Pointer of the changed setting. */
  readonly path: string;
  readonly outcome: ReloadOutcomeKind;
  readonly error?: ErrorInfo;
}

export interface ReloadContext {
  readonly hcs: Hcs;
  readonly network: VmNetworking;
  readonly owner: string;
  readonly vmPath: string;
}

/** An outcome with the setting's name for people ("Disk 2 (data.vhdx)"). */
export type LabelledReloadOutcome = ReloadOutcome & { readonly setting: string };

export interface ReloadResult {
  readonly outcomes: ReloadOutcome[];
  /** The configuration the VM now runs with: the old one plus what was applied. */
  readonly running: VmConfig;
  readonly patch: WriteBackPatch;
}

/** Settings the session (not Hyper-V) uses; they take effect at the next connection. */
const SESSION_SETTINGS = new Set<keyof VmConfig>(['Keyboard', 'EnhancedSession']);

/** Whether two settings are the same for the VM: unknown keys never affect it. */
export function sameSettings(a: unknown, b: unknown): boolean {
  const withoutUnknown = (value: unknown) => JSON.stringify(value ?? null, (key, v: unknown) => (key === 'unknownKeys' ? undefined : v));
  return withoutUnknown(a) === withoutUnknown(b);
}
const same = sameSettings;

export async function reloadVm(system: ComputeSystem, current: VmConfig, next: VmConfig, context: ReloadContext): Promise<ReloadResult> {
  const running = structuredClone(current);
  const outcomes: ReloadOutcome[] = [];
  const patch: { adapters?: { index: number; EndpointId: string; MacAddress: string; previousEndpointId: string }[] } = {};
  const vmFolder = path.dirname(context.vmPath);

  const attempt = async (pointer: string, apply: () => Promise<void>): Promise<boolean> => {
    try {
      await apply();
      outcomes.push({ path: pointer, outcome: 'applied' });
      return true;
    } catch (error) {
      outcomes.push({ path: pointer, outcome: 'failed', error: toErrorInfo(error) });
      return false;
    }
  };

  for (const key of Object.keys(next) as (keyof VmConfig)[]) {
    if (key === 'unknownKeys' || same(current[key], next[key])) continue;
    const pointer = `/NanaBox/${key}`;
    switch (key) {
      case 'MemorySize':
        if (await attempt(pointer, () => system.modify(memoryUpdateRequest(next.MemorySize)))) running.MemorySize = next.MemorySize;
        break;
      case 'ComPorts':
        await reloadComPorts(system, running, next, attempt, outcomes);
        break;
      case 'Gpu':
        if (next.Gpu.EnableHostDriverStore !== current.Gpu.EnableHostDriverStore) {
          // The driver shares are devices that only exist from creation.
          outcomes.push({ path: `${pointer}/EnableHostDriverStore`, outcome: 'needs-restart' });
        }
        if (!same({ ...current.Gpu, EnableHostDriverStore: false }, { ...next.Gpu, EnableHostDriverStore: false })) {
          if (await attempt(`${pointer}/AssignmentMode`, () => system.modify(gpuUpdateRequest(next.Gpu)))) {
            running.Gpu = { ...structuredClone(next.Gpu), EnableHostDriverStore: current.Gpu.EnableHostDriverStore };
          }
        }
        break;
      case 'NetworkAdapters':
        patch.adapters = await reloadAdapters(system, running, next, context, attempt);
        break;
      case 'ScsiDevices':
        await reloadScsi(system, running, next, context, vmFolder, attempt, outcomes);
        break;
      case 'VideoMonitor':
        if (next.VideoMonitor.DisableBasicSessionDpiScaling !== current.VideoMonitor.DisableBasicSessionDpiScaling) {
          outcomes.push({ path: `${pointer}/DisableBasicSessionDpiScaling`, outcome: 'applied' });
          running.VideoMonitor.DisableBasicSessionDpiScaling = next.VideoMonitor.DisableBasicSessionDpiScaling;
        }
        if (
          next.VideoMonitor.HorizontalResolution !== current.VideoMonitor.HorizontalResolution ||
          next.VideoMonitor.VerticalResolution !== current.VideoMonitor.VerticalResolution
        ) {
          outcomes.push({ path: pointer, outcome: 'needs-restart' });
        }
        break;
      default:
        if (SESSION_SETTINGS.has(key)) {
          outcomes.push({ path: pointer, outcome: 'applied' });
          (running as unknown as Record<string, unknown>)[key] = structuredClone(next[key]);
        } else {
          outcomes.push({ path: pointer, outcome: 'needs-restart' });
        }
    }
  }
  return { outcomes, running, patch: patch.adapters?.length ? { adapters: patch.adapters } : {} };
}

type Attempt = (pointer: string, apply: () => Promise<void>) => Promise<boolean>;

async function reloadComPorts(system: ComputeSystem, running: VmConfig, next: VmConfig, attempt: Attempt, outcomes: ReloadOutcome[]): Promise<void> {
  if (next.ComPorts.UefiConsole !== running.ComPorts.UefiConsole) outcomes.push({ path: '/NanaBox/ComPorts/UefiConsole', outcome: 'needs-restart' });
  for (const [index, key] of [
    [0, 'ComPort1'],
    [1, 'ComPort2'],
  ] as const) {
    const before = running.ComPorts[key];
    const after = next.ComPorts[key];
    // Pipe names are case-insensitive on Windows, and NanaBox compares them so.
    if (before.toLowerCase() === after.toLowerCase()) continue;
    const request =
      before === '' ? comPortRequest(index, 'Add', after) : after === '' ? comPortRequest(index, 'Remove', before) : comPortRequest(index, 'Update', after);
    if (await attempt(`/NanaBox/ComPorts/${key}`, () => system.modify(request))) running.ComPorts[key] = after;
  }
}

async function reloadAdapters(
  system: ComputeSystem,
  running: VmConfig,
  next: VmConfig,
  context: ReloadContext,
  attempt: Attempt,
): Promise<{ index: number; EndpointId: string; MacAddress: string; previousEndpointId: string }[]> {
  const generated: { index: number; EndpointId: string; MacAddress: string; previousEndpointId: string }[] = [];
  const nextById = new Map(next.NetworkAdapters.filter((a) => a.EndpointId !== '').map((a) => [a.EndpointId, a]));
  const kept: NetworkAdapter[] = [];

  for (const adapter of running.NetworkAdapters) {
    const wanted = nextById.get(adapter.EndpointId);
    if (wanted !== undefined && same(wanted, adapter)) {
      kept.push(adapter);
      continue;
    }
    // HCS has no NIC Update: a changed adapter is removed and added again.
    const index = running.NetworkAdapters.indexOf(adapter);
    const removed =
      !adapter.Connected ||
      (await attempt(`/NanaBox/NetworkAdapters/${index}`, async () => {
        await system.modify(networkAdapterRequest('Remove', adapter));
        await context.network.deleteEndpoint(adapter.EndpointId).catch(() => undefined);
      }));
    if (!removed) kept.push(adapter);
  }

  for (const [index, adapter] of next.NetworkAdapters.entries()) {
    const alreadyKept = kept.some((k) => k.EndpointId !== '' && k.EndpointId === adapter.EndpointId);
    if (alreadyKept) continue;
    const added = structuredClone(adapter);
    if (adapter.Connected) {
      const ok = await attempt(`/NanaBox/NetworkAdapters/${index}`, async () => {
        const { endpointId, macAddress } = await context.network.connectAdapter(context.owner, added);
        added.EndpointId = endpointId;
        added.MacAddress = macAddress;
        await system.modify(networkAdapterRequest('Add', added));
      });
      if (!ok) continue;
      generated.push({ index, EndpointId: added.EndpointId, MacAddress: added.MacAddress, previousEndpointId: adapter.EndpointId });
    }
    kept.push(added);
  }
  running.NetworkAdapters = kept;
  return generated;
}

async function reloadScsi(
  system: ComputeSystem,
  running: VmConfig,
  next: VmConfig,
  context: ReloadContext,
  vmFolder: string,
  attempt: Attempt,
  outcomes: ReloadOutcome[],
): Promise<void> {
  const id = running.Name;
  for (const [lun, device] of next.ScsiDevices.entries()) {
    const before = running.ScsiDevices[lun];
    const pointer = `/NanaBox/ScsiDevices/${lun}`;
    if (before !== undefined && same(before, device)) continue;
    if (before !== undefined && before.Type !== device.Type) {
      outcomes.push({ path: pointer, outcome: 'needs-restart' });
      continue;
    }
    const ok = await attempt(pointer, async () => {
      const file = resolveVmPath(vmFolder, device.Path);
      if (file !== '') await context.hcs.grantVmAccess(id, file);
      await system.modify(scsiAttachmentRequest(before === undefined ? 'Add' : 'Update', lun, device, vmFolder));
    });
    if (ok) running.ScsiDevices[lun] = structuredClone(device);
  }
  // Removing a disk from a running VM is what NanaBox never does; Hako leaves it for the next start too.
  for (let lun = next.ScsiDevices.length; lun < running.ScsiDevices.length; lun++) {
    outcomes.push({ path: `/NanaBox/ScsiDevices/${lun}`, outcome: 'needs-restart' });
  }
}

/**
 * "Apply settings now" on a running VM's record (its file just re-read): applies what can change, keeps
 * the running configuration and the file up to date, and logs each outcome by the setting's name.
 */
export async function reloadRecord(record: VmRecord, system: ComputeSystem, context: Omit<ReloadContext, 'vmPath'>, host: VmLifecycle): Promise<LabelledReloadOutcome[]> {
  if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM file cannot be read; fix it before reloading.', { path: record.path });
  const result = await reloadVm(system, record.running!, record.config, { ...context, vmPath: record.path });
  record.running = result.running;
  const outcomes = result.outcomes.map((outcome) => ({ ...outcome, setting: settingLabel(outcome.path, record.config) }));
  for (const outcome of outcomes) {
    const what =
      outcome.outcome === 'applied' ? 'applied now' : outcome.outcome === 'needs-restart' ? 'waits for a restart' : `could not be applied: ${outcome.error?.message ?? 'unknown error'}`;
    record.log.add(outcome.outcome === 'failed' ? 'warning' : 'info', `${outcome.setting}: ${what}`, { path: outcome.path, ...(outcome.error ? { error: outcome.error } : {}) });
  }
  await host.writeBack(record, result.patch);
  host.emit(record);
  return outcomes;
}
