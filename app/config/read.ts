/**
 * Reads a `.7b` file the way NanaBox does (reference/nanabox.md §2, §9), and says everything NanaBox
 * keeps quiet about: each fallback, drop and normalisation becomes a finding with a JSON Pointer.
 */
import { type Finding, type FindingCode, type FindingParams, type Severity } from './findings.js';
import { canonicalJson, compareKeys, describeJson } from './json-dump.js';
import { childPointer } from './json-pointer.js';
import { JsonNumber, JsonSyntaxError, isJsonObject, parseJson, type JsonObject, type JsonValue } from './json.js';
import {
  GPU_PV_PARTITION_ID,
  POLICY_FEATURE_BITS,
  SCSI_DEVICE_TYPES,
  type Gpu,
  type GpuDevice,
  type SevenBFile,
  type UnknownKey,
  type VmConfig,
} from './model.js';
import {
  GPU_SPEC,
  VM_CONFIG_SPEC,
  defaultObject,
  defaultValue,
  fieldsOf,
  type DropRule,
  type EnumField,
  type Field,
  type ObjectSpec,
  type StringListRule,
  type UintField,
} from './spec.js';

export interface ReadOptions {
  /**
   * Read a file that lacks only the UTF-8 BOM, with a warning. NanaBox refuses such a file, so the
   * CLI's check never sets this; the app may, and then saves the file with the BOM.
   */
  readonly allowMissingBom?: boolean;
}

export interface ReadResult {
  /** Whether NanaBox would open the file (no error finding). */
  readonly accepted: boolean;
  /** The effective configuration; `null` when the file is refused. */
  readonly file: SevenBFile | null;
  readonly findings: Finding[];
}

const BOM = [0xef, 0xbb, 0xbf] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** Reads a `.7b` file from its bytes. Never throws on bad input: problems come back as findings. */
/** Hako's limit on a `.7b` file's size: NanaBox files are a few kB; anything near this is not one. */
export const MAX_SEVEN_B_BYTES = 4 * 1024 * 1024;

/** What reading says of a file over {@link MAX_SEVEN_B_BYTES}, decided from its size before any byte is read. */
export function tooLargeResult(size: number): ReadResult {
  return { accepted: false, file: null, findings: [{ severity: 'error', code: 'file.too-large', path: '', params: { size, limit: MAX_SEVEN_B_BYTES }, lossy: false }] };
}

export function readSevenB(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const findings: Finding[] = [];
  const refuse = (code: FindingCode, path: string, params: FindingParams = {}): ReadResult => ({
    accepted: false,
    file: null,
    findings: [...findings, { severity: 'error', code, path, params, lossy: false }],
  });

  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return refuse('file.utf16', '', { encoding: bytes[0] === 0xff ? 'UTF-16 LE' : 'UTF-16 BE' });
  }
  let start = 3;
  if (!hasUtf8Bom(bytes)) {
    if (!options.allowMissingBom) return refuse('file.bom-missing', '');
    findings.push({ severity: 'warning', code: 'file.bom-added', path: '', params: {}, lossy: false });
    start = 0;
  } else if (bytes.length === 3) {
    return refuse('file.empty', '');
  }

  let text: string;
  try {
    text = utf8.decode(bytes.subarray(start));
  } catch {
    return refuse('file.utf8-invalid', '', { offset: start + firstInvalidUtf8(bytes.subarray(start)) });
  }

  let root: JsonValue;
  try {
    const parsed = parseJson(text);
    root = parsed.value;
    for (const duplicate of parsed.duplicates) {
      findings.push({ severity: 'warning', code: 'json.duplicate-key', path: duplicate.path, params: {}, lossy: true });
    }
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const found = error.offset < text.length ? JSON.stringify(String.fromCodePoint(text.codePointAt(error.offset) ?? 0)) : 'end of input';
    return refuse('json.syntax', '', { line: error.line, column: error.column, message: error.message, found });
  }

  if (!isJsonObject(root)) return refuse('config.not-object', '', { found: describeJson(root) });
  const nanaBox = root.get('NanaBox');
  if (nanaBox !== undefined && !isJsonObject(nanaBox)) {
    return refuse('config.not-object', '/NanaBox', { found: describeJson(nanaBox) });
  }
  const body: JsonObject = nanaBox ?? new Map();
  const type = body.get('Type');
  if (type !== 'VirtualMachine') return refuse('config.type-invalid', '/NanaBox/Type', { found: describeJson(type) });

  const reader = new Reader();
  const version = reader.readUint({ kind: 'uint', bits: 32, default: 0 }, body.get('Version'), '/NanaBox/Version');
  const config = reader.readObject(VM_CONFIG_SPEC, body, '/NanaBox') as unknown as VmConfig;
  // NanaBox checks these after reading everything, in this order (§9 item 7).
  if (version !== 1) return refuse('config.version-invalid', '/NanaBox/Version', { found: describeJson(body.get('Version')) });
  if (config.ProcessorCount === 0) {
    return refuse('config.processor-count-invalid', '/NanaBox/ProcessorCount', { found: describeJson(body.get('ProcessorCount')) });
  }
  if (config.MemorySize === 0) {
    return refuse('config.memory-size-invalid', '/NanaBox/MemorySize', { found: describeJson(body.get('MemorySize')) });
  }
  if (config.Name === '') reader.report('warning', 'name.empty', '/NanaBox/Name', {}, false);

  const rootUnknownKeys = reader.unknownKeys(root, new Set(['NanaBox']), '');
  findings.push(...reader.findings);
  return { accepted: true, file: { config, rootUnknownKeys }, findings };
}

/** Byte offset of the first ill-formed UTF-8 sequence (only called once decoding has failed). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

/** A value NanaBox takes as it is (or an absent key with a plain default), so no finding can arise. */
function isPlainHit(field: Field, value: JsonValue | undefined): boolean {
  if (value === undefined) return field.kind !== 'object' && (field.kind !== 'uint' || field.default !== null);
  switch (field.kind) {
    case 'bool':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'enum':
      return typeof value === 'string' && field.values.includes(value);
    case 'uint':
      return value instanceof JsonNumber && value.kind === 'unsigned' && value.text.length <= 9 && Number(value.text) < 2 ** field.bits;
    default:
      return false;
  }
}

function toPlain(value: JsonValue): unknown {
  return value instanceof JsonNumber ? Number(value.text) : value;
}

interface SpecShape {
  readonly entries: readonly (readonly [string, Field])[];
  readonly known: ReadonlySet<string>;
}
const shapes = new WeakMap<ObjectSpec, SpecShape>();

function shapeOf(spec: ObjectSpec): SpecShape {
  let shape = shapes.get(spec);
  if (shape === undefined) {
    shape = { entries: fieldsOf(spec), known: new Set([...Object.keys(spec.fields), ...(spec.reserved ?? [])]) };
    shapes.set(spec, shape);
  }
  return shape;
}

function hasUnknown(object: JsonObject, known: ReadonlySet<string>): boolean {
  for (const key of object.keys()) if (!known.has(key)) return true;
  return false;
}

class Reader {
  readonly findings: Finding[] = [];

  report(severity: Severity, code: FindingCode, path: string, params: FindingParams, lossy: boolean): void {
    this.findings.push({ severity, code, path, params, lossy });
  }

  private wrongType(path: string, expected: string, found: JsonValue, used: unknown): void {
    this.report('warning', 'value.wrong-type', path, { expected, found: describeJson(found), used: JSON.stringify(used) }, true);
  }

  readObject(spec: ObjectSpec, object: JsonObject, path: string): Record<string, unknown> {
    const model: Record<string, unknown> = {};
    const { entries, known } = shapeOf(spec);
    for (const [key, field] of entries) {
      const value = object.get(key);
      // The common, well-formed cases are settled here, without building a JSON Pointer that only a
      // finding would need.
      model[key] = isPlainHit(field, value) ? (value === undefined ? defaultValue(field) : toPlain(value)) : this.readField(field, value, childPointer(path, key));
    }
    const unknownKeys = hasUnknown(object, known) ? this.unknownKeys(object, known, path) : [];
    if (unknownKeys.length > 0) model.unknownKeys = unknownKeys;
    if (spec === GPU_SPEC) this.applyGpuModeRules(model as unknown as Gpu, path);
    return model;
  }

  unknownKeys(object: JsonObject, known: ReadonlySet<string>, path: string): UnknownKey[] {
    const unknown: UnknownKey[] = [];
    for (const [key, value] of object) {
      if (known.has(key)) continue;
      unknown.push({ key, json: canonicalJson(value) });
      const suggestion = [...known].find((candidate) => candidate.toLowerCase() === key.toLowerCase());
      const keyPath = childPointer(path, key);
      if (suggestion !== undefined) this.report('warning', 'key.unknown', keyPath, { key, suggestion }, false);
      else this.report('info', 'key.unknown', keyPath, { key }, false);
    }
    return unknown.sort((a, b) => compareKeys(a.key, b.key));
  }

  private readField(field: Field, value: JsonValue | undefined, path: string): unknown {
    if (value === undefined && field.kind !== 'uint') return defaultValue(field);
    switch (field.kind) {
      case 'bool':
        if (typeof value === 'boolean') return value;
        this.wrongType(path, 'true or false', value!, field.default);
        return field.default;
      case 'uint':
        return this.readUint(field, value, path);
      case 'int32':
        return this.readInt32(field.default, value!, path);
      case 'string':
        if (typeof value === 'string') return value;
        this.wrongType(path, 'a string', value!, '');
        return '';
      case 'enum':
        return this.readEnum(field, value!, path);
      case 'object':
        if (isJsonObject(value)) return this.readObject(field.spec, value, path);
        this.wrongType(path, 'an object', value!, {});
        return defaultObject(field.spec);
      case 'string-list':
        return this.readStringList(field.rule, value!, path);
      case 'object-list':
        return this.readObjectList(field.spec, field.nonObject, field.drop, value!, path);
      case 'gpu-devices':
        return this.readGpuDevices(value!, path);
    }
  }

  /** NanaBox reads unsigned fields as uint64 (non-negative integers only) and casts them down. */
  readUint(field: UintField, value: JsonValue | undefined, path: string): number | null {
    if (value instanceof JsonNumber && value.kind === 'unsigned') {
      // Most values are small: only reach for BigInt when the literal could exceed the field.
      if (value.text.length <= 9) {
        const small = Number(value.text);
        if (small < 2 ** field.bits) return small;
      }
      const exact = value.integer!;
      const cast = Number(BigInt.asUintN(field.bits, exact));
      if (BigInt(cast) !== exact) this.report('warning', 'value.truncated', path, { found: value.text, bits: field.bits, used: cast }, true);
      return cast;
    }
    if (field.default === null) {
      // Plan 9 Port: NanaBox has no fallback at all (its value is undefined); Hako leaves it unset.
      this.report('warning', 'plan9.port-missing', path, { found: describeJson(value) }, value !== undefined);
      return null;
    }
    if (value !== undefined) this.wrongType(path, 'a non-negative integer', value, field.default);
    return field.default;
  }

  /** Hotkeys: any JSON integer, reduced to its low 32 bits as a signed value. */
  private readInt32(fallback: number, value: JsonValue, path: string): number {
    if (value instanceof JsonNumber && value.kind !== 'float') {
      const exact = value.integer!;
      // Casting to int64 and then to int32 keeps the low 32 bits either way.
      const cast = Number(BigInt.asIntN(32, exact));
      if (BigInt(cast) !== exact) this.report('warning', 'value.truncated', path, { found: value.text, bits: 32, used: cast }, true);
      return cast;
    }
    this.wrongType(path, 'an integer', value, fallback);
    return fallback;
  }

  /** Enumerations compare with strcmp, so they are case-sensitive and stop at an embedded NUL. */
  private readEnum(field: EnumField, value: JsonValue, path: string): string {
    if (typeof value !== 'string') {
      this.wrongType(path, `one of ${field.values.map((v) => JSON.stringify(v)).join(', ')}`, value, field.default);
      return field.default;
    }
    const nul = value.indexOf('\0');
    const compared = nul === -1 ? value : value.slice(0, nul);
    if (field.values.includes(compared)) {
      if (compared !== value) this.report('warning', 'value.normalised', path, { found: describeJson(value), used: JSON.stringify(compared) }, true);
      return compared;
    }
    this.report(
      'warning',
      'value.enum-unknown',
      path,
      { allowed: field.values.map((v) => JSON.stringify(v)).join(', '), found: describeJson(value), used: JSON.stringify(field.default) },
      true,
    );
    return field.default;
  }

  private readStringList(rule: StringListRule, value: JsonValue, path: string): string[] {
    if (!Array.isArray(value)) {
      this.wrongType(path, 'an array of strings', value, []);
      return [];
    }
    const out: string[] = [];
    value.forEach((item, index) => {
      const itemPath = childPointer(path, index);
      const text = typeof item === 'string' ? item : '';
      if (rule === 'drive-letter') {
        // NanaBox keeps the first byte, upper-cased with C-locale rules, and only A–Z.
        const letter = text.charAt(0).replace(/[a-z]/, (c) => c.toUpperCase());
        if (!/^[A-Z]$/.test(letter)) {
          this.report('warning', 'list.item-dropped', itemPath, { expected: 'a drive letter A–Z', found: describeJson(item) }, true);
          return;
        }
        if (letter !== text) this.report('warning', 'value.normalised', itemPath, { found: describeJson(item), used: JSON.stringify(letter) }, true);
        out.push(letter);
        return;
      }
      if (text === '') {
        this.report('warning', 'list.item-dropped', itemPath, { expected: 'a non-empty string', found: describeJson(item) }, true);
        return;
      }
      if (rule === 'policy' && !Object.hasOwn(POLICY_FEATURE_BITS, text)) {
        this.report('info', 'policy.unknown', itemPath, { name: text }, false);
      }
      out.push(text);
    });
    return out;
  }

  private readObjectList(
    spec: ObjectSpec,
    nonObject: 'default-entry' | 'empty-entry',
    drop: DropRule | undefined,
    value: JsonValue,
    path: string,
  ): Record<string, unknown>[] {
    if (!Array.isArray(value)) {
      this.wrongType(path, 'an array of objects', value, []);
      return [];
    }
    const out: Record<string, unknown>[] = [];
    value.forEach((item, index) => {
      const itemPath = childPointer(path, index);
      if (!isJsonObject(item) && nonObject === 'default-entry') {
        this.report('warning', 'adapter.not-object', itemPath, { found: describeJson(item) }, true);
        out.push(defaultObject(spec));
        return;
      }
      const object: JsonObject = isJsonObject(item) ? item : new Map();
      const dropped = drop === undefined ? null : whyDropped(drop, object);
      if (dropped !== null) {
        const params = dropped.code === 'scsi.dropped' ? { ...dropped.params, found: describeJson(isJsonObject(item) ? item.get('Type') : item) } : dropped.params;
        this.report('warning', dropped.code, itemPath, params, true);
        return;
      }
      out.push(this.readObject(spec, object, itemPath));
    });
    return out;
  }

  private readGpuDevices(value: JsonValue, path: string): GpuDevice[] {
    if (!Array.isArray(value)) {
      this.wrongType(path, 'an array of device paths', value, []);
      return [];
    }
    // NanaBox keeps them in a std::map keyed by path: sorted, and the last duplicate wins.
    const byPath = new Map<string, GpuDevice>();
    const order: string[] = [];
    value.forEach((item, index) => {
      const itemPath = childPointer(path, index);
      let device: GpuDevice | null = null;
      if (typeof item === 'string' && item !== '') {
        device = { DeviceInterface: item, PartitionId: GPU_PV_PARTITION_ID };
      } else if (isJsonObject(item)) {
        const deviceInterface = item.get('DeviceInterface');
        if (typeof deviceInterface === 'string' && deviceInterface !== '') {
          const partition = item.get('PartitionId');
          const partitionId =
            partition === undefined ? 0 : (this.readUint({ kind: 'uint', bits: 16, default: 0 }, partition, childPointer(itemPath, 'PartitionId')) ?? 0);
          device = { DeviceInterface: deviceInterface, PartitionId: partitionId };
          const unknownKeys = this.unknownKeys(item, new Set(['DeviceInterface', 'PartitionId']), itemPath);
          if (unknownKeys.length > 0) device.unknownKeys = unknownKeys;
        }
      }
      if (device === null) {
        this.report('warning', 'gpu.device-dropped', itemPath, { found: describeJson(item) }, true);
        return;
      }
      if (byPath.has(device.DeviceInterface)) {
        this.report('warning', 'gpu.device-duplicate', itemPath, { device: device.DeviceInterface }, true);
      }
      byPath.set(device.DeviceInterface, device);
      order.push(device.DeviceInterface);
    });
    const sorted = [...byPath.keys()].sort(compareKeys);
    const unique = [...new Set(order)];
    if (unique.some((p, i) => p !== sorted[i])) this.report('info', 'gpu.devices-sorted', path, {}, false);
    return sorted.map((p) => byPath.get(p)!);
  }

  private applyGpuModeRules(gpu: Gpu, path: string): void {
    if (gpu.AssignmentMode !== 'List' && gpu.SelectedDevices.length > 0) {
      this.report('warning', 'gpu.devices-cleared', childPointer(path, 'SelectedDevices'), { mode: gpu.AssignmentMode }, true);
      gpu.SelectedDevices = [];
    } else if (gpu.AssignmentMode === 'List' && gpu.SelectedDevices.length === 0) {
      this.report('warning', 'gpu.list-empty', childPointer(path, 'AssignmentMode'), {}, true);
      gpu.AssignmentMode = 'Disabled';
    }
  }
}

/** NanaBox's drop rules, checked in its order: a SCSI Type first, then the Path; shares need both Path and Name. */
function whyDropped(rule: DropRule, item: JsonObject): { code: FindingCode; params: FindingParams } | null {
  const text = (key: string): string => {
    const value = item.get(key);
    return typeof value === 'string' ? value : '';
  };
  if (rule === 'scsi') {
    const type = text('Type');
    const compared = type.includes('\0') ? type.slice(0, type.indexOf('\0')) : type;
    if (!(SCSI_DEVICE_TYPES as readonly string[]).includes(compared)) return { code: 'scsi.dropped', params: { reason: 'type' } };
    if (text('Path') === '' && compared !== 'VirtualImage') return { code: 'scsi.dropped', params: { reason: 'path' } };
    return null;
  }
  const missing = [text('Path') === '' ? 'Path' : null, text('Name') === '' ? 'Name' : null].filter((k) => k !== null);
  return missing.length === 0 ? null : { code: 'share.dropped', params: { missing: missing.join(' and ') } };
}
