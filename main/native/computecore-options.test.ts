// What the computecore stand-in takes on each build, as strict as Windows (or stricter where Windows is
// not documented): reserved option parameters, the option documents field by field against the host's
// schema version, the shutdown mechanisms, and the document fields of later builds. Hako's own choice
// per host is tested where it is made (app/compute/options.test.ts, main/services/vm/vm-host-build.test.ts).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT } from '../../app/errors/hresult.js';
import { NativeHcs, type NativeComputeSystem } from './computecore.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { delay, waitFor } from '../../test/support/wait.js';

let hcs: NativeHcs;
let controls: StandInControls;
const savedBuild = process.env.HAKO_STAND_IN_BUILD;
const open: NativeComputeSystem[] = [];
let counter = 0;

function document(virtualMachine: Record<string, unknown> = {}): object {
  return {
    SchemaVersion: { Major: 2, Minor: 1 },
    ShouldTerminateOnLastHandleClosed: true,
    VirtualMachine: { ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } }, Devices: {}, ...virtualMachine },
  };
}

async function running(virtualMachine: Record<string, unknown> = {}): Promise<NativeComputeSystem> {
  const system = await hcs.createComputeSystem(`options-${process.pid}-${++counter}`, document(virtualMachine));
  open.push(system);
  await system.start();
  return system;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HcsError);
  return `0x${((error as HcsError).hresult >>> 0).toString(16)}`;
}

const hex = (code: number) => `0x${(code >>> 0).toString(16)}`;

function setBuild(build: string | undefined): void {
  if (build === undefined) delete process.env.HAKO_STAND_IN_BUILD;
  else process.env.HAKO_STAND_IN_BUILD = build;
}

beforeAll(() => {
  ensureStandIns();
  hcs = new NativeHcs();
  controls = standInControls();
});

beforeEach(() => {
  controls.hcs.reset();
  controls.hcs.setShutdownDelay(10);
});

afterEach(async () => {
  setBuild(savedBuild);
  for (const system of open.splice(0)) {
    await system.terminate().catch(() => undefined);
    await system.close();
  }
  await waitFor(() => controls.hcs.openHandleCount() === 0, 3000, 'every handle closed');
  expect(hcs.pendingOperations).toBe(0);
});

afterAll(() => setBuild(savedBuild));

describe('every build', () => {
  it('refuses options where the reference says "Reserved for future use. Must be NULL."', async () => {
    const system = await running();
    expect(await failure(system.start({ x: 1 }))).toBe(hex(HRESULT.E_INVALIDARG));
    // Hako sends NULL for every reserved parameter.
    await system.pause();
    await system.resume();
  });

  it('checks pause options field by field', async () => {
    const system = await running();
    expect(await failure(system.pause({ SuspensionLevel: 'Suspend', Unknown: true }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    expect(await failure(system.pause({ SuspensionLevel: 'Deep' }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    await system.pause({ SuspensionLevel: 'Suspend', HostedNotification: { Reason: 'Save' } });
    expect((await system.properties()).State).toBe('Paused');
  });
});

describe('26100 (schema 2.8): ShutdownOptions and the integration services', () => {
  it('shuts down through the integration service when the document has Services.Shutdown', async () => {
    const system = await running({ Services: { Shutdown: {} } });
    await system.shutdown({ Mechanism: 'IntegrationService', Type: 'Shutdown', Force: false });
    expect((await system.properties()).State).toBe('Stopped');
  });

  it('refuses the integration service without the component, and unknown option fields', async () => {
    const system = await running();
    expect(await failure(system.shutdown({ Mechanism: 'IntegrationService', Type: 'Shutdown' }))).toBe(hex(HRESULT.HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION));
    expect(await failure(system.shutdown({ Mechanism: 'IntegrationService', Type: 'Shutdown', Delay: 5 }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
  });

  it('leaves a NULL-options shutdown (the guest connection, which the VM lacks) pending until the VM stops', async () => {
    const system = await running({ Services: { Shutdown: {} } });
    let settled = false;
    const shutdown = system.shutdown(null).finally(() => (settled = true));
    await delay(200);
    expect(settled).toBe(false);
    expect((await system.properties()).State).toBe('Running');
    await system.terminate();
    await shutdown;
  });
});

describe('19041 (schema 2.3)', () => {
  beforeEach(() => setBuild('19041'));

  it('refuses non-NULL shutdown options, whatever they say', async () => {
    const system = await running();
    expect(await failure(system.shutdown({ Mechanism: 'IntegrationService', Type: 'Shutdown' }))).toBe(hex(HRESULT.E_INVALIDARG));
    expect(await failure(system.shutdown({}))).toBe(hex(HRESULT.E_INVALIDARG));
  });

  it('refuses a document with the 2.5 Services block, and takes the option fields of 2.3 and before', async () => {
    expect(await failure(hcs.createComputeSystem(`options-${process.pid}-${++counter}`, document({ Services: { Shutdown: {} } })))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    const system = await running();
    await system.pause({ HostedNotification: { Reason: 'Save' } });
    await system.resume();
    await system.crash({ Type: 'CrashGuest' });
  });
});

describe('17763 (schema 2.1)', () => {
  beforeEach(() => setBuild('17763'));

  it('refuses CrashOptions (2.3) and a 2.1 pause field is fine', async () => {
    const system = await running();
    expect(await failure(system.crash({ Type: 'CrashGuest' }))).toBe(hex(HRESULT.HCS_E_INVALID_JSON));
    await system.pause({ HostedNotification: { Reason: 'None' } });
  });
});
