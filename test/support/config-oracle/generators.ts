// The round-trip tests' generators: random `.7b` documents (valid or mixed with junk) serialised with
// random layout, key order, escapes, BOM and injected duplicate keys, and what readSevenB makes of them.
import fc from 'fast-check';
import { readSevenB, type ReadResult } from '../../../app/config/read.js';
import { jarr, jbool, jnum, jobj, jstr, NULL, ptr, type J, type JObj, type Seg } from './json-model.js';
import { GPU, GPU_DEVICE_KEYS, NANABOX, NANABOX_RESERVED, POLICIES, SCSI_TYPES, UINT64_MAX, type Field, type Table } from './nanabox-model.js';

// ---------------------------------------------------------------------------------------------
// Generators.

export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ unit: 'binary-ascii', maxLength: 4 }),
  fc.constantFrom('', 'MyVM', '\\\\.\\pipe\\vmpipe1', 'a/b~c', '\u0000', '\u001f\u007f', '\u2028', '😀', '\uFEFF', '\uE000', 'c:', 'é', 'x\u0000y'),
);
export const nonEmptyString = anyString.filter((s) => s !== '');
export const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: 0n, max: UINT64_MAX }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('1.0', '-0', '-0.0', '1e2', '1E+2', '0.5', '-1.5e-3', '18446744073709551616', '-9223372036854775809', '4294967296', '4294967297', '65536', '0', '-1', '1e-400', '123456789012345678901234567890'),
);
export const keyName = fc.oneof(
  fc.constantFrom('name', 'TPM', 'type', 'version', 'nanaBox', 'gpu', 'Name ', 'x', '10', '9', '~1', 'a/b', '', '😀', '\uE000', '\u0000', 'unknownKeys', '__proto__', 'constructor', 'Enabled'),
  fc.string({ unit: 'binary', maxLength: 5 }),
);
export const { junk } = fc.letrec<{ junk: J }>((tie) => ({
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
export const unknownEntries = (known: readonly string[]) =>
  fc.array(
    fc.tuple(
      keyName.filter((k) => !known.includes(k)),
      junk,
    ),
    { maxLength: 3 },
  );

export type Mode = 'mixed' | 'valid';
export const present = (record: Partial<Record<string, J>>): [string, J][] =>
  Object.entries(record).filter((e): e is [string, J] => e[1] !== undefined);
export const mixed = (valid: fc.Arbitrary<J>, invalid: fc.Arbitrary<J>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: invalid });
export const uintLiteral = (bits: number) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) - 1n }).map((n) => jnum(String(n)));

export function fieldArb(field: Field, mode: Mode, key: string): fc.Arbitrary<J> {
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
export const validGpu: fc.Arbitrary<J> = fc
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

export function objectArb(table: Table, mode: Mode, reserved: readonly string[]): fc.Arbitrary<JObj> {
  const fields: Record<string, fc.Arbitrary<J>> = {};
  for (const [key, field] of Object.entries(table)) fields[key] = fieldArb(field, mode, key);
  const known = [...Object.keys(table), ...reserved];
  const extra = mode === 'valid' ? fc.constant([] as [string, J][]) : unknownEntries(known);
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), extra).map(([record, unknown]) => jobj([...present(record), ...unknown]));
}

/** A `.7b` document NanaBox accepts: the four checked keys valid, everything else random. */
export function documentArb(mode: Mode): fc.Arbitrary<JObj> {
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

export interface Layout {
  readonly noise: readonly number[];
  readonly duplicates: boolean;
  readonly bom: boolean;
}
export const layoutArb = (mode: Mode): fc.Arbitrary<Layout> =>
  fc.record({
    noise: fc.array(fc.nat(9999), { minLength: 1, maxLength: 40 }),
    duplicates: mode === 'mixed' ? fc.boolean() : fc.constant(false),
    bom: mode === 'mixed' ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.constant(true),
  });

export const WHITESPACE = ['', '', ' ', '\n', '\t', '\r\n', '\n    ', '  '];
export const SHORT: Record<number, string> = { 8: 'b', 9: 't', 10: 'n', 12: 'f', 13: 'r' };

export interface Serialised {
  readonly text: string;
  /** JSON Pointers of keys written twice (an earlier throw-away value, then the real one). */
  readonly duplicates: string[];
}

export function serialise(root: J, layout: Layout): Serialised {
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

export const encoder = new TextEncoder();
export function bytesOf(text: string, bom: boolean): Uint8Array {
  const body = encoder.encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export interface Case {
  readonly doc: JObj;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly duplicates: string[];
  readonly result: ReadResult;
}
export function caseArb(mode: Mode): fc.Arbitrary<Case> {
  return fc.tuple(documentArb(mode), layoutArb(mode)).map(([doc, layout]) => {
    const { text, duplicates } = serialise(doc, layout);
    const bytes = bytesOf(text, layout.bom);
    return { doc, text, bytes, duplicates, result: readSevenB(bytes, { allowMissingBom: !layout.bom }) };
  });
}

export const RUNS = 300;
export const show = (c: Case) => JSON.stringify(c.text);
