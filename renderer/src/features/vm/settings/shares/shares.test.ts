import { describe, expect, it } from 'vitest';
import { nextPlan9Port, reservedShareName } from './shares.js';

describe('shares', () => {
  it('offers a port no other Plan 9 share uses', () => {
    expect(nextPlan9Port([])).toBe(50001);
    expect(nextPlan9Port([{ ReadOnly: false, Port: 50007, Path: 'a', Name: 'a' }, { ReadOnly: false, Port: null, Path: 'b', Name: 'b' }])).toBe(50008);
  });

  it('warns about a driver share’s name only while the driver shares are on', () => {
    expect(reservedShareName('nanabox.hostdrivers', true)).toBe('NanaBox.HostDrivers');
    expect(reservedShareName('NanaBox.HostDrivers', false)).toBeNull();
    expect(reservedShareName('data', true)).toBeNull();
  });
});
