// Serial consoles through the dispatcher (the contract's calls and events), over the real bindings and the
// stand-in's COM endpoints (Unix sockets here): the echo round trip, back-pressure with the `throttled`
// flag, the VM stopping and restarting, the firmware's boot output on the UEFI console port, saving text.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleStatusDto, type Envelope } from '../../../app/ipc/contract.js';
import { createAppServices, type AppServices } from '../../app-services.js';
import { standInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { CONSOLE_WINDOW_BYTES } from './serial-console.js';

let pipes: string;
let dir: string;
let app: AppServices;
let counter = 0;
const outputs = new Map<string, Buffer[]>();
const states: ConsoleStatusDto[] = [];

beforeAll(async () => {
  ensureStandIns();
  // Short, so the socket paths fit sun_path; read by the stand-in when a VM starts.
  pipes = await mkdtemp('/tmp/hcon-');
  process.env.HAKO_STAND_IN_PIPE_DIR = pipes;
});
afterAll(() => rm(pipes, { recursive: true, force: true }));

beforeEach(async () => {
  standInControls().hcs.reset();
  standInControls().hcs.setShutdownDelay(20);
  dir = await mkdtemp(path.join(tmpdir(), 'hako-console-'));
  app = await createAppServices({ dataDir: path.join(dir, 'data') });
  outputs.clear();
  states.length = 0;
  app.events.subscribe((name, payload) => {
    if (name === 'console.output') {
      const { consoleId, data, bytes } = payload as { consoleId: string; data: string; bytes: number };
      const chunk = Buffer.from(data, 'base64');
      expect(chunk.length).toBe(bytes);
      outputs.set(consoleId, [...(outputs.get(consoleId) ?? []), chunk]);
    }
    if (name === 'console.state') states.push(payload as ConsoleStatusDto);
  });
});

afterEach(async () => {
  for (const vm of app.vms.list()) if (vm.actions.includes('powerOff')) await app.vms.powerOff(vm.path).catch(() => undefined);
  await app.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call<T = unknown>(name: string, input?: unknown): Promise<T> {
  const envelope = (await app.dispatch(name, input)) as Envelope<T>;
  if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error.code}: ${envelope.error.message}`), { code: envelope.error.code });
  return envelope.value;
}

/** A library VM whose COM1 (and COM2) are pipes; `uefi` is ComPorts.UefiConsole. */
async function vm(uefi = 'Disabled', com2 = false): Promise<{ file: string; name: string; com1: string; com2: string }> {
  const name = `Con${process.pid}x${++counter}`;
  const com1 = `\\\\.\\pipe\\${name}-com1`;
  const com2Pipe = `\\\\.\\pipe\\${name}-com2`;
  const file = path.join(dir, `${name}.7b`);
  const ports = { UefiConsole: uefi, ComPort1: com1, ...(com2 ? { ComPort2: com2Pipe } : {}) };
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512, ComPorts: ports } }));
  await call('library.open', { path: file });
  return { file, name, com1, com2: com2Pipe };
}

const text = (consoleId: string) => Buffer.concat(outputs.get(consoleId) ?? []).toString('latin1');
const received = (consoleId: string) => (outputs.get(consoleId) ?? []).reduce((sum, chunk) => sum + chunk.length, 0);
const lastState = (consoleId: string) => states.filter((s) => s.consoleId === consoleId).at(-1);

describe('console calls', () => {
  it('echoes what is typed, after the banner, on the pipe of the port', async () => {
    const { file, name, com1 } = await vm();
    await call('vm.start', { path: file });
    const opened = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' });
    expect(opened).toMatchObject({ path: file, port: 'COM1', state: 'connecting', pipe: com1, throttled: false });
    await waitFor(() => lastState(opened.consoleId)?.state === 'open', 5000, 'the console to open');
    await waitFor(() => text(opened.consoleId).includes('\r\n'), 5000, 'the banner');
    expect(text(opened.consoleId)).toBe(`Hako stand-in COM1 on ${name}\r\n`);
    await call('console.write', { consoleId: opened.consoleId, data: 'héllo\r' });
    await waitFor(() => text(opened.consoleId).endsWith(Buffer.from('héllo\r', 'utf8').toString('latin1')), 5000, 'the echo');
    // Opening again (a reloaded UI) finds the same console.
    expect((await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' })).consoleId).toBe(opened.consoleId);
    await call('console.close', { consoleId: opened.consoleId });
    expect(lastState(opened.consoleId)?.state).toBe('closed');
    await expect(call('console.write', { consoleId: opened.consoleId, data: 'x' })).rejects.toMatchObject({ code: 'ConsoleUnknown' });
  });

  it('refuses a port without a pipe, and input while the VM is stopped', async () => {
    const { file } = await vm();
    await expect(call('console.open', { path: file, port: 'COM2' })).rejects.toMatchObject({ code: 'ConsoleNotConfigured' });
    const opened = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' });
    expect(opened.state).toBe('vm-stopped');
    await expect(call('console.write', { consoleId: opened.consoleId, data: 'x' })).rejects.toMatchObject({ code: 'ConsoleNotOpen' });
    await expect(call('console.open', { path: path.join(dir, 'unknown.7b'), port: 'COM1' })).rejects.toMatchObject({ code: 'VmUnknown' });
  });

  it('shows the VM stopping, and reconnects when it starts again', async () => {
    const { file, name } = await vm();
    await call('vm.start', { path: file });
    const { consoleId } = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' });
    await waitFor(() => text(consoleId).includes('\r\n'), 5000, 'the banner');
    await call('vm.powerOff', { path: file });
    await waitFor(() => lastState(consoleId)?.state === 'vm-stopped', 5000, 'the console to say the VM stopped');
    outputs.delete(consoleId);
    await call('vm.start', { path: file });
    await waitFor(() => lastState(consoleId)?.state === 'open', 10_000, 'the console to reconnect');
    await waitFor(() => text(consoleId) === `Hako stand-in COM1 on ${name}\r\n`, 5000, 'the banner of the new connection');
    await call('console.write', { consoleId, data: 'again\r' });
    await waitFor(() => text(consoleId).endsWith('again\r'), 5000, 'the echo after the restart');
    // vm.restart, too.
    await call('vm.restart', { path: file });
    await waitFor(() => states.filter((s) => s.consoleId === consoleId).some((s, i, all) => s.state !== 'open' && all.slice(i).some((t) => t.state === 'open')), 10_000, 'the console to drop and reconnect');
    await waitFor(() => lastState(consoleId)?.state === 'open', 10_000, 'the console to be open after the restart');
  });

  it('shows the firmware’s boot output on the UEFI console port (COM1), connecting while the VM starts', async () => {
    standInControls().hcs.setComBootDelay(1500);
    const { file, name } = await vm('ComPort1', true);
    const com1 = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' });
    const com2 = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM2' });
    await call('vm.start', { path: file });
    await waitFor(() => text(com1.consoleId).includes('BdsDxe'), 10_000, 'the boot output on COM1');
    expect(text(com1.consoleId)).toBe(`Hako stand-in COM1 on ${name}\r\nHako stand-in UEFI firmware on ${name}\r\nBdsDxe: loading Boot0001 from COM1 console\r\n`);
    expect(text(com2.consoleId)).toBe(`Hako stand-in COM2 on ${name}\r\n`);
  });

  it('stops reading at 1 MiB unacknowledged (throttled), and reads on as the UI acknowledges', async () => {
    const { file, name, com1 } = await vm();
    await call('vm.start', { path: file });
    const { consoleId } = await call<ConsoleStatusDto>('console.open', { path: file, port: 'COM1' });
    await waitFor(() => lastState(consoleId)?.state === 'open' && standInControls().hcs.comConnectionCount(com1) === 1, 5000, 'the console to open');
    const flood = 8 * 1024 * 1024;
    const total = `Hako stand-in COM1 on ${name}\r\n`.length + flood;
    expect(standInControls().hcs.comWrite(com1, '0123456789abcdef', flood)).toBe(1);
    await waitFor(() => lastState(consoleId)?.throttled === true, 5000, 'the console to be throttled');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Held back: main has at most the window, the rest waits in the VM's pipe.
    expect(received(consoleId)).toBeLessThanOrEqual(CONSOLE_WINDOW_BYTES);
    expect(standInControls().hcs.comPendingBytes(com1)).toBeGreaterThan(flood - 3 * CONSOLE_WINDOW_BYTES);
    // The UI catches up, acknowledging what it wrote.
    let acked = 0;
    const deadline = Date.now() + 30_000;
    while (acked < total && Date.now() < deadline) {
      const got = received(consoleId);
      if (got > acked) {
        await call('console.ack', { consoleId, bytes: got - acked });
        acked = got;
      } else await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(acked).toBe(total);
    expect(lastState(consoleId)?.throttled).toBe(false);
    expect(text(consoleId).endsWith('0123456789abcdef')).toBe(true);
    expect(standInControls().hcs.comPendingBytes(com1)).toBe(0);
    // Usable afterwards.
    await call('console.write', { consoleId, data: 'after\r' });
    await waitFor(() => text(consoleId).endsWith('after\r'), 5000, 'the echo after the flood');
  });
});

describe('console.saveText', () => {
  it('replaces a .txt or .log file with the first part and appends the next; other paths are refused', async () => {
    const file = path.join(dir, 'scrollback.log');
    await call('console.saveText', { path: file, text: 'line 1\n', append: false });
    await call('console.saveText', { path: file, text: 'line 2 ü\n', append: true });
    expect(await readFile(file, 'utf8')).toBe('line 1\nline 2 ü\n');
    await call('console.saveText', { path: file, text: 'fresh\n', append: false });
    expect(await readFile(file, 'utf8')).toBe('fresh\n');
    await expect(call('console.saveText', { path: path.join(dir, 'x.exe'), text: 'x', append: false })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(call('console.saveText', { path: '/etc/hako.log', text: 'x', append: false })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(call('console.saveText', { path: 'relative.log', text: 'x', append: false })).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(call('console.saveText', { path: path.join(dir, 'missing.log'), text: 'x', append: true })).rejects.toMatchObject({ code: 'FileNotFound' });
  });
});
