import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { applyPatch } from './write-back.js';

const GUID = 'f2288275-6c30-47d4-bc24-293fa9c9cb12';

describe('applyPatch', () => {
  it('writes only generated values, and only where the file still expects them', () => {
    const file = newVmConfig('Lab');
    file.config.GuestStateFile = 'mine.vmgs';
    file.config.NetworkAdapters[0]!.EndpointId = 'edited-meanwhile';
    applyPatch(file, {
      adapters: [{ index: 0, EndpointId: GUID, MacAddress: '00-15-5D-00-00-01', previousEndpointId: '' }],
      GuestStateFile: 'Lab.vmgs',
      RuntimeStateFile: 'Lab.vmrs',
      SaveStateFile: 'Lab.save.vmrs',
    });
    expect(file.config.NetworkAdapters[0]!.EndpointId).toBe('edited-meanwhile');
    expect(file.config.GuestStateFile).toBe('mine.vmgs');
    expect(file.config.RuntimeStateFile).toBe('Lab.vmrs');
    expect(file.config.SaveStateFile).toBe('Lab.save.vmrs');
  });

  it('fills a connected adapter and leaves a disconnected one alone', () => {
    const file = newVmConfig('Lab');
    file.config.NetworkAdapters.push({ ...file.config.NetworkAdapters[0]!, Connected: false });
    applyPatch(file, {
      adapters: [
        { index: 0, EndpointId: GUID, MacAddress: '00-15-5D-00-00-01' },
        { index: 1, EndpointId: GUID, MacAddress: '00-15-5D-00-00-02' },
      ],
    });
    expect(file.config.NetworkAdapters.map((a) => a.MacAddress)).toEqual(['00-15-5D-00-00-01', '']);
  });

  it('changes a DVD drive’s medium only where that entry is still a DVD drive, keeping its unknown keys', () => {
    const file = newVmConfig('Lab');
    file.config.ScsiDevices = [
      { Type: 'VirtualImage', Path: 'old.iso', unknownKeys: [{ key: 'Note', json: '"kept"' }] },
      { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
    ];
    applyPatch(file, { media: [{ lun: 0, Path: '/iso/new.iso' }, { lun: 1, Path: '/iso/other.iso' }, { lun: 7, Path: '' }] });
    expect(file.config.ScsiDevices).toEqual([
      { Type: 'VirtualImage', Path: '/iso/new.iso', unknownKeys: [{ key: 'Note', json: '"kept"' }] },
      { Type: 'VirtualDisk', Path: 'Lab.vhdx' },
    ]);
    applyPatch(file, { media: [{ lun: 0, Path: '' }] });
    expect(file.config.ScsiDevices[0]!.Path).toBe('');
  });
});
