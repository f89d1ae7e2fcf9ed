// The round-trip tests' independent model of NanaBox's `.7b` rules (reference/nanabox.md §2, §9, §10):
// its own key table (not imported from spec.ts) and the oracle of what Hako must write for an input.
import { byCodePoint, get, isArr, isObj, jarr, jbool, jnum, jobj, jstr, type J, type JObj, type Seg } from './json-model.js';

// ---------------------------------------------------------------------------------------------
// The `.7b` keys, transcribed from reference/nanabox.md §2.2 (not imported from spec.ts).

export type Field =
  | { readonly k: 'bool'; readonly d: boolean; readonly always?: boolean }
  | { readonly k: 'uint'; readonly bits: 16 | 32; readonly d: number | null; readonly always?: boolean }
  | { readonly k: 'int32'; readonly d: number }
  | { readonly k: 'str'; readonly always?: boolean }
  | { readonly k: 'enum'; readonly values: readonly string[]; readonly d: string; readonly always?: boolean }
  | { readonly k: 'obj'; readonly table: Table; readonly always?: boolean }
  | { readonly k: 'strlist'; readonly rule: 'policy' | 'drive' | 'plain' }
  | { readonly k: 'objlist'; readonly table: Table; readonly nonObject: 'default' | 'empty'; readonly drop?: 'scsi' | 'share' }
  | { readonly k: 'gpu' };
export type Table = Readonly<Record<string, Field>>;

export const B = (d: boolean): Field => ({ k: 'bool', d });
export const S: Field = { k: 'str' };
export const HK = (d: number): Field => ({ k: 'int32', d });
export const SCSI_TYPES = ['VirtualDisk', 'VirtualImage', 'PhysicalDevice'];
export const POLICIES = [
  'LegacyPcrMeasurement',
  'DisableSha384Pcr',
  'LegacyRteWidth',
  'LegacyTrustedLaunchMemoryMap',
  'LegacyApicSelectionLogic',
  'LegacyApicManganeseOverride',
  'LegacyGpaLayout',
  'ForceLegacyHcl',
  'ForceCurrentHcl',
  'UseExtendedMaxVpPerSocketLimit',
];

export const COM_PORTS: Table = { UefiConsole: { k: 'enum', values: ['Disabled', 'Default', 'ComPort1', 'ComPort2'], d: 'Disabled', always: true }, ComPort1: S, ComPort2: S };
export const GPU_MODES = ['Disabled', 'Default', 'List', 'Mirror'];
export const GPU: Table = {
  AssignmentMode: { k: 'enum', values: GPU_MODES, d: 'Disabled', always: true },
  EnableHostDriverStore: B(false),
  SelectedDevices: { k: 'gpu' },
};
export const ADAPTER: Table = {
  Connected: { k: 'bool', d: false, always: true },
  MacAddress: S,
  EndpointId: S,
  SuggestedSwitchId: S,
  SuggestedSwitchName: S,
  SuggestedSwitchSubnet: S,
};
export const SCSI: Table = { Type: { k: 'enum', values: SCSI_TYPES, d: '', always: true }, Path: S };
export const KEYBOARD: Table = {
  RedirectKeyCombinations: B(true),
  FullScreenHotkey: HK(3),
  CtrlEscHotkey: HK(36),
  AltEscHotkey: HK(45),
  AltTabHotkey: HK(33),
  AltShiftTabHotkey: HK(34),
  AltSpaceHotkey: HK(46),
  CtrlAltDelHotkey: HK(35),
  FocusReleaseLeftHotkey: HK(37),
  FocusReleaseRightHotkey: HK(39),
};
export const ENHANCED_SESSION: Table = {
  RedirectAudio: B(true),
  RedirectAudioCapture: B(false),
  RedirectDrives: B(false),
  RedirectPrinters: B(false),
  RedirectPorts: B(false),
  RedirectSmartCards: B(false),
  RedirectClipboard: B(true),
  RedirectDevices: B(false),
  RedirectPOSDevices: B(false),
  RedirectDynamicDrives: B(false),
  RedirectDynamicDevices: B(false),
  Drives: { k: 'strlist', rule: 'drive' },
  Devices: { k: 'strlist', rule: 'plain' },
};
export const CHIPSET: Table = Object.fromEntries(
  ['BaseBoardSerialNumber', 'ChassisSerialNumber', 'ChassisAssetTag', 'Manufacturer', 'ProductName', 'Version', 'SerialNumber', 'UUID', 'SKUNumber', 'Family'].map((k) => [k, S]),
);
export const VIDEO: Table = {
  HorizontalResolution: { k: 'uint', bits: 16, d: 1024 },
  VerticalResolution: { k: 'uint', bits: 16, d: 768 },
  DisableBasicSessionDpiScaling: B(false),
};
export const PLAN9: Table = { ReadOnly: B(false), Port: { k: 'uint', bits: 32, d: null, always: true }, Path: S, Name: S };
export const SMB: Table = { ReadOnly: B(false), Path: S, Name: S };
export const HAKO: Table = { SecureBootTemplate: { k: 'enum', values: ['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority'], d: 'MicrosoftWindows' } };
export const NANABOX: Table = {
  GuestType: { k: 'enum', values: ['Windows', 'Linux', 'Unknown'], d: 'Unknown', always: true },
  Name: { k: 'str', always: true },
  ProcessorCount: { k: 'uint', bits: 32, d: 0, always: true },
  MemorySize: { k: 'uint', bits: 32, d: 0, always: true },
  ComPorts: { k: 'obj', table: COM_PORTS, always: true },
  Gpu: { k: 'obj', table: GPU, always: true },
  NetworkAdapters: { k: 'objlist', table: ADAPTER, nonObject: 'default' },
  ScsiDevices: { k: 'objlist', table: SCSI, nonObject: 'empty', drop: 'scsi' },
  SecureBoot: B(false),
  Tpm: B(false),
  GuestStateFile: S,
  RuntimeStateFile: S,
  SaveStateFile: S,
  ExposeVirtualizationExtensions: B(false),
  Keyboard: { k: 'obj', table: KEYBOARD },
  EnhancedSession: { k: 'obj', table: ENHANCED_SESSION },
  ChipsetInformation: { k: 'obj', table: CHIPSET },
  VideoMonitor: { k: 'obj', table: VIDEO },
  Policies: { k: 'strlist', rule: 'policy' },
  Plan9Shares: { k: 'objlist', table: PLAN9, nonObject: 'empty', drop: 'share' },
  VirtualSmbShares: { k: 'objlist', table: SMB, nonObject: 'empty', drop: 'share' },
  Hako: { k: 'obj', table: HAKO },
};
export const NANABOX_RESERVED = ['Type', 'Version'];
export const GPU_DEVICE_KEYS = ['DeviceInterface', 'PartitionId'];

// ---------------------------------------------------------------------------------------------
// The oracle: what NanaBox reads (§2.2, §9) and what the file must look like afterwards (§2.4, §10).

export const UINT64_MAX = 2n ** 64n - 1n;
export const INT64_MIN = -(2n ** 63n);

export function readUint(v: J | undefined, bits: number): bigint | null {
  if (v?.t !== 'num' || !/^(?:0|[1-9][0-9]*)$/.test(v.text)) return null;
  const exact = BigInt(v.text);
  return exact > UINT64_MAX ? null : BigInt.asUintN(bits, exact);
}
export function readInt32(v: J | undefined): bigint | null {
  if (v?.t !== 'num' || !/^-?(?:0|[1-9][0-9]*)$/.test(v.text)) return null;
  const exact = BigInt(v.text);
  if (v.text.startsWith('-') ? exact < INT64_MIN : exact > UINT64_MAX) return null;
  return BigInt.asIntN(32, exact);
}
/** strcmp: case-sensitive and stops at an embedded NUL. */
export function readEnum(v: J | undefined, values: readonly string[], d: string): string {
  if (v?.t !== 'str') return d;
  const cut = v.v.includes('\0') ? v.v.slice(0, v.v.indexOf('\0')) : v.v;
  return values.includes(cut) ? cut : d;
}
export const readStr = (v: J | undefined): string => (v?.t === 'str' ? v.v : '');

export function kept(drop: 'scsi' | 'share' | undefined, item: JObj): boolean {
  if (drop === 'scsi') {
    const type = readEnum(get(item, 'Type'), SCSI_TYPES, '');
    return type !== '' && (type === 'VirtualImage' || readStr(get(item, 'Path')) !== '');
  }
  if (drop === 'share') return readStr(get(item, 'Path')) !== '' && readStr(get(item, 'Name')) !== '';
  return true;
}

export interface Device {
  readonly path: string;
  readonly partition: bigint;
  readonly unknown: (readonly [string, J])[];
  /** Index in the input list. */
  readonly index: number;
}
/** GPU devices NanaBox keeps: the last entry per path, sorted by path. */
export function gpuDevices(list: J | undefined): Device[] {
  if (!isArr(list)) return [];
  const byPath = new Map<string, Device>();
  list.items.forEach((item, index) => {
    if (item.t === 'str' && item.v !== '') byPath.set(item.v, { path: item.v, partition: 0xffffn, unknown: [], index });
    if (isObj(item)) {
      const path = readStr(get(item, 'DeviceInterface'));
      if (path === '') return;
      const partition = readUint(get(item, 'PartitionId'), 16) ?? 0n;
      byPath.set(path, { path, partition, unknown: item.entries.filter(([k]) => !GPU_DEVICE_KEYS.includes(k)), index });
    }
  });
  return [...byPath.values()].sort((a, b) => byCodePoint(a.path, b.path));
}
export const gpuMode = (gpu: J | undefined): string => (isObj(gpu) ? readEnum(get(gpu, 'AssignmentMode'), GPU_MODES, 'Disabled') : 'Disabled');

/** The value written for one field, or undefined when it is left out. */
export function expectField(field: Field, v: J | undefined, parent: JObj | null): J | undefined {
  switch (field.k) {
    case 'bool': {
      const value = v?.t === 'bool' ? v.v : field.d;
      return field.always || value !== field.d ? jbool(value) : undefined;
    }
    case 'uint': {
      const value = readUint(v, field.bits) ?? (field.d === null ? null : BigInt(field.d));
      if (value === null) return undefined;
      return field.always || value !== BigInt(field.d ?? -1) ? jnum(String(value)) : undefined;
    }
    case 'int32': {
      const value = readInt32(v) ?? BigInt(field.d);
      return value !== BigInt(field.d) ? jnum(String(value)) : undefined;
    }
    case 'str': {
      const value = readStr(v);
      return field.always || value !== '' ? jstr(value) : undefined;
    }
    case 'enum': {
      const value = readEnum(v, field.values, field.d);
      return field.always || value !== field.d ? jstr(value) : undefined;
    }
    case 'obj': {
      const out = expectObject(field.table, isObj(v) ? v : jobj([]), []);
      return field.always || out.entries.length > 0 ? out : undefined;
    }
    case 'strlist': {
      if (!isArr(v)) return undefined;
      const out: J[] = [];
      for (const item of v.items) {
        const text = readStr(item);
        if (field.rule === 'drive') {
          const letter = text.charAt(0).replace(/[a-z]/, (c) => c.toUpperCase());
          if (/^[A-Z]$/.test(letter)) out.push(jstr(letter));
        } else if (text !== '') out.push(jstr(text));
      }
      return out.length > 0 ? jarr(out) : undefined;
    }
    case 'objlist': {
      if (!isArr(v)) return undefined;
      const out: J[] = [];
      for (const item of v.items) {
        if (!isObj(item) && field.nonObject === 'default') out.push(expectObject(field.table, jobj([]), []));
        const object = isObj(item) ? item : jobj([]);
        if (isObj(item) || field.nonObject === 'empty') {
          if (kept(field.drop, object)) out.push(expectObject(field.table, object, []));
        }
      }
      return out.length > 0 ? jarr(out) : undefined;
    }
    case 'gpu': {
      if (parent === null || gpuMode(parent) !== 'List') return undefined;
      const devices = gpuDevices(v);
      if (devices.length === 0) return undefined;
      return jarr(
        devices.map((d) =>
          d.partition === 0xffffn && d.unknown.length === 0
            ? jstr(d.path)
            : jobj([['DeviceInterface', jstr(d.path)], ['PartitionId', jnum(String(d.partition))], ...d.unknown]),
        ),
      );
    }
  }
}

export function expectObject(table: Table, input: JObj, reserved: readonly string[]): JObj {
  const out: [string, J][] = [];
  for (const [key, field] of Object.entries(table)) {
    let value = expectField(field, get(input, key), input);
    // "List" with no device left: NanaBox falls back to Disabled.
    if (table === GPU && key === 'AssignmentMode' && gpuMode(input) === 'List' && gpuDevices(get(input, 'SelectedDevices')).length === 0) value = jstr('Disabled');
    if (value !== undefined) out.push([key, value]);
  }
  for (const [key, value] of input.entries) if (!Object.hasOwn(table, key) && !reserved.includes(key)) out.push([key, value]);
  return jobj(out);
}

/** The whole document Hako must write for an accepted input. */
export function expectedDocument(root: JObj): JObj {
  const body = get(root, 'NanaBox');
  const nanaBox = expectObject(NANABOX, isObj(body) ? body : jobj([]), NANABOX_RESERVED);
  const withFixed = jobj([...nanaBox.entries, ['Type', jstr('VirtualMachine')], ['Version', jnum('1')]]);
  return jobj([['NanaBox', withFixed], ...root.entries.filter(([k]) => k !== 'NanaBox')]);
}

export interface UnknownAt {
  readonly inPath: Seg[];
  readonly value: J;
  /** Where it must appear in the output; null when NanaBox drops the entry holding it. */
  readonly outPath: Seg[] | null;
}

/** Every key NanaBox does not read, at every level Hako keeps such keys. */
export function unknownKeys(root: JObj): UnknownAt[] {
  const found: UnknownAt[] = [];
  const visit = (table: Table, reserved: readonly string[], object: JObj, inPath: Seg[], outPath: Seg[] | null) => {
    for (const [key, value] of object.entries) {
      if (Object.hasOwn(table, key) || reserved.includes(key)) continue;
      found.push({ inPath: [...inPath, key], value, outPath: outPath && [...outPath, key] });
    }
    for (const [key, field] of Object.entries(table)) {
      const value = get(object, key);
      const inChild = [...inPath, key];
      const outChild = outPath && [...outPath, key];
      if (field.k === 'obj' && isObj(value)) visit(field.table, [], value, inChild, outChild);
      if (field.k === 'objlist' && isArr(value)) {
        let outIndex = 0;
        value.items.forEach((item, i) => {
          if (!isObj(item)) {
            if (field.nonObject === 'default') outIndex++;
            return;
          }
          const keep = kept(field.drop, item);
          visit(field.table, [], item, [...inChild, i], keep && outChild ? [...outChild, outIndex] : null);
          if (keep) outIndex++;
        });
      }
      if (field.k === 'gpu' && isArr(value)) {
        const devices = gpuMode(object) === 'List' ? gpuDevices(value) : [];
        value.items.forEach((item, i) => {
          if (!isObj(item)) return;
          const position = devices.findIndex((d) => d.index === i);
          const gpuTable = { DeviceInterface: S, PartitionId: S };
          visit(gpuTable, [], item, [...inChild, i], position >= 0 && outChild ? [...outChild, position] : null);
        });
      }
    }
  };
  for (const [key, value] of root.entries) if (key !== 'NanaBox') found.push({ inPath: [key], value, outPath: [key] });
  const body = get(root, 'NanaBox');
  if (isObj(body)) visit(NANABOX, NANABOX_RESERVED, body, ['NanaBox'], ['NanaBox']);
  return found;
}
