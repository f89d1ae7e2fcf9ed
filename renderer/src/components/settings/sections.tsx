/**
 * The sections of the settings editor. Field names are the .7b keys' meanings in plain words; each
 * field's help comes from the spec's `doc` (app/config/spec.ts) and its markers from the findings at
 * its JSON path.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import {
  GPU_ASSIGNMENT_MODES,
  GPU_PV_PARTITION_ID,
  GUEST_TYPES,
  POLICY_FEATURE_BITS,
  SCSI_DEVICE_TYPES,
  UEFI_CONSOLES,
  type EnhancedSession,
  type NetworkAdapter,
  type ScsiDeviceType,
  type SecureBootTemplate,
} from '../../../../app/config/model.js';
import { NETWORK_ADAPTER_SPEC, defaultObject } from '../../../../app/config/spec.js';
import type { CallOutput } from '../../../../app/ipc/contract.js';
import { useHako } from '../../context.js';
import { fileUnknownKeys } from '../../logic/unknown-keys.js';
import { folderOf, formatMemory, joinPath } from '../../logic/vm.js';
import type { SectionProps } from '../SettingsTab.js';
import { Icon } from '../icons.js';
import { Button, Checkbox, Dialog, EmptyState, NumberField, SelectField, TextField, Toggle } from '../ui.js';

const P = '/NanaBox';

const options = <T extends string>(values: readonly T[], labels: Partial<Record<T, string>> = {}) => values.map((value) => ({ value, label: labels[value] ?? value }));

// ---- General ----

export function GeneralSection({ config, update, at }: SectionProps) {
  const memory = at(`${P}/MemorySize`);
  return (
    <div className="form-grid">
      <TextField label="Name" value={config.Name} onChange={(v) => update((c) => void (c.Name = v))} {...at(`${P}/Name`)} />
      <SelectField
        label="Guest operating system"
        value={config.GuestType}
        options={options(GUEST_TYPES, { Unknown: 'Other / unknown' })}
        onChange={(v) => update((c) => void (c.GuestType = v))}
        {...at(`${P}/GuestType`)}
        help="Informational: neither NanaBox nor Hako changes the hardware for it. Hako uses it for advice (such as the Secure Boot template)."
      />
      <NumberField
        label="Processors"
        value={config.ProcessorCount}
        min={1}
        max={240}
        unit="virtual CPUs"
        onChange={(v) => update((c) => void (c.ProcessorCount = v ?? Number.NaN))}
        {...at(`${P}/ProcessorCount`)}
        help={at(`${P}/ProcessorCount`).help ?? 'How many virtual processors the guest sees.'}
      />
      <NumberField
        label="Memory"
        value={config.MemorySize}
        min={1}
        step={256}
        unit="MB"
        onChange={(v) => update((c) => void (c.MemorySize = v ?? Number.NaN))}
        {...memory}
        help={`${Number.isFinite(config.MemorySize) && config.MemorySize > 0 ? `${formatMemory(config.MemorySize)}. ` : ''}Memory in MB. The host commits it only as the guest uses it.`}
      />
      <Toggle
        label="Nested virtualization"
        checked={config.ExposeVirtualizationExtensions}
        onChange={(v) => update((c) => void (c.ExposeVirtualizationExtensions = v))}
        {...at(`${P}/ExposeVirtualizationExtensions`)}
        help="Lets the guest run Hyper-V, WSL 2 or other hypervisors itself. Some AMD and Arm hosts cannot start VMs with it on."
      />
    </div>
  );
}

// ---- Storage ----

const SCSI_LABELS: Readonly<Record<ScsiDeviceType, string>> = { VirtualDisk: 'Virtual disk', VirtualImage: 'DVD drive (ISO)', PhysicalDevice: 'Physical disk' };

export function StorageSection({ config, update, at, vm }: SectionProps) {
  const [creating, setCreating] = useState(false);
  const move = (from: number, to: number) =>
    update((c) => {
      const [item] = c.ScsiDevices.splice(from, 1);
      if (item) c.ScsiDevices.splice(to, 0, item);
    });
  const add = (Type: ScsiDeviceType, Path = '') => update((c) => void c.ScsiDevices.push({ Type, Path }));
  return (
    <div className="stack">
      <p className="muted">SCSI devices in LUN order; the VM boots from the first bootable one. Paths are relative to the folder of the .7b file.</p>
      {config.ScsiDevices.length === 0 ? (
        <EmptyState icon="disk" title="No storage">
          <p className="muted">Add a virtual disk to install an operating system on, and a DVD drive for its ISO.</p>
        </EmptyState>
      ) : (
        <ol className="item-list" aria-label="Storage devices">
          {config.ScsiDevices.map((device, i) => {
            const base = `${P}/ScsiDevices/${i}`;
            const n = i + 1;
            return (
              <li key={i} className="item-card">
                <div className="item-lead" aria-hidden="true">
                  <Icon name={device.Type === 'VirtualImage' ? 'disc' : 'disk'} />
                  <span className="lun">LUN {i}</span>
                </div>
                <div className="item-fields">
                  <SelectField
                    label={`Device ${n} type`}
                    value={device.Type}
                    options={SCSI_DEVICE_TYPES.map((t) => ({ value: t, label: SCSI_LABELS[t] }))}
                    onChange={(v) => update((c) => void (c.ScsiDevices[i]!.Type = v))}
                    {...at(`${base}/Type`)}
                    help={undefined}
                  />
                  <TextField
                    label={`Device ${n} path`}
                    value={device.Path}
                    mono
                    placeholder={device.Type === 'VirtualImage' ? 'Empty drive' : device.Type === 'PhysicalDevice' ? '\\\\.\\PhysicalDrive2' : 'disk.vhdx'}
                    onChange={(v) => update((c) => void (c.ScsiDevices[i]!.Path = v))}
                    {...at(`${base}/Path`)}
                    help={device.Type === 'VirtualImage' ? 'Leave empty for an empty DVD drive.' : device.Type === 'PhysicalDevice' ? 'The disk must be offline on the host.' : undefined}
                  />
                </div>
                <div className="item-actions">
                  <Button icon="up" variant="subtle" label={`Move device ${n} up`} disabled={i === 0} onClick={() => move(i, i - 1)} />
                  <Button icon="down" variant="subtle" label={`Move device ${n} down`} disabled={i === config.ScsiDevices.length - 1} onClick={() => move(i, i + 1)} />
                  <Button icon="trash" variant="subtle" label={`Remove device ${n}`} onClick={() => update((c) => void c.ScsiDevices.splice(i, 1))} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="button-row">
        <Button icon="plus" onClick={() => add('VirtualDisk')}>
          Add virtual disk
        </Button>
        <Button icon="plus" onClick={() => add('VirtualImage')}>
          Add DVD drive
        </Button>
        <Button icon="plus" onClick={() => add('PhysicalDevice')}>
          Add physical disk
        </Button>
        <Button icon="disk" variant="subtle" onClick={() => setCreating(true)}>
          Create new disk…
        </Button>
      </div>
      {creating && (
        <CreateDiskDialog
          vmPath={vm.path}
          suggested={`${config.Name.trim() || 'disk'}${config.ScsiDevices.filter((d) => d.Type === 'VirtualDisk').length > 0 ? `-${config.ScsiDevices.length + 1}` : ''}.vhdx`}
          onClose={() => setCreating(false)}
          onCreated={(name) => add('VirtualDisk', name)}
        />
      )}
    </div>
  );
}

function CreateDiskDialog({ vmPath, suggested, onClose, onCreated }: { readonly vmPath: string; readonly suggested: string; readonly onClose: () => void; readonly onCreated: (name: string) => void }) {
  const call = useHako((s) => s.call);
  const trackDisk = useHako((s) => s.trackDisk);
  const [name, setName] = useState(suggested);
  const [size, setSize] = useState<number | null>(64);
  const [fixed, setFixed] = useState(false);
  const nameProblem = /^[^\\/:*?"<>|]+\.vhdx?$/i.test(name) ? undefined : 'A file name ending in .vhdx or .vhd, without folders.';
  const sizeProblem = size !== null && size >= 0.003 && (name.toLowerCase().endsWith('.vhd') ? size <= 2040 : size <= 65536) ? undefined : 'From 3 MB up to 64 TB (2040 GB for .vhd).';
  const create = async () => {
    if (nameProblem || sizeProblem || size === null) return;
    const sizeBytes = Math.round((size * 2 ** 30) / 512) * 512;
    const result = await call('Could not create the disk', (api) => api.invoke('disks.create', { path: joinPath(folderOf(vmPath), name), sizeBytes, fixed }));
    if (result) {
      trackDisk(result.operationId, `Creating ${name}`);
      onCreated(name);
      onClose();
    }
  };
  return (
    <Dialog
      title="Create a virtual disk"
      onClose={onClose}
      footer={
        <>
          <Button variant="primary" disabled={nameProblem !== undefined || sizeProblem !== undefined} onClick={() => void create()}>
            Create and add
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </>
      }
    >
      <div className="stack">
        <TextField label="File name" value={name} onChange={setName} mono errors={nameProblem ? [nameProblem] : []} help="Created next to the .7b file." />
        <NumberField label="Size" value={size} unit="GB" min={1} onChange={setSize} errors={sizeProblem ? [sizeProblem] : []} />
        <Toggle label="Allocate all space now (fixed size)" checked={fixed} onChange={setFixed} help="A dynamically expanding disk grows as the guest writes; a fixed one is a little faster." />
      </div>
    </Dialog>
  );
}

// ---- Network ----

type HostNetwork = CallOutput<'networks.list'>[number];

export function NetworkSection({ config, update, at }: SectionProps) {
  const call = useHako((s) => s.call);
  const [networks, setNetworks] = useState<HostNetwork[]>([]);
  useEffect(() => {
    void call('Could not list the virtual switches', (api) => api.invoke('networks.list')).then((list) => setNetworks(list ?? []));
  }, [call]);
  const add = () => update((c) => void c.NetworkAdapters.push({ ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true }));
  return (
    <div className="stack">
      <p className="muted">Each adapter gets a network endpoint when the VM starts. Without a suggested switch it joins the private NanaBox switch (NAT).</p>
      {config.NetworkAdapters.length === 0 ? (
        <EmptyState icon="network" title="No network adapters" />
      ) : (
        <ol className="item-list" aria-label="Network adapters">
          {config.NetworkAdapters.map((adapter, i) => {
            const base = `${P}/NetworkAdapters/${i}`;
            const n = i + 1;
            const known = networks.find((net) => net.id.toLowerCase() === adapter.SuggestedSwitchId.toLowerCase());
            const switchValue = adapter.SuggestedSwitchId === '' ? '' : known ? known.id : 'custom';
            return (
              <li key={i} className="item-card">
                <div className="item-lead" aria-hidden="true">
                  <Icon name="network" />
                  <span className="lun">#{n}</span>
                </div>
                <div className="item-fields item-fields-even">
                  <Toggle label={`Adapter ${n} connected`} checked={adapter.Connected} onChange={(v) => update((c) => void (c.NetworkAdapters[i]!.Connected = v))} {...at(`${base}/Connected`)} />
                  <SelectField
                    label={`Adapter ${n} virtual switch`}
                    value={switchValue}
                    options={[
                      { value: '', label: 'NanaBox switch (default)' },
                      ...networks.map((net) => ({ value: net.id, label: `${net.name} (${net.type})` })),
                      ...(switchValue === 'custom' ? [{ value: 'custom', label: `Other: ${adapter.SuggestedSwitchId}` }] : []),
                    ]}
                    onChange={(v) =>
                      update((c) => {
                        const a = c.NetworkAdapters[i]!;
                        if (v === 'custom') return;
                        const chosen = networks.find((net) => net.id === v);
                        a.SuggestedSwitchId = v;
                        a.SuggestedSwitchName = chosen ? chosen.name : '';
                      })
                    }
                    {...at(`${base}/SuggestedSwitchId`)}
                    help="The virtual switch the adapter joins. A switch named below is created at the first start if it does not exist."
                  />
                  <TextField
                    label={`Adapter ${n} MAC address`}
                    value={adapter.MacAddress}
                    mono
                    placeholder="Assigned by Windows"
                    onChange={(v) => update((c) => void (c.NetworkAdapters[i]!.MacAddress = v))}
                    {...at(`${base}/MacAddress`)}
                  />
                  <details className="more-fields">
                    <summary>Switch to create, endpoint</summary>
                    <TextField label={`Adapter ${n} switch ID`} value={adapter.SuggestedSwitchId} mono onChange={(v) => update((c) => void (c.NetworkAdapters[i]!.SuggestedSwitchId = v))} {...at(`${base}/SuggestedSwitchId`)} />
                    <TextField label={`Adapter ${n} switch name`} value={adapter.SuggestedSwitchName} onChange={(v) => update((c) => void (c.NetworkAdapters[i]!.SuggestedSwitchName = v))} {...at(`${base}/SuggestedSwitchName`)} />
                    <TextField
                      label={`Adapter ${n} switch subnet`}
                      value={adapter.SuggestedSwitchSubnet}
                      mono
                      placeholder="192.168.100.0/24"
                      onChange={(v) => update((c) => void (c.NetworkAdapters[i]!.SuggestedSwitchSubnet = v))}
                      {...at(`${base}/SuggestedSwitchSubnet`)}
                    />
                    <TextField label={`Adapter ${n} endpoint ID`} value={adapter.EndpointId} mono readOnly placeholder="Generated at the first start" {...at(`${base}/EndpointId`)} />
                  </details>
                </div>
                <div className="item-actions">
                  <Button icon="trash" variant="subtle" label={`Remove adapter ${n}`} onClick={() => update((c) => void c.NetworkAdapters.splice(i, 1))} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="button-row">
        <Button icon="plus" onClick={add}>
          Add network adapter
        </Button>
      </div>
    </div>
  );
}

// ---- Display & GPU ----

export function DisplaySection({ config, update, at }: SectionProps) {
  const gpu = config.Gpu;
  return (
    <div className="stack">
      <h3 className="subheading">GPU</h3>
      <div className="form-grid">
        <SelectField
          label="GPU assignment"
          value={gpu.AssignmentMode}
          options={options(GPU_ASSIGNMENT_MODES, { Disabled: 'None', Default: 'Default GPU (GPU-PV)', List: 'Selected GPUs', Mirror: 'All GPUs (mirror)' })}
          onChange={(v) => update((c) => void (c.Gpu.AssignmentMode = v))}
          {...at(`${P}/Gpu/AssignmentMode`)}
          help="GPU-PV lends the host's GPU to the guest. The guest needs the host's drivers: share them below, or copy them into the guest."
        />
        <Toggle
          label="Share the host's GPU drivers"
          checked={gpu.EnableHostDriverStore}
          onChange={(v) => update((c) => void (c.Gpu.EnableHostDriverStore = v))}
          {...at(`${P}/Gpu/EnableHostDriverStore`)}
        />
      </div>
      {gpu.AssignmentMode === 'List' && (
        <>
          <ol className="item-list" aria-label="Selected GPUs">
            {gpu.SelectedDevices.map((device, i) => (
              <li key={i} className="item-card">
                <div className="item-lead" aria-hidden="true">
                  <Icon name="chip" />
                </div>
                <div className="item-fields">
                  <TextField
                    label={`GPU ${i + 1} device interface`}
                    value={device.DeviceInterface}
                    mono
                    onChange={(v) => update((c) => void (c.Gpu.SelectedDevices[i]!.DeviceInterface = v))}
                    {...at(`${P}/Gpu/SelectedDevices/${i}/DeviceInterface`)}
                  />
                  <NumberField
                    label={`GPU ${i + 1} partition`}
                    value={device.PartitionId}
                    min={0}
                    max={0xffff}
                    onChange={(v) => update((c) => void (c.Gpu.SelectedDevices[i]!.PartitionId = v ?? Number.NaN))}
                    {...at(`${P}/Gpu/SelectedDevices/${i}/PartitionId`)}
                    help={device.PartitionId === GPU_PV_PARTITION_ID ? 'The whole GPU, paravirtualised (GPU-PV).' : 'A GPU-P partition of the device.'}
                  />
                </div>
                <div className="item-actions">
                  <Button icon="trash" variant="subtle" label={`Remove GPU ${i + 1}`} onClick={() => update((c) => void c.Gpu.SelectedDevices.splice(i, 1))} />
                </div>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <Button icon="plus" onClick={() => update((c) => void c.Gpu.SelectedDevices.push({ DeviceInterface: '', PartitionId: GPU_PV_PARTITION_ID }))}>
              Add GPU
            </Button>
          </div>
        </>
      )}
      <h3 className="subheading">Basic session display</h3>
      <div className="form-grid">
        <NumberField
          label="Width"
          unit="pixels"
          value={config.VideoMonitor.HorizontalResolution}
          min={1}
          onChange={(v) => update((c) => void (c.VideoMonitor.HorizontalResolution = v ?? Number.NaN))}
          {...at(`${P}/VideoMonitor/HorizontalResolution`)}
        />
        <NumberField
          label="Height"
          unit="pixels"
          value={config.VideoMonitor.VerticalResolution}
          min={1}
          onChange={(v) => update((c) => void (c.VideoMonitor.VerticalResolution = v ?? Number.NaN))}
          {...at(`${P}/VideoMonitor/VerticalResolution`)}
        />
        <Toggle
          label="Turn off DPI scaling in the basic session"
          checked={config.VideoMonitor.DisableBasicSessionDpiScaling}
          onChange={(v) => update((c) => void (c.VideoMonitor.DisableBasicSessionDpiScaling = v))}
          {...at(`${P}/VideoMonitor/DisableBasicSessionDpiScaling`)}
          help="Show the guest at 100 % instead of the window's scale."
        />
      </div>
    </div>
  );
}

// ---- Security ----

export function SecuritySection({ config, update, at }: SectionProps) {
  const linuxOnWindowsTemplate = config.GuestType === 'Linux' && config.SecureBoot && config.Hako.SecureBootTemplate === 'MicrosoftWindows';
  return (
    <div className="form-grid">
      <Toggle label="Secure Boot" checked={config.SecureBoot} onChange={(v) => update((c) => void (c.SecureBoot = v))} {...at(`${P}/SecureBoot`)} help="The firmware starts only signed boot loaders." />
      <SelectField<SecureBootTemplate>
        label="Secure Boot template"
        value={config.Hako.SecureBootTemplate}
        disabled={!config.SecureBoot}
        options={[
          { value: 'MicrosoftWindows', label: 'Microsoft Windows' },
          { value: 'MicrosoftUEFICertificateAuthority', label: 'Microsoft UEFI Certificate Authority' },
        ]}
        onChange={(v) => update((c) => void (c.Hako.SecureBootTemplate = v))}
        {...at(`${P}/Hako/SecureBootTemplate`)}
        warnings={[...at(`${P}/Hako/SecureBootTemplate`).warnings, ...(linuxOnWindowsTemplate ? ['Most Linux distributions need the Microsoft UEFI Certificate Authority template.'] : [])]}
        help={`${at(`${P}/Hako/SecureBootTemplate`).help ?? ''} A Hako setting: NanaBox ignores it (and drops it if it rewrites the file).`}
      />
      <Toggle label="TPM 2.0" checked={config.Tpm} onChange={(v) => update((c) => void (c.Tpm = v))} {...at(`${P}/Tpm`)} />
    </div>
  );
}

// ---- COM ports ----

export function ComPortsSection({ config, update, at }: SectionProps) {
  return (
    <div className="form-grid">
      <SelectField
        label="UEFI console"
        value={config.ComPorts.UefiConsole}
        options={options(UEFI_CONSOLES, { Disabled: 'Off', Default: 'Default', ComPort1: 'COM1', ComPort2: 'COM2' })}
        onChange={(v) => update((c) => void (c.ComPorts.UefiConsole = v))}
        {...at(`${P}/ComPorts/UefiConsole`)}
      />
      <TextField label="COM1 named pipe" value={config.ComPorts.ComPort1} mono placeholder="\\.\pipe\vmpipe1" onChange={(v) => update((c) => void (c.ComPorts.ComPort1 = v))} {...at(`${P}/ComPorts/ComPort1`)} />
      <TextField label="COM2 named pipe" value={config.ComPorts.ComPort2} mono placeholder="\\.\pipe\vmpipe2" onChange={(v) => update((c) => void (c.ComPorts.ComPort2 = v))} {...at(`${P}/ComPorts/ComPort2`)} />
    </div>
  );
}

// ---- Enhanced session ----

const REDIRECTIONS: readonly (readonly [keyof EnhancedSession, string])[] = [
  ['RedirectClipboard', 'Clipboard'],
  ['RedirectAudio', 'Play audio on this computer'],
  ['RedirectAudioCapture', 'Record audio from this computer'],
  ['RedirectDrives', "All of this computer's drives"],
  ['RedirectDynamicDrives', 'Drives plugged in later'],
  ['RedirectPrinters', 'Printers'],
  ['RedirectSmartCards', 'Smart cards'],
  ['RedirectPorts', 'Serial and parallel ports'],
  ['RedirectDevices', 'Plug and Play devices'],
  ['RedirectDynamicDevices', 'Devices plugged in later'],
  ['RedirectPOSDevices', 'Point-of-service devices'],
];

export function EnhancedSessionSection({ config, update, at }: SectionProps) {
  const session = config.EnhancedSession;
  const [drives, setDrives] = useState(session.Drives.join(' '));
  useEffect(() => setDrives(session.Drives.join(' ')), [session.Drives]);
  return (
    <div className="stack">
      <p className="muted">What the enhanced (remote desktop) session brings into the guest. The basic session ignores these.</p>
      <fieldset className="checkbox-grid">
        <legend>Redirect</legend>
        {REDIRECTIONS.map(([key, label]) => (
          <Checkbox
            key={key}
            label={label}
            checked={session[key] as boolean}
            onChange={(v) => update((c) => void ((c.EnhancedSession[key] as boolean) = v))}
            help={at(`${P}/EnhancedSession/${key}`).help}
          />
        ))}
      </fieldset>
      <div className="form-grid">
        <TextField
          label="Drives to share"
          value={drives}
          mono
          placeholder="C D"
          onChange={(v) => {
            setDrives(v);
            const letters = [...new Set(v.toUpperCase().match(/[A-Z]/g) ?? [])];
            update((c) => void (c.EnhancedSession.Drives = letters));
          }}
          {...at(`${P}/EnhancedSession/Drives`)}
          help="Drive letters, separated by spaces. Ignored when all drives are shared."
        />
        <Toggle
          label="Send Windows key combinations to the guest"
          checked={config.Keyboard.RedirectKeyCombinations}
          onChange={(v) => update((c) => void (c.Keyboard.RedirectKeyCombinations = v))}
          {...at(`${P}/Keyboard/RedirectKeyCombinations`)}
        />
      </div>
    </div>
  );
}

// ---- Advanced ----

export function AdvancedSection({ config, update, at, editor }: SectionProps) {
  const preview = useStore(editor, (s) => s.preview);
  const rootUnknown = useStore(editor, (s) => s.draft?.rootUnknownKeys) ?? [];
  const unknown = fileUnknownKeys(rootUnknown, config, P);
  const knownPolicies = Object.keys(POLICY_FEATURE_BITS) as (keyof typeof POLICY_FEATURE_BITS)[];
  const otherPolicies = config.Policies.filter((p) => !(knownPolicies as string[]).includes(p));
  return (
    <div className="stack">
      <h3 className="subheading">State files</h3>
      <div className="form-grid">
        <TextField label="Guest state file" value={config.GuestStateFile} mono placeholder={`${config.Name}.vmgs`} onChange={(v) => update((c) => void (c.GuestStateFile = v))} {...at(`${P}/GuestStateFile`)} />
        <TextField label="Runtime state file" value={config.RuntimeStateFile} mono placeholder={`${config.Name}.vmrs`} onChange={(v) => update((c) => void (c.RuntimeStateFile = v))} {...at(`${P}/RuntimeStateFile`)} />
        <TextField label="Save state file" value={config.SaveStateFile} mono readOnly placeholder="None: the VM is not saved" {...at(`${P}/SaveStateFile`)} />
      </div>
      <h3 className="subheading">Guest compatibility policies</h3>
      <p className="muted">{at(`${P}/Policies`).help} Research aids for old guests; they do not guarantee that a guest boots.</p>
      <fieldset className="checkbox-grid">
        <legend className="visually-hidden">Policies</legend>
        {knownPolicies.map((name) => (
          <Checkbox
            key={name}
            label={name}
            checked={config.Policies.includes(name)}
            onChange={(v) => update((c) => void (c.Policies = v ? [...c.Policies, name] : c.Policies.filter((p) => p !== name)))}
          />
        ))}
      </fieldset>
      {otherPolicies.length > 0 && <p className="muted">Also in the file (kept, no effect): {otherPolicies.join(', ')}</p>}
      <h3 className="subheading">Keys NanaBox does not read</h3>
      {unknown.length === 0 ? (
        <p className="muted">None. Hako keeps any such keys exactly as they are when it saves.</p>
      ) : (
        <>
          <p className="muted">Kept exactly as they are when Hako saves (NanaBox drops them when it rewrites the file). Edit them in a text editor.</p>
          <table className="table" aria-label="Keys NanaBox does not read">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {unknown.map((u) => (
                <tr key={u.pointer}>
                  <td>
                    <code>{u.pointer}</code>
                  </td>
                  <td>
                    <pre className="code-inline">{u.json}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3 className="subheading">File preview</h3>
      <p className="muted">What saving writes: UTF-8 with BOM, in NanaBox's key order and indentation.</p>
      <pre className="code-block file-preview" tabIndex={0} aria-label="File preview">
        {preview}
      </pre>
    </div>
  );
}
