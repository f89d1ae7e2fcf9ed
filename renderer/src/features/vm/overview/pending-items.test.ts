import { describe, expect, it } from 'vitest';
import { appliedOutcomes, pendingItems } from './pending-items.js';

const denied = { code: 'HRESULT_0x80070005', message: 'Access is denied.' };

describe('the waits-for-a-restart banner', () => {
  it('puts what the last apply said under each setting that still waits', () => {
    const outcomes = [
      { path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' as const },
      { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' as const },
      { path: '/NanaBox/ScsiDevices/1', setting: 'Disk 2 (data.vhdx)', outcome: 'failed' as const, error: denied },
    ];
    expect(pendingItems(['/NanaBox/ProcessorCount', '/NanaBox/ScsiDevices'], outcomes)).toEqual([
      { path: '/NanaBox/ProcessorCount', details: [{ path: '/NanaBox/ProcessorCount', outcome: 'needs-restart' }] },
      { path: '/NanaBox/ScsiDevices', details: [{ path: '/NanaBox/ScsiDevices/1', outcome: 'failed', message: 'Access is denied.' }] },
    ]);
    expect(appliedOutcomes(outcomes).map((o) => o.setting)).toEqual(['Memory']);
  });

  it('lists a failed apply the pending list leaves out, and nothing for what applied', () => {
    const outcomes = [{ path: '/NanaBox/NetworkAdapters/0', setting: 'Network adapter 1', outcome: 'failed' as const, error: denied }];
    expect(pendingItems([], outcomes)).toEqual([{ path: '/NanaBox/NetworkAdapters', details: [{ path: '/NanaBox/NetworkAdapters/0', outcome: 'failed', message: 'Access is denied.' }] }]);
    expect(pendingItems([], [{ path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' }])).toEqual([]);
    expect(pendingItems(['/NanaBox/Tpm'])).toEqual([{ path: '/NanaBox/Tpm', details: [] }]);
  });
});
