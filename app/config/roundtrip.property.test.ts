// Property tests of the `.7b` reader and writer against an independent model of NanaBox's rules
// (reference/nanabox.md §2, §9, §10). Everything on the "expected" side lives in this file: its own
// key table, its own reading rules, its own JSON parser and a Python `json.dumps` emulation. Only the
// spec-consistency test looks at spec.ts, to notice when the two tables drift apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFinding } from './findings.js';
import { readSevenB, type ReadResult } from './read.js';
import { VM_CONFIG_SPEC, type Field as SpecField, type ObjectSpec } from './spec.js';
import { encodeSevenB, formatSevenB } from './write.js';

// ---------------------------------------------------------------------------------------------
// A JSON tree that keeps number literals as written and object members in order.

type J =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'num'; readonly text: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'arr'; readonly items: readonly J[] }
  | { readonly t: 'obj'; readonly entries: readonly (readonly [string, J])[] };
type JObj = Extract<J, { t: 'obj' }>;
type JArr = Extract<J, { t: 'arr' }>;

const NULL: J = { t: 'null' };
const jbool = (v: boolean): J => ({ t: 'bool', v });
const jnum = (text: string): J => ({ t: 'num', text });
const jstr = (v: string): J => ({ t: 'str', v });
const jarr = (items: readonly J[]): J => ({ t: 'arr', items });
/** One member per key, the last one winning (the generators never rely on duplicates: see `serialise`). */
function jobj(entries: readonly (readonly [string, J])[]): JObj {
  const last = new Map<string, J>();
  for (const [key, value] of entries) {
    last.delete(key);
    last.set(key, value);
  }
  return { t: 'obj', entries: [...last] };
}
const isObj = (v: J | undefined): v is JObj => v?.t === 'obj';
const isArr = (v: J | undefined): v is JArr => v?.t === 'arr';
const get = (o: JObj, key: string): J | undefined => o.entries.find(([k]) => k === key)?.[1];

/** Code-point order, computed on UTF-8 bytes (Python's `sorted` on str, nlohmann's std::map). */
const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function jsonEqual(a: J, b: J): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'null':
      return true;
    case 'bool':
      return a.v === (b as typeof a).v;
    case 'num':
      return a.text === (b as typeof a).text;
    case 'str':
      return a.v === (b as typeof a).v;
    case 'arr': {
      const other = b as typeof a;
      return a.items.length === other.items.length && a.items.every((item, i) => jsonEqual(item, other.items[i]!));
    }
    case 'obj': {
      const other = b as typeof a;
      if (a.entries.length !== other.entries.length) return false;
      return a.entries.every(([key, value]) => {
        const match = get(other, key);
        return match !== undefined && jsonEqual(value, match);
      });
    }
  }
}

/** A small strict JSON parser for Hako's output (which must be valid JSON). */
function parseStrict(text: string): J {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`output is not JSON at ${i}: ${what}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') fail('expected a string');
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return fail('unterminated string');
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail('raw control character');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === 'u') {
        const hex = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
      } else fail('bad escape');
    }
  };
  const value = (): J => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, J][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'obj', entries };
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        entries.push([key, value()]);
        ws();
        const d = text[i++];
        if (d === '}') return { t: 'obj', entries };
        if (d !== ',') fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: J[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return jarr(items);
      }
      for (;;) {
        items.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return jarr(items);
        if (d !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '"') return jstr(str());
    for (const [word, v] of [['true', jbool(true)], ['false', jbool(false)], ['null', NULL]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const match = m.exec(text);
    if (match === null) return fail('expected a value');
    i += match[0].length;
    return jnum(match[0]);
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return result;
}

/**
 * Python's `json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)`, written independently of
 * json.ts. Numbers are printed as their literal (Python prints integers the same way).
 */
function pyDumps(value: J, indent = ''): string {
  switch (value.t) {
    case 'null':
      return 'null';
    case 'bool':
      return value.v ? 'true' : 'false';
    case 'num':
      return value.text;
    case 'str':
      return pyString(value.v);
    case 'arr': {
      if (value.items.length === 0) return '[]';
      const inner = indent + '  ';
      return '[\n' + value.items.map((item) => inner + pyDumps(item, inner)).join(',\n') + '\n' + indent + ']';
    }
    case 'obj': {
      if (value.entries.length === 0) return '{}';
      const inner = indent + '  ';
      const sorted = [...value.entries].sort((a, b) => byCodePoint(a[0], b[0]));
      return '{\n' + sorted.map(([k, v]) => inner + pyString(k) + ': ' + pyDumps(v, inner)).join(',\n') + '\n' + indent + '}';
    }
  }
}

/** Python's ESCAPE_DCT: short forms for " \ \b \f \n \r \t, `\u00xx` (lower-case) for other C0 controls. */
function pyString(s: string): string {
  const short: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch in short) out += short[ch];
    else if (code < 0x20) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

type Seg = string | number;
function ptr(path: readonly Seg[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function at(root: J, path: readonly Seg[]): J | undefined {
  let cur: J | undefined = root;
  for (const seg of path) {
    if (isObj(cur) && typeof seg === 'string') cur = get(cur, seg);
    else if (isArr(cur) && typeof seg === 'number') cur = cur.items[seg];
    else return undefined;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// The `.7b` keys, transcribed from reference/nanabox.md §2.2 (not imported from spec.ts).

type Field =
  | { readonly k: 'bool'; readonly d: boolean; readonly always?: boolean }
  | { readonly k: 'uint'; readonly bits: 16 | 32; readonly d: number | null; readonly always?: boolean }
  | { readonly k: 'int32'; readonly d: number }
  | { readonly k: 'str'; readonly always?: boolean }
  | { readonly k: 'enum'; readonly values: readonly string[]; readonly d: string; readonly always?: boolean }
  | { readonly k: 'obj'; readonly table: Table; readonly always?: boolean }
  | { readonly k: 'strlist'; readonly rule: 'policy' | 'drive' | 'plain' }
  | { readonly k: 'objlist'; readonly table: Table; readonly nonObject: 'default' | 'empty'; readonly drop?: 'scsi' | 'share' }
  | { readonly k: 'gpu' };
type Table = Readonly<Record<string, Field>>;

const B = (d: boolean): Field => ({ k: 'bool', d });
const S: Field = { k: 'str' };
const HK = (d: number): Field => ({ k: 'int32', d });
const SCSI_TYPES = ['VirtualDisk', 'VirtualImage', 'PhysicalDevice'];
const POLICIES = [
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

const COM_PORTS: Table = { UefiConsole: { k: 'enum', values: ['Disabled', 'Default', 'ComPort1', 'ComPort2'], d: 'Disabled', always: true }, ComPort1: S, ComPort2: S };
const GPU_MODES = ['Disabled', 'Default', 'List', 'Mirror'];
const GPU: Table = {
  AssignmentMode: { k: 'enum', values: GPU_MODES, d: 'Disabled', always: true },
  EnableHostDriverStore: B(false),
  SelectedDevices: { k: 'gpu' },
};
const ADAPTER: Table = {
  Connected: { k: 'bool', d: false, always: true },
  MacAddress: S,
  EndpointId: S,
  SuggestedSwitchId: S,
  SuggestedSwitchName: S,
  SuggestedSwitchSubnet: S,
};
const SCSI: Table = { Type: { k: 'enum', values: SCSI_TYPES, d: '', always: true }, Path: S };
const KEYBOARD: Table = {
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
const ENHANCED_SESSION: Table = {
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
const CHIPSET: Table = Object.fromEntries(
  ['BaseBoardSerialNumber', 'ChassisSerialNumber', 'ChassisAssetTag', 'Manufacturer', 'ProductName', 'Version', 'SerialNumber', 'UUID', 'SKUNumber', 'Family'].map((k) => [k, S]),
);
const VIDEO: Table = {
  HorizontalResolution: { k: 'uint', bits: 16, d: 1024 },
  VerticalResolution: { k: 'uint', bits: 16, d: 768 },
  DisableBasicSessionDpiScaling: B(false),
};
const PLAN9: Table = { ReadOnly: B(false), Port: { k: 'uint', bits: 32, d: null, always: true }, Path: S, Name: S };
const SMB: Table = { ReadOnly: B(false), Path: S, Name: S };
const HAKO: Table = { SecureBootTemplate: { k: 'enum', values: ['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority'], d: 'MicrosoftWindows' } };
const NANABOX: Table = {
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
const NANABOX_RESERVED = ['Type', 'Version'];
const GPU_DEVICE_KEYS = ['DeviceInterface', 'PartitionId'];

// ---------------------------------------------------------------------------------------------
// The oracle: what NanaBox reads (§2.2, §9) and what the file must look like afterwards (§2.4, §10).

const UINT64_MAX = 2n ** 64n - 1n;
const INT64_MIN = -(2n ** 63n);

function readUint(v: J | undefined, bits: number): bigint | null {
  if (v?.t !== 'num' || !/^(?:0|[1-9][0-9]*)$/.test(v.text)) return null;
  const exact = BigInt(v.text);
  return exact > UINT64_MAX ? null : BigInt.asUintN(bits, exact);
}
function readInt32(v: J | undefined): bigint | null {
  if (v?.t !== 'num' || !/^-?(?:0|[1-9][0-9]*)$/.test(v.text)) return null;
  const exact = BigInt(v.text);
  if (v.text.startsWith('-') ? exact < INT64_MIN : exact > UINT64_MAX) return null;
  return BigInt.asIntN(32, exact);
}
/** strcmp: case-sensitive and stops at an embedded NUL. */
function readEnum(v: J | undefined, values: readonly string[], d: string): string {
  if (v?.t !== 'str') return d;
  const cut = v.v.includes('\0') ? v.v.slice(0, v.v.indexOf('\0')) : v.v;
  return values.includes(cut) ? cut : d;
}
const readStr = (v: J | undefined): string => (v?.t === 'str' ? v.v : '');

function kept(drop: 'scsi' | 'share' | undefined, item: JObj): boolean {
  if (drop === 'scsi') {
    const type = readEnum(get(item, 'Type'), SCSI_TYPES, '');
    return type !== '' && (type === 'VirtualImage' || readStr(get(item, 'Path')) !== '');
  }
  if (drop === 'share') return readStr(get(item, 'Path')) !== '' && readStr(get(item, 'Name')) !== '';
  return true;
}

interface Device {
  readonly path: string;
  readonly partition: bigint;
  readonly unknown: (readonly [string, J])[];
  /** Index in the input list. */
  readonly index: number;
}
/** GPU devices NanaBox keeps: the last entry per path, sorted by path. */
function gpuDevices(list: J | undefined): Device[] {
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
const gpuMode = (gpu: J | undefined): string => (isObj(gpu) ? readEnum(get(gpu, 'AssignmentMode'), GPU_MODES, 'Disabled') : 'Disabled');

/** The value written for one field, or undefined when it is left out. */
function expectField(field: Field, v: J | undefined, parent: JObj | null): J | undefined {
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

function expectObject(table: Table, input: JObj, reserved: readonly string[]): JObj {
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
function expectedDocument(root: JObj): JObj {
  const body = get(root, 'NanaBox');
  const nanaBox = expectObject(NANABOX, isObj(body) ? body : jobj([]), NANABOX_RESERVED);
  const withFixed = jobj([...nanaBox.entries, ['Type', jstr('VirtualMachine')], ['Version', jnum('1')]]);
  return jobj([['NanaBox', withFixed], ...root.entries.filter(([k]) => k !== 'NanaBox')]);
}

interface UnknownAt {
  readonly inPath: Seg[];
  readonly value: J;
  /** Where it must appear in the output; null when NanaBox drops the entry holding it. */
  readonly outPath: Seg[] | null;
}

/** Every key NanaBox does not read, at every level Hako keeps such keys. */
function unknownKeys(root: JObj): UnknownAt[] {
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

// ---------------------------------------------------------------------------------------------
// Generators.

const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ unit: 'binary-ascii', maxLength: 4 }),
  fc.constantFrom('', 'MyVM', '\\\\.\\pipe\\vmpipe1', 'a/b~c', '\u0000', '\u001f\u007f', '\u2028', '😀', '\uFEFF', '\uE000', 'c:', 'é', 'x\u0000y'),
);
const nonEmptyString = anyString.filter((s) => s !== '');
const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: 0n, max: UINT64_MAX }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('1.0', '-0', '-0.0', '1e2', '1E+2', '0.5', '-1.5e-3', '18446744073709551616', '-9223372036854775809', '4294967296', '4294967297', '65536', '0', '-1', '1e-400', '123456789012345678901234567890'),
);
const keyName = fc.oneof(
  fc.constantFrom('name', 'TPM', 'type', 'version', 'nanaBox', 'gpu', 'Name ', 'x', '10', '9', '~1', 'a/b', '', '😀', '\uE000', '\u0000', 'unknownKeys', '__proto__', 'constructor', 'Enabled'),
  fc.string({ unit: 'binary', maxLength: 5 }),
);
const { junk } = fc.letrec<{ junk: J }>((tie) => ({
  junk: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    fc.constant(NULL),
    fc.boolean().map(jbool),
    numberLiteral.map(jnum),
    anyString.map(jstr),
    fc.array(tie('junk'), { maxLength: 3 }).map(jarr),
    fc.array(fc.tuple(keyName, tie('junk')), { maxLength: 3 }).map((entries) => jobj(entries)),
  ),
}));
const unknownEntries = (known: readonly string[]) =>
  fc.array(
    fc.tuple(
      keyName.filter((k) => !known.includes(k)),
      junk,
    ),
    { maxLength: 3 },
  );

type Mode = 'mixed' | 'valid';
const present = (record: Partial<Record<string, J>>): [string, J][] =>
  Object.entries(record).filter((e): e is [string, J] => e[1] !== undefined);
const mixed = (valid: fc.Arbitrary<J>, invalid: fc.Arbitrary<J>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const uintLiteral = (bits: number) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) - 1n }).map((n) => jnum(String(n)));

function fieldArb(field: Field, mode: Mode, key: string): fc.Arbitrary<J> {
  switch (field.k) {
    case 'bool':
      return mode === 'valid' ? fc.boolean().map(jbool) : mixed(fc.boolean().map(jbool), junk);
    case 'uint': {
      const valid = key === 'Port' && mode === 'valid' ? fc.integer({ min: 1, max: 65535 }).map((n) => jnum(String(n))) : uintLiteral(field.bits);
      const truncated = fc.bigInt({ min: 2n ** BigInt(field.bits), max: UINT64_MAX }).map((n) => jnum(String(n)));
      const invalid = fc.oneof(truncated, fc.constantFrom('-0', '-1', '1.0', '1e2', '18446744073709551616').map(jnum), fc.constant(jstr('2048')), junk);
      return mode === 'valid' ? valid : mixed(valid, invalid);
    }
    case 'int32': {
      const valid = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => jnum(String(n)));
      const invalid = fc.oneof(
        fc.constantFrom('2147483648', '-2147483649', '4294967299', '1.5', '36.0', '18446744073709551616', '-9223372036854775809', '-0').map(jnum),
        junk,
      );
      return mode === 'valid' ? valid : mixed(valid, invalid);
    }
    case 'str':
      return mode === 'valid' ? anyString.map(jstr) : mixed(anyString.map(jstr), junk);
    case 'enum': {
      const valid = fc.constantFrom(...field.values).map(jstr);
      const invalid = fc.oneof(
        fc.constantFrom(...field.values).map((v) => jstr(v.toLowerCase())),
        fc.constantFrom(...field.values).map((v) => jstr(v + '\u0000x')),
        fc.constantFrom(...field.values).map((v) => jstr(v + ' ')),
        anyString.map(jstr),
        junk,
      );
      return mode === 'valid' ? valid : mixed(valid, invalid);
    }
    case 'obj': {
      const valid = field.table === GPU && mode === 'valid' ? validGpu : objectArb(field.table, mode, []);
      return mode === 'valid' ? valid : mixed(valid, junk);
    }
    case 'strlist': {
      const item =
        field.rule === 'drive'
          ? mode === 'valid'
            ? fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ').map(jstr)
            : fc.oneof(fc.constantFrom('c', 'C', 'c:', 'Z:\\', '1', 'é', '', 'ß').map(jstr), junk)
          : field.rule === 'policy'
            ? fc.oneof(fc.constantFrom(...POLICIES), nonEmptyString).map(jstr)
            : nonEmptyString.map(jstr);
      const valid = fc.array(item, { maxLength: 4 }).map(jarr);
      return mode === 'valid' ? valid : mixed(valid, fc.oneof(fc.array(junk, { maxLength: 3 }).map(jarr), junk));
    }
    case 'objlist': {
      let item: fc.Arbitrary<J>;
      if (mode === 'mixed') item = fc.oneof({ weight: 4, arbitrary: objectArb(field.table, 'mixed', []) }, { weight: 1, arbitrary: junk });
      else if (field.drop === 'scsi') {
        item = fc
          .tuple(fc.constantFrom(...SCSI_TYPES), fc.option(anyString))
          .filter(([type, path]) => type === 'VirtualImage' || (path !== null && path !== ''))
          .map(([type, path]) => jobj([['Type', jstr(type)], ...(path === null ? [] : [['Path', jstr(path)] as const])]));
      } else if (field.drop === 'share') {
        item = fc
          .tuple(objectArb(field.table, 'valid', []), nonEmptyString, nonEmptyString)
          .map(([o, path, name]) => jobj([...o.entries, ['Path', jstr(path)], ['Name', jstr(name)]]));
      } else item = objectArb(field.table, 'valid', []);
      const valid = fc.array(item, { maxLength: 3 }).map(jarr);
      return mode === 'valid' ? valid : mixed(valid, junk);
    }
    case 'gpu': {
      const deviceName = fc.constantFrom('a', 'b', 'B', '\\\\?\\PCI#VEN_10DE&DEV_1C82#{064092b3}\\GPUPARAV', 'é', '😀', '\uE000', '\uFFFF', '');
      const partition = mixed(uintLiteral(16), fc.oneof(fc.constantFrom('65535', '131071', '-1', '1.0').map(jnum), junk));
      const object = fc
        .record({ DeviceInterface: mixed(deviceName.map(jstr), junk), PartitionId: partition }, { requiredKeys: [] })
        .chain((record) => unknownEntries(GPU_DEVICE_KEYS).map((extra) => jobj([...Object.entries(record), ...extra])));
      const item = fc.oneof(deviceName.map(jstr), object, junk);
      return mixed(fc.array(item, { maxLength: 4 }).map(jarr), junk);
    }
  }
}

/** A Gpu object that NanaBox reads without changing anything: devices exactly when the mode is List. */
const validGpu: fc.Arbitrary<J> = fc
  .tuple(
    fc.constantFrom('Disabled', 'Default', 'List', 'Mirror', null),
    fc.option(fc.boolean()),
    fc.uniqueArray(fc.constantFrom('a', 'b', 'B', '\\\\?\\PCI#VEN_10DE&DEV_1C82#{064092b3}\\GPUPARAV', 'é', '😀', '\uE000', '\uFFFF'), { minLength: 1, maxLength: 4 }),
    fc.array(fc.option(fc.integer({ min: 0, max: 65535 })), { minLength: 4, maxLength: 4 }),
  )
  .map(([mode, driverStore, names, partitions]) => {
    const entries: [string, J][] = [];
    if (mode !== null) entries.push(['AssignmentMode', jstr(mode)]);
    if (driverStore !== null) entries.push(['EnableHostDriverStore', jbool(driverStore)]);
    if (mode === 'List') {
      const devices = names.map((name, i) => {
        const partition = partitions[i];
        if (partition === null) return jstr(name);
        return jobj([['DeviceInterface', jstr(name)], ...(partition === undefined ? [] : [['PartitionId', jnum(String(partition))] as const])]);
      });
      entries.push(['SelectedDevices', jarr(devices)]);
    } else if (names.length === 1) entries.push(['SelectedDevices', jarr([])]);
    return jobj(entries);
  });

function objectArb(table: Table, mode: Mode, reserved: readonly string[]): fc.Arbitrary<JObj> {
  const fields: Record<string, fc.Arbitrary<J>> = {};
  for (const [key, field] of Object.entries(table)) fields[key] = fieldArb(field, mode, key);
  const known = [...Object.keys(table), ...reserved];
  const extra = mode === 'valid' ? fc.constant([] as [string, J][]) : unknownEntries(known);
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), extra).map(([record, unknown]) => jobj([...present(record), ...unknown]));
}

/** A `.7b` document NanaBox accepts: the four checked keys valid, everything else random. */
function documentArb(mode: Mode): fc.Arbitrary<JObj> {
  const nonZero32 = fc.oneof(
    fc.integer({ min: 1, max: 2 ** 32 - 1 }).map(String),
    ...(mode === 'mixed' ? [fc.bigInt({ min: 1n, max: UINT64_MAX }).filter((n) => n % 2n ** 32n !== 0n).map(String)] : []),
  );
  const version = mode === 'mixed' ? fc.constantFrom('1', '1', '4294967297') : fc.constant('1');
  const body = fc
    .tuple(objectArb(NANABOX, mode, NANABOX_RESERVED), version, nonZero32, nonZero32)
    .map(([o, v, cpu, mem]) =>
      jobj([...o.entries, ['Type', jstr('VirtualMachine')], ['Version', jnum(v)], ['ProcessorCount', jnum(cpu)], ['MemorySize', jnum(mem)]]),
    );
  const rootExtra = mode === 'valid' ? fc.constant([] as [string, J][]) : unknownEntries(['NanaBox']);
  return fc.tuple(body, rootExtra).map(([b, extra]) => jobj([...extra, ['NanaBox', b]]));
}

// ---------------------------------------------------------------------------------------------
// Text: random layout, key order, escapes and (optionally) injected duplicate keys.

interface Layout {
  readonly noise: readonly number[];
  readonly duplicates: boolean;
  readonly bom: boolean;
}
const layoutArb = (mode: Mode): fc.Arbitrary<Layout> =>
  fc.record({
    noise: fc.array(fc.nat(9999), { minLength: 1, maxLength: 40 }),
    duplicates: mode === 'mixed' ? fc.boolean() : fc.constant(false),
    bom: mode === 'mixed' ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
  });

const WHITESPACE = ['', '', ' ', '\n', '\t', '\r\n', '\n    ', '  '];
const SHORT: Record<number, string> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };

interface Serialised {
  readonly text: string;
  /** JSON Pointers of keys written twice (an earlier throw-away value, then the real one). */
  readonly duplicates: string[];
}

function serialise(root: J, layout: Layout): Serialised {
  let n = 0;
  const next = (mod: number) => {
    n++;
    return ((layout.noise[n % layout.noise.length] ?? 0) + n * 7919) % mod;
  };
  const duplicates: string[] = [];
  const ws = () => WHITESPACE[next(WHITESPACE.length)]!;
  const hex = (unit: number) => {
    const h = unit.toString(16).padStart(4, '0');
    return '\\u' + (next(2) === 0 ? h : h.toUpperCase());
  };
  const quote = (s: string) => {
    let out = '"';
    for (const ch of s) {
      const code = ch.codePointAt(0)!;
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += next(4) === 0 ? hex(0x5c) : '\\\\';
      else if (code < 0x20) out += SHORT[code] !== undefined && next(2) === 0 ? '\\' + SHORT[code] : hex(code);
      else if (ch === '/' && next(3) === 0) out += '\\/';
      else if (next(10) === 0) for (let i = 0; i < ch.length; i++) out += hex(ch.charCodeAt(i));
      else out += ch;
    }
    return out + '"';
  };
  const write = (v: J, path: Seg[]): string => {
    switch (v.t) {
      case 'null':
        return 'null';
      case 'bool':
        return String(v.v);
      case 'num':
        return v.text;
      case 'str':
        return quote(v.v);
      case 'arr':
        return '[' + ws() + v.items.map((item, i) => write(item, [...path, i])).join(ws() + ',' + ws()) + ws() + ']';
      case 'obj': {
        const entries = [...v.entries];
        for (let i = entries.length - 1; i > 0; i--) {
          const j = next(i + 1);
          [entries[i], entries[j]] = [entries[j]!, entries[i]!];
        }
        const members: string[] = [];
        for (const [key, value] of entries) {
          if (layout.duplicates && next(6) === 0) {
            members.push(quote(key) + ws() + ':' + ws() + ['null', '0', '"dup"', '[]', '{}', 'true'][next(6)]!);
            duplicates.push(ptr([...path, key]));
          }
          members.push(quote(key) + ws() + ':' + ws() + write(value, [...path, key]));
        }
        return '{' + ws() + members.join(ws() + ',' + ws()) + ws() + '}';
      }
    }
  };
  const text = ws() + write(root, []) + ws();
  return { text, duplicates };
}

const encoder = new TextEncoder();
function bytesOf(text: string, bom: boolean): Uint8Array {
  const body = encoder.encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

interface Case {
  readonly doc: JObj;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly duplicates: string[];
  readonly result: ReadResult;
}
function caseArb(mode: Mode): fc.Arbitrary<Case> {
  return fc.tuple(documentArb(mode), layoutArb(mode)).map(([doc, layout]) => {
    const { text, duplicates } = serialise(doc, layout);
    const bytes = bytesOf(text, layout.bom);
    return { doc, text, bytes, duplicates, result: readSevenB(bytes, { allowMissingBom: !layout.bom }) };
  });
}

const RUNS = 300;
const show = (c: Case) => JSON.stringify(c.text);

// ---------------------------------------------------------------------------------------------

describe('the key table of this test', () => {
  it('matches spec.ts key for key (kind, default, always)', () => {
    const describeSpec = (spec: ObjectSpec): unknown =>
      Object.fromEntries(Object.entries(spec.fields).map(([key, field]) => [key, describeSpecField(field)]));
    const describeSpecField = (f: SpecField): unknown => {
      switch (f.kind) {
        case 'bool':
          return ['bool', f.default, f.always === true];
        case 'uint':
          return ['uint', f.bits, f.default, f.always === true];
        case 'int32':
          return ['int32', f.default];
        case 'string':
          return ['str', f.always === true];
        case 'enum':
          return ['enum', [...f.values], f.default, f.always === true];
        case 'object':
          return ['obj', describeSpec(f.spec), f.always === true];
        case 'string-list':
          return ['strlist', f.rule === 'drive-letter' ? 'drive' : f.rule];
        case 'object-list':
          return ['objlist', describeSpec(f.spec), f.nonObject === 'default-entry' ? 'default' : 'empty', f.drop ?? null];
        case 'gpu-devices':
          return ['gpu'];
      }
    };
    const describeTable = (table: Table): unknown => Object.fromEntries(Object.entries(table).map(([key, field]) => [key, describeField(field)]));
    const describeField = (f: Field): unknown => {
      switch (f.k) {
        case 'bool':
          return ['bool', f.d, f.always === true];
        case 'uint':
          return ['uint', f.bits, f.d, f.always === true];
        case 'int32':
          return ['int32', f.d];
        case 'str':
          return ['str', f.always === true];
        case 'enum':
          return ['enum', [...f.values], f.d, f.always === true];
        case 'obj':
          return ['obj', describeTable(f.table), f.always === true];
        case 'strlist':
          return ['strlist', f.rule];
        case 'objlist':
          return ['objlist', describeTable(f.table), f.nonObject, f.drop ?? null];
        case 'gpu':
          return ['gpu'];
      }
    };
    expect(describeSpec(VM_CONFIG_SPEC)).toEqual(describeTable(NANABOX));
    expect(VM_CONFIG_SPEC.reserved).toEqual(NANABOX_RESERVED);
  });

  it('has oracles that agree with hand-written examples', () => {
    // Sanity of the test's own machinery, so a failure below points at Hako and not at the test.
    const doc = parseStrict('{"b":[1,{"c":"\\u00e9\\n"}],"a":-0.0e1}') as JObj;
    expect(pyDumps(doc)).toBe('{\n  "a": -0.0e1,\n  "b": [\n    1,\n    {\n      "c": "é\\n"\n    }\n  ]\n}');
    expect(pyDumps(jobj([['\uE000', NULL], ['😀', NULL], ['10', NULL], ['9', NULL]]))).toBe('{\n  "10": null,\n  "9": null,\n  "\uE000": null,\n  "😀": null\n}');
    expect(pyString('\u0001\u001f\u007f"\\/')).toBe('"\\u0001\\u001f\u007f\\"\\\\/"');
  });
});

describe('readSevenB / formatSevenB round trip (properties)', () => {
  it('(a) accepts every generated document; the canonical text is a fixed point and formatting is idempotent', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const { result } = c;
        expect(result.accepted, show(c) + '\n' + JSON.stringify(result.findings)).toBe(true);
        const file = result.file!;
        const text = formatSevenB(file);
        const bytes = encodeSevenB(file);
        expect(Buffer.from(bytes).equals(Buffer.from(bytesOf(text, true)))).toBe(true);
        const again = readSevenB(bytes);
        expect(again.accepted).toBe(true);
        expect(again.file).toEqual(file);
        expect(again.findings.filter((f) => f.lossy), show(c)).toEqual([]);
        expect(formatSevenB(again.file!)).toBe(text);
        // The text itself, read once more without the BOM option, gives the same text again.
        expect(formatSevenB(readSevenB(bytesOf(text, true)).file!)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('(a) writes exactly the effective document of the independent oracle, unknown keys included', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        expect(formatSevenB(c.result.file!), show(c)).toBe(pyDumps(expectedDocument(c.doc)));
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) keeps every unknown key with an equal value, unless NanaBox drops the entry holding it and a lossy finding says so', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const output = parseStrict(formatSevenB(c.result.file!));
        const lossy = c.result.findings.filter((f) => f.lossy);
        const unknown = unknownKeys(c.doc);
        for (const u of unknown) {
          const where = ptr(u.inPath);
          if (u.outPath !== null) {
            const written = at(output, u.outPath);
            expect(written, `${where} missing in the output of ${show(c)}`).toBeDefined();
            expect(jsonEqual(written!, u.value), `${where} changed: ${show(c)}`).toBe(true);
          } else {
            const listPath = ptr(u.inPath.slice(0, -2));
            const covered = lossy.some(
              (f) =>
                where === f.path ||
                where.startsWith(f.path + '/') ||
                (f.code === 'gpu.device-duplicate' && f.path.startsWith(listPath + '/')),
            );
            expect(covered, `${where} dropped without a lossy finding: ${show(c)}\n${JSON.stringify(c.result.findings)}`).toBe(true);
          }
        }
        // …and nothing is invented: every key the output holds at those levels came from the input.
        const kept = new Set(unknown.filter((u) => u.outPath !== null).map((u) => ptr(u.outPath!)));
        for (const u of unknownKeys(output as JObj)) expect(kept.has(ptr(u.inPath)), `${ptr(u.inPath)} appeared from nowhere`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) every finding has a code, a rendered message and an RFC 6901 path that resolves in the input', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        for (const f of c.result.findings) {
          const context = `${JSON.stringify(f)} for ${show(c)}`;
          expect(['error', 'warning', 'info']).toContain(f.severity);
          expect(typeof f.lossy).toBe('boolean');
          expect(f.code, context).toMatch(/^[a-z0-9]+(?:[.-][a-z0-9]+)+$/);
          const message = renderFinding(f);
          expect(message.length, context).toBeGreaterThan(0);
          const fromParams = Object.values(f.params).some((p) => String(p).includes('undefined'));
          if (!fromParams) expect(message, context).not.toContain('undefined');
          expect(f.path, context).toMatch(/^(?:\/(?:[^~/]|~[01])*)*$/);
          const segments = f.path === '' ? [] : f.path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
          const resolve = (segs: string[]): J | undefined => {
            let cur: J | undefined = c.doc;
            for (const seg of segs) {
              if (isObj(cur)) cur = get(cur, seg);
              else if (isArr(cur) && /^(?:0|[1-9][0-9]*)$/.test(seg)) cur = cur.items[Number(seg)];
              else return undefined;
            }
            return cur;
          };
          if (resolve(segments) === undefined) {
            // A missing key (a Plan 9 Port, an empty Name): its parent object must exist.
            expect(isObj(resolve(segments.slice(0, -1))), `path does not resolve: ${context}`).toBe(true);
          }
        }
        // The duplicates the serialiser injected are all reported, at the right pointers.
        const reported = c.result.findings.filter((f) => f.code === 'json.duplicate-key').map((f) => f.path);
        expect(reported.sort()).toEqual([...c.duplicates].sort());
        expect(c.result.findings.some((f) => f.code === 'file.bom-added')).toBe(c.bytes[0] !== 0xef);
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) output bytes: BOM, no trailing newline, keys sorted by code point at every level, 2-space indent', () => {
    fc.assert(
      fc.property(caseArb('mixed'), (c) => {
        const bytes = encodeSevenB(c.result.file!);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(bytes[3]).toBe(0x7b);
        expect(bytes[bytes.length - 1]).toBe(0x7d);
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
        const tree = parseStrict(text);
        const sorted = (v: J): boolean => {
          if (isArr(v)) return v.items.every(sorted);
          if (!isObj(v)) return true;
          const keys = v.entries.map(([k]) => k);
          return keys.every((k, i) => i === 0 || byCodePoint(keys[i - 1]!, k) < 0) && v.entries.every(([, x]) => sorted(x));
        };
        expect(sorted(tree), text).toBe(true);
        expect(text).toBe(pyDumps(tree));
        expect(text).not.toMatch(/[ \t]$|\r/m);
      }),
      { numRuns: RUNS },
    );
  });

  it("(e) a document with only valid values is written byte for byte as Python's json.dumps(indent=2, sort_keys=True, ensure_ascii=False)", () => {
    fc.assert(
      fc.property(caseArb('valid'), (c) => {
        const { result } = c;
        expect(result.accepted).toBe(true);
        expect(result.findings.filter((f) => f.lossy), show(c)).toEqual([]);
        expect(result.findings.filter((f) => f.code === 'key.unknown')).toEqual([]);
        expect(formatSevenB(result.file!), show(c)).toBe(pyDumps(expectedDocument(c.doc)));
      }),
      { numRuns: RUNS },
    );
  });
});
