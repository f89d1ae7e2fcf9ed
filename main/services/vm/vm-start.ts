/**
 * Starting a VM, in NanaBox's order (its MainWindow.cpp start sequence): existence probe, file access grants,
 * guest and runtime state files, network endpoints, create, event callback, start, GPU. Anything that
 * fails after the compute system exists tears it down again, so a failed start leaves nothing running.
 */
import path from 'node:path';
import { buildComputeSystemDocument, withStateFileDefaults, type HostFacts } from '../../../app/compute/document.js';
import { gpuUpdateRequest } from '../../../app/compute/modify.js';
import { type NetworkAdapter, type VmConfig } from '../../../app/config/model.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { HcsError } from '../../../app/errors/hcs-error.js';
import { HRESULT } from '../../../app/errors/hresult.js';
import { resolveVmPath } from '../../../app/paths/resolve.js';
import { type ComputeSystem, type Hcs, type HcsEvent, type HostInfo } from '../ports.js';
import { type VmFiles, type WriteBackPatch } from '../config-service.js';

/** What a start needs from the network: endpoints for connected adapters (NetworkService). */
export interface VmNetworking {
  deleteEndpoint(id: string): Promise<void>;
  connectAdapter(owner: string, adapter: NetworkAdapter, signal?: AbortSignal): Promise<{ endpointId: string; macAddress: string }>;
}

export interface StartContext {
  readonly hcs: Hcs;
  readonly network: VmNetworking;
  readonly host: HostInfo;
  readonly files: VmFiles;
  /** HCS Owner for Hako's VMs. */
  readonly owner: string;
  /** ShouldTerminateOnLastHandleClosed = !keepRunning. */
  readonly keepRunning: boolean;
  readonly hostDriverFolders?: HostFacts['hostDriverFolders'];
  readonly log: (level: 'info' | 'warning', message: string, details?: Record<string, unknown>) => void;
}

export interface StartedVm {
  readonly system: ComputeSystem;
  /** The configuration the VM runs with, generated values included. */
  readonly running: VmConfig;
  /** What to write back into the file. */
  readonly patch: WriteBackPatch;
  /** The save file the VM resumed from, now deleted. */
  readonly resumedFrom: string | null;
}

export class AlreadyRunningError extends HakoError {
  constructor(id: string, runningFile: string | null) {
    super(
      'AlreadyRunning',
      runningFile
        ? `A VM named "${id}" is already running from ${runningFile}. Stop it, or give this VM another Name.`
        : `A VM named "${id}" is already running (started by another program such as NanaBox, or by another user). Stop it, or give this VM another Name.`,
      { id, ...(runningFile ? { runningFile } : {}) },
      '/NanaBox/Name',
    );
  }
}

export async function startVm(
  vmPath: string,
  config: VmConfig,
  context: StartContext,
  /** Called as soon as the compute system exists, before it starts, so no event is missed. */
  onCreated: (system: ComputeSystem) => (event: HcsEvent) => void,
  signal: AbortSignal,
): Promise<StartedVm> {
  const id = config.Name;
  if (id === '') throw new HakoError('NameMissing', 'The VM has no Name; Hyper-V needs one to identify the VM.', {}, '/NanaBox/Name');
  const vmFolder = path.dirname(vmPath);
  const at = (file: string) => resolveVmPath(vmFolder, file);
  const { hcs, files } = context;

  await probeNotRunning(hcs, id);
  signal.throwIfAborted();

  for (const device of config.ScsiDevices) {
    const file = at(device.Path);
    // NanaBox skips media that do not exist (an empty DVD drive, a disk created later); HCS reports them.
    if (device.Type === 'PhysicalDevice' || (file !== '' && files.exists(file))) await hcs.grantVmAccess(id, file);
  }

  const running = structuredClone(withStateFileDefaults(config));
  const patch: { -readonly [K in keyof WriteBackPatch]: WriteBackPatch[K] } = {
    GuestStateFile: running.GuestStateFile,
    RuntimeStateFile: running.RuntimeStateFile,
  };
  const guestState = at(running.GuestStateFile);
  if (!files.exists(guestState)) await hcs.createEmptyGuestStateFile(guestState);
  await hcs.grantVmAccess(id, guestState);
  const runtimeState = at(running.RuntimeStateFile);
  if (!files.exists(runtimeState)) await hcs.createEmptyRuntimeStateFile(runtimeState);
  await hcs.grantVmAccess(id, runtimeState);
  const saveState = running.SaveStateFile === '' ? null : at(running.SaveStateFile);
  if (saveState !== null) {
    if (!files.exists(saveState)) {
      throw new HakoError('SaveStateMissing', `The saved state ${saveState} is missing, so the VM cannot resume from it.`, { file: saveState }, '/NanaBox/SaveStateFile');
    }
    await hcs.grantVmAccess(id, saveState);
  }
  signal.throwIfAborted();

  const adapters: { index: number; EndpointId: string; MacAddress: string; previousEndpointId: string }[] = [];
  // Endpoints this start creates are deleted again if it fails, so a failed start leaks none.
  const removeCreatedEndpoints = () => Promise.all(adapters.map((a) => context.network.deleteEndpoint(a.EndpointId).catch(() => undefined)));
  let system: ComputeSystem | null = null;
  try {
    for (const [index, adapter] of running.NetworkAdapters.entries()) {
      // Stale endpoints of an earlier run are removed first, as NanaBox does; failures only mean there was none.
      const previousEndpointId = adapter.EndpointId;
      if (previousEndpointId !== '') await context.network.deleteEndpoint(previousEndpointId).catch(() => undefined);
      if (!adapter.Connected) continue;
      const { endpointId, macAddress } = await context.network.connectAdapter(context.owner, adapter, signal);
      adapter.EndpointId = endpointId;
      adapter.MacAddress = macAddress;
      adapters.push({ index, EndpointId: endpointId, MacAddress: macAddress, previousEndpointId });
    }
    if (adapters.length > 0) patch.adapters = adapters;
    signal.throwIfAborted();

    const document = buildComputeSystemDocument(
      running,
      { build: context.host.build, userSid: context.host.userSid, vmFolder, hostDriverFolders: context.hostDriverFolders ?? {} },
      // Hako's shutdown goes through the shutdown integration component where the host has one.
      { owner: context.owner, terminateOnLastHandleClosed: !context.keepRunning, shutdownService: true },
    );
    system = await hcs.createComputeSystem(id, document);
    await system.onEvent(onCreated(system));
    signal.throwIfAborted();
    await system.start();
    await system.modify(gpuUpdateRequest(running.Gpu));
  } catch (error) {
    if (system !== null) await tearDown(system);
    await removeCreatedEndpoints();
    throw error;
  }
  context.log('info', saveState ? 'Resumed from the saved state' : 'Started', { id });

  if (saveState !== null) {
    await files.remove(saveState);
    running.SaveStateFile = '';
    patch.SaveStateFile = '';
  }
  return { system: system!, running, patch, resumedFrom: saveState };
}

/** NanaBox's guard against running one VM twice: a system with this id must not exist yet. */
async function probeNotRunning(hcs: Hcs, id: string): Promise<void> {
  let existing: ComputeSystem;
  try {
    existing = await hcs.openComputeSystem(id);
  } catch (error) {
    if (error instanceof HcsError && error.is(HRESULT.HCS_E_SYSTEM_NOT_FOUND)) return;
    throw error;
  }
  await existing.close();
  throw new AlreadyRunningError(id, null);
}

export async function tearDown(system: ComputeSystem): Promise<void> {
  await system.terminate().catch(() => undefined);
  await system.close();
}
