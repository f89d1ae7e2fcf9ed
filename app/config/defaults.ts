import { type NetworkAdapter, type SevenBFile, type VmConfig } from './model.js';
import { NETWORK_ADAPTER_SPEC, VM_CONFIG_SPEC, defaultObject } from './spec.js';

/** Every field at the value NanaBox uses when the file does not set it. */
export function emptyVmConfig(): VmConfig {
  return defaultObject(VM_CONFIG_SPEC) as unknown as VmConfig;
}

/**
 * A new VM as NanaBox's Quick Start creates one: Windows guest, 2 processors, 2048 MB, one connected
 * network adapter (reference/nanabox.md §1.1).
 */
export function newVmConfig(name: string): SevenBFile {
  const adapter = { ...(defaultObject(NETWORK_ADAPTER_SPEC) as unknown as NetworkAdapter), Connected: true };
  const config: VmConfig = { ...emptyVmConfig(), GuestType: 'Windows', Name: name, ProcessorCount: 2, MemorySize: 2048, NetworkAdapters: [adapter] };
  return { config, rootUnknownKeys: [] };
}
