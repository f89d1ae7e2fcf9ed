import { describe, expect, it } from 'vitest';
import { newVmConfig } from './defaults.js';
import { settingLabel } from './setting-labels.js';

describe('setting labels', () => {
  it('names settings as people do', () => {
    const config = newVmConfig('Lab').config;
    config.ScsiDevices = [
      { Type: 'VirtualDisk', Path: 'C:\\VMs\\Lab.vhdx' },
      { Type: 'VirtualDisk', Path: 'data.vhdx' },
      { Type: 'VirtualImage', Path: '' },
    ];
    expect(settingLabel('/NanaBox/MemorySize')).toBe('Memory');
    expect(settingLabel('/NanaBox/ScsiDevices/1', config)).toBe('Disk 2 (data.vhdx)');
    expect(settingLabel('/NanaBox/ScsiDevices/2', config)).toBe('DVD drive 3');
    expect(settingLabel('/NanaBox/NetworkAdapters/0')).toBe('Network adapter 1');
    expect(settingLabel('/NanaBox/ComPorts/ComPort1')).toBe('COM1');
    expect(settingLabel('/NanaBox/Gpu/EnableHostDriverStore')).toBe('GPU: EnableHostDriverStore');
    expect(settingLabel('/NanaBox/Keyboard')).toBe('Keyboard');
    expect(settingLabel('')).toBe('The file');
  });
});
