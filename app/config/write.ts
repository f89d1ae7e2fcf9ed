/**
 * Writes a `.7b` file exactly as NanaBox does (reference/nanabox.md §2.4), plus the keys NanaBox does
 * not read (§10): a file without unknown keys comes out byte-identical to NanaBox's.
 */
import { RawJson, compareKeys, dumpJson, type Dumpable } from './json.js';
import { GPU_PV_PARTITION_ID, type GpuDevice, type SevenBFile, type UnknownKey, type VmConfig } from './model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from './spec.js';

type OutObject = Map<string, Dumpable>;

/** The canonical text, without the BOM (what `hako config print` shows). */
export function formatSevenB(file: SevenBFile): string {
  const root: OutObject = new Map([['NanaBox', writeConfig(file.config)]]);
  addUnknownKeys(root, file.rootUnknownKeys);
  return dumpJson(root);
}

const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
const encoder = new TextEncoder();

/** The bytes of the file: the UTF-8 BOM NanaBox requires, then the canonical text. */
export function encodeSevenB(file: SevenBFile): Uint8Array {
  const body = encoder.encode(formatSevenB(file));
  const bytes = new Uint8Array(BOM.length + body.length);
  bytes.set(BOM, 0);
  bytes.set(body, BOM.length);
  return bytes;
}

function writeConfig(config: VmConfig): OutObject {
  const out = writeObject(VM_CONFIG_SPEC, config as unknown as Record<string, unknown>);
  out.set('Type', 'VirtualMachine');
  out.set('Version', 1);
  return out;
}

function writeObject(spec: ObjectSpec, model: Record<string, unknown>): OutObject {
  const out: OutObject = new Map();
  for (const [key, field] of Object.entries(spec.fields)) {
    const value = writeField(field, model[key]);
    if (value !== undefined) out.set(key, value);
  }
  addUnknownKeys(out, model.unknownKeys as UnknownKey[] | undefined);
  return out;
}

/** The value to write for a field, or `undefined` when NanaBox leaves it out. */
function writeField(field: Field, value: unknown): Dumpable | undefined {
  switch (field.kind) {
    case 'bool':
    case 'int32':
    case 'enum':
      return field.always === true || value !== field.default ? (value as boolean | number | string) : undefined;
    case 'uint':
      if (value === null) return undefined;
      return field.always === true || value !== field.default ? (value as number) : undefined;
    case 'string':
      return field.always === true || value !== '' ? (value as string) : undefined;
    case 'object': {
      const inner = writeObject(field.spec, value as Record<string, unknown>);
      return field.always === true || inner.size > 0 ? inner : undefined;
    }
    case 'string-list': {
      const items = value as string[];
      return items.length > 0 ? items : undefined;
    }
    case 'object-list': {
      const items = value as Record<string, unknown>[];
      return items.length > 0 ? items.map((item) => writeObject(field.spec, item)) : undefined;
    }
    case 'gpu-devices':
      return writeGpuDevices(value as GpuDevice[]);
  }
}

/** Sorted by path, one entry per path; GPU-PV entries as bare strings, as NanaBox writes them. */
function writeGpuDevices(devices: GpuDevice[]): Dumpable[] | undefined {
  if (devices.length === 0) return undefined;
  const byPath = new Map(devices.map((device) => [device.DeviceInterface, device]));
  return [...byPath.keys()].sort(compareKeys).map((path) => {
    const device = byPath.get(path)!;
    const unknownKeys = device.unknownKeys ?? [];
    // An object with keys of its own stays an object, so those keys are not lost.
    if (device.PartitionId === GPU_PV_PARTITION_ID && unknownKeys.length === 0) return path;
    const out: OutObject = new Map<string, Dumpable>([
      ['DeviceInterface', path],
      ['PartitionId', device.PartitionId],
    ]);
    addUnknownKeys(out, unknownKeys);
    return out;
  });
}

function addUnknownKeys(out: OutObject, unknownKeys: readonly UnknownKey[] | undefined): void {
  for (const { key, json } of unknownKeys ?? []) {
    // A known key always wins, so an edit in the UI cannot be shadowed by a stale copy.
    if (!out.has(key)) out.set(key, new RawJson(json));
  }
}
