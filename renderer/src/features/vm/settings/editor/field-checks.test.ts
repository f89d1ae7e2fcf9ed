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
