/**
 * What the form can check on its own, before main validates: the patterns and minimums the spec
 * declares (app/config/spec.ts), so a malformed MAC address is marked as the user types it.
 */
import type { VmConfig } from '../../../../../../app/config/model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from '../../../../../../app/config/spec.js';
import { macAddressProblem, type MacProblem } from '../../../../../../app/network/mac.js';

export interface FieldProblem {
  /** JSON Pointer into the file, like a finding's path. */
  readonly path: string;
  readonly message: string;
}

const EXAMPLES: Readonly<Record<string, string>> = {
  MacAddress: 'a MAC address like 00-15-5D-64-2F-AB',
  EndpointId: 'a GUID like f2288275-6c30-47d4-bc24-293fa9c9cb12',
  SuggestedSwitchId: 'a GUID like f2288275-6c30-47d4-bc24-293fa9c9cb12',
  UUID: 'a GUID like f2288275-6c30-47d4-bc24-293fa9c9cb12',
  SuggestedSwitchSubnet: 'a subnet like 192.168.100.0/24',
};

const MAC_PROBLEMS: Readonly<Record<Exclude<MacProblem, 'format'>, string>> = {
  multicast: 'A multicast address (odd first byte) cannot be an adapter’s; use Generate for a valid one.',
  zero: 'All zeros is no adapter’s address; use Generate for a valid one.',
  broadcast: 'The broadcast address is no adapter’s; use Generate for a valid one.',
};

function checkField(key: string, field: Field, value: unknown, path: string, out: FieldProblem[]): void {
  switch (field.kind) {
    case 'string':
      if (field.pattern && typeof value === 'string' && value !== '' && !new RegExp(field.pattern).test(value)) {
        out.push({ path, message: `Expected ${EXAMPLES[key] ?? `text matching ${field.pattern}`}.` });
      }
      return;
    case 'uint': {
      if (value === null && field.default === null) return;
      const max = 2 ** field.bits - 1;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
        out.push({ path, message: `Expected a whole number from ${field.minimum ?? 0} to ${max}.` });
      } else if (field.minimum !== undefined && value < field.minimum) {
        out.push({ path, message: `Expected at least ${field.minimum}.` });
      }
      return;
    }
    case 'int32':
      if (typeof value !== 'number' || !Number.isInteger(value)) out.push({ path, message: 'Expected a whole number.' });
      return;
    case 'object':
      if (value && typeof value === 'object') checkObject(field.spec, value as Record<string, unknown>, path, out);
      return;
    case 'object-list':
      if (Array.isArray(value)) value.forEach((item, i) => item && typeof item === 'object' && checkObject(field.spec, item as Record<string, unknown>, `${path}/${i}`, out));
      return;
    case 'string-list':
      if (field.itemPattern && Array.isArray(value)) {
        const pattern = new RegExp(field.itemPattern);
        value.forEach((item, i) => {
          if (typeof item === 'string' && !pattern.test(item)) out.push({ path: `${path}/${i}`, message: `"${item}" is not a valid entry.` });
        });
      }
      return;
    case 'gpu-devices':
      if (Array.isArray(value)) {
        value.forEach((item: { DeviceInterface?: unknown; PartitionId?: unknown }, i) => {
          if (typeof item.DeviceInterface !== 'string' || item.DeviceInterface === '') out.push({ path: `${path}/${i}/DeviceInterface`, message: 'Enter the device interface path.' });
          if (typeof item.PartitionId !== 'number' || !Number.isInteger(item.PartitionId) || item.PartitionId < 0 || item.PartitionId > 0xffff) {
            out.push({ path: `${path}/${i}/PartitionId`, message: 'Expected a partition number from 0 to 65535.' });
          }
        });
      }
      return;
    case 'bool':
    case 'enum':
      return;
  }
}

function checkObject(spec: ObjectSpec, value: Record<string, unknown>, path: string, out: FieldProblem[]): void {
  for (const [key, field] of Object.entries(spec.fields)) checkField(key, field, value[key], `${path}/${key}`, out);
}

export function fieldProblems(config: VmConfig): FieldProblem[] {
  const out: FieldProblem[] = [];
  checkObject(VM_CONFIG_SPEC, config as unknown as Record<string, unknown>, '/NanaBox', out);
  if (config.Name.trim() === '') out.push({ path: '/NanaBox/Name', message: 'Enter a name; Hyper-V uses it as the VM id.' });
  // NanaBox drops a share without a folder or a name (with everything in it): say so before it does.
  for (const [list, kind] of [
    [config.Plan9Shares, 'Plan9Shares'],
    [config.VirtualSmbShares, 'VirtualSmbShares'],
  ] as const) {
    list.forEach((share, i) => {
      if (share.Path.trim() === '') out.push({ path: `/NanaBox/${kind}/${i}/Path`, message: 'Enter the folder to share.' });
      if (share.Name.trim() === '') out.push({ path: `/NanaBox/${kind}/${i}/Name`, message: 'Enter the name the guest uses for the share.' });
    });
  }
  config.EnhancedSession.Devices.forEach((device, i) => {
    if (device.trim() === '') out.push({ path: `/NanaBox/EnhancedSession/Devices/${i}`, message: 'Enter the device instance ID, or remove the entry.' });
  });
  config.Plan9Shares.forEach((share, i) => {
    if (share.Port === null) out.push({ path: `/NanaBox/Plan9Shares/${i}/Port`, message: 'Enter the Hyper-V socket port, for example 50001.' });
  });
  config.NetworkAdapters.forEach((adapter, i) => {
    // The pattern says "like 00-15-5D-64-2F-AB"; a well-formed address can still be one no adapter may have.
    const problem = adapter.MacAddress === '' ? null : macAddressProblem(adapter.MacAddress);
    if (problem !== null && problem !== 'format') out.push({ path: `/NanaBox/NetworkAdapters/${i}/MacAddress`, message: MAC_PROBLEMS[problem] });
  });
  return out;
}

/** The `doc` of the field at a pointer like `/NanaBox/Gpu/AssignmentMode`, for help texts. */
export function fieldDoc(pointer: string): string | undefined {
  const parts = pointer.split('/').slice(2);
  let spec: ObjectSpec | undefined = VM_CONFIG_SPEC;
  let field: Field | undefined;
  for (const part of parts) {
    if (spec === undefined) {
      // Inside a list: numeric index, keep the list's item spec.
      if (/^\d+$/.test(part)) continue;
      return undefined;
    }
    field = spec.fields[part];
    if (field === undefined) {
      if (/^\d+$/.test(part)) continue;
      return undefined;
    }
    spec = field.kind === 'object' || field.kind === 'object-list' ? field.spec : undefined;
  }
  return field?.doc;
}
