// NativeHcs against the Linux computecore stand-in: lifecycle, events from the stand-in's thread,
// HRESULT mapping (direct and through the operation), threading guarantees and handle/allocation hygiene.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, describeHresult, type HresultName } from '../../app/errors/hresult.js';
import { HCS_EVENT, type HcsEvent } from '../services/ports.js';
import { NativeHcs, type NativeComputeSystem } from './computecore.js';
import { setNativeErrorReporter } from './ffi.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { delay, waitFor } from '../../test/support/wait.js';

let hcs: NativeHcs;
let controls: StandInControls;
let dir: string;
const reported: { message: string; error: unknown }[] = [];
// The Windows stand-ins (run under wine by npm run test:win-abi) allocate result strings with
// LocalAlloc, freed by kernel32's LocalFree, which they cannot count: their
// StandInHcsLiveAllocationCount returns -1. Only the Linux stand-ins count live result strings.
const leakCountersAvailable = process.platform !== 'win32';

function vmVirtualMachine(): Record<string, unknown> {
  return {
    Chipset: { Uefi: {} },
    ComputeTopology: { Memory: { SizeInMB: 1024 }, Processor: { Count: 2 } },
    Devices: {},
  };
}

function vmDocument(extra: Record<string, unknown> = {}): object {
  return {
    SchemaVersion: { Major: 2, Minor: 1 },
    Owner: 'Hako/S-1-5-21-1000-1000-1000-1000',
    ShouldTerminateOnLastHandleClosed: true,
    VirtualMachine: vmVirtualMachine(),
    ...extra,
  };
}

let counter = 0;
function uniqueId(prefix = 'vm'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

async function expectHcsError(promise: Promise<unknown>, hresult: number): Promise<HcsError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a failure with 0x${hresult.toString(16)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HcsError);
  expect((error as HcsError).hresult.toString(16)).toBe((hresult >>> 0).toString(16));
  return error as HcsError;
}

/** Collects the events a handle receives. */
async function record(system: NativeComputeSystem): Promise<HcsEvent[]> {
  const events: HcsEvent[] = [];
  await system.onEvent((event) => events.push(event));
  return events;
}

/** What Hako's own start sends on a 20348+ host so that its shutdown has a guest component to ask. */
const SHUTDOWN_SERVICE = { Shutdown: {} };
const INTEGRATION_SHUTDOWN = { Mechanism: 'IntegrationService', Type: 'Shutdown', Force: false };

beforeAll(() => {
  ensureStandIns();
  hcs = new NativeHcs();
  controls = standInControls();
  dir = mkdtempSync(path.join(tmpdir(), 'hako-hcs-'));
  setNativeErrorReporter((message, error) => reported.push({ message, error }));
});

afterAll(() => {
  setNativeErrorReporter(null);
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  controls.hcs.reset();
  reported.length = 0;
});

afterEach(async () => {
  // Every operation and system handle closed, every result string freed.
  const drained = () => controls.hcs.openHandleCount() === 0 && (!leakCountersAvailable || controls.hcs.liveAllocationCount() === 0);
  await waitFor(drained, 3000, 'handles and allocations to drain').catch(() => {});
  expect(controls.hcs.openHandleCount()).toBe(0);
  expect(controls.hcs.liveAllocationCount()).toBe(leakCountersAvailable ? 0 : -1);
  expect(hcs.pendingOperations).toBe(0);
});

describe('capabilities', () => {
  it('has every optional export on the default (26100) stand-in', () => {
    expect(hcs.capabilities).toEqual({ crash: true, waitForExit: true, grantVmGroupAccess: true, missingExports: [] });
  });
});

describe('lifecycle', () => {
  it('creates, starts, pauses, saves, resumes and shuts down, with events from the stand-in thread', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument({ VirtualMachine: { ...vmVirtualMachine(), Services: SHUTDOWN_SERVICE } }));
    const events = await record(system);
    expect(system.id).toBe(id);
    expect((await system.properties()).State).toBe('Created');
    await system.start();
    const running = await system.properties();
    expect(running).toMatchObject({ Id: id, State: 'Running', SystemType: 'VirtualMachine' });
    await system.pause();
    expect((await system.properties()).State).toBe('Paused');
    await system.save({ SaveType: 'ToFile', SaveStateFilePath: path.join(dir, `${id}.vmrs`) });
    expect((await system.properties()).State).toBe('Paused');
    await system.resume();
    expect((await system.properties()).State).toBe('Running');
    controls.hcs.setShutdownDelay(20);
    await system.shutdown(INTEGRATION_SHUTDOWN);
    await waitFor(() => events.some((e) => e.type === HCS_EVENT.SystemExited), 3000, 'SystemExited');
    const exited = events.find((e) => e.type === HCS_EVENT.SystemExited)!;
    expect(exited.data).toMatchObject({ ExitType: 'GracefulExit' });
    expect(typeof exited.rawData).toBe('string');
    expect((await system.properties()).State).toBe('Stopped');
    await system.close();
  });

  it('records each accepted create document in $HAKO_STAND_IN_RECORD_DIR, for tests in other processes', async () => {
    const records = mkdtempSync(path.join(dir, 'records-'));
    process.env.HAKO_STAND_IN_RECORD_DIR = records;
    try {
      const id = uniqueId('recorded');
      const system = await hcs.createComputeSystem(id, vmDocument());
      await system.close();
      await expectHcsError(hcs.createComputeSystem(uniqueId('refused'), { SchemaVersion: { Major: 2, Minor: 1 } }), HRESULT.HCS_E_INVALID_JSON);
      const files = readdirSync(records);
      expect(files).toHaveLength(1);
      const recorded = JSON.parse(readFileSync(path.join(records, files[0]!), 'utf8')) as { Id: string; Build: number; Document: unknown };
      expect(recorded).toEqual({ Id: id, Build: Number(process.env.HAKO_STAND_IN_BUILD ?? 26100), Document: vmDocument() });
    } finally {
      delete process.env.HAKO_STAND_IN_RECORD_DIR;
    }
  });

  it('terminates with a ForcedExit event, and refuses a second terminate', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    const events = await record(system);
    await system.start();
    await system.terminate();
    await waitFor(() => events.some((e) => e.type === HCS_EVENT.SystemExited), 3000, 'SystemExited');
    expect(events.find((e) => e.type === HCS_EVENT.SystemExited)!.data).toMatchObject({ ExitType: 'ForcedExit' });
    await expectHcsError(system.terminate(), HRESULT.HCS_E_SYSTEM_ALREADY_STOPPED);
    await system.close();
  });

  it('reports a guest crash as UnexpectedExit and supports crash()', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument());
    const events = await record(system);
    await system.start();
    await system.crash({ Type: 'CrashGuest' });
    expect(controls.hcs.guestPowerOff(id, true)).toBeGreaterThanOrEqual(0);
    await waitFor(() => events.some((e) => e.type === HCS_EVENT.SystemExited), 3000, 'SystemExited');
    expect(events.find((e) => e.type === HCS_EVENT.SystemExited)!.data).toMatchObject({ ExitType: 'UnexpectedExit' });
    await system.close();
  });

  it('opens an existing system by id and rejects unknown and duplicate ids', async () => {
    const id = uniqueId();
    const first = await hcs.createComputeSystem(id, vmDocument());
    const second = await hcs.openComputeSystem(id);
    expect((await second.properties()).Id).toBe(id);
    await expectHcsError(hcs.createComputeSystem(id, vmDocument()), HRESULT.HCS_E_SYSTEM_ALREADY_EXISTS);
    await expectHcsError(hcs.openComputeSystem(uniqueId('missing')), HRESULT.HCS_E_SYSTEM_NOT_FOUND);
    await second.close();
    await first.close();
  });

  it('rejects documents that are not JSON or not a VM', async () => {
    // Not a document Hako would send, but the stand-in validates like HCS does.
    await expectHcsError(hcs.createComputeSystem(uniqueId(), { SchemaVersion: { Major: 2, Minor: 1 } }), HRESULT.HCS_E_INVALID_JSON);
  });

  it('modifies a running system and enumerates with a query', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument());
    await system.start();
    await system.modify({ ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB', RequestType: 'Update', Settings: 2048 });
    const all = await hcs.enumerateComputeSystems();
    expect(all.map((p) => p.Id)).toContain(id);
    const mine = await hcs.enumerateComputeSystems({ Ids: [id] });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ Id: id, State: 'Running' });
    expect(await hcs.enumerateComputeSystems({ Ids: [uniqueId('none')] })).toEqual([]);
    await system.terminate();
    await system.close();
  });

  it('rejects every call after close with ERROR_INVALID_HANDLE, and close is idempotent', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    const closing = system.close();
    expect(system.close()).toBe(closing);
    await closing;
    await expectHcsError(system.start(), HRESULT.ERROR_INVALID_HANDLE);
    await expectHcsError(system.properties(), HRESULT.ERROR_INVALID_HANDLE);
    await expect(system.onEvent(() => {})).rejects.toBeInstanceOf(HcsError);
  });

  it('closes the handle of a create whose operation failed', async () => {
    controls.hcs.injectFault('HcsCreateComputeSystem', HRESULT.E_ACCESSDENIED, false);
    await expectHcsError(hcs.createComputeSystem(uniqueId(), vmDocument()), HRESULT.E_ACCESSDENIED);
  });
});

describe('service, grants and state files', () => {
  it('reads the service properties', async () => {
    const properties = (await hcs.getServiceProperties({ PropertyTypes: ['Basic'] })) as { Properties: { SupportedSchemaVersions: unknown[] }[] };
    expect(properties.Properties[0]!.SupportedSchemaVersions.length).toBeGreaterThan(0);
    expect(await hcs.getServiceProperties()).toBeTruthy();
  });

  it('maps a failed service query to an HcsError', async () => {
    controls.hcs.injectFault('HcsGetServiceProperties', HRESULT.HCS_E_SERVICE_NOT_AVAILABLE, true);
    const error = await expectHcsError(hcs.getServiceProperties(), HRESULT.HCS_E_SERVICE_NOT_AVAILABLE);
    expect(error.advice).toBe(describeHresult(HRESULT.HCS_E_SERVICE_NOT_AVAILABLE).advice);
  });

  it('creates state files and grants access, with non-ASCII paths', async () => {
    const vmgs = path.join(dir, 'ゲスト状態-😀.vmgs');
    const vmrs = path.join(dir, 'état-运行.vmrs');
    await hcs.createEmptyGuestStateFile(vmgs);
    await hcs.createEmptyRuntimeStateFile(vmrs);
    const { existsSync } = await import('node:fs');
    expect(existsSync(vmgs)).toBe(true);
    expect(existsSync(vmrs)).toBe(true);
    await hcs.grantVmAccess('ダミー-VM', vmgs);
    await hcs.revokeVmAccess('ダミー-VM', vmgs);
    await hcs.grantVmGroupAccess(vmrs);
    await hcs.revokeVmGroupAccess(vmrs);
  });

  it('reports grant failures', async () => {
    controls.hcs.injectFault('HcsGrantVmAccess', HRESULT.E_ACCESSDENIED, true);
    const error = await expectHcsError(hcs.grantVmAccess('vm', path.join(dir, 'x.vhdx')), HRESULT.E_ACCESSDENIED);
    expect(error.operation).toBe('HcsGrantVmAccess');
    expect(error.api).toBe('HCS');
  });
});

describe('non-ASCII ids', () => {
  it('round-trips an id with kana, accents and an emoji through create, properties and enumerate', async () => {
    const id = `テスト-Élan-😀-${process.pid}`;
    const system = await hcs.createComputeSystem(id, vmDocument({ Owner: 'Hako/ユーザー' }));
    expect((await system.properties()).Id).toBe(id);
    const found = await hcs.enumerateComputeSystems({ Ids: [id] });
    expect(found.map((p) => p.Id)).toEqual([id]);
    const again = await hcs.openComputeSystem(id);
    expect(again.id).toBe(id);
    await again.close();
    await system.close();
  });
});

describe('HRESULT mapping', () => {
  const names = (Object.keys(HRESULT) as HresultName[]).filter((name) => name !== 'S_OK');

  it.each(['through the operation', 'returned by the call'] as const)('maps every catalogued code %s', async (how) => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    try {
      for (const name of names) {
        const code = HRESULT[name];
        controls.hcs.injectFault('HcsStartComputeSystem', code, how === 'returned by the call');
        const error = await expectHcsError(system.start(), describeHresult(code).code);
        const info = describeHresult(code);
        expect(error.api).toBe('HCS');
        expect(error.operation).toBe('HcsStartComputeSystem');
        expect(error.code).toBe(info.name);
        expect(error.advice).toBe(info.advice);
      }
    } finally {
      await system.close();
    }
  });

  it('normalises a legacy 0xC037xxxx code to its computecore twin', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    controls.hcs.injectFault('HcsStartComputeSystem', 0xc037010d, false);
    const error = await expectHcsError(system.start(), HRESULT.HCS_E_INVALID_JSON);
    expect(error.code).toBe('HCS_E_INVALID_JSON');
    controls.hcs.injectFault('HcsStartComputeSystem', 0xc037010e, true);
    const direct = await expectHcsError(system.start(), HRESULT.HCS_E_SYSTEM_NOT_FOUND);
    expect(direct.advice).toBe(describeHresult(HRESULT.HCS_E_SYSTEM_NOT_FOUND).advice);
    await system.close();
  });

  it('carries the ResultError message of an operation failure', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    await system.start();
    const error = await expectHcsError(system.start(), HRESULT.HCS_E_INVALID_STATE);
    expect(error.apiMessage).not.toBe('');
    expect(error.message).toContain('HCS_E_INVALID_STATE');
    await system.terminate();
    await system.close();
  });

  it('maps failures of every asynchronous call', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    const calls: [string, () => Promise<unknown>][] = [
      ['HcsStartComputeSystem', () => system.start()],
      ['HcsPauseComputeSystem', () => system.pause()],
      ['HcsResumeComputeSystem', () => system.resume()],
      ['HcsSaveComputeSystem', () => system.save({ SaveType: 'ToFile', SaveStateFilePath: path.join(dir, 'x.vmrs') })],
      ['HcsShutDownComputeSystem', () => system.shutdown()],
      ['HcsTerminateComputeSystem', () => system.terminate()],
      ['HcsCrashComputeSystem', () => system.crash()],
      ['HcsModifyComputeSystem', () => system.modify({})],
      ['HcsGetComputeSystemProperties', () => system.properties()],
      ['HcsEnumerateComputeSystems', () => hcs.enumerateComputeSystems()],
    ];
    for (const [fn, call] of calls) {
      for (const direct of [false, true]) {
        controls.hcs.injectFault(fn, HRESULT.HCS_E_ACCESS_DENIED, direct);
        const error = await expectHcsError(call(), HRESULT.HCS_E_ACCESS_DENIED);
        expect(error.operation).toBe(fn);
      }
    }
    await system.close();
  });
});

describe('threading', () => {
  it('delivers arbitrary events, including group types with the top bit set and null data', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument());
    const events = await record(system);
    controls.hcs.emitEvent(id, HCS_EVENT.SystemCrashInitiated, '{"CrashParameters":[1,2,3,4,5],"Text":"こんにちは"}');
    controls.hcs.emitEvent(id, 0x80000002, null);
    controls.hcs.emitEvent(id, HCS_EVENT.SystemRdpEnhancedModeStateChanged, 'not json');
    await waitFor(() => events.length === 3, 3000, 'three events');
    expect(events[0]).toEqual({
      type: HCS_EVENT.SystemCrashInitiated,
      data: { CrashParameters: [1, 2, 3, 4, 5], Text: 'こんにちは' },
      rawData: '{"CrashParameters":[1,2,3,4,5],"Text":"こんにちは"}',
    });
    expect(events[1]).toEqual({ type: 0x80000002, data: null, rawData: null });
    expect(events[2]).toEqual({ type: HCS_EVENT.SystemRdpEnhancedModeStateChanged, data: null, rawData: 'not json' });
    await system.close();
  });

  it('reports a throwing listener instead of hanging', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument());
    await system.onEvent(() => {
      throw new Error('listener failure');
    });
    controls.hcs.emitEvent(id, HCS_EVENT.SystemGuestConnectionClosed, null);
    await waitFor(() => reported.length > 0, 3000, 'the report');
    expect(String((reported[0]!.error as Error).message)).toBe('listener failure');
    await system.close();
  });

  it('closes without hanging while the stand-in fires many events, and delivers none afterwards', async () => {
    const id = uniqueId();
    const system = await hcs.createComputeSystem(id, vmDocument());
    let afterClose = 0;
    let closed = false;
    let received = 0;
    await system.onEvent(() => {
      received++;
      if (closed) afterClose++;
    });
    const burst = (n: number) => {
      for (let i = 0; i < n; i++) controls.hcs.emitEvent(id, HCS_EVENT.SystemGuestConnectionClosed, `{"n":${i}}`);
    };
    burst(200);
    await waitFor(() => received >= 20, 3000, 'the first events');
    // Close while the stand-in's event thread is still delivering (HcsCloseComputeSystem drains it).
    burst(200);
    const closing = system.close().then(() => {
      closed = true;
    });
    burst(200);
    await closing;
    await delay(100);
    expect(afterClose).toBe(0);
    expect(received).toBeGreaterThanOrEqual(20);
    expect(received).toBeLessThanOrEqual(600);
  });

  it('keeps the event loop responsive during a slow operation', async () => {
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    controls.hcs.setLatency('HcsStartComputeSystem', 300);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await system.start();
    clearInterval(timer);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    // 30 ticks ideally; a blocked event loop gets none, a loaded CI machine well under 30.
    expect(ticks).toBeGreaterThanOrEqual(5);
    await system.terminate();
    await system.close();
  });

  it('runs 50 creates at once', async () => {
    const ids = Array.from({ length: 50 }, () => uniqueId('many'));
    controls.hcs.setLatency('HcsCreateComputeSystem', 100);
    const started = Date.now();
    const systems = await Promise.all(ids.map((id) => hcs.createComputeSystem(id, vmDocument())));
    // All in flight at once: nothing parks a thread per operation (50 × 100 ms in a row would be 5 s).
    expect(Date.now() - started).toBeLessThan(2000);
    expect(new Set(systems.map((s) => s.id)).size).toBe(50);
    expect(controls.hcs.computeSystemCount()).toBeGreaterThanOrEqual(50);
    const found = await hcs.enumerateComputeSystems({ Ids: ids });
    expect(found).toHaveLength(50);
    await Promise.all(systems.map((s) => s.close()));
  });

  it('settles operations after the completion callback has returned to the stand-in', async () => {
    // A continuation that immediately issues more calls must not deadlock against the callback thread.
    const system = await hcs.createComputeSystem(uniqueId(), vmDocument());
    await system.start().then(() => system.pause()).then(() => system.resume());
    await system.terminate().then(() => system.close());
  });
});
