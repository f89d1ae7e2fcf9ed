// NativeHcn against the Linux computenetwork stand-in.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, describeHresult } from '../../app/errors/hresult.js';
import { endpointDocument, networkDocument, parseSubnet } from '../../app/network/documents.js';
import { nativeCallLimit } from './calls.js';
import { checkHcnResult, NativeHcn } from './computenetwork.js';
import { guidFromStruct, guidToStruct } from './guid.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { waitFor } from '../../test/support/wait.js';

let hcn: NativeHcn;
let controls: StandInControls;
// The Windows stand-ins (run under wine by npm run test:win-abi) allocate result strings with
// CoTaskMemAlloc, freed by ole32's CoTaskMemFree, which they cannot count: their
// StandInHcnLiveAllocationCount returns -1. Only the Linux stand-ins count live result strings.
const leakCountersAvailable = process.platform !== 'win32';

async function expectHcsError(promise: Promise<unknown>, hresult: number): Promise<HcsError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HcsError);
  expect((error as HcsError).hresult.toString(16)).toBe((hresult >>> 0).toString(16));
  expect((error as HcsError).api).toBe('HCN');
  return error as HcsError;
}

beforeAll(() => {
  ensureStandIns();
  hcn = new NativeHcn();
  controls = standInControls();
});

beforeEach(() => controls.hcn.reset());

afterEach(async () => {
  await waitFor(() => controls.hcn.openHandleCount() === 0 && (!leakCountersAvailable || controls.hcn.liveAllocationCount() === 0), 3000).catch(() => {});
  expect(controls.hcn.openHandleCount()).toBe(0);
  expect(controls.hcn.liveAllocationCount()).toBe(leakCountersAvailable ? 0 : -1);
  expect(hcn.queuedCalls).toBe(0);
});

describe('GUIDs', () => {
  it('converts to and from the struct, lower-case, with the first three groups as integers', () => {
    const guid = guidToStruct('{85C8668E-36FE-447F-AAE0-BA159A0142A7}')!;
    expect(guid.Data1).toBe(0x85c8668e);
    expect(guid.Data2).toBe(0x36fe);
    expect(guid.Data3).toBe(0x447f);
    expect(Array.from(guid.Data4)).toEqual([0xaa, 0xe0, 0xba, 0x15, 0x9a, 0x01, 0x42, 0xa7]);
    expect(guidFromStruct(guid)).toBe('85c8668e-36fe-447f-aae0-ba159a0142a7');
    expect(guidToStruct('not-a-guid')).toBeNull();
  });
});

describe('networks and endpoints', () => {
  it('creates, opens, queries, enumerates and deletes a network; a taken id is refused', async () => {
    const id = randomUUID().toUpperCase();
    const network = await hcn.createNetwork(id, networkDocument('Hako test ネット', parseSubnet('172.29.16.0/24')));
    expect(network.id).toBe(id.toLowerCase());
    const properties = await network.properties();
    expect(String(properties.ID ?? properties.Id).toLowerCase()).toBe(id.toLowerCase());
    expect(properties.Name).toBe('Hako test ネット');
    expect(await hcn.enumerateNetworks()).toContain(id.toLowerCase());
    await expectHcsError(hcn.createNetwork(id, networkDocument('again', null)), HRESULT.HCN_E_NETWORK_ALREADY_EXISTS);
    const opened = await hcn.openNetwork(`{${id}}`);
    expect(opened.id).toBe(id.toLowerCase());
    await opened.close();
    await network.close();
    await hcn.deleteNetwork(id);
    expect(controls.hcn.networkCount()).toBe(0);
    await expectHcsError(hcn.openNetwork(id), HRESULT.HCN_E_NETWORK_NOT_FOUND);
  });

  it('creates an endpoint that gets a Hyper-V MAC, finds it, and deletes it', async () => {
    const networkId = randomUUID();
    const endpointId = randomUUID();
    const network = await hcn.createNetwork(networkId, networkDocument('Hako endpoints', null));
    const endpoint = await hcn.createEndpoint(network, endpointId, endpointDocument({ owner: 'テスト VM', networkId }));
    expect(endpoint.id).toBe(endpointId);
    const properties = await endpoint.properties();
    expect(properties.MacAddress).toMatch(/^00-15-5D(-[0-9A-F]{2}){3}$/i);
    expect(await hcn.enumerateEndpoints()).toContain(endpointId);
    const again = await hcn.openEndpoint(endpointId);
    expect((await again.properties()).MacAddress).toBe(properties.MacAddress);
    await again.close();
    await endpoint.close();
    await hcn.deleteEndpoint(endpointId);
    expect(controls.hcn.endpointCount()).toBe(0);
    await network.close();
    await hcn.deleteNetwork(networkId);
  });

  it('keeps a requested MAC address', async () => {
    const networkId = randomUUID();
    const network = await hcn.createNetwork(networkId, networkDocument('Hako mac', null));
    const endpointId = randomUUID();
    const endpoint = await hcn.createEndpoint(network, endpointId, endpointDocument({ owner: 'vm', networkId, macAddress: '00-15-5D-12-34-56' }));
    expect((await endpoint.properties()).MacAddress).toBe('00-15-5D-12-34-56');
    await endpoint.close();
    await hcn.deleteEndpoint(endpointId);
    await network.close();
    await hcn.deleteNetwork(networkId);
  });

  it('refuses ids that are not GUIDs and handles that are closed', async () => {
    await expectHcsError(hcn.openNetwork('nanabox'), HRESULT.HCN_E_GUID_CONVERSION_FAILURE);
    const networkId = randomUUID();
    const network = await hcn.createNetwork(networkId, networkDocument('Hako closed', null));
    await network.close();
    await network.close();
    await expectHcsError(network.properties(), HRESULT.ERROR_INVALID_HANDLE);
    await expectHcsError(hcn.createEndpoint(network, randomUUID(), {}), HRESULT.ERROR_INVALID_HANDLE);
    await hcn.deleteNetwork(networkId);
  });
});

describe('failures', () => {
  it.each(['HcnCreateNetwork', 'HcnOpenNetwork', 'HcnEnumerateNetworks', 'HcnDeleteNetwork'])('maps an injected failure of %s with the error record', async (fn) => {
    const id = randomUUID();
    if (fn !== 'HcnCreateNetwork') await (await hcn.createNetwork(id, networkDocument('Hako faults', null))).close();
    controls.hcn.injectFault(fn, HRESULT.HCN_E_ICS_DISABLED);
    const call = {
      HcnCreateNetwork: () => hcn.createNetwork(id, networkDocument('x', null)),
      HcnOpenNetwork: () => hcn.openNetwork(id),
      HcnEnumerateNetworks: () => hcn.enumerateNetworks(),
      HcnDeleteNetwork: () => hcn.deleteNetwork(id),
    }[fn]!;
    const error = await expectHcsError(call(), HRESULT.HCN_E_ICS_DISABLED);
    expect(error.operation).toBe(fn);
    expect(error.code).toBe('HCN_E_ICS_DISABLED');
    expect(error.advice).toBe(describeHresult(HRESULT.HCN_E_ICS_DISABLED).advice);
    await hcn.deleteNetwork(id).catch(() => {});
  });

  it('maps access denied, as HCN on Windows 11 22H2 reports it', async () => {
    controls.hcn.injectFault('HcnEnumerateEndpoints', HRESULT.E_ACCESSDENIED);
    const error = await expectHcsError(hcn.enumerateEndpoints(), HRESULT.E_ACCESSDENIED);
    expect(error.advice).toContain('administrator');
  });
});

describe('threading', () => {
  it(`runs at most ${nativeCallLimit} calls at once and keeps the event loop free`, async () => {
    const id = randomUUID();
    await (await hcn.createNetwork(id, networkDocument('Hako slow', null))).close();
    controls.hcn.setLatency('HcnOpenNetwork', 150);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const opening = Array.from({ length: 6 }, () => hcn.openNetwork(id));
    await waitFor(() => hcn.queuedCalls === 6, 1000);
    const handles = await Promise.all(opening);
    const elapsed = Date.now() - started;
    clearInterval(timer);
    // Six calls of 150 ms, nativeCallLimit at a time.
    expect(elapsed).toBeGreaterThanOrEqual(Math.ceil(6 / nativeCallLimit) * 150 - 30);
    // 30 ticks ideally; a blocked event loop gets none, a loaded CI machine well under 30.
    expect(ticks).toBeGreaterThanOrEqual(5);
    controls.hcn.setLatency('HcnOpenNetwork', 0);
    await Promise.all(handles.map((h) => h.close()));
    await hcn.deleteNetwork(id);
  });
});

describe('the error record rule (HNS Response: Success, Error, ErrorCode)', () => {
  const fails = (hresult: number, record: string | null) => {
    try {
      checkHcnResult('HcnCreateNetwork', hresult, record);
      return null;
    } catch (error) {
      return error as HcsError;
    }
  };

  it('fails on a failed HRESULT, with the record\'s text', () => {
    const error = fails(HRESULT.E_ACCESSDENIED | 0, '{"Success":false,"Error":"denied","ErrorCode":2147942405}');
    expect(error?.hresult).toBe(HRESULT.E_ACCESSDENIED);
    expect(error?.apiMessage).toBe('denied');
  });

  it('succeeds on S_OK with no record, an empty one, or one that says Success: true', () => {
    expect(fails(0, null)).toBeNull();
    expect(fails(0, '')).toBeNull();
    expect(fails(0, '{"Success":true}')).toBeNull();
  });

  it('fails on S_OK with a record that does not say it succeeded', () => {
    expect(fails(0, '{"Success":false,"Error":"no","ErrorCode":2151350288}')?.hresult).toBe(0x803b0010);
    expect(fails(0, '{"Error":"no success field"}')?.hresult).toBe(HRESULT.E_FAIL);
    expect(fails(0, 'not a Response')?.apiMessage).toBe('not a Response');
  });
});
