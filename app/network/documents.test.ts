import { describe, expect, it } from 'vitest';
import type { NetworkAdapter } from '../config/model.js';
import {
  NANABOX_SWITCH_ID,
  NANABOX_SWITCH_NAME,
  NETWORK_FLAGS,
  defaultNetworkDocument,
  endpointDocument,
  networkDocument,
  newEndpointId,
  parseGuid,
  parseSubnet,
  switchForAdapter,
} from './documents.js';

function adapter(overrides: Partial<NetworkAdapter> = {}): NetworkAdapter {
  return {
    Connected: true,
    MacAddress: '',
    EndpointId: '',
    SuggestedSwitchId: '',
    SuggestedSwitchName: '',
    SuggestedSwitchSubnet: '',
    ...overrides,
  };
}

describe('constants', () => {
  it('names NanaBox switch in lower case', () => {
    expect(NANABOX_SWITCH_ID).toBe('85c8668e-36fe-447f-aae0-ba159a0142a7');
    expect(NANABOX_SWITCH_NAME).toBe('NanaBox');
  });

  it('has the HNS flag bits NanaBox combines into 11', () => {
    expect(NETWORK_FLAGS).toEqual({ EnableDns: 1, EnableDhcp: 2, EnableNonPersistent: 8 });
  });
});

describe('parseGuid', () => {
  it('lower-cases a bare GUID', () => {
    expect(parseGuid('85C8668E-36FE-447F-AAE0-BA159A0142A7')).toBe('85c8668e-36fe-447f-aae0-ba159a0142a7');
  });

  it('accepts mixed case', () => {
    expect(parseGuid('aBcDeF01-2345-6789-AbCd-Ef0123456789')).toBe('abcdef01-2345-6789-abcd-ef0123456789');
  });

  it('accepts a matching pair of braces or parentheses', () => {
    expect(parseGuid('{85C8668E-36FE-447F-AAE0-BA159A0142A7}')).toBe('85c8668e-36fe-447f-aae0-ba159a0142a7');
    expect(parseGuid('(85C8668E-36FE-447F-AAE0-BA159A0142A7)')).toBe('85c8668e-36fe-447f-aae0-ba159a0142a7');
  });

  it('refuses unmatched wrappers', () => {
    expect(parseGuid('{85C8668E-36FE-447F-AAE0-BA159A0142A7)')).toBeNull();
    expect(parseGuid('{85C8668E-36FE-447F-AAE0-BA159A0142A7')).toBeNull();
    expect(parseGuid('85C8668E-36FE-447F-AAE0-BA159A0142A7}')).toBeNull();
  });

  it('refuses whitespace, missing hyphens, wrong lengths and non-hex digits', () => {
    expect(parseGuid(' 85c8668e-36fe-447f-aae0-ba159a0142a7')).toBeNull();
    expect(parseGuid('85c8668e-36fe-447f-aae0-ba159a0142a7 ')).toBeNull();
    expect(parseGuid('85c8668e36fe447faae0ba159a0142a7')).toBeNull();
    expect(parseGuid('85c8668e-36fe-447f-aae0ba159a0142a7-')).toBeNull();
    expect(parseGuid('85c8668e-36fe-447f-aae0-ba159a0142a')).toBeNull();
    expect(parseGuid('85c8668g-36fe-447f-aae0-ba159a0142a7')).toBeNull();
    expect(parseGuid('')).toBeNull();
  });

  it('refuses non-ASCII digits', () => {
    expect(parseGuid('85c8668e-36fe-447f-aae0-ba159a0142a\uFF17')).toBeNull();
  });
});

describe('newEndpointId', () => {
  it('formats 16 random bytes as a lower-case version 4 GUID', () => {
    const bytes = Uint8Array.from([
      0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00,
    ]);
    expect(newEndpointId(() => bytes)).toBe('ffeeddcc-bbaa-4988-b766-554433221100');
  });

  it('sets the version and variant bits even from zero bytes', () => {
    expect(newEndpointId((n) => new Uint8Array(n))).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('asks for 16 bytes and uses only the first 16', () => {
    let asked = 0;
    const id = newEndpointId((n) => {
      asked = n;
      return new Uint8Array(32).fill(0x12);
    });
    expect(asked).toBe(16);
    expect(id).toBe('12121212-1212-4212-9212-121212121212');
  });

  it('does not modify the caller’s buffer', () => {
    const bytes = new Uint8Array(16).fill(0xff);
    newEndpointId(() => bytes);
    expect(Array.from(bytes)).toEqual(new Array(16).fill(0xff));
  });

  it('refuses a short random source', () => {
    expect(() => newEndpointId(() => new Uint8Array(15))).toThrow(RangeError);
  });

  it('produces what parseGuid accepts unchanged', () => {
    const id = newEndpointId(() => Uint8Array.from({ length: 16 }, (_, i) => i * 17));
    expect(parseGuid(id)).toBe(id);
  });
});

describe('parseSubnet', () => {
  it('re-formats a plain subnet and derives the .1 gateway', () => {
    expect(parseSubnet('192.168.100.0/24')).toEqual({
      addressPrefix: '192.168.100.0/24',
      gateway: '192.168.100.1',
    });
  });

  it('wraps each number modulo 256 like %hhu', () => {
    expect(parseSubnet('300.256.257.511/280')).toEqual({ addressPrefix: '44.0.1.255/24', gateway: '44.0.1.1' });
  });

  it('accepts signs: a minus negates modulo 2^64 before the byte is taken', () => {
    expect(parseSubnet('-1.+2.-0.-255/-232')).toEqual({ addressPrefix: '255.2.0.1/24', gateway: '255.2.0.1' });
  });

  it('turns a number beyond 64 bits into 255, even with a minus, but wraps one that fits', () => {
    expect(parseSubnet('18446744073709551616.18446744073709551612.-99999999999999999999.1/8')).toEqual({
      addressPrefix: '255.252.255.1/8',
      gateway: '255.252.255.1',
    });
  });

  it('reads leading zeros as decimal', () => {
    expect(parseSubnet('010.001.000.008/016')).toEqual({ addressPrefix: '10.1.0.8/16', gateway: '10.1.0.1' });
  });

  it('skips whitespace before numbers but not before separators', () => {
    expect(parseSubnet(' \t10.\n0. 0.\v0/\f\r24')).toEqual({ addressPrefix: '10.0.0.0/24', gateway: '10.0.0.1' });
    expect(parseSubnet('10 .0.0.0/24')).toBeNull();
    expect(parseSubnet('10.0.0.0 /24')).toBeNull();
  });

  it('ignores anything after the prefix length', () => {
    expect(parseSubnet('10.0.0.0/24 trailing')).toEqual({ addressPrefix: '10.0.0.0/24', gateway: '10.0.0.1' });
    expect(parseSubnet('10.0.0.0/24.5/7')).toEqual({ addressPrefix: '10.0.0.0/24', gateway: '10.0.0.1' });
  });

  it('does not mask or range-check', () => {
    expect(parseSubnet('10.20.30.40/99')).toEqual({ addressPrefix: '10.20.30.40/99', gateway: '10.20.30.1' });
  });

  it('stops at the first NUL, as c_str() does', () => {
    expect(parseSubnet('10.0.0.0/24\0garbage')).toEqual({ addressPrefix: '10.0.0.0/24', gateway: '10.0.0.1' });
    expect(parseSubnet('10.0.0\0.0/24')).toBeNull();
  });

  it('refuses fewer than five numbers and wrong separators', () => {
    expect(parseSubnet('')).toBeNull();
    expect(parseSubnet('10.0.0.0')).toBeNull();
    expect(parseSubnet('10.0.0.0/')).toBeNull();
    expect(parseSubnet('10.0.0/24')).toBeNull();
    expect(parseSubnet('10,0,0,0/24')).toBeNull();
    expect(parseSubnet('10.0.0.0\\24')).toBeNull();
    expect(parseSubnet('0x0a.0.0.0/24')).toBeNull();
    expect(parseSubnet('a.b.c.d/e')).toBeNull();
    expect(parseSubnet('10.-.0.0/24')).toBeNull();
    expect(parseSubnet('10.+ 1.0.0/24')).toBeNull();
  });

  it('does not treat non-ASCII digits or spaces as digits or whitespace', () => {
    expect(parseSubnet('\u00A010.0.0.0/24')).toBeNull();
    expect(parseSubnet('\uFF11\uFF10.0.0.0/24')).toBeNull();
  });
});

describe('switchForAdapter', () => {
  it('uses NanaBox switch when nothing is suggested', () => {
    expect(switchForAdapter(adapter())).toEqual({
      id: '85c8668e-36fe-447f-aae0-ba159a0142a7',
      name: 'NanaBox',
      subnet: null,
      isDefault: true,
    });
  });

  it('uses a suggested id that parses, lower-cased, with the suggested name', () => {
    expect(
      switchForAdapter(adapter({ SuggestedSwitchId: '{0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D}', SuggestedSwitchName: 'Lab' })),
    ).toEqual({ id: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', name: 'Lab', subnet: null, isDefault: false });
  });

  it('names a suggested switch NanaBox_<guid> when the name is empty', () => {
    expect(switchForAdapter(adapter({ SuggestedSwitchId: '0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D' }))).toEqual({
      id: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      name: 'NanaBox_0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
      subnet: null,
      isDefault: false,
    });
  });

  it('names a suggested switch NanaBox_<guid> when the name is exactly "NanaBox", but not "nanabox"', () => {
    const id = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';
    expect(switchForAdapter(adapter({ SuggestedSwitchId: id, SuggestedSwitchName: 'NanaBox' })).name).toBe(
      'NanaBox_0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    );
    expect(switchForAdapter(adapter({ SuggestedSwitchId: id, SuggestedSwitchName: 'nanabox' })).name).toBe('nanabox');
    expect(switchForAdapter(adapter({ SuggestedSwitchId: id, SuggestedSwitchName: ' NanaBox' })).name).toBe(' NanaBox');
  });

  it('ignores a suggested id that does not parse, and the suggested name with it', () => {
    expect(switchForAdapter(adapter({ SuggestedSwitchId: 'not-a-guid', SuggestedSwitchName: 'Lab' }))).toEqual({
      id: '85c8668e-36fe-447f-aae0-ba159a0142a7',
      name: 'NanaBox',
      subnet: null,
      isDefault: true,
    });
  });

  it('ignores a suggested id equal to NanaBox switch in any spelling', () => {
    expect(
      switchForAdapter(adapter({ SuggestedSwitchId: '{85C8668E-36FE-447F-AAE0-BA159A0142A7}', SuggestedSwitchName: 'Lab' })),
    ).toEqual({ id: '85c8668e-36fe-447f-aae0-ba159a0142a7', name: 'NanaBox', subnet: null, isDefault: true });
  });

  it('applies the suggested subnet to the default switch too', () => {
    expect(switchForAdapter(adapter({ SuggestedSwitchSubnet: '172.20.0.0/16' }))).toEqual({
      id: '85c8668e-36fe-447f-aae0-ba159a0142a7',
      name: 'NanaBox',
      subnet: { addressPrefix: '172.20.0.0/16', gateway: '172.20.0.1' },
      isDefault: true,
    });
  });

  it('applies the suggested subnet to a suggested switch', () => {
    expect(
      switchForAdapter(
        adapter({ SuggestedSwitchId: '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d', SuggestedSwitchSubnet: '10.9.8.0/24' }),
      ).subnet,
    ).toEqual({ addressPrefix: '10.9.8.0/24', gateway: '10.9.8.1' });
  });

  it('drops a subnet that does not parse', () => {
    expect(switchForAdapter(adapter({ SuggestedSwitchSubnet: '10.0.0.0' })).subnet).toBeNull();
  });
});

describe('networkDocument', () => {
  it('builds an isolated non-persistent ICS network without subnet', () => {
    expect(JSON.stringify(networkDocument('NanaBox', null))).toBe(
      '{"Flags":11,"IsolateSwitch":true,"Name":"NanaBox","Type":"ICS"}',
    );
  });

  it('adds one subnet with an IP subnet of the same prefix, in NanaBox key order', () => {
    const subnet = { addressPrefix: '192.168.77.0/24', gateway: '192.168.77.1' };
    expect(JSON.stringify(networkDocument('Lab', subnet))).toBe(
      '{"Flags":11,"IsolateSwitch":true,"Name":"Lab","Subnets":[{"AddressPrefix":"192.168.77.0/24",' +
        '"GatewayAddress":"192.168.77.1","IpSubnets":[{"Flags":3,"IpAddressPrefix":"192.168.77.0/24",' +
        '"ObjectType":6}],"ObjectType":5}],"Type":"ICS"}',
    );
  });

  it('falls back to NanaBox switch without subnet', () => {
    expect(defaultNetworkDocument()).toEqual({ Flags: 11, IsolateSwitch: true, Name: 'NanaBox', Type: 'ICS' });
  });
});

describe('endpointDocument', () => {
  it('names the owner and the network in lower case, without MAC when none is set', () => {
    expect(
      JSON.stringify(endpointDocument({ owner: 'Demo VM', networkId: '85C8668E-36FE-447F-AAE0-BA159A0142A7' })),
    ).toBe(
      '{"HostComputeNetwork":"85c8668e-36fe-447f-aae0-ba159a0142a7","Owner":"Demo VM",' +
        '"SchemaVersion":{"Major":2,"Minor":0}}',
    );
  });

  it('leaves out an empty MAC address', () => {
    expect(endpointDocument({ owner: 'x', networkId: NANABOX_SWITCH_ID, macAddress: '' })).toEqual({
      HostComputeNetwork: '85c8668e-36fe-447f-aae0-ba159a0142a7',
      Owner: 'x',
      SchemaVersion: { Major: 2, Minor: 0 },
    });
  });

  it('passes a MAC address through unchanged', () => {
    expect(
      JSON.stringify(
        endpointDocument({ owner: 'Demo', networkId: '{0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d}', macAddress: '00-15-5d-01-02-03' }),
      ),
    ).toBe(
      '{"HostComputeNetwork":"0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d","MacAddress":"00-15-5d-01-02-03",' +
        '"Owner":"Demo","SchemaVersion":{"Major":2,"Minor":0}}',
    );
  });

  it('refuses a network id that is not a GUID', () => {
    expect(() => endpointDocument({ owner: 'x', networkId: 'NanaBox' })).toThrow(RangeError);
  });
});
