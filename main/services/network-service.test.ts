/**
 * NetworkService against the real koffi bindings and the computenetwork stand-in
 * (build/stand-in/libcomputenetwork.so). The Hcn port is wrapped in a recorder that passes every call
 * through, so the tests see both the documents Hako sends and what HCN does with them.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type NetworkAdapter } from '../../app/config/model.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import { NANABOX_SWITCH_ID } from '../../app/network/documents.js';
import { loadNativeHost } from '../native/index.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { waitFor } from '../../test/support/wait.js';
import { NetworkService, NetworkServiceError } from './network-service.js';
import { type Hcn } from './ports.js';

/** The first run (or a run after the C sources changed) builds the stand-ins, which takes a while. */
const STAND_IN_BUILD_TIMEOUT_MS = 180_000;

interface Call {
  readonly fn: string;
  readonly args: unknown[];
}

function recording(inner: Hcn): { hcn: Hcn; calls: Call[] } {
  const calls: Call[] = [];
  const hcn = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push({ fn: String(property), args });
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { hcn, calls };
}

function adapter(overrides: Partial<NetworkAdapter> = {}): NetworkAdapter {
  return {
    Connected: true,
    MacAddress: '',
    EndpointId: '',
    SuggestedSwitchId: '',
    SuggestedSwitchName: '',
    SuggestedSwitchSubnet: '',
    unknownKeys: [],
    ...overrides,
  } as NetworkAdapter;
}

/** Pins the generated GUIDs: 0xab bytes → abababab-abab-4bab-abab-abababababab. */
const pinnedRandom = (): Uint8Array => new Uint8Array(16).fill(0xab);
const PINNED_GUID = 'abababab-abab-4bab-abab-abababababab';
const SUGGESTED = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

const DEFAULT_DOCUMENT = { Flags: 11, IsolateSwitch: true, Name: 'NanaBox', Type: 'ICS' };

let native: Hcn;
let controls: StandInControls;
let hcn: Hcn;
let calls: Call[];
let service: NetworkService;

beforeAll(() => {
  ensureStandIns();
  native = loadNativeHost().hcn;
  controls = standInControls();
}, STAND_IN_BUILD_TIMEOUT_MS);

beforeEach(() => {
  controls.hcn.reset();
  ({ hcn, calls } = recording(native));
  service = new NetworkService(hcn, { random: pinnedRandom });
});

afterEach(() => {
  // Every handle the service opened is closed, every result string freed.
  expect(controls.hcn.openHandleCount()).toBe(0);
  expect(controls.hcn.liveAllocationCount()).toBe(0);
});

const fns = (): string[] => calls.map((c) => c.fn);

function codeOf(error: unknown): number | null {
  return error instanceof HcsError ? error.hresult : null;
}

describe('ensureSwitchForAdapter (nanabox.md §4.1)', () => {
  it('creates NanaBox’s default switch for an adapter without a suggestion, then opens it', async () => {
    const first = await service.ensureSwitchForAdapter(adapter());
    await first.handle.close();
    expect(first).toMatchObject({ id: NANABOX_SWITCH_ID, name: 'NanaBox', created: true, fellBack: false });
    expect(calls[0]).toEqual({ fn: 'createNetwork', args: [NANABOX_SWITCH_ID, DEFAULT_DOCUMENT] });

    calls.length = 0;
    const second = await service.ensureSwitchForAdapter(adapter({ SuggestedSwitchSubnet: '10.1.2.0/24' }));
    await second.handle.close();
    // It exists: opened, the subnet plays no role.
    expect(second).toMatchObject({ id: NANABOX_SWITCH_ID, created: false, fellBack: false });
    expect(fns()).toEqual(['createNetwork', 'openNetwork']);
    expect(controls.hcn.networkCount()).toBe(1);
  });

  it('creates a suggested switch with its name and subnet', async () => {
    const ensured = await service.ensureSwitchForAdapter(
      adapter({ SuggestedSwitchId: `{${SUGGESTED.toUpperCase()}}`, SuggestedSwitchSubnet: '192.168.50.7/24' }),
    );
    const properties = await ensured.handle.properties();
    await ensured.handle.close();
    expect(ensured).toMatchObject({ id: SUGGESTED, name: `NanaBox_${SUGGESTED}`, created: true, fellBack: false });
    expect(ensured.handle.id).toBe(SUGGESTED);
    expect(calls[0]).toEqual({
      fn: 'createNetwork',
      args: [
        SUGGESTED,
        {
          Flags: 11,
          IsolateSwitch: true,
          Name: `NanaBox_${SUGGESTED}`,
          Subnets: [
            {
              AddressPrefix: '192.168.50.7/24',
              GatewayAddress: '192.168.50.1',
              IpSubnets: [{ Flags: 3, IpAddressPrefix: '192.168.50.7/24', ObjectType: 6 }],
              ObjectType: 5,
            },
          ],
          Type: 'ICS',
        },
      ],
    });
    expect(properties.Name).toBe(`NanaBox_${SUGGESTED}`);
  });

  it('uses the suggested name unless it is empty or "NanaBox"', async () => {
    const ensured = await service.ensureSwitchForAdapter(
      adapter({ SuggestedSwitchId: SUGGESTED, SuggestedSwitchName: 'Lab' }),
    );
    await ensured.handle.close();
    expect(ensured.name).toBe('Lab');
    expect((calls[0]!.args[1] as { Name: string }).Name).toBe('Lab');
  });

  it('falls back to the default switch without subnet when the chosen one fails', async () => {
    controls.hcn.injectFault('HcnCreateNetwork', HRESULT.HCN_E_INVALID_SUBNET);
    const ensured = await service.ensureSwitchForAdapter(
      adapter({ SuggestedSwitchId: SUGGESTED, SuggestedSwitchSubnet: '10.0.0.0/8' }),
    );
    await ensured.handle.close();
    expect(ensured).toMatchObject({ id: NANABOX_SWITCH_ID, name: 'NanaBox', created: true, fellBack: true });
    expect(codeOf(ensured.fallbackReason)).toBe(HRESULT.HCN_E_INVALID_SUBNET);
    expect(calls.map((c) => [c.fn, c.args[0]])).toEqual([
      ['createNetwork', SUGGESTED],
      ['createNetwork', NANABOX_SWITCH_ID],
    ]);
    expect(calls[1]!.args[1]).toEqual(DEFAULT_DOCUMENT);
  });

  it('retries the default switch without its subnet when the subnet made it fail', async () => {
    controls.hcn.injectFault('HcnCreateNetwork', HRESULT.HCN_E_INVALID_SUBNET);
    const ensured = await service.ensureSwitchForAdapter(adapter({ SuggestedSwitchSubnet: '10.0.0.0/8' }));
    await ensured.handle.close();
    expect(ensured).toMatchObject({ id: NANABOX_SWITCH_ID, created: true, fellBack: true });
    expect(calls[0]!.args[1]).toHaveProperty('Subnets');
    expect(calls[1]!.args[1]).toEqual(DEFAULT_DOCUMENT);
  });

  it('falls back when the chosen switch exists but cannot be opened, and opens an existing default', async () => {
    await (await service.ensureSwitchForAdapter(adapter())).handle.close();
    await (await service.ensureSwitchForAdapter(adapter({ SuggestedSwitchId: SUGGESTED }))).handle.close();
    calls.length = 0;
    controls.hcn.injectFault('HcnOpenNetwork', HRESULT.E_ACCESSDENIED);
    const ensured = await service.ensureSwitchForAdapter(adapter({ SuggestedSwitchId: SUGGESTED }));
    await ensured.handle.close();
    expect(ensured).toMatchObject({ id: NANABOX_SWITCH_ID, created: false, fellBack: true });
    expect(codeOf(ensured.fallbackReason)).toBe(HRESULT.E_ACCESSDENIED);
    expect(calls.map((c) => [c.fn, c.args[0]])).toEqual([
      ['createNetwork', SUGGESTED],
      ['openNetwork', SUGGESTED],
      ['createNetwork', NANABOX_SWITCH_ID],
      ['openNetwork', NANABOX_SWITCH_ID],
    ]);
  });

  it('throws the fallback’s error when the default switch fails too', async () => {
    await (await service.ensureSwitchForAdapter(adapter())).handle.close();
    controls.hcn.injectFault('HcnCreateNetwork', HRESULT.HCN_E_ICS_DISABLED);
    controls.hcn.injectFault('HcnOpenNetwork', HRESULT.E_ACCESSDENIED);
    const error = await service.ensureSwitchForAdapter(adapter({ SuggestedSwitchId: SUGGESTED })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HcsError);
    expect(error).toMatchObject({ api: 'HCN', hresult: HRESULT.E_ACCESSDENIED, operation: 'HcnOpenNetwork' });
  });

  it('honours an aborted signal and closes a handle obtained before the abort', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await expect(service.ensureSwitchForAdapter(adapter(), aborted.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual([]);

    const controller = new AbortController();
    controls.hcn.setLatency('HcnCreateNetwork', 150);
    try {
      const pending = service.ensureSwitchForAdapter(adapter(), controller.signal);
      // Abort once the create is under way (it cannot finish before a later turn of the event loop),
      // not after a fixed time, which a slow machine could outlast.
      await waitFor(() => fns().includes('createNetwork'), 5000, 'HcnCreateNetwork to be called');
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      controls.hcn.setLatency('HcnCreateNetwork', 0);
    }
    // The network was made (HCN cannot cancel), but no handle stays open (checked after each test).
    expect(controls.hcn.networkCount()).toBe(1);
  });
});

describe('createEndpoint (nanabox.md §4.2)', () => {
  it('creates an endpoint with a new lower-case id and returns the MAC HCN assigned', async () => {
    const ensured = await service.ensureSwitchForAdapter(adapter());
    try {
      calls.length = 0;
      const created = await service.createEndpoint({ owner: 'Demo', adapter: adapter(), network: ensured.handle });
      expect(created.endpointId).toBe(PINNED_GUID);
      expect(created.generatedId).toBe(true);
      expect(created.macAddress).toMatch(/^00-15-5D(-[0-9A-F]{2}){3}$/i);
      expect(calls).toEqual([
        {
          fn: 'createEndpoint',
          args: [
            ensured.handle,
            PINNED_GUID,
            { HostComputeNetwork: NANABOX_SWITCH_ID, Owner: 'Demo', SchemaVersion: { Major: 2, Minor: 0 } },
          ],
        },
      ]);
      expect(controls.hcn.endpointCount()).toBe(1);
      const listed = await hcn.enumerateEndpoints();
      expect(listed).toEqual([PINNED_GUID]);
    } finally {
      await ensured.handle.close();
    }
  });

  it('keeps the file’s EndpointId (any GUID form, sent lower-case) and MAC address', async () => {
    const ensured = await service.ensureSwitchForAdapter(adapter());
    try {
      calls.length = 0;
      const id = '{6B29FC40-CA47-1067-B31D-00DD010662DA}';
      const created = await service.createEndpoint({
        owner: 'Demo',
        adapter: adapter({ EndpointId: id, MacAddress: '00-15-5D-12-34-56' }),
        network: ensured.handle,
      });
      expect(created).toEqual({
        endpointId: '6b29fc40-ca47-1067-b31d-00dd010662da',
        macAddress: '00-15-5D-12-34-56',
        generatedId: false,
      });
      expect(calls[0]!.args[2]).toEqual({
        HostComputeNetwork: NANABOX_SWITCH_ID,
        MacAddress: '00-15-5D-12-34-56',
        Owner: 'Demo',
        SchemaVersion: { Major: 2, Minor: 0 },
      });
    } finally {
      await ensured.handle.close();
    }
  });

  it('ensures (and closes) the adapter’s switch when no network is given', async () => {
    const created = await service.createEndpoint({ owner: 'Demo', adapter: adapter({ SuggestedSwitchId: SUGGESTED }) });
    expect(fns()).toEqual(['createNetwork', 'createEndpoint']);
    expect(calls[1]!.args[2]).toMatchObject({ HostComputeNetwork: SUGGESTED });
    expect(created.endpointId).toBe(PINNED_GUID);
  });

  it('rejects an EndpointId that is not a GUID before calling HCN', async () => {
    const error = await service
      .createEndpoint({ owner: 'Demo', adapter: adapter({ EndpointId: 'not-a-guid' }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkServiceError);
    expect(error).toMatchObject({ code: 'InvalidEndpointId', params: { endpointId: 'not-a-guid' } });
    expect(calls).toEqual([]);
  });

  it('deletes the endpoint again when its properties cannot be read', async () => {
    controls.hcn.injectFault('HcnQueryEndpointProperties', HRESULT.E_FAIL);
    const error = await service.createEndpoint({ owner: 'Demo', adapter: adapter() }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe(HRESULT.E_FAIL);
    expect(controls.hcn.endpointCount()).toBe(0);
    expect(fns()).toContain('deleteEndpoint');
  });

  it('reports an HCN failure of the create as an HcsError', async () => {
    controls.hcn.injectFault('HcnCreateEndpoint', HRESULT.HCN_E_INVALID_ENDPOINT);
    const error = await service.createEndpoint({ owner: 'Demo', adapter: adapter() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ api: 'HCN', hresult: HRESULT.HCN_E_INVALID_ENDPOINT, code: 'HCN_E_INVALID_ENDPOINT' });
    expect(controls.hcn.endpointCount()).toBe(0);
  });
});

describe('deleteEndpoint (nanabox.md §4.3)', () => {
  it('deletes, reports a missing endpoint, and reports failures without throwing', async () => {
    const { endpointId } = await service.createEndpoint({ owner: 'Demo', adapter: adapter() });
    expect(await service.deleteEndpoint(endpointId.toUpperCase())).toEqual({ outcome: 'deleted' });
    expect(controls.hcn.endpointCount()).toBe(0);
    expect(await service.deleteEndpoint(endpointId)).toEqual({ outcome: 'not-found' });

    const again = await service.createEndpoint({ owner: 'Demo', adapter: adapter() });
    controls.hcn.injectFault('HcnDeleteEndpoint', HRESULT.E_ACCESSDENIED);
    const failed = await service.deleteEndpoint(again.endpointId);
    expect(failed.outcome).toBe('failed');
    expect(failed.outcome === 'failed' && codeOf(failed.error)).toBe(HRESULT.E_ACCESSDENIED);
    expect(controls.hcn.endpointCount()).toBe(1);

    const invalid = await service.deleteEndpoint('nope');
    expect(invalid).toMatchObject({ outcome: 'failed', error: { code: 'InvalidEndpointId' } });
  });
});

describe('listNetworks', () => {
  it('lists every network with its name and type, marking NanaBox’s', async () => {
    expect(await service.listNetworks()).toEqual([]);
    await (await service.ensureSwitchForAdapter(adapter())).handle.close();
    const lab = await service.createSwitch({ name: 'Lab', subnet: '10.9.0.0/16' });
    const list = await service.listNetworks();
    expect(list).toHaveLength(2);
    expect(list).toEqual(
      expect.arrayContaining([
        { id: NANABOX_SWITCH_ID, name: 'NanaBox', type: 'ICS', isDefault: true, subnets: [], endpoints: [] },
        { id: lab.id, name: 'Lab', type: 'ICS', isDefault: false, subnets: [{ prefix: '10.9.0.0/16', gateway: '10.9.0.1' }], endpoints: [] },
      ]),
    );
  });

  it('leaves out a network that vanishes between enumeration and opening', async () => {
    await (await service.ensureSwitchForAdapter(adapter())).handle.close();
    await service.createSwitch({ name: 'Lab' });
    controls.hcn.injectFault('HcnOpenNetwork', HRESULT.HCN_E_NETWORK_NOT_FOUND);
    expect(await service.listNetworks()).toHaveLength(1);
  });

  it('passes other failures on', async () => {
    await (await service.ensureSwitchForAdapter(adapter())).handle.close();
    controls.hcn.injectFault('HcnQueryNetworkProperties', HRESULT.E_ACCESSDENIED);
    await expect(service.listNetworks()).rejects.toMatchObject({ hresult: HRESULT.E_ACCESSDENIED });
  });
});

describe('createSwitch', () => {
  it('creates an ICS switch like NanaBox’s with a new GUID', async () => {
    const created = await service.createSwitch({ name: '  Lab  ', subnet: '192.168.77.0/24' });
    expect(created).toEqual({
      id: PINNED_GUID,
      name: 'Lab',
      subnet: { addressPrefix: '192.168.77.0/24', gateway: '192.168.77.1' },
    });
    expect(calls.find((c) => c.fn === 'createNetwork')).toMatchObject({
      fn: 'createNetwork',
      args: [PINNED_GUID, { Flags: 11, IsolateSwitch: true, Name: 'Lab', Type: 'ICS', Subnets: [{ AddressPrefix: '192.168.77.0/24' }] }],
    });
    expect(controls.hcn.networkCount()).toBe(1);
  });

  it('validates the name and subnet before calling HCN', async () => {
    await expect(service.createSwitch({ name: '   ' })).rejects.toMatchObject({ code: 'InvalidSwitchName' });
    await expect(service.createSwitch({ name: 'Lab', subnet: '10.0.0/24' })).rejects.toMatchObject({
      code: 'InvalidSubnet',
    });
    expect(calls).toEqual([]);
  });

  it('refuses a subnet another network of the host uses, naming it, before creating anything', async () => {
    await service.createSwitch({ name: 'Lab', subnet: '10.9.0.0/16' });
    await expect(service.createSwitch({ name: 'Lab 2', subnet: '10.9.3.0/24' })).rejects.toMatchObject({ code: 'SubnetInUse', params: { other: '10.9.0.0/16' } });
    await expect(service.createSwitch({ name: 'Lab 3', subnet: '192.168.5.0/24', hostSubnets: ['192.168.0.0/16'] })).rejects.toMatchObject({
      code: 'SubnetInUse',
      message: expect.stringContaining('192.168.0.0/16'),
    });
    await expect(service.createSwitch({ name: 'Lab 4', subnet: '10.1.0.0/31' })).rejects.toMatchObject({ code: 'InvalidSubnet' });
    expect(controls.hcn.networkCount()).toBe(1);
  });

  it('creates a switch without a subnet when none or an empty one is given', async () => {
    const created = await service.createSwitch({ name: 'Plain', subnet: '' });
    expect(created.subnet).toBeNull();
    expect(calls[0]!.args[1]).toEqual({ Flags: 11, IsolateSwitch: true, Name: 'Plain', Type: 'ICS' });
  });
});
