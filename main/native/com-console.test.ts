// A serial console end to end on both tiers: ConsoleService as the client of a running stand-in VM's COM
// pipe — a Unix socket on Linux, a real named pipe under wine (stand-in/console_com.c's Windows side, and
// Node's named-pipe client as on Windows): the firmware's boot output on the UEFI console port, the echo,
// back-pressure on a flood, and the VM stopping.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newVmConfig, type VmConfig } from '../../app/config/index.js';
import type { VmState } from '../../app/vm/state.js';
import { ConsoleService, type ConsoleStatus, type ConsoleVms } from '../services/console/console-service.js';
import { CONSOLE_WINDOW_BYTES } from '../services/console/serial-console.js';
import type { ComputeSystem } from '../services/ports.js';
import { hostPipePath } from '../services/session/pipe-path.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { waitFor } from '../../test/support/wait.js';
import { NativeHcs } from './computecore.js';

const VM_PATH = process.platform === 'win32' ? 'C:\\vms\\com.7b' : '/vms/com.7b';
let hcs: NativeHcs;
let controls: StandInControls;
let pipeDir: string | null = null;
let counter = 0;
const systems: ComputeSystem[] = [];

beforeAll(() => {
  ensureStandIns();
  hcs = new NativeHcs();
  controls = standInControls();
  if (process.platform !== 'win32') {
    // Short, so the socket paths fit sun_path; read by the stand-in when a VM starts.
    pipeDir = mkdtempSync('/tmp/hcc-');
    process.env.HAKO_STAND_IN_PIPE_DIR = pipeDir;
  }
});

afterEach(async () => {
  for (const system of systems.splice(0)) {
    await system.terminate().catch(() => undefined);
    await system.close();
  }
  controls.hcs.reset();
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5000, 'every HCS handle closed');
});

afterAll(() => {
  if (pipeDir) rmSync(pipeDir, { recursive: true, force: true });
});

/** One VM the console sees: its state is set by the test, as VmService would set it from HCS. */
function fakeVm(pipe: string, uefi: 'Disabled' | 'ComPort1') {
  const config: VmConfig = { ...newVmConfig('Com').config };
  config.ComPorts = { ...config.ComPorts, UefiConsole: uefi, ComPort1: pipe };
  let state: VmState = 'Stopped';
  const listeners = new Set<(vm: { path: string; state: VmState }) => void>();
  const vms: ConsoleVms = {
    get: () => ({ path: VM_PATH, state, config }),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    vms,
    set(next: VmState) {
      state = next;
      for (const listener of listeners) listener({ path: VM_PATH, state });
    },
  };
}

async function startVm(id: string, pipe: string, uefi: string): Promise<ComputeSystem> {
  const system = await hcs.createComputeSystem(id, {
    SchemaVersion: { Major: 2, Minor: 1 },
    VirtualMachine: {
      Chipset: { Uefi: { Console: uefi } },
      ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } },
      Devices: { ComPorts: { '0': { NamedPipe: pipe } } },
    },
  });
  systems.push(system);
  await system.start();
  return system;
}

function consoleRig(vms: ConsoleVms) {
  const service = new ConsoleService({ vms, pipePath: hostPipePath, maxRetryMs: 500 });
  const chunks: Buffer[] = [];
  const states: ConsoleStatus[] = [];
  service.onOutput(({ data }) => chunks.push(data));
  service.onState((status) => states.push(status));
  return {
    service,
    text: () => Buffer.concat(chunks).toString('latin1'),
    bytes: () => chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    last: () => states.at(-1),
  };
}

describe('a serial console on a stand-in VM', () => {
  it('connects as the VM starts, shows the firmware’s boot output and echoes, and says when the VM stops', { timeout: 30_000 }, async () => {
    const id = `com-boot-${process.pid}-${++counter}`;
    const pipe = `\\\\.\\pipe\\${id}-com1`;
    const vm = fakeVm(pipe, 'ComPort1');
    const rig = consoleRig(vm.vms);
    try {
      controls.hcs.setComBootDelay(2000);
      const opened = rig.service.open(VM_PATH, 'COM1');
      expect(opened.state).toBe('vm-stopped');
      vm.set('Starting');
      const system = await startVm(id, pipe, 'ComPort1');
      vm.set('Running');
      await waitFor(() => rig.text().includes('BdsDxe'), 15_000, 'the boot output');
      expect(rig.text()).toBe(`Hako stand-in COM1 on ${id}\r\nHako stand-in UEFI firmware on ${id}\r\nBdsDxe: loading Boot0001 from COM1 console\r\n`);
      rig.service.write(opened.consoleId, 'dir\r');
      await waitFor(() => rig.text().endsWith('dir\r'), 5000, 'the echo');
      await system.terminate();
      vm.set('Stopped');
      await waitFor(() => rig.last()?.state === 'vm-stopped', 5000, 'the console to say the VM stopped');
    } finally {
      rig.service.dispose();
    }
  });

  it('stops reading a flood at the window and delivers it all as the UI acknowledges', { timeout: 60_000 }, async () => {
    const id = `com-flood-${process.pid}-${++counter}`;
    const pipe = `\\\\.\\pipe\\${id}-com1`;
    const vm = fakeVm(pipe, 'Disabled');
    const rig = consoleRig(vm.vms);
    try {
      await startVm(id, pipe, 'Disabled');
      vm.set('Running');
      const { consoleId } = rig.service.open(VM_PATH, 'COM1');
      await waitFor(() => rig.last()?.state === 'open' && controls.hcs.comConnectionCount(pipe) === 1 && rig.bytes() > 0, 10_000, 'the console to open');
      const banner = rig.bytes();
      const flood = 4 * 1024 * 1024;
      expect(controls.hcs.comWrite(pipe, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123\r\n', flood)).toBe(1);
      await waitFor(() => rig.last()?.throttled === true, 10_000, 'the console to be throttled');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(rig.bytes() - banner).toBeLessThanOrEqual(CONSOLE_WINDOW_BYTES);
      expect(controls.hcs.comPendingBytes(pipe)).toBeGreaterThan(flood - 3 * CONSOLE_WINDOW_BYTES);
      let acked = 0;
      const deadline = Date.now() + 40_000;
      while (acked < banner + flood && Date.now() < deadline) {
        const got = rig.bytes();
        if (got > acked) {
          rig.service.ack(consoleId, got - acked);
          acked = got;
        } else await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(acked).toBe(banner + flood);
      expect(rig.last()?.throttled).toBe(false);
      expect(rig.text().endsWith('XYZ0123\r\n')).toBe(true); // 4 MiB is a whole number of 32-byte lines
      rig.service.write(consoleId, 'still here\r');
      await waitFor(() => rig.text().endsWith('still here\r'), 5000, 'the echo after the flood');
    } finally {
      rig.service.dispose();
    }
  });

  it('plays a script file of $HAKO_STAND_IN_COM_SCRIPTS once, after the echo of the line that ends with Enter', { timeout: 30_000 }, async () => {
    const id = `com-script-${process.pid}-${++counter}`;
    const pipe = `\\\\.\\pipe\\${id}-com1`;
    const scripts = mkdtempSync(path.join(os.tmpdir(), 'hcs-'));
    process.env.HAKO_STAND_IN_COM_SCRIPTS = scripts;
    const vm = fakeVm(pipe, 'Disabled');
    const rig = consoleRig(vm.vms);
    try {
      await startVm(id, pipe, 'Disabled');
      vm.set('Running');
      const { consoleId } = rig.service.open(VM_PATH, 'COM1');
      await waitFor(() => rig.last()?.state === 'open' && rig.bytes() > 0, 10_000, 'the console to open');
      const script = path.join(scripts, `${id}-com1`);
      writeFileSync(script, '10\nab');
      writeFileSync(path.join(scripts, 'other-com1'), '5\nzz');
      // No Enter yet: the guest has not run anything.
      rig.service.write(consoleId, 'run');
      await waitFor(() => rig.text().endsWith('run'), 5000, 'the echo');
      expect(existsSync(script)).toBe(true);
      rig.service.write(consoleId, '\r');
      await waitFor(() => rig.text().endsWith('run\rababababab'), 5000, 'the script after the echo');
      expect(existsSync(script)).toBe(false);
      // Played once; another pipe's file is left alone; a file that does not parse plays nothing.
      writeFileSync(script, 'many\nab');
      rig.service.write(consoleId, 'again\r');
      await waitFor(() => rig.text().endsWith('ababababab' + 'again\r'), 5000, 'the second echo');
      await waitFor(() => !existsSync(script), 5000, 'the bad script to be removed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rig.text().endsWith('again\r')).toBe(true);
      expect(readdirSync(scripts)).toEqual(['other-com1']);
    } finally {
      rig.service.dispose();
      delete process.env.HAKO_STAND_IN_COM_SCRIPTS;
      rmSync(scripts, { recursive: true, force: true });
    }
  });
});
