import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../../app/config/index.js';
import { fieldDoc, fieldDocPath, fieldProblems } from './field-checks.js';

describe('field checks', () => {
  it('accepts a new VM as Hako creates it', () => {
    expect(fieldProblems(newVmConfig('vm').config)).toEqual([]);
  });

  it('marks malformed values at their JSON path', () => {
    const config = newVmConfig('').config;
    config.ProcessorCount = 0;
    config.NetworkAdapters[0]!.SuggestedSwitchSubnet = '10.0.0.0';
    config.MemorySize = Number.NaN;
    expect(fieldProblems(config).map((p) => p.path)).toEqual([
      '/NanaBox/ProcessorCount',
      '/NanaBox/MemorySize',
      '/NanaBox/NetworkAdapters/0/SuggestedSwitchSubnet',
      '/NanaBox/Name',
    ]);
    expect(fieldProblems(config).map((p) => p.code)).toEqual(['form.uint.min', 'form.uint.range', 'form.pattern.SuggestedSwitchSubnet', 'form.name.empty']);
  });

  it('marks a well-formed MAC address no adapter may have', () => {
    const config = newVmConfig('vm').config;
    config.NetworkAdapters[0]!.MacAddress = '01-00-5E-00-00-01';
    expect(fieldProblems(config)).toEqual([{ path: '/NanaBox/NetworkAdapters/0/MacAddress', code: 'form.mac.multicast', params: {} }]);
    config.NetworkAdapters[0]!.MacAddress = '02-15-5D-00-00-01';
    expect(fieldProblems(config)).toEqual([]);
  });

  it('asks for what a share needs before NanaBox drops it', () => {
    const config = newVmConfig('vm').config;
    config.Plan9Shares.push({ ReadOnly: false, Port: null, Path: 'src', Name: '' });
    config.VirtualSmbShares.push({ ReadOnly: true, Path: '', Name: 'docs' });
    expect(fieldProblems(config).map((p) => p.path)).toEqual(['/NanaBox/Plan9Shares/0/Name', '/NanaBox/VirtualSmbShares/0/Path', '/NanaBox/Plan9Shares/0/Port']);
  });

  it('finds the spec’s help text for a field, also inside lists', () => {
    expect(fieldDoc('/NanaBox/MemorySize')).toBe('Memory in MB.');
    expect(fieldDoc('/NanaBox/ScsiDevices/3/Path')).toMatch(/relative to the \.7b file/);
    expect(fieldDoc('/NanaBox/Hako/SecureBootTemplate')).toMatch(/MicrosoftUEFICertificateAuthority/);
    expect(fieldDoc('/NanaBox/Nope')).toBeUndefined();
    // The catalogue's key for the same help: list indexes left out.
    expect(fieldDocPath('/NanaBox/ScsiDevices/3/Path')).toBe('ScsiDevices.Path');
    expect(fieldDocPath('/NanaBox/Nope')).toBeUndefined();
  });
});
