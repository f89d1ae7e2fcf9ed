import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { deviceFindings, MAX_VM_MEMORY_MB, startBlocker } from './device-rules.js';
import { renderFinding } from './findings.js';
import { readSevenB } from './read.js';
import { encodeSevenB } from './write.js';

const lab = () => newVmConfig('Lab');

describe('device rules', () => {
  it('finds nothing in a sound configuration', () => {
    const file = lab();
    file.config.ComPorts.ComPort1 = '\\\\.\\pipe\\vmpipe1';
    file.config.ScsiDevices = [
      { Type: 'VirtualDisk', Path: 'C:\\VMs\\Lab\\Lab.vhdx' },
      { Type: 'VirtualImage', Path: 'setup.iso' },
    ];
    expect(deviceFindings(file.config)).toEqual([]);
  });

  it('names each problem at its JSON path, and says which ones stop Start', () => {
    const file = lab();
    Object.assign(file.config, { ProcessorCount: 10_000, MemorySize: 99_999_999_999 });
    file.config.ComPorts.ComPort2 = 'not a pipe';
    file.config.ScsiDevices = [
      { Type: 'VirtualDisk', Path: 'disk<1>.vhdx' },
      { Type: 'VirtualDisk', Path: 'C:\\VMs\\a.vhdx' },
      { Type: 'VirtualDisk', Path: 'c:\\vms\\A.VHDX' },
    ];
    const findings = deviceFindings(file.config);
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['limits.processors', '/NanaBox/ProcessorCount'],
      ['limits.memory', '/NanaBox/MemorySize'],
      ['comport.not-pipe', '/NanaBox/ComPorts/ComPort2'],
      ['path.forbidden-character', '/NanaBox/ScsiDevices/0/Path'],
      ['disk.attached-twice', '/NanaBox/ScsiDevices/2/Path'],
    ]);
    expect(findings.every((f) => f.severity === 'warning' && renderFinding(f) !== '')).toBe(true);
    expect(startBlocker(findings)?.code).toBe('limits.processors');
    expect(renderFinding(findings[2]!)).toContain('\\\\.\\pipe\\name');
  });

  it('keeps the file one NanaBox accepts', () => {
    const file = lab();
    file.config.MemorySize = MAX_VM_MEMORY_MB + 1;
    expect(readSevenB(encodeSevenB(file)).accepted).toBe(true);
  });
});
