// The writer: NanaBox's exact text (reference/nanabox.md §2.4, §9 item 11) plus Hako's unknown keys (§10).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { readSevenB } from './read.js';
import { encodeSevenB, formatSevenB } from './write.js';

const BOM = '\uFEFF';
const readText = (text: string) => {
  const result = readSevenB(new TextEncoder().encode(BOM + text));
  if (!result.file) throw new Error(JSON.stringify(result.findings));
  return result.file;
};
const reformat = (text: string) => formatSevenB(readText(text));

// What NanaBox writes for Quick Start's MyVM.7b with a disk and an ISO (§2.4), as its dump(2) lays it out.
const QUICK_START = `{
  "NanaBox": {
    "ComPorts": {
      "UefiConsole": "Disabled"
    },
    "Gpu": {
      "AssignmentMode": "Disabled"
    },
    "GuestType": "Windows",
    "MemorySize": 2048,
    "Name": "MyVM",
    "NetworkAdapters": [
      {
        "Connected": true
      }
    ],
    "ProcessorCount": 2,
    "ScsiDevices": [
      {
        "Path": "MyVM.vhdx",
        "Type": "VirtualDisk"
      },
      {
        "Path": "..\\\\ISO\\\\Win11.iso",
        "Type": "VirtualImage"
      }
    ],
    "Type": "VirtualMachine",
    "Version": 1
  }
}`;

describe('NanaBox layout', () => {
  it('a canonical NanaBox file is reproduced byte for byte', () => {
    expect(reformat(QUICK_START)).toBe(QUICK_START);
  });

  it('keys are sorted at every level, whatever order the file had', () => {
    const shuffled = JSON.stringify(JSON.parse(QUICK_START), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(reformat(shuffled)).toBe(QUICK_START);
  });

  it('Quick Start defaults: newVmConfig writes what NanaBox writes for a new VM', () => {
    const file = newVmConfig('MyVM');
    file.config.ScsiDevices = [
      { Type: 'VirtualDisk', Path: 'MyVM.vhdx' },
      { Type: 'VirtualImage', Path: '..\\ISO\\Win11.iso' },
    ];
    expect(formatSevenB(file)).toBe(QUICK_START);
  });

  it('the file is the BOM then the text, with no trailing newline', () => {
    const bytes = encodeSevenB(readText(QUICK_START));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes[bytes.length - 1]).toBe(0x7d);
    expect(new TextDecoder().decode(bytes.subarray(3))).toBe(QUICK_START);
  });

  it('defaults are omitted and Type/Version always written', () => {
    const text = reformat(
      '{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"SecureBoot":false,"Keyboard":{"FullScreenHotkey":3},' +
        '"EnhancedSession":{"RedirectAudio":true,"RedirectDrives":false},"VideoMonitor":{"HorizontalResolution":1024},"ChipsetInformation":{"UUID":""},' +
        '"Policies":[],"GuestStateFile":"","Hako":{"SecureBootTemplate":"MicrosoftWindows"}}}',
    );
    expect(Object.keys(JSON.parse(text).NanaBox)).toEqual(['ComPorts', 'Gpu', 'GuestType', 'MemorySize', 'Name', 'ProcessorCount', 'Type', 'Version']);
  });

  it('non-default values are written: RedirectAudio only when false, the others only when true', () => {
    const text = reformat(
      '{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"EnhancedSession":{"RedirectAudio":false,"RedirectPrinters":true,"Drives":["c"]}}}',
    );
    expect(JSON.parse(text).NanaBox.EnhancedSession).toEqual({ Drives: ['C'], RedirectAudio: false, RedirectPrinters: true });
  });

  it('strings: control characters as lower-case \\u00xx, short escapes, "/" and non-ASCII raw', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Name":"a\\u001fb\\n/é😀\\u007f\\""}}');
    expect(text).toContain('"Name": "a\\u001fb\\n/é😀\u007f\\""');
  });

  it('a GPU-P entry whose partition is 65535 is written as a plain string, as NanaBox does', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Gpu":{"AssignmentMode":"List","SelectedDevices":[{"DeviceInterface":"d","PartitionId":65535},{"DeviceInterface":"e","PartitionId":2}]}}}');
    expect(JSON.parse(text).NanaBox.Gpu.SelectedDevices).toEqual(['d', { DeviceInterface: 'e', PartitionId: 2 }]);
  });

  it('a Plan 9 share always has its Port', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Plan9Shares":[{"Path":"p","Name":"n","Port":50001,"ReadOnly":false}]}}');
    expect(JSON.parse(text).NanaBox.Plan9Shares).toEqual([{ Name: 'n', Path: 'p', Port: 50001 }]);
  });

  it('the documented example comes out in NanaBox order with every value kept', () => {
    const file = readSevenB(readFileSync(new URL('../../test/fixtures/nanabox/DocumentedExample.7b', import.meta.url))).file!;
    const text = formatSevenB(file);
    expect(text.split('\n').slice(0, 8)).toEqual([
      '{',
      '  "NanaBox": {',
      '    "ComPorts": {',
      '      "ComPort1": "\\\\\\\\.\\\\pipe\\\\vmpipe1",',
      '      "ComPort2": "\\\\\\\\.\\\\pipe\\\\vmpipe2",',
      '      "UefiConsole": "ComPort1"',
      '    },',
      '    "ExposeVirtualizationExtensions": true,',
    ]);
    expect(text).toContain('      {\n        "Type": "VirtualImage"\n      }');
  });
});

describe('unknown keys (§10)', () => {
  it('are merged into the sorted order by UTF-8 bytes: "10" before "9", "Name" before "name"', () => {
    const text = reformat('{"9":1,"10":2,"NanaBox":{"name":"x","Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Name":"N"}}');
    const lines = text.split('\n');
    expect(lines[1]).toBe('  "10": 2,');
    expect(lines[2]).toBe('  "9": 1,');
    expect(text.indexOf('"Name": "N"')).toBeLessThan(text.indexOf('"name": "x"'));
  });

  it('their values are canonical: nested keys sorted, array order kept, numbers as written, re-indented', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"X":{"b":[3,1.0E2,{"z":1,"y":2}],"a":-0}}}');
    expect(text).toContain('    "X": {\n      "a": -0,\n      "b": [\n        3,\n        1.0E2,\n        {\n          "y": 2,\n          "z": 1\n        }\n      ]\n    }');
  });

  it('an all-default object that holds unknown keys is written with only those', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Keyboard":{"FullScreenHotkey":3,"Extra":true}}}');
    expect(JSON.parse(text).NanaBox.Keyboard).toEqual({ Extra: true });
  });

  it('a GPU-PV object with keys of its own stays an object so they survive', () => {
    const text = reformat('{"NanaBox":{"Type":"VirtualMachine","Version":1,"ProcessorCount":1,"MemorySize":1,"Gpu":{"AssignmentMode":"List","SelectedDevices":[{"DeviceInterface":"d","PartitionId":65535,"Note":"x"}]}}}');
    expect(JSON.parse(text).NanaBox.Gpu.SelectedDevices).toEqual([{ DeviceInterface: 'd', Note: 'x', PartitionId: 65535 }]);
  });

  it('a known key edited in the model wins over a stale unknown copy of the same name', () => {
    const file = newVmConfig('A');
    file.config.unknownKeys = [{ key: 'Name', json: '"stale"' }];
    expect(JSON.parse(formatSevenB(file)).NanaBox.Name).toBe('A');
  });
});

describe('Hako settings', () => {
  it('NanaBox.Hako is written only when it differs from the default', () => {
    const file = newVmConfig('L');
    expect(formatSevenB(file)).not.toContain('"Hako"');
    file.config.Hako.SecureBootTemplate = 'MicrosoftUEFICertificateAuthority';
    expect(JSON.parse(formatSevenB(file)).NanaBox.Hako).toEqual({ SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' });
  });
});
