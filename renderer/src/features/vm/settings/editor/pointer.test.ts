import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../../app/config/index.js';
import { configPath, listAt, readAt, writeAt } from './pointer.js';

describe('config pointers', () => {
  it('reads and writes a draft’s value by its JSON Pointer, in lists too', () => {
    const config = newVmConfig('vm').config;
    expect(readAt(config, '/NanaBox/ProcessorCount')).toBe(config.ProcessorCount);
    writeAt(config, '/NanaBox/NetworkAdapters/0/MacAddress', '00-15-5D-00-00-01');
    expect(config.NetworkAdapters[0]!.MacAddress).toBe('00-15-5D-00-00-01');
    expect(readAt(config, '/NanaBox/Hako/SecureBootTemplate')).toBe(config.Hako.SecureBootTemplate);
    expect(listAt(config, '/NanaBox/ScsiDevices')).toBe(config.ScsiDevices);
  });

  it('undoes RFC 6901 escapes', () => {
    expect(configPath('/NanaBox/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });

  it('throws on a pointer the model has no value for, so a mistyped field fails its test', () => {
    const config = newVmConfig('vm').config;
    expect(() => readAt(config, '/NanaBox/ProcesorCount')).toThrow(/no value/);
    expect(() => writeAt(config, '/NanaBox/Gpu/Nope', 1)).toThrow(/no value/);
    expect(() => readAt(config, '/Other/Name')).toThrow(/not a pointer/);
    expect(() => listAt(config, '/NanaBox/Name')).toThrow(/not a list/);
  });
});
