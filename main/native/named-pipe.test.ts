// NamedPipes against the computecore stand-in: on Linux its pipe-identity Win32 stand-ins (the VM's
// pretend worker serves its session pipes; anything else is the real process listening), under wine
// (npm run test:win-abi) the real kernel32/advapi32 and real named pipes, which the stand-in serves from
// this very process. Either way the socket handed back must carry bytes both ways.
import { realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import koffi from 'koffi';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicSessionPipe } from '../../app/compute/document.js';
import { vmAccountSid } from '../services/screen/vm-worker.js';
import { standInPipePath } from '../services/session/pipe-path.js';
import { standInControls, type StandInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { waitFor } from '../../test/support/wait.js';
import { NativeHcs, type NativeComputeSystem } from './computecore.js';
import { loadLibrary } from './library.js';
import { createNamedPipes, identifyPipeServer } from './named-pipe.js';
import { loadHostInfo } from './win32.js';

const windows = process.platform === 'win32';
let hcs: NativeHcs;
let controls: StandInControls;
let pipeDir: string | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  ensureStandIns();
  hcs = new NativeHcs();
  controls = standInControls();
  if (!windows) {
    // Short, so the socket paths fit sun_path; read by the stand-in when a VM starts.
    pipeDir = await mkdtemp('/tmp/hnp-');
    process.env.HAKO_STAND_IN_PIPE_DIR = pipeDir;
  }
});

afterAll(async () => {
  if (pipeDir) await rm(pipeDir, { recursive: true, force: true });
});

beforeEach(() => {
  controls.hcs.reset();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5_000, 'all HCS handles closed');
  if (!windows) expect(controls.win32.openHandleCount()).toBe(0);
});

let counter = 0;

/** A running compute system whose basic-session pipe forwards to an echo server; its id and runtime id. */
async function runningVm(): Promise<{ id: string; runtimeId: string; pipe: string }> {
  counter += 1;
  const id = `pipe-${process.pid}-${counter}`;
  const echo = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => echo.close(() => resolve())));
  const pipe = basicSessionPipe(id);
  expect(controls.hcs.setSessionTarget(pipe, '127.0.0.1', (echo.address() as net.AddressInfo).port)).toBe(0);
  const system: NativeComputeSystem = await hcs.createComputeSystem(id, {
    SchemaVersion: { Major: 2, Minor: 1 },
    Owner: 'Hako/test',
    ShouldTerminateOnLastHandleClosed: true,
    VirtualMachine: {
      Chipset: { Uefi: {} },
      ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } },
      Devices: { VideoMonitor: { ConnectionOptions: { AccessSids: ['S-1-5-18'], NamedPipe: pipe } } },
    },
  });
  cleanups.push(async () => {
    await system.terminate().catch(() => undefined);
    await system.close();
  });
  await system.start();
  const [properties] = await hcs.enumerateComputeSystems({ Ids: [id] });
  return { id, runtimeId: properties!.RuntimeId!, pipe };
}

async function echoes(socket: net.Socket, text: string): Promise<string> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.write(text);
  await waitFor(() => received.length >= text.length, 5_000, 'the echo');
  return received;
}

describe('NamedPipes', () => {
  it('names the server of a VM’s session pipe and hands back a socket that carries bytes both ways', async () => {
    const { runtimeId, pipe } = await runningVm();
    const pipes = createNamedPipes();
    const { socket, server } = await pipes.connect(pipe);
    cleanups.push(() => void socket.destroy());
    if (windows) {
      // Under wine the stand-in serves the pipe from this process.
      expect(server.pid).toBe(process.pid);
      expect(path.win32.basename(server.image).toLowerCase()).toBe('node.exe');
      expect(server.userSid).toBe(loadHostInfo().userSid);
    } else {
      expect(server).toEqual({ pid: expect.any(Number) as number, image: 'C:\\Windows\\System32\\vmwp.exe', userSid: vmAccountSid(runtimeId) });
      expect(server.pid).toBeGreaterThanOrEqual(0x40000000);
      expect(pipes.systemDirectory).toBe('C:\\Windows\\System32');
    }
    expect(await echoes(socket, 'through the pipe')).toBe('through the pipe');
  });

  it('rejects with ENOENT for a pipe nobody serves', async () => {
    const pipes = createNamedPipes();
    await expect(pipes.connect(basicSessionPipe(`missing-${process.pid}`))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(!windows)('names a process that took a VM’s pipe name as itself, not as the VM’s worker', async () => {
    const pipe = basicSessionPipe(`squat-${process.pid}`);
    const squatter = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => squatter.listen(standInPipePath(pipe), resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const { socket, server } = await createNamedPipes().connect(pipe);
    socket.destroy();
    expect(server).toEqual({ pid: process.pid, image: realpathSync('/proc/self/exe'), userSid: `S-1-5-21-1000-1000-1000-${process.getuid!()}` });
  });

  it.runIf(!windows)('the stand-in refuses what Windows would: more than limited query rights on the worker, a token for more than query, small buffers, foreign handles', async () => {
    const { pipe } = await runningVm();
    const socket = net.connect({ path: standInPipePath(pipe) });
    await new Promise((resolve) => socket.once('connect', resolve));
    cleanups.push(() => void socket.destroy());
    const fd = BigInt((socket as unknown as { _handle: { fd: number } })._handle.fd);
    const lib = loadLibrary('computecore');
    const GetLastError = lib.func('GetLastError', 'uint32_t', []);
    const GetNamedPipeServerProcessId = lib.func('GetNamedPipeServerProcessId', 'int', ['intptr_t', koffi.out(koffi.pointer('uint32_t'))]);
    const OpenProcess = lib.func('OpenProcess', 'intptr_t', ['uint32_t', 'int', 'uint32_t']);
    const OpenProcessToken = lib.func('OpenProcessToken', 'int', ['intptr_t', 'uint32_t', koffi.out(koffi.pointer('intptr_t'))]);
    const QueryFullProcessImageNameW = lib.func('QueryFullProcessImageNameW', 'int', ['intptr_t', 'uint32_t', 'void *', koffi.inout(koffi.pointer('uint32_t'))]);
    const CloseHandle = lib.func('CloseHandle', 'int', ['intptr_t']);

    const out: unknown[] = [0];
    expect(GetNamedPipeServerProcessId(fd, out)).toBe(1);
    const pid = out[0] as number;
    expect(GetNamedPipeServerProcessId(BigInt(0x7fff), [0])).toBe(0); // not a socket
    expect(GetLastError()).toBe(6); // ERROR_INVALID_HANDLE
    expect(Number(OpenProcess(0x0400, 0, pid))).toBe(0); // PROCESS_QUERY_INFORMATION
    expect(GetLastError()).toBe(5); // ERROR_ACCESS_DENIED
    const process_ = BigInt(OpenProcess(0x1000, 0, pid) as number | bigint);
    expect(process_).not.toBe(0n);
    const token: unknown[] = [0];
    expect(OpenProcessToken(process_, 0x0008 | 0x0002, token)).toBe(0); // TOKEN_QUERY | TOKEN_DUPLICATE
    expect(GetLastError()).toBe(5);
    const size: unknown[] = [8];
    expect(QueryFullProcessImageNameW(process_, 0, Buffer.alloc(16), size)).toBe(0);
    expect(GetLastError()).toBe(122); // ERROR_INSUFFICIENT_BUFFER
    expect(CloseHandle(process_)).toBe(1);
    expect(CloseHandle(process_)).toBe(0); // closed already
    expect(GetLastError()).toBe(6);
    expect(() => identifyPipeServer(BigInt(0x7fff))).toThrow(/GetNamedPipeServerProcessId/);
  });

  it.runIf(!windows)('the worker is gone with its VM: its pid no longer opens', async () => {
    const { pipe } = await runningVm();
    const { socket, server } = await createNamedPipes().connect(pipe);
    socket.destroy();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); // the VM stops
    const OpenProcess = loadLibrary('computecore').func('OpenProcess', 'intptr_t', ['uint32_t', 'int', 'uint32_t']);
    expect(Number(OpenProcess(0x1000, 0, server.pid))).toBe(0);
  });
});
