import { describe, expect, it } from 'vitest';
import { newVmConfig } from '../../../../../../app/config/index.js';
import { collectUnknownKeys, fileUnknownKeys } from './unknown-keys.js';

describe('unknown keys', () => {
  it('lists unknown keys with escaped JSON Pointers', () => {
    const config = newVmConfig('vm').config;
    config.unknownKeys = [{ key: 'a/b', json: '1' }];
    config.Gpu.unknownKeys = [{ key: 'Extra', json: '"x"' }];
    expect(collectUnknownKeys(config, '/NanaBox')).toEqual([
      { pointer: '/NanaBox/a~1b', json: '1' },
      { pointer: '/NanaBox/Gpu/Extra', json: '"x"' },
    ]);
  });

  it('escapes `/` and `~` in unknown keys at the root of the file and inside the VM (RFC 6901)', () => {
    const config = newVmConfig('vm').config;
    config.unknownKeys = [{ key: 'a~b/c', json: '1' }];
    expect(fileUnknownKeys([{ key: 'x/y~z', json: 'true' }, { key: 'plain', json: '0' }], config, '/NanaBox')).toEqual([
      { pointer: '/x~1y~0z', json: 'true' },
      { pointer: '/plain', json: '0' },
      { pointer: '/NanaBox/a~0b~1c', json: '1' },
    ]);
  });
});
