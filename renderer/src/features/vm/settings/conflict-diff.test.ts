import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../app/config/index.js';
import { conflictDiff } from './conflict-diff.js';

describe('the conflict’s differences', () => {
  it('lists each changed setting with both values', () => {
    const yours = newVmConfig('Lab');
    const onDisk = structuredClone(yours);
    yours.config.MemorySize = 8192;
    onDisk.config.ProcessorCount = 4;
    onDisk.config.ScsiDevices.push({ Type: 'VirtualDisk', Path: 'b.vhdx' });
    const rows = conflictDiff(yours, onDisk);
    expect(rows).toContainEqual({ pointer: '/NanaBox/MemorySize', yours: '8192', onDisk: String(onDisk.config.MemorySize) });
    expect(rows).toContainEqual({ pointer: '/NanaBox/ProcessorCount', yours: String(yours.config.ProcessorCount), onDisk: '4' });
    expect(rows.find((r) => r.pointer.endsWith('/Path') && r.onDisk === '"b.vhdx"')?.yours).toBeUndefined();
  });

  it('is empty when only the text changed', () => {
    const file = newVmConfig('Lab');
    expect(conflictDiff(file, structuredClone(file))).toEqual([]);
  });
});
