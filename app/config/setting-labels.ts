/**
 * A setting's name for people, from its JSON Pointer in a `.7b`: "Memory", "Disk 2 (data.vhdx)",
 * "Network adapter 1", "COM1". Every message about a setting (an outcome of "Apply what can change
 * now", an event in the log) names it this way rather than by its pointer.
 */
import { baseName } from '../paths/parts.js';
import { type VmConfig } from './model.js';

const TOP_LEVEL: Readonly<Record<string, string>> = {
  GuestType: 'Guest type',
  Name: 'Name',
  ProcessorCount: 'Processors',
  MemorySize: 'Memory',
  ComPorts: 'COM ports',
  Gpu: 'GPU',
  NetworkAdapters: 'Network adapters',
  ScsiDevices: 'Storage',
  SecureBoot: 'Secure Boot',
  Tpm: 'TPM',
  GuestStateFile: 'Guest state file',
  RuntimeStateFile: 'Runtime state file',
  SaveStateFile: 'Saved state file',
  ExposeVirtualizationExtensions: 'Nested virtualization',
  Keyboard: 'Keyboard',
  EnhancedSession: 'Enhanced session',
  ChipsetInformation: 'SMBIOS',
  VideoMonitor: 'Display',
  Policies: 'Policies',
  Plan9Shares: 'Plan 9 shares',
  VirtualSmbShares: 'SMB shares',
  Hako: 'Hako settings',
};

const COM_PORTS: Readonly<Record<string, string>> = { ComPort1: 'COM1', ComPort2: 'COM2', UefiConsole: 'UEFI console' };

function unescape(part: string): string {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The name of the setting at `pointer`; `config` (when given) adds a disk's file name. */
export function settingLabel(pointer: string, config?: VmConfig | null): string {
  const parts = pointer.split('/').slice(1).map(unescape);
  if (parts[0] !== 'NanaBox' || parts.length < 2) return pointer || 'The file';
  const [, top, index, field] = parts as [string, string, string | undefined, string | undefined];
  if (top === 'ScsiDevices' && index !== undefined) {
    const device = config?.ScsiDevices[Number(index)];
    const kind = device?.Type === 'VirtualImage' ? 'DVD drive' : device?.Type === 'PhysicalDevice' ? 'Physical disk' : 'Disk';
    const file = device?.Path ? ` (${baseName(device.Path)})` : '';
    return `${kind} ${Number(index) + 1}${file}`;
  }
  if (top === 'NetworkAdapters' && index !== undefined) return `Network adapter ${Number(index) + 1}`;
  if (top === 'Plan9Shares' && index !== undefined) return `Plan 9 share ${Number(index) + 1}`;
  if (top === 'VirtualSmbShares' && index !== undefined) return `SMB share ${Number(index) + 1}`;
  if (top === 'ComPorts' && index !== undefined) return COM_PORTS[index] ?? `COM ports: ${index}`;
  const base = TOP_LEVEL[top] ?? top;
  return index !== undefined && field === undefined && top !== 'Policies' ? `${base}: ${index}` : base;
}
