import { describe, expect, it } from 'vitest';
import { locallyAdministeredMac, macAddressProblem } from './mac.js';

describe('MAC addresses', () => {
  it('generates locally administered unicast addresses in the .7b format', () => {
    for (const seed of [0x00, 0x01, 0xff, 0x5d]) {
      const mac = locallyAdministeredMac(new Uint8Array([seed, 1, 2, 3, 4, 0xab]));
      expect(mac).toMatch(/^[0-9A-F]{2}(-[0-9A-F]{2}){5}$/);
      expect(parseInt(mac.slice(0, 2), 16) & 0x03).toBe(0x02);
      expect(macAddressProblem(mac)).toBeNull();
    }
  });

  it('says what is wrong with a typed one', () => {
    expect(macAddressProblem('00-15-5D-64-2F-AB')).toBeNull();
    expect(macAddressProblem('00:15:5D:64:2F:AB')).toBe('format');
    expect(macAddressProblem('not a mac')).toBe('format');
    expect(macAddressProblem('01-00-5E-00-00-01')).toBe('multicast');
    expect(macAddressProblem('00-00-00-00-00-00')).toBe('zero');
    expect(macAddressProblem('FF-FF-FF-FF-FF-FF')).toBe('broadcast');
  });
});
