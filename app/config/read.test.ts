// One test per NanaBox reading rule (reference/nanabox.md §2, §9, §10), named after the rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Finding } from './findings.js';
import { readSevenB } from './read.js';
import { formatSevenB } from './write.js';

const BOM = '\uFEFF';
const encode = (text: string) => new TextEncoder().encode(text);
/** A minimal valid NanaBox body; tests add or override keys as raw JSON text. */
const body = (extra = '', base = '"Type":"VirtualMachine","Version":1,"ProcessorCount":2,"MemorySize":2048') =>
  encode(`${BOM}{"NanaBox":{${base}${extra ? ',' + extra : ''}}}`);
const read = (extra = '') => readSevenB(body(extra));
const config = (extra = '') => {
  const result = read(extra);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return result.file!.config;
};
const codes = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.path}`);
const only = (result: ReturnType<typeof readSevenB>, code: string) => result.findings.filter((f) => f.code === code);

describe('refusals, in NanaBox order: BOM, JSON, Type, Version, ProcessorCount, MemorySize', () => {
  it('a file without the UTF-8 BOM is refused', () => {
    const result = readSevenB(encode('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1}}'));
    expect(result.accepted).toBe(false);
    expect(codes(result.findings)).toEqual(['error file.bom-missing ']);
  });

  it('the app may read a file that lacks only the BOM, with a warning', () => {
    const result = readSevenB(encode('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1}}'), { allowMissingBom: true });
    expect(result.accepted).toBe(true);
    expect(codes(result.findings)).toContain('warning file.bom-added ');
  });

  it('a file that is only the BOM is refused (NanaBox needs more than 3 bytes)', () => {
    expect(codes(readSevenB(encode(BOM)).findings)).toEqual(['error file.empty ']);
    expect(codes(readSevenB(new Uint8Array()).findings)).toEqual(['error file.bom-missing ']);
  });

  it('UTF-16 files are refused', () => {
    const result = readSevenB(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]));
    expect(codes(result.findings)).toEqual(['error file.utf16 ']);
  });

  it('ill-formed UTF-8 is refused with the offset of the first bad byte', () => {
    const bytes = new Uint8Array([...body('"Name":"ab"')]);
    const at = bytes.indexOf(0x61); // the "a" of "ab"
    bytes[at] = 0xc3; // a lead byte followed by "b" is ill-formed
    const result = readSevenB(bytes);
    expect(codes(result.findings)).toEqual(['error file.utf8-invalid ']);
    expect(result.findings[0]!.params.offset).toBe(at);
  });

  it('invalid JSON is refused with line and column', () => {
    const result = readSevenB(encode(`${BOM}{\n  "NanaBox": {\n    "Type": "VirtualMachine",\n  }\n}`));
    expect(codes(result.findings)).toEqual(['error json.syntax ']);
    expect(result.findings[0]!.params).toMatchObject({ line: 4, column: 3 });
  });

  it.each([
    ['comments', '{"NanaBox":{} /* c */}'],
    ['trailing commas', '{"NanaBox":{"Type":"VirtualMachine",}}'],
    ['NaN', '{"NanaBox":{"Version":NaN}}'],
    ['single quotes', "{'NanaBox':{}}"],
    ['unpaired surrogate escapes', '{"NanaBox":{"Name":"\\ud800"}}'],
    ['a lone low surrogate escape', '{"NanaBox":{"Name":"\\udc00x"}}'],
    ['raw control characters in strings', '{"NanaBox":{"Name":"a\tb"}}'],
    ['leading zeros', '{"NanaBox":{"Version":01}}'],
    ['a second top-level value', '{"NanaBox":{}} {}'],
  ])('strict RFC 8259: %s are refused', (_name, text) => {
    expect(codes(readSevenB(encode(BOM + text)).findings)).toEqual(['error json.syntax ']);
  });

  it('Type must be exactly "VirtualMachine"', () => {
    expect(codes(readSevenB(body('', '"Type":"virtualmachine","Version":1,"ProcessorCount":2,"MemorySize":2048')).findings)).toEqual([
      'error config.type-invalid /NanaBox/Type',
    ]);
    expect(codes(readSevenB(encode(`${BOM}{"Other":{}}`)).findings)).toEqual(['error config.type-invalid /NanaBox/Type']);
  });

  it('a root or NanaBox that is not an object is refused at the Type check', () => {
    expect(codes(readSevenB(encode(`${BOM}[1]`)).findings)).toEqual(['error config.not-object ']);
    expect(codes(readSevenB(encode(`${BOM}{"NanaBox":[]}`)).findings)).toEqual(['error config.not-object /NanaBox']);
  });

  it('Version must be the integer 1; it is checked after Type', () => {
    const result = readSevenB(body('', '"Type":"VirtualMachine","Version":"1","ProcessorCount":0,"MemorySize":0'));
    expect(codes(result.findings)).toEqual(['error config.version-invalid /NanaBox/Version']);
    expect(result.findings[0]!.params.found).toBe('"1"');
    expect(readSevenB(body('', '"Type":"VirtualMachine","Version":1.0,"ProcessorCount":1,"MemorySize":1')).accepted).toBe(false);
    expect(readSevenB(body('', '"Type":"VirtualMachine","Version":2,"ProcessorCount":1,"MemorySize":1')).accepted).toBe(false);
  });

  it('32-bit casts happen before validation: Version 4294967297 is accepted as 1', () => {
    const result = readSevenB(body('', '"Type":"VirtualMachine","Version":4294967297,"ProcessorCount":1,"MemorySize":1'));
    expect(result.accepted).toBe(true);
    expect(codes(result.findings)).toContain('warning value.truncated /NanaBox/Version');
  });

  it('ProcessorCount must be non-zero after the cast, and is checked before MemorySize', () => {
    const result = readSevenB(body('', '"Type":"VirtualMachine","Version":1,"ProcessorCount":4294967296,"MemorySize":0'));
    expect(codes(result.findings)).toEqual(['error config.processor-count-invalid /NanaBox/ProcessorCount']);
    expect(config('"ProcessorCount":4294967298').ProcessorCount).toBe(2);
  });

  it('MemorySize must be non-zero after its 32-bit cast', () => {
    const refused = readSevenB(body('', '"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":4294967296'));
    expect(codes(refused.findings)).toEqual(['error config.memory-size-invalid /NanaBox/MemorySize']);
    const truncated = read('"MemorySize":4294969344');
    expect(truncated.file!.config.MemorySize).toBe(2048);
    expect(only(truncated, 'value.truncated')[0]).toMatchObject({ path: '/NanaBox/MemorySize', lossy: true, params: { used: 2048 } });
  });

  it('Name is not validated, but an empty Name is worth a warning', () => {
    const result = readSevenB(body());
    expect(result.accepted).toBe(true);
    expect(codes(result.findings)).toContain('warning name.empty /NanaBox/Name');
  });
});

describe('JSON details', () => {
  it('duplicate keys: the last occurrence wins, with a warning', () => {
    const result = read('"Name":"first","Name":"second"');
    expect(result.file!.config.Name).toBe('second');
    expect(only(result, 'json.duplicate-key')).toMatchObject([{ path: '/NanaBox/Name', lossy: true }]);
  });

  it('keys are case-sensitive: "name" is an unknown key, kept, with a suggestion', () => {
    const result = read('"name":"x"');
    expect(result.file!.config.Name).toBe('');
    expect(result.file!.config.unknownKeys).toEqual([{ key: 'name', json: '"x"' }]);
    expect(only(result, 'key.unknown')).toMatchObject([{ severity: 'warning', params: { key: 'name', suggestion: 'Name' }, lossy: false }]);
  });

  it('a missing key and null are the same: null takes the default (and is reported)', () => {
    const result = read('"SecureBoot":null');
    expect(result.file!.config.SecureBoot).toBe(false);
    expect(only(result, 'value.wrong-type')).toMatchObject([{ path: '/NanaBox/SecureBoot', params: { found: 'null' } }]);
  });
});

describe('type strictness: a wrongly typed value is treated as missing', () => {
  it.each([
    ['"true"', 'SecureBoot'],
    ['1', 'Tpm'],
    ['0', 'ExposeVirtualizationExtensions'],
  ])('booleans must be true/false: %s in %s falls back to false', (literal, key) => {
    const result = read(`"${key}":${literal}`);
    expect((result.file!.config as unknown as Record<string, unknown>)[key]).toBe(false);
    expect(only(result, 'value.wrong-type')).toMatchObject([{ path: `/NanaBox/${key}`, lossy: true, params: { found: literal, used: 'false' } }]);
  });

  it.each(['2048.0', '"2048"', '-1', '-0', '1e3', '18446744073709551616'])('unsigned fields need a non-negative JSON integer: %s falls back', (literal) => {
    const result = read(`"VideoMonitor":{"HorizontalResolution":${literal}}`);
    expect(result.file!.config.VideoMonitor.HorizontalResolution).toBe(1024);
    expect(only(result, 'value.wrong-type')).toMatchObject([{ path: '/NanaBox/VideoMonitor/HorizontalResolution', params: { used: '1024' } }]);
  });

  it('strings must be JSON strings', () => {
    const result = read('"GuestStateFile":42');
    expect(result.file!.config.GuestStateFile).toBe('');
    expect(only(result, 'value.wrong-type')[0]!.params).toMatchObject({ expected: 'a string', found: '42', used: '""' });
  });

  it('a non-object where an object is expected yields all defaults', () => {
    const result = read('"Keyboard":[]');
    expect(result.file!.config.Keyboard.FullScreenHotkey).toBe(3);
    expect(codes(result.findings)).toContain('warning value.wrong-type /NanaBox/Keyboard');
  });

  it('a non-array where an array is expected yields an empty list', () => {
    const result = read('"ScsiDevices":{"Type":"VirtualDisk","Path":"a.vhdx"}');
    expect(result.file!.config.ScsiDevices).toEqual([]);
    expect(codes(result.findings)).toContain('warning value.wrong-type /NanaBox/ScsiDevices');
  });
});

describe('enumerations are case-sensitive strcmp', () => {
  it('GuestType "windows" is not Windows: it becomes Unknown', () => {
    const result = read('"GuestType":"windows"');
    expect(result.file!.config.GuestType).toBe('Unknown');
    expect(only(result, 'value.enum-unknown')[0]).toMatchObject({ path: '/NanaBox/GuestType', lossy: true, params: { found: '"windows"', used: '"Unknown"' } });
  });

  it('UefiConsole falls back to Disabled, AssignmentMode to Disabled', () => {
    const c = config('"ComPorts":{"UefiConsole":"COM1"},"Gpu":{"AssignmentMode":"mirror"}');
    expect(c.ComPorts.UefiConsole).toBe('Disabled');
    expect(c.Gpu.AssignmentMode).toBe('Disabled');
  });

  it('strcmp stops at an embedded NUL: "Windows\\u0000x" counts as Windows', () => {
    const result = read('"GuestType":"Windows\\u0000x"');
    expect(result.file!.config.GuestType).toBe('Windows');
    expect(only(result, 'value.normalised')).toHaveLength(1);
  });
});

describe('network adapters', () => {
  it('Connected defaults to false', () => {
    expect(config('"NetworkAdapters":[{}]').NetworkAdapters[0]!.Connected).toBe(false);
  });

  it('non-object items become default adapters that are kept and written', () => {
    const result = read('"NetworkAdapters":[42,null,"x",[]]');
    expect(result.file!.config.NetworkAdapters).toHaveLength(4);
    expect(result.file!.config.NetworkAdapters.every((a) => !a.Connected)).toBe(true);
    expect(only(result, 'adapter.not-object')).toHaveLength(4);
    expect(formatSevenB(result.file!)).toContain('"NetworkAdapters": [\n      {\n        "Connected": false\n      },');
  });

  it('EndpointId is not validated on read', () => {
    const result = read('"Name":"vm","NetworkAdapters":[{"Connected":true,"EndpointId":"not-a-guid"}]');
    expect(result.file!.config.NetworkAdapters[0]!.EndpointId).toBe('not-a-guid');
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('SCSI devices', () => {
  it('an entry with an unknown Type is dropped, with the unknown keys inside it', () => {
    const result = read('"ScsiDevices":[{"Type":"Floppy","Path":"a.img","Extra":1},{"Type":"VirtualDisk","Path":"b.vhdx"}]');
    expect(result.file!.config.ScsiDevices).toEqual([{ Type: 'VirtualDisk', Path: 'b.vhdx' }]);
    expect(only(result, 'scsi.dropped')).toMatchObject([{ path: '/NanaBox/ScsiDevices/0', lossy: true, params: { reason: 'type' } }]);
  });

  it('an entry with an empty Path is dropped unless it is a VirtualImage (an empty drive)', () => {
    const result = read('"ScsiDevices":[{"Type":"VirtualDisk","Path":""},{"Type":"VirtualImage"},{"Type":"PhysicalDevice"}]');
    expect(result.file!.config.ScsiDevices).toEqual([{ Type: 'VirtualImage', Path: '' }]);
    expect(only(result, 'scsi.dropped').map((f) => f.path)).toEqual(['/NanaBox/ScsiDevices/0', '/NanaBox/ScsiDevices/2']);
  });

  it('a non-string Path counts as empty; non-object items vanish', () => {
    const result = read('"ScsiDevices":[{"Type":"VirtualDisk","Path":5},7]');
    expect(result.file!.config.ScsiDevices).toEqual([]);
    expect(only(result, 'scsi.dropped')).toHaveLength(2);
  });
});

describe('GPU', () => {
  const device = (n: number) => `\\\\\\\\?\\\\PCI#DEV_${n}`;

  it('strings are GPU-PV (partition 0xFFFF); objects are GPU-P, PartitionId cast to 16 bits, missing → 0', () => {
    const c = config(`"Gpu":{"AssignmentMode":"List","SelectedDevices":["${device(1)}",{"DeviceInterface":"${device(2)}","PartitionId":65537},{"DeviceInterface":"${device(3)}"}]}`);
    expect(c.Gpu.SelectedDevices.map((d) => d.PartitionId)).toEqual([0xffff, 1, 0]);
  });

  it('entries without a device path are dropped', () => {
    const result = read(`"Gpu":{"AssignmentMode":"List","SelectedDevices":["",{"PartitionId":1},5,"${device(1)}"]}`);
    expect(result.file!.config.Gpu.SelectedDevices).toHaveLength(1);
    expect(only(result, 'gpu.device-dropped')).toHaveLength(3);
  });

  it('devices are a sorted map keyed by path: duplicates collapse (last wins) and order becomes byte order', () => {
    const result = read(`"Gpu":{"AssignmentMode":"List","SelectedDevices":["${device(2)}",{"DeviceInterface":"${device(1)}","PartitionId":3},{"DeviceInterface":"${device(1)}","PartitionId":4}]}`);
    const devices = result.file!.config.Gpu.SelectedDevices;
    expect(devices.map((d) => [d.DeviceInterface.slice(-5), d.PartitionId])).toEqual([
      ['DEV_1', 4],
      ['DEV_2', 0xffff],
    ]);
    expect(only(result, 'gpu.device-duplicate')).toMatchObject([{ lossy: true }]);
    expect(only(result, 'gpu.devices-sorted')).toMatchObject([{ severity: 'info', lossy: false }]);
  });

  it('List with nothing selected becomes Disabled', () => {
    const result = read('"Gpu":{"AssignmentMode":"List","SelectedDevices":[]}');
    expect(result.file!.config.Gpu.AssignmentMode).toBe('Disabled');
    expect(only(result, 'gpu.list-empty')).toMatchObject([{ path: '/NanaBox/Gpu/AssignmentMode', lossy: true }]);
  });

  it('a mode other than List clears the list', () => {
    const result = read(`"Gpu":{"AssignmentMode":"Mirror","SelectedDevices":["${device(1)}"]}`);
    expect(result.file!.config.Gpu.SelectedDevices).toEqual([]);
    expect(only(result, 'gpu.devices-cleared')).toMatchObject([{ path: '/NanaBox/Gpu/SelectedDevices', lossy: true }]);
  });
});

describe('enhanced session', () => {
  it('drive letters: first character, upper-cased; outside A–Z dropped; duplicates kept', () => {
    const result = read('"EnhancedSession":{"Drives":["c:","D","é",1,"","d"]}');
    expect(result.file!.config.EnhancedSession.Drives).toEqual(['C', 'D', 'D']);
    expect(only(result, 'list.item-dropped').map((f) => f.path)).toEqual([
      '/NanaBox/EnhancedSession/Drives/2',
      '/NanaBox/EnhancedSession/Drives/3',
      '/NanaBox/EnhancedSession/Drives/4',
    ]);
    expect(only(result, 'value.normalised').map((f) => f.params.used)).toEqual(['"C"', '"D"']);
  });

  it('Devices: non-string and empty entries are dropped', () => {
    expect(config('"EnhancedSession":{"Devices":["USB\\\\VID_1",false,""]}').EnhancedSession.Devices).toEqual(['USB\\VID_1']);
  });

  it('RedirectAudio and RedirectClipboard default to true', () => {
    const c = config();
    expect([c.EnhancedSession.RedirectAudio, c.EnhancedSession.RedirectClipboard, c.EnhancedSession.RedirectDrives]).toEqual([true, true, false]);
  });
});

describe('keyboard hotkeys are signed 32-bit', () => {
  it('any JSON integer is reduced to its low 32 bits', () => {
    const result = read('"Keyboard":{"FullScreenHotkey":4294967299,"CtrlEscHotkey":2147483648,"AltEscHotkey":-5}');
    const k = result.file!.config.Keyboard;
    expect([k.FullScreenHotkey, k.CtrlEscHotkey, k.AltEscHotkey]).toEqual([3, -2147483648, -5]);
    expect(only(result, 'value.truncated')).toHaveLength(2);
  });

  it('a float hotkey falls back to the default', () => {
    expect(config('"Keyboard":{"AltTabHotkey":33.5}').Keyboard.AltTabHotkey).toBe(33);
  });
});

describe('video monitor', () => {
  it('resolutions are cast to 16 bits: 65536 becomes 0, 66560 becomes 1024', () => {
    const c = config('"VideoMonitor":{"HorizontalResolution":65536,"VerticalResolution":66560}');
    expect([c.VideoMonitor.HorizontalResolution, c.VideoMonitor.VerticalResolution]).toEqual([0, 1024]);
  });

  it('the declared-but-unparsed fields are unknown keys', () => {
    const c = config('"VideoMonitor":{"EnableContentResizing":true}');
    expect(c.VideoMonitor.unknownKeys).toEqual([{ key: 'EnableContentResizing', json: 'true' }]);
  });
});

describe('policies', () => {
  it('non-string and empty entries are dropped; unknown names are kept', () => {
    const result = read('"Policies":["LegacyGpaLayout",3,"","MadeUp","LegacyGpaLayout"]');
    expect(result.file!.config.Policies).toEqual(['LegacyGpaLayout', 'MadeUp', 'LegacyGpaLayout']);
    expect(only(result, 'policy.unknown')).toMatchObject([{ severity: 'info', params: { name: 'MadeUp' } }]);
  });
});

describe('shares', () => {
  it('Plan 9 and Virtual SMB entries with an empty Path or Name are dropped', () => {
    const result = read('"Plan9Shares":[{"Path":"a","Port":1},{"Path":"a","Name":"n","Port":50001}],"VirtualSmbShares":[{"Name":"n"},{"Path":"p","Name":"n"}]');
    expect(result.file!.config.Plan9Shares).toHaveLength(1);
    expect(result.file!.config.VirtualSmbShares).toEqual([{ ReadOnly: false, Path: 'p', Name: 'n' }]);
    expect(only(result, 'share.dropped').map((f) => f.params.missing)).toEqual(['Name', 'Path']);
  });

  it('a Plan 9 share without a usable Port is kept, with a warning; Hako invents no port', () => {
    const result = read('"Plan9Shares":[{"Path":"a","Name":"n"}]');
    expect(result.file!.config.Plan9Shares[0]!.Port).toBeNull();
    expect(only(result, 'plan9.port-missing')).toMatchObject([{ path: '/NanaBox/Plan9Shares/0/Port', lossy: false }]);
    expect(formatSevenB(result.file!)).not.toContain('"Port"');
  });
});

describe('unknown keys (§10)', () => {
  it('are kept at the root, inside NanaBox, in nested objects and in array items', () => {
    const result = readSevenB(
      encode(`${BOM}{"Z":{"b":1,"a":[true]},"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"X":null,` +
        '"ComPorts":{"Y":"y"},"NetworkAdapters":[{"Connected":true,"Q":1.50}],"Hako":{"Future":1}}}'),
    );
    const { config: c, rootUnknownKeys } = result.file!;
    expect(rootUnknownKeys).toEqual([{ key: 'Z', json: '{\n  "a": [\n    true\n  ],\n  "b": 1\n}' }]);
    expect(c.unknownKeys).toEqual([{ key: 'X', json: 'null' }]);
    expect(c.ComPorts.unknownKeys).toEqual([{ key: 'Y', json: '"y"' }]);
    expect(c.NetworkAdapters[0]!.unknownKeys).toEqual([{ key: 'Q', json: '1.50' }]);
    expect(c.Hako.unknownKeys).toEqual([{ key: 'Future', json: '1' }]);
    expect(result.findings.filter((f) => f.code === 'key.unknown').every((f) => f.severity === 'info' && !f.lossy)).toBe(true);
  });
});

describe('the documented example', () => {
  it('reads with no warnings and the documented values', () => {
    const result = readSevenB(readFileSync(new URL('../../test/fixtures/nanabox/DocumentedExample.7b', import.meta.url)));
    expect(result.accepted).toBe(true);
    expect(result.findings).toEqual([]);
    const c = result.file!.config;
    expect([c.Name, c.ProcessorCount, c.MemorySize, c.ComPorts.UefiConsole, c.Gpu.AssignmentMode]).toEqual(['DemoVM', 4, 2048, 'ComPort1', 'List']);
    expect(c.ScsiDevices).toEqual([
      { Type: 'VirtualDisk', Path: 'Test.vhdx' },
      { Type: 'VirtualImage', Path: '' },
    ]);
  });
});

describe('limits', () => {
  it(`nesting deeper than ${512} levels is refused with a syntax error (NanaBox has no limit; Hako must not overflow its stack)`, () => {
    const deep = (n: number) => readSevenB(body(`"X":${'['.repeat(n)}${']'.repeat(n)}`));
    expect(deep(500).accepted).toBe(true);
    const refused = deep(600);
    expect(codes(refused.findings)).toEqual(['error json.syntax ']);
    expect(refused.findings[0]!.params.message).toBe('nesting deeper than 512 levels');
  });

  it('a float that overflows a double is refused, as nlohmann refuses it (out_of_range.406)', () => {
    expect(codes(read('"X":1e400').findings)).toEqual(['error json.syntax ']);
    expect(read('"X":1e-400').accepted).toBe(true);
  });
});
