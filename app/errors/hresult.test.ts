import { describe, it, expect } from 'vitest';
import { describeHresult, formatHresult, hresultFromWin32, HRESULT, normaliseHresult } from './hresult.js';

// Transcribed from reference/hcs-api.md §4.1, §4.3 and §4.4, independently of the catalogue.
const DOC_TABLE: readonly (readonly [string, string])[] = [
  ['HCS_E_TERMINATED_DURING_START', '0x80370100'],
  ['HCS_E_IMAGE_MISMATCH', '0x80370101'],
  ['HCS_E_HYPERV_NOT_INSTALLED', '0x80370102'],
  ['HCS_E_INVALID_STATE', '0x80370105'],
  ['HCS_E_UNEXPECTED_EXIT', '0x80370106'],
  ['HCS_E_TERMINATED', '0x80370107'],
  ['HCS_E_CONNECT_FAILED', '0x80370108'],
  ['HCS_E_CONNECTION_TIMEOUT', '0x80370109'],
  ['HCS_E_CONNECTION_CLOSED', '0x8037010A'],
  ['HCS_E_UNKNOWN_MESSAGE', '0x8037010B'],
  ['HCS_E_UNSUPPORTED_PROTOCOL_VERSION', '0x8037010C'],
  ['HCS_E_INVALID_JSON', '0x8037010D'],
  ['HCS_E_SYSTEM_NOT_FOUND', '0x8037010E'],
  ['HCS_E_SYSTEM_ALREADY_EXISTS', '0x8037010F'],
  ['HCS_E_SYSTEM_ALREADY_STOPPED', '0x80370110'],
  ['HCS_E_PROTOCOL_ERROR', '0x80370111'],
  ['HCS_E_INVALID_LAYER', '0x80370112'],
  ['HCS_E_WINDOWS_INSIDER_REQUIRED', '0x80370113'],
  ['HCS_E_SERVICE_NOT_AVAILABLE', '0x80370114'],
  ['HCS_E_OPERATION_NOT_STARTED', '0x80370115'],
  ['HCS_E_OPERATION_ALREADY_STARTED', '0x80370116'],
  ['HCS_E_OPERATION_PENDING', '0x80370117'],
  ['HCS_E_OPERATION_TIMEOUT', '0x80370118'],
  ['HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET', '0x80370119'],
  ['HCS_E_OPERATION_RESULT_ALLOCATION_FAILED', '0x8037011A'],
  ['HCS_E_ACCESS_DENIED', '0x8037011B'],
  ['HCS_E_GUEST_CRITICAL_ERROR', '0x8037011C'],
  ['HCS_E_PROCESS_INFO_NOT_AVAILABLE', '0x8037011D'],
  ['HCS_E_SERVICE_DISCONNECT', '0x8037011E'],
  ['HCS_E_PROCESS_ALREADY_STOPPED', '0x8037011F'],
  ['HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION', '0x80370120'],
  ['HCS_E_OPERATION_ALREADY_CANCELLED', '0x80370121'],
  ['E_OUTOFMEMORY', '0x8007000E'],
  ['E_INVALIDARG', '0x80070057'],
  ['EPT_S_NOT_REGISTERED', '0x800706D9'],
  ['E_NOTIMPL', '0x80004001'],
  ['E_POINTER', '0x80004003'],
  ['WBEM_E_INVALID_PARAMETER', '0x80041008'],
  ['HCN_E_NETWORK_NOT_FOUND', '0x803B0001'],
  ['HCN_E_ENDPOINT_NOT_FOUND', '0x803B0002'],
  ['HCN_E_LAYER_NOT_FOUND', '0x803B0003'],
  ['HCN_E_SWITCH_NOT_FOUND', '0x803B0004'],
  ['HCN_E_SUBNET_NOT_FOUND', '0x803B0005'],
  ['HCN_E_ADAPTER_NOT_FOUND', '0x803B0006'],
  ['HCN_E_PORT_NOT_FOUND', '0x803B0007'],
  ['HCN_E_POLICY_NOT_FOUND', '0x803B0008'],
  ['HCN_E_VFP_PORTSETTING_NOT_FOUND', '0x803B0009'],
  ['HCN_E_INVALID_NETWORK', '0x803B000A'],
  ['HCN_E_INVALID_NETWORK_TYPE', '0x803B000B'],
  ['HCN_E_INVALID_ENDPOINT', '0x803B000C'],
  ['HCN_E_INVALID_POLICY', '0x803B000D'],
  ['HCN_E_INVALID_POLICY_TYPE', '0x803B000E'],
  ['HCN_E_INVALID_REMOTE_ENDPOINT_OPERATION', '0x803B000F'],
  ['HCN_E_NETWORK_ALREADY_EXISTS', '0x803B0010'],
  ['HCN_E_LAYER_ALREADY_EXISTS', '0x803B0011'],
  ['HCN_E_POLICY_ALREADY_EXISTS', '0x803B0012'],
  ['HCN_E_PORT_ALREADY_EXISTS', '0x803B0013'],
  ['HCN_E_ENDPOINT_ALREADY_ATTACHED', '0x803B0014'],
  ['HCN_E_REQUEST_UNSUPPORTED', '0x803B0015'],
  ['HCN_E_MAPPING_NOT_SUPPORTED', '0x803B0016'],
  ['HCN_E_DEGRADED_OPERATION', '0x803B0017'],
  ['HCN_E_SHARED_SWITCH_MODIFICATION', '0x803B0018'],
  ['HCN_E_GUID_CONVERSION_FAILURE', '0x803B0019'],
  ['HCN_E_REGKEY_FAILURE', '0x803B001A'],
  ['HCN_E_INVALID_JSON', '0x803B001B'],
  ['HCN_E_INVALID_JSON_REFERENCE', '0x803B001C'],
  ['HCN_E_ENDPOINT_SHARING_DISABLED', '0x803B001D'],
  ['HCN_E_INVALID_IP', '0x803B001E'],
  ['HCN_E_SWITCH_EXTENSION_NOT_FOUND', '0x803B001F'],
  ['HCN_E_MANAGER_STOPPED', '0x803B0020'],
  ['GCN_E_MODULE_NOT_FOUND', '0x803B0021'],
  ['GCN_E_NO_REQUEST_HANDLERS', '0x803B0022'],
  ['GCN_E_REQUEST_UNSUPPORTED', '0x803B0023'],
  ['GCN_E_RUNTIMEKEYS_FAILED', '0x803B0024'],
  ['GCN_E_NETADAPTER_TIMEOUT', '0x803B0025'],
  ['GCN_E_NETADAPTER_NOT_FOUND', '0x803B0026'],
  ['GCN_E_NETCOMPARTMENT_NOT_FOUND', '0x803B0027'],
  ['GCN_E_NETINTERFACE_NOT_FOUND', '0x803B0028'],
  ['GCN_E_DEFAULTNAMESPACE_EXISTS', '0x803B0029'],
  ['HCN_E_ICS_DISABLED', '0x803B002A'],
  ['HCN_E_ENDPOINT_NAMESPACE_ALREADY_EXISTS', '0x803B002B'],
  ['HCN_E_ENTITY_HAS_REFERENCES', '0x803B002C'],
  ['HCN_E_INVALID_INTERNAL_PORT', '0x803B002D'],
  ['HCN_E_NAMESPACE_ATTACH_FAILED', '0x803B002E'],
  ['HCN_E_ADDR_INVALID_OR_RESERVED', '0x803B002F'],
  ['HCN_E_INVALID_PREFIX', '0x803B0030'],
  ['HCN_E_OBJECT_USED_AFTER_UNLOAD', '0x803B0031'],
  ['HCN_E_INVALID_SUBNET', '0x803B0032'],
  ['HCN_E_INVALID_IP_SUBNET', '0x803B0033'],
  ['HCN_E_ENDPOINT_NOT_ATTACHED', '0x803B0034'],
  ['HCN_E_ENDPOINT_NOT_LOCAL', '0x803B0035'],
  ['HCN_INTERFACEPARAMETERS_ALREADY_APPLIED', '0x803B0036'],
  ['HCN_E_VFP_NOT_ALLOWED', '0x803B0037'],
  // §4.3 rows whose name is written as HRESULT_FROM_WIN32(...), or as a pair.
  ['E_ACCESSDENIED', '0x80070005'],
  ['ERROR_FILE_NOT_FOUND', '0x80070002'],
  ['ERROR_PATH_NOT_FOUND', '0x80070003'],
  ['ERROR_INVALID_HANDLE', '0x80070006'],
  ['ERROR_INVALID_DATA', '0x8007000D'],
  ['ERROR_SHARING_VIOLATION', '0x80070020'],
  ['ERROR_NOT_SUPPORTED', '0x80070032'],
  ['ERROR_PROC_NOT_FOUND', '0x8007007F'],
  ['ERROR_NOT_FOUND', '0x80070490'],
  ['E_FAIL', '0x80004005'],
  ['E_UNEXPECTED', '0x8000FFFF'],
];

// Not in the doc tables: success, virtdisk's codes and the legacy vmcompute pair (§4.2).
const EXTRA_TABLE: readonly (readonly [string, string])[] = [
  ['S_OK', '0x00000000'],
  ['ERROR_CANCELLED', '0x800704C7'],
  ['ERROR_FILE_EXISTS', '0x80070050'],
  ['ERROR_ALREADY_EXISTS', '0x800700B7'],
  ['ERROR_VMCOMPUTE_OPERATION_PENDING', '0xC0370103'],
  ['ERROR_VMCOMPUTE_TOO_MANY_NOTIFICATIONS', '0xC0370104'],
];

// The signed column of §4.1.
const DOC_SIGNED: readonly (readonly [string, number])[] = [
  ['HCS_E_TERMINATED_DURING_START', -2143878912],
  ['HCS_E_IMAGE_MISMATCH', -2143878911],
  ['HCS_E_HYPERV_NOT_INSTALLED', -2143878910],
  ['HCS_E_INVALID_STATE', -2143878907],
  ['HCS_E_UNEXPECTED_EXIT', -2143878906],
  ['HCS_E_TERMINATED', -2143878905],
  ['HCS_E_CONNECT_FAILED', -2143878904],
  ['HCS_E_CONNECTION_TIMEOUT', -2143878903],
  ['HCS_E_CONNECTION_CLOSED', -2143878902],
  ['HCS_E_UNKNOWN_MESSAGE', -2143878901],
  ['HCS_E_UNSUPPORTED_PROTOCOL_VERSION', -2143878900],
  ['HCS_E_INVALID_JSON', -2143878899],
  ['HCS_E_SYSTEM_NOT_FOUND', -2143878898],
  ['HCS_E_SYSTEM_ALREADY_EXISTS', -2143878897],
  ['HCS_E_SYSTEM_ALREADY_STOPPED', -2143878896],
  ['HCS_E_PROTOCOL_ERROR', -2143878895],
  ['HCS_E_INVALID_LAYER', -2143878894],
  ['HCS_E_WINDOWS_INSIDER_REQUIRED', -2143878893],
  ['HCS_E_SERVICE_NOT_AVAILABLE', -2143878892],
  ['HCS_E_OPERATION_NOT_STARTED', -2143878891],
  ['HCS_E_OPERATION_ALREADY_STARTED', -2143878890],
  ['HCS_E_OPERATION_PENDING', -2143878889],
  ['HCS_E_OPERATION_TIMEOUT', -2143878888],
  ['HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET', -2143878887],
  ['HCS_E_OPERATION_RESULT_ALLOCATION_FAILED', -2143878886],
  ['HCS_E_ACCESS_DENIED', -2143878885],
  ['HCS_E_GUEST_CRITICAL_ERROR', -2143878884],
  ['HCS_E_PROCESS_INFO_NOT_AVAILABLE', -2143878883],
  ['HCS_E_SERVICE_DISCONNECT', -2143878882],
  ['HCS_E_PROCESS_ALREADY_STOPPED', -2143878881],
  ['HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION', -2143878880],
  ['HCS_E_OPERATION_ALREADY_CANCELLED', -2143878879],
];

const byName = HRESULT as Readonly<Record<string, number>>;

describe('catalogue', () => {
  it('has exactly the codes of the reference tables plus the extras', () => {
    const expected = [...DOC_TABLE, ...EXTRA_TABLE].map(([name]) => name).sort();
    expect(Object.keys(HRESULT).sort()).toEqual(expected);
  });

  it.each([...DOC_TABLE, ...EXTRA_TABLE])('%s is %s', (name, hex) => {
    expect(byName[name]).toBe(Number(hex));
    const info = describeHresult(Number(hex));
    expect(info.name).toBe(name);
    expect(info.hex).toBe(hex);
  });

  it('gives every code a distinct value, so each name is reachable from its code', () => {
    const codes = Object.values(HRESULT);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [name, code] of Object.entries(HRESULT)) expect(describeHresult(code).name).toBe(name);
  });

  it('has a sentence for every message and no empty advice', () => {
    for (const code of Object.values(HRESULT)) {
      const { message, advice } = describeHresult(code);
      expect(message).toMatch(/^[A-Z].*\.$/);
      if (advice !== null) expect(advice).toMatch(/^\S.*[.)]$/);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(HRESULT)).toBe(true);
    expect(() => {
      (HRESULT as Record<string, number>)['S_OK'] = 1;
    }).toThrow(TypeError);
  });

  it('reports the facility', () => {
    expect(describeHresult(HRESULT.HCS_E_INVALID_STATE).facility).toBe('HCS');
    expect(describeHresult(HRESULT.ERROR_VMCOMPUTE_OPERATION_PENDING).facility).toBe('HCS');
    expect(describeHresult(HRESULT.HCN_E_ICS_DISABLED).facility).toBe('HCN');
    expect(describeHresult(HRESULT.GCN_E_MODULE_NOT_FOUND).facility).toBe('HCN');
    expect(describeHresult(HRESULT.ERROR_NOT_FOUND).facility).toBe('Win32');
    expect(describeHresult(HRESULT.E_OUTOFMEMORY).facility).toBe('Win32');
    expect(describeHresult(HRESULT.E_FAIL).facility).toBe('COM');
    expect(describeHresult(HRESULT.E_UNEXPECTED).facility).toBe('COM');
    expect(describeHresult(HRESULT.WBEM_E_INVALID_PARAMETER).facility).toBe('WMI');
  });
});

describe('normaliseHresult', () => {
  it.each(DOC_SIGNED)('treats the signed form of %s (%i) like the unsigned one', (name, signed) => {
    expect(normaliseHresult(signed)).toBe(byName[name]);
    expect(describeHresult(signed)).toEqual(describeHresult(signed + 2 ** 32));
    expect(describeHresult(signed).name).toBe(name);
  });

  it('accepts the whole int32 and uint32 ranges and nothing else', () => {
    expect(normaliseHresult(-(2 ** 31))).toBe(0x80000000);
    expect(normaliseHresult(2 ** 32 - 1)).toBe(0xffffffff);
    expect(normaliseHresult(-1)).toBe(0xffffffff);
    for (const bad of [NaN, Infinity, 1.5, 2 ** 32, -(2 ** 31) - 1]) {
      expect(() => normaliseHresult(bad)).toThrow(RangeError);
      expect(() => describeHresult(bad)).toThrow(RangeError);
      expect(() => formatHresult(bad)).toThrow(RangeError);
    }
  });

  it('maps legacy vmcompute codes to their computecore twins (§4.2)', () => {
    expect(normaliseHresult(0xc037010e)).toBe(0x8037010e);
    expect(describeHresult(0xc037010e).name).toBe('HCS_E_SYSTEM_NOT_FOUND');
    expect(describeHresult(0xc037010e - 2 ** 32).name).toBe('HCS_E_SYSTEM_NOT_FOUND');
    expect(describeHresult(0xc0370105).name).toBe('HCS_E_INVALID_STATE');
    expect(describeHresult(0xc0370106).name).toBe('HCS_E_UNEXPECTED_EXIT');
    expect(describeHresult(0xc037010b).name).toBe('HCS_E_UNKNOWN_MESSAGE');
    expect(describeHresult(0xc037010d).name).toBe('HCS_E_INVALID_JSON');
    expect(describeHresult(0xc0370110).name).toBe('HCS_E_SYSTEM_ALREADY_STOPPED');
  });

  it('leaves facility-0x037 codes without a computecore twin alone', () => {
    // 0x103 means OPERATION_PENDING in vmcompute but is unused by computecore.
    expect(normaliseHresult(0xc0370103)).toBe(0xc0370103);
    expect(describeHresult(0xc0370103).name).toBe('ERROR_VMCOMPUTE_OPERATION_PENDING');
    // ERROR_VID_* and ERROR_VSMB_* share the facility but are not vmcompute codes.
    expect(normaliseHresult(0xc0370001)).toBe(0xc0370001);
    expect(normaliseHresult(0xc0370400)).toBe(0xc0370400);
  });

  it('leaves other codes unchanged', () => {
    expect(normaliseHresult(0x80370105)).toBe(0x80370105);
    expect(normaliseHresult(0)).toBe(0);
    expect(normaliseHresult(0xc03b0001)).toBe(0xc03b0001);
  });
});

describe('formatHresult', () => {
  it('writes 0x and eight upper-case digits', () => {
    expect(formatHresult(0x80370105)).toBe('0x80370105');
    expect(formatHresult(-2143878907)).toBe('0x80370105');
    expect(formatHresult(0x8037010a)).toBe('0x8037010A');
    expect(formatHresult(0)).toBe('0x00000000');
    expect(formatHresult(0x1)).toBe('0x00000001');
  });

  it('shows a legacy code as received', () => {
    expect(formatHresult(0xc037010e)).toBe('0xC037010E');
    expect(describeHresult(0xc037010e).hex).toBe('0x8037010E');
  });
});

describe('hresultFromWin32', () => {
  it('wraps Win32 codes in FACILITY_WIN32 and keeps success as 0', () => {
    expect(hresultFromWin32(0)).toBe(0);
    expect(hresultFromWin32(5)).toBe(HRESULT.E_ACCESSDENIED);
    expect(hresultFromWin32(0x20)).toBe(HRESULT.ERROR_SHARING_VIOLATION);
    expect(hresultFromWin32(0x490)).toBe(HRESULT.ERROR_NOT_FOUND);
    expect(hresultFromWin32(1223)).toBe(HRESULT.ERROR_CANCELLED);
    expect(hresultFromWin32(0xffff)).toBe(0x8007ffff);
  });

  it('rejects values that are not Win32 codes', () => {
    for (const bad of [-1, 0x10000, 1.5, NaN, 0x80070005]) {
      expect(() => hresultFromWin32(bad)).toThrow(RangeError);
    }
  });
});

describe('codes outside the catalogue', () => {
  it('describe an unknown code generically, with its hex', () => {
    expect(describeHresult(0x80370150)).toEqual({
      code: 0x80370150,
      hex: '0x80370150',
      name: null,
      message: expect.stringContaining('0x80370150'),
      advice: null,
      facility: 'HCS',
    });
    expect(describeHresult(0x803b0099).facility).toBe('HCN');
    expect(describeHresult(0x80040154).facility).toBe('COM');
    const odd = describeHresult(0x12345678);
    expect(odd).toMatchObject({ name: null, advice: null, facility: 'Unknown' });
    expect(odd.message).toContain('0x12345678');
    expect(odd.message).not.toMatch(/Win32/);
  });

  it('name the Win32 error number for FACILITY_WIN32', () => {
    const info = describeHresult(hresultFromWin32(1234));
    expect(info).toMatchObject({ code: 0x800704d2, hex: '0x800704D2', name: null, facility: 'Win32' });
    expect(info.message).toContain('Win32 error 1234');
    expect(info.message).toContain('0x800704D2');
  });
});

describe('advice', () => {
  const advice = (code: number): string => describeHresult(code).advice ?? '';

  it('tells the user how to get access', () => {
    for (const code of [HRESULT.HCS_E_ACCESS_DENIED, HRESULT.E_ACCESSDENIED]) {
      expect(advice(code)).toMatch(/administrator/);
      expect(advice(code)).toContain('Hyper-V Administrators');
    }
    // §8.1: on Windows 11 22H2 only elevation helps for HCN.
    expect(advice(HRESULT.E_ACCESSDENIED)).toContain('22H2');
  });

  it('tells the user which Windows feature to enable', () => {
    for (const code of [HRESULT.HCS_E_SERVICE_NOT_AVAILABLE, HRESULT.HCS_E_HYPERV_NOT_INSTALLED]) {
      expect(advice(code)).toContain('Virtual Machine Platform');
      expect(advice(code)).toMatch(/restart/i);
    }
  });

  it('covers the other user-fixable causes', () => {
    expect(advice(HRESULT.HCS_E_SYSTEM_ALREADY_EXISTS)).toContain('NanaBox');
    expect(advice(HRESULT.HCS_E_INVALID_STATE)).not.toBe('');
    expect(advice(HRESULT.ERROR_SHARING_VIOLATION)).toMatch(/in use by another/);
    expect(advice(HRESULT.ERROR_FILE_NOT_FOUND)).toMatch(/VM settings/);
    expect(advice(HRESULT.ERROR_PATH_NOT_FOUND)).toMatch(/VM settings/);
    expect(advice(HRESULT.HCN_E_ICS_DISABLED)).toContain('SharedAccess');
    expect(advice(HRESULT.EPT_S_NOT_REGISTERED)).toContain('Host Network Service');
    expect(advice(HRESULT.WBEM_E_INVALID_PARAMETER)).toMatch(/even/);
  });

  it('stays null where the user cannot act', () => {
    expect(describeHresult(HRESULT.HCS_E_OPERATION_NOT_STARTED).advice).toBeNull();
    expect(describeHresult(HRESULT.E_POINTER).advice).toBeNull();
  });
});
