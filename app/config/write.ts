/**
 * Writes a `.7b` file exactly as NanaBox does (reference/nanabox.md §2.4), plus the keys NanaBox does
 * not read (§10): a file without unknown keys comes out byte-identical to NanaBox's.
 */
import { RawJson, SortedObject, compareKeys, dumpJson, type Dumpable } from './json-dump.js';
import { GPU_PV_PARTITION_ID, type GpuDevice, type SevenBFile, type UnknownKey, type VmConfig } from './model.js';
import { VM_CONFIG_SPEC, type Field, type ObjectSpec } from './spec.js';

type Entry = [string, Dumpable];

/** The canonical text, without the BOM (what `hako config print` shows). */
export function formatSevenB(file: SevenBFile): string {
  return dumpJson(withUnknownKeys([['NanaBox', writeConfig(file.config)]], file.rootUnknownKeys));
}

const encoder = new TextEncoder();

/** The bytes of the file: the UTF-8 BOM NanaBox requires (U+FEFF encodes as EF BB BF), then the canonical text. */
export function encodeSevenB(file: SevenBFile): Uint8Array {
  return encoder.encode('\uFEFF' + formatSevenB(file));
}

/** `Type` and `Version` are constants NanaBox always writes; they join the spec's keys in sorted order. */
const CONSTANT_KEYS: Readonly<Record<string, Dumpable>> = { Type: 'VirtualMachine', Version: 1 };

function writeConfig(config: VmConfig): SortedObject {
  return writeObject(VM_CONFIG_SPEC, config as unknown as Record<string, unknown>, CONSTANT_KEYS);
}

const sortedFields = new WeakMap<ObjectSpec, readonly (readonly [string, Field | null])[]>();

/** The spec's keys (and any constant keys) in the order NanaBox writes them, computed once per spec. */
function fieldsInOrder(spec: ObjectSpec, constants: Readonly<Record<string, Dumpable>>): readonly (readonly [string, Field | null])[] {
  let order = sortedFields.get(spec);
  if (order === undefined) {
    const all: [string, Field | null][] = [...Object.entries(spec.fields), ...Object.keys(constants).map((key): [string, null] => [key, null])];
    order = all.sort((a, b) => compareKeys(a[0], b[0]));
    sortedFields.set(spec, order);
  }
  return order;
}

function writeObject(spec: ObjectSpec, model: Record<string, unknown>, constants: Readonly<Record<string, Dumpable>> = {}): SortedObject {
  const entries: Entry[] = [];
  for (const [key, field] of fieldsInOrder(spec, constants)) {
    const value = field === null ? constants[key] : writeField(field, model[key]);
    if (value !== undefined) entries.push([key, value]);
  }
  return withUnknownKeys(entries, model.unknownKeys as UnknownKey[] | undefined);
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
      return field.always === true || inner.entries.length > 0 ? inner : undefined;
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
    return withUnknownKeys(
      [
        ['DeviceInterface', path],
        ['PartitionId', device.PartitionId],
      ],
      unknownKeys,
    );
  });
}

/** Merges the unknown keys into sorted entries. */
function withUnknownKeys(entries: Entry[], unknownKeys: readonly UnknownKey[] | undefined): SortedObject {
  if (unknownKeys === undefined || unknownKeys.length === 0) return new SortedObject(entries);
  const known = new Set(entries.map(([key]) => key));
  for (const { key, json } of unknownKeys) {
    // A known key always wins, so an edit in the UI cannot be shadowed by a stale copy.
    if (!known.has(key)) entries.push([key, new RawJson(json)]);
  }
  return new SortedObject(entries.sort((a, b) => compareKeys(a[0], b[0])));
}
