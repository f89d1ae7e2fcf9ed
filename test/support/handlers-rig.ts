/**
 * The IPC handler tests' set-up: the contract's handlers over the real services, native bindings and
 * stand-ins, through the dispatcher. Stand-ins loaded once per file; per test a fresh folder, stand-in
 * state reset, a fresh AppServices recording every event; after it every VM powered off, the services
 * disposed and the folder removed.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { type Envelope } from '../../app/ipc/contract.js';
import { createAppServices, type AppServices } from '../../main/app-services.js';
import { standInControls } from './native/stand-in-controls.js';
import { ensureStandIns } from './native/stand-ins.js';

/** A minimal VM file NanaBox accepts (written with its BOM by `vmFile`). */
export const MINIMAL = '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"Vm","ProcessorCount":1,"MemorySize":512,"ComPorts":{"UefiConsole":"Disabled"},"Gpu":{"AssignmentMode":"Disabled"},"GuestType":"Linux"}}';

export interface HandlersRig {
  /** This test's folder (AppServices' data lives in `data` under it). */
  dir: string;
  /** This test's services; a test that restarts Hako assigns the new ones here, and they are disposed after it. */
  app: AppServices;
  /** Every event the services sent during this test, in order. */
  readonly events: { name: string; payload: unknown }[];
  /** The envelope the dispatcher answers with. */
  call<T = unknown>(name: string, input?: unknown): Promise<Envelope<T>>;
  /** The value of a call that must succeed. */
  value<T = unknown>(name: string, input?: unknown): Promise<T>;
  /** Writes a VM file (with its BOM) into this test's folder. */
  vmFile(name?: string, text?: string): Promise<string>;
}

/** Registers the hooks; the returned object's `dir` and `app` are this test's once `beforeEach` ran. */
export function useHandlersRig(): HandlersRig {
  const rig: HandlersRig = {
    dir: '',
    app: undefined as unknown as AppServices,
    events: [],
    async call<T = unknown>(name: string, input?: unknown): Promise<Envelope<T>> {
      return (await rig.app.dispatch(name, input)) as Envelope<T>;
    },
    async value<T = unknown>(name: string, input?: unknown): Promise<T> {
      const envelope = await rig.call<T>(name, input);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code}: ${envelope.error.message}`);
      return envelope.value;
    },
    async vmFile(name = 'vm.7b', text = MINIMAL): Promise<string> {
      const file = path.join(rig.dir, name);
      await writeFile(file, '\uFEFF' + text);
      return file;
    },
  };

  beforeAll(() => ensureStandIns(), 180_000);

  beforeEach(async () => {
    standInControls().hcs.reset();
    standInControls().hcn.reset();
    rig.dir = await mkdtemp(path.join(tmpdir(), 'hako-handlers-'));
    rig.app = await createAppServices({ dataDir: path.join(rig.dir, 'data') });
    rig.events.length = 0;
    rig.app.events.subscribe((name, payload) => rig.events.push({ name, payload }));
  });

  afterEach(async () => {
    for (const vm of rig.app.vms.list()) if (vm.actions.includes('powerOff')) await rig.app.vms.powerOff(vm.path).catch(() => undefined);
    await rig.app.dispose();
    await rm(rig.dir, { recursive: true, force: true });
  });

  return rig;
}
