/**
 * CapabilitiesService against the real koffi bindings and the computecore stand-in (default profile:
 * build 26100 with every optional export), plus the stand-in built without HcsCrashComputeSystem.
 */
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HRESULT } from '../../app/errors/hresult.js';
import { DEFAULT_STAND_IN_BUILD, loadNativeHost } from '../native/index.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns, repoRoot } from '../../test/support/native/stand-ins.js';
import {
  CapabilitiesService,
  maxSchemaVersion,
  schemaVersionsFromServiceProperties,
  supportsSchemaVersion,
} from './capabilities.js';
import { type Hcs, type HostInfo } from './ports.js';

/** The first run (or a run after the C sources changed) builds the stand-ins, which takes a while. */
const STAND_IN_BUILD_TIMEOUT_MS = 180_000;

let hcs: Hcs;
let host: HostInfo;
let controls: StandInControls;

beforeAll(() => {
  ensureStandIns();
  const native = loadNativeHost();
  hcs = native.hcs;
  host = native.host;
  controls = standInControls();
}, STAND_IN_BUILD_TIMEOUT_MS);

beforeEach(() => {
  controls.hcs.reset();
});

afterEach(() => {
  expect(controls.hcs.openHandleCount()).toBe(0);
  expect(controls.hcs.liveAllocationCount()).toBe(0);
});

/** The native Hcs with getServiceProperties counted (and optionally replaced). */
function counting(replacement?: Hcs['getServiceProperties']): { hcs: Hcs; count: () => number } {
  let count = 0;
  const wrapped = new Proxy(hcs, {
    get(target, property, receiver) {
      if (property === 'getServiceProperties') {
        return (query?: object) => {
          count++;
          return replacement ? replacement(query) : target.getServiceProperties(query);
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { hcs: wrapped, count: () => count };
}

describe('against the stand-in', () => {
  it('reports a reachable HCS with its schema versions, the host facts and every optional export', async () => {
    const caps = await new CapabilitiesService(hcs, host, { now: () => 1234 }).get();
    expect(caps.hcsReachable).toBe(true);
    expect(caps.hcsError).toBeUndefined();
    expect(caps.build).toBe(Number(process.env.HAKO_STAND_IN_BUILD ?? DEFAULT_STAND_IN_BUILD));
    expect(caps.elevated).toBe(process.getuid?.() === 0);
    expect(caps.supportedSchemaVersions.length).toBeGreaterThan(0);
    expect(caps.supportedSchemaVersions.every((v) => v.Major === 2)).toBe(true);
    // 26100 is beyond 2.7 (hcs-api.md §6.1).
    expect(caps.maxSchemaVersion).toEqual(maxSchemaVersion(caps.supportedSchemaVersions));
    expect(caps.maxSchemaVersion!.Minor).toBeGreaterThanOrEqual(7);
    expect(supportsSchemaVersion(caps, { Major: 2, Minor: 1 })).toBe(true);
    expect(caps.optionalExports).toEqual({ crash: true, waitForExit: true, grantVmGroupAccess: true });
    expect(caps.missingExports).toEqual([]);
    expect(caps.checkedAt).toBe(1234);
  });

  it('turns a refused HCS into a result with the code, message and advice', async () => {
    controls.hcs.injectFault('HcsGetServiceProperties', HRESULT.HCS_E_ACCESS_DENIED, true);
    const caps = await new CapabilitiesService(hcs, host).get();
    expect(caps.hcsReachable).toBe(false);
    expect(caps.hcsError).toMatchObject({
      hresult: HRESULT.HCS_E_ACCESS_DENIED,
      code: 'HCS_E_ACCESS_DENIED',
      advice: expect.stringContaining('administrator'),
    });
    expect(caps.hcsError!.message).not.toBe('');
    expect(caps.supportedSchemaVersions).toEqual([]);
    expect(caps.maxSchemaVersion).toBeNull();
  });

  it('reports a missing feature the way NanaBox diagnoses it', async () => {
    controls.hcs.injectFault('HcsGetServiceProperties', HRESULT.HCS_E_SERVICE_NOT_AVAILABLE, true);
    const caps = await new CapabilitiesService(hcs, host).get();
    expect(caps.hcsError).toMatchObject({
      code: 'HCS_E_SERVICE_NOT_AVAILABLE',
      advice: expect.stringContaining('Virtual Machine Platform'),
    });
  });

  it('caches until refresh, and shares one probe between concurrent callers', async () => {
    const { hcs: wrapped, count } = counting();
    const service = new CapabilitiesService(wrapped, host);
    const [a, b] = await Promise.all([service.get(), service.get()]);
    expect(a).toBe(b);
    expect(await service.get()).toBe(a);
    expect(count()).toBe(1);

    controls.hcs.injectFault('HcsGetServiceProperties', HRESULT.HCS_E_SERVICE_NOT_AVAILABLE, true);
    const refreshed = await service.refresh();
    expect(count()).toBe(2);
    expect(refreshed.hcsReachable).toBe(false);
    expect(await service.get()).toBe(refreshed);
    // And back once the cause is fixed.
    expect((await service.refresh()).hcsReachable).toBe(true);
  });
});

describe('without the stand-in’s answer', () => {
  it('calls a hanging HCS unreachable after the timeout', async () => {
    const { hcs: hanging } = counting(() => new Promise(() => undefined));
    const caps = await new CapabilitiesService(hanging, host, { timeoutMs: 20 }).get();
    expect(caps.hcsReachable).toBe(false);
    expect(caps.hcsError).toMatchObject({ hresult: HRESULT.HCS_E_OPERATION_TIMEOUT, code: 'HCS_E_OPERATION_TIMEOUT' });
  });

  it('never throws, even for a non-HCS failure', async () => {
    const { hcs: broken } = counting(() => {
      throw new TypeError('binding exploded');
    });
    const caps = await new CapabilitiesService(broken, host).get();
    expect(caps.hcsReachable).toBe(false);
    expect(caps.hcsError).toMatchObject({ hresult: HRESULT.E_FAIL, code: null, message: 'binding exploded' });
  });

  it('reads SupportedSchemaVersions defensively', () => {
    expect(
      schemaVersionsFromServiceProperties({
        Properties: [{ SupportedSchemaVersions: [{ Major: 2, Minor: 1 }, { Major: 2, Minor: 5 }, { Major: 2, Minor: 1 }, { Major: '2' }, null] }],
      }),
    ).toEqual([
      { Major: 2, Minor: 1 },
      { Major: 2, Minor: 5 },
    ]);
    expect(schemaVersionsFromServiceProperties(null)).toEqual([]);
    expect(schemaVersionsFromServiceProperties({ Properties: 'x' })).toEqual([]);
    expect(maxSchemaVersion([{ Major: 1, Minor: 9 }, { Major: 2, Minor: 0 }])).toEqual({ Major: 2, Minor: 0 });
    expect(maxSchemaVersion([])).toBeNull();
  });
});

describe('the 1809 stand-in (no HcsCrashComputeSystem)', () => {
  it('lists the missing export and marks crash unsupported', async () => {
    vi.resetModules();
    const previous = process.env.HAKO_COMPUTECORE;
    process.env.HAKO_COMPUTECORE = path.join(repoRoot, 'build/stand-in/1809/libcomputecore.so');
    try {
      const fresh = await import('../native/index.js');
      const native = new fresh.NativeHcs();
      const caps = await new CapabilitiesService(native, host).get();
      expect(caps.optionalExports.crash).toBe(false);
      expect(caps.missingExports).toContain('HcsCrashComputeSystem');
      expect(caps.hcsReachable).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.HAKO_COMPUTECORE;
      else process.env.HAKO_COMPUTECORE = previous;
      vi.resetModules();
    }
  });
});
