import { describe, expect, it } from 'vitest';
import { gatewayOf, networkSubnets, subnetProblem, subnetsOverlap, suggestSubnet } from './subnets.js';

describe('subnets', () => {
  it('tells overlapping ranges apart', () => {
    expect(subnetsOverlap('192.168.1.0/24', '192.168.1.128/25')).toBe(true);
    expect(subnetsOverlap('192.168.1.0/24', '192.168.2.0/24')).toBe(false);
    expect(subnetsOverlap('10.0.0.0/8', '10.200.3.0/24')).toBe(true);
    expect(subnetsOverlap('nonsense', '10.0.0.0/8')).toBe(false);
  });

  it('suggests the first private /24 nothing uses', () => {
    expect(suggestSubnet([])).toEqual({ prefix: '192.168.100.0/24', gateway: '192.168.100.1' });
    expect(suggestSubnet(['192.168.100.0/24', '192.168.101.0/24'])?.prefix).toBe('192.168.102.0/24');
    expect(suggestSubnet(['192.168.0.0/16'])?.prefix).toBe('172.16.0.0/24');
  });

  it('reads an HCN network’s subnets in either schema', () => {
    expect(networkSubnets({ Subnets: [{ AddressPrefix: '192.168.50.0/24', GatewayAddress: '192.168.50.1' }] })).toEqual([{ prefix: '192.168.50.0/24', gateway: '192.168.50.1' }]);
    expect(networkSubnets({ Ipams: [{ Subnets: [{ IpAddressPrefix: '172.20.0.0/20', Routes: [{ NextHop: '172.20.0.1', DestinationPrefix: '0.0.0.0/0' }] }] }] })).toEqual([
      { prefix: '172.20.0.0/20', gateway: '172.20.0.1' },
    ]);
    expect(networkSubnets(null)).toEqual([]);
  });

  it('checks a subnet typed for a new switch: its form, its size, and what it would collide with', () => {
    expect(subnetProblem('192.168.100.0/24', [])).toBeNull();
    expect(subnetProblem('192.168.100/24', [])).toEqual({ problem: 'format' });
    expect(subnetProblem('192.168.300.0/24', [])).toEqual({ problem: 'format' });
    expect(subnetProblem('10.0.0.0/4', [])).toEqual({ problem: 'size' });
    expect(subnetProblem('10.0.0.0/31', [])).toEqual({ problem: 'size' });
    expect(subnetProblem('172.20.1.0/24', ['192.168.1.0/24', '172.20.0.0/16'])).toEqual({ problem: 'overlap', other: '172.20.0.0/16' });
  });

  it('gives the gateway NanaBox gives a switch it creates', () => {
    expect(gatewayOf('192.168.100.0/24')).toBe('192.168.100.1');
    expect(gatewayOf('10.9.0.0/16')).toBe('10.9.0.1');
    expect(gatewayOf('nonsense')).toBeNull();
  });
});
