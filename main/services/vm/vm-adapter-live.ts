/**
 * Connecting or disconnecting one network adapter of a running VM at once (the "Connected" toggle), the
 * way NanaBox's reload does it: HCS has no "cable unplugged" state for an adapter, so disconnecting
 * removes it from the VM and deletes its endpoint, and connecting creates the endpoint and adds it
 * (reference/nanabox.md §2.2, §4.3, §6.4). Only that adapter changes, both in the VM and in the file;
 * every other edit in the file keeps waiting for "Apply" or the next start.
 */
import { type NetworkAdapter, type VmConfig } from '../../../app/config/model.js';
import { settingLabel } from '../../../app/config/setting-labels.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { type ComputeSystem } from '../ports.js';
import { type WriteBackPatch } from '../config-service.js';
import { type VmRecord } from './vm-record.js';
import { reloadVm, sameSettings, type ReloadContext, type ReloadOutcome } from './vm-reload.js';

export interface AdapterToggle {
  readonly outcome: ReloadOutcome;
  readonly running: VmConfig;
  readonly patch: WriteBackPatch;
}

const withConnected = (adapter: NetworkAdapter, connected: boolean): NetworkAdapter => ({ ...adapter, Connected: connected });

/**
 * Applies `connected` to adapter `index` of the file to the running VM. Refused when the file's adapter
 * is not the one the VM runs with (another switch or MAC address was saved since the start): that is a
 * change only a full apply or a restart can make.
 */
export async function setAdapterConnectedLive(
  system: ComputeSystem,
  running: VmConfig,
  file: VmConfig,
  index: number,
  connected: boolean,
  context: ReloadContext,
): Promise<AdapterToggle> {
  const pointer = `/NanaBox/NetworkAdapters/${index}`;
  const adapter = file.NetworkAdapters[index];
  if (adapter === undefined) throw new HakoError('AdapterNotFound', `The VM file has no network adapter ${index + 1}.`, { index }, pointer);
  const at = adapter.EndpointId === '' ? -1 : running.NetworkAdapters.findIndex((a) => a.EndpointId.toLowerCase() === adapter.EndpointId.toLowerCase());
  if (at >= 0 && !sameSettings(withConnected(running.NetworkAdapters[at]!, connected), withConnected(adapter, connected))) {
    throw new HakoError(
      'AdapterChanged',
      `Network adapter ${index + 1} was changed in the file since the VM started; apply the settings or restart the VM to use the change.`,
      { index },
      pointer,
    );
  }

  const next = structuredClone(running);
  if (at >= 0) next.NetworkAdapters[at] = withConnected(running.NetworkAdapters[at]!, connected);
  else next.NetworkAdapters.push(withConnected(adapter, connected));
  const changed = at >= 0 ? running.NetworkAdapters[at]!.Connected !== connected : connected;
  const connectedPatch = { index, endpointId: adapter.EndpointId, Connected: connected };
  if (!changed) return { outcome: { path: pointer, outcome: 'applied' }, running: next, patch: { adapterConnected: connectedPatch } };

  const result = await reloadVm(system, running, next, context);
  // reloadVm names the adapter by its place among the running ones; the user knows it by the file's.
  const failed = result.outcomes.find((o) => o.outcome === 'failed');
  if (failed !== undefined) return { outcome: { ...failed, path: pointer }, running: result.running, patch: {} };
  const generated = (result.patch.adapters ?? []).map((g) => ({ ...g, index }));
  return {
    outcome: { path: pointer, outcome: 'applied' },
    running: result.running,
    patch: { adapterConnected: connectedPatch, ...(generated.length > 0 ? { adapters: generated } : {}) },
  };
}

/**
 * The toggle for a VM's record (VmService.setAdapterConnected): the file as just read, what the VM runs
 * with afterwards, and a line in the VM's log naming the adapter. The caller writes `patch` back.
 */
export async function toggleAdapterOf(
  record: VmRecord,
  system: ComputeSystem,
  index: number,
  connected: boolean,
  context: ReloadContext,
): Promise<{ outcome: ReloadOutcome & { setting: string }; patch: WriteBackPatch }> {
  if (record.config === null) throw new HakoError('ConfigUnreadable', 'The VM file cannot be read; fix it first.', { path: record.path });
  const toggle = await setAdapterConnectedLive(system, record.running!, record.config, index, connected, context);
  record.running = toggle.running;
  const outcome = { ...toggle.outcome, setting: settingLabel(toggle.outcome.path, record.config) };
  const failed = outcome.outcome === 'failed';
  const what = failed ? `could not be ${connected ? 'connected' : 'disconnected'}: ${outcome.error?.message ?? 'unknown error'}` : connected ? 'connected now' : 'disconnected now';
  record.log.add(failed ? 'warning' : 'info', `${outcome.setting}: ${what}`, { path: outcome.path });
  return { outcome, patch: toggle.patch };
}
