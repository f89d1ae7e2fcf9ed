/**
 * The SessionService tests' set-up: the real koffi bindings and the C stand-in, whose console endpoints serve
 * the VM's session pipes as Unix sockets (in a short folder of their own, set once per file) and forward them to
 * fake "RDP servers" run here; the client is a small node script (fake-rdp-client.mjs). Per test a fresh folder
 * and stand-in state; after it every cleanup a fixture registered runs (newest first) and all HCS handles must
 * be closed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { basicSessionPipe, enhancedSessionPipe } from '../../app/compute/document.js';
import { HakoError } from '../../app/errors/error-info.js';
import { hostConnectionPeers, loadNativeHost, type NativeHost } from '../../main/native/index.js';
import { type LaunchClient } from '../../main/services/session/client-launcher.js';
import { standInPipePath } from '../../main/services/session/pipe-path.js';
import { SessionService, type SessionEnded, type SessionServiceOptions } from '../../main/services/session/session-service.js';
import { VmService } from '../../main/services/vm/vm-service.js';
import { standInControls, type StandInControls } from './native/stand-in-controls.js';
import { ensureStandIns } from './native/stand-ins.js';
import { memoryRegistry } from './registry.js';
import { waitFor } from './wait.js';

export const FAKE_CLIENT = fileURLToPath(new URL('./fake-rdp-client.mjs', import.meta.url));

export interface FakeClient {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The JSON line the client printed once its echo came back. */
  report(): Promise<{ bom: boolean; fullAddress: string; audiomode: string; received: string; second: string }>;
}

/** Registers the hooks and returns the fixtures; `controls` and `dir` are this test's once the hooks ran. */
export function useSessionServiceRig() {
  let native: NativeHost;
  let controls: StandInControls;
  let pipeDir: string;
  let dir: string;
  let tempDir: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    ensureStandIns();
    native = loadNativeHost();
    controls = standInControls();
    // Short, so the socket paths fit sun_path; read by the stand-in when a VM starts.
    pipeDir = await mkdtemp('/tmp/hps-');
    process.env.HAKO_STAND_IN_PIPE_DIR = pipeDir;
  });

  afterAll(async () => {
    await rm(pipeDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    controls.hcs.reset();
    controls.hcn.reset();
    controls.hcs.setShutdownDelay(20);
    dir = await mkdtemp(path.join(tmpdir(), 'hako-session-vm-'));
    tempDir = path.join(dir, 'temp');
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await waitFor(() => controls.hcs.openHandleCount() === 0, 5000, 'all HCS handles closed');
    await rm(dir, { recursive: true, force: true });
  });

  // ---- fixtures ----

  /** A fake RDP server: greets with `FAKE-RDP <label>` and echoes; remembers what it was sent. */
  async function fakeRdpServer(label: string) {
    const sockets = new Set<net.Socket>();
    let received = '';
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.write(`FAKE-RDP ${label}\n`);
      socket.on('data', (data) => {
        received += data.toString();
        socket.write(data);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = {
      port: (server.address() as net.AddressInfo).port,
      get received() {
        return received;
      },
      get connections() {
        return connections;
      },
      get open() {
        return sockets.size;
      },
    };
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    return fake;
  }

  /** A VM service with one started VM whose two session pipes forward to two fake RDP servers. */
  async function runningVm(name: string) {
    const vms = new VmService({
      hcs: native.hcs,
      network: {
        deleteEndpoint: async () => undefined,
        connectAdapter: async () => {
          throw new Error('no networking in these tests');
        },
      },
      host: native.host,
      registry: memoryRegistry(),
      settings: { keepRunning: false, shutdownTimeoutMs: 2000 },
    });
    cleanups.push(async () => {
      for (const vm of vms.list()) if (vm.actions.includes('powerOff')) await vms.powerOff(vm.path).catch(() => undefined);
      await vms.dispose();
    });
    const file = path.join(dir, `${name}.7b`);
    await writeFile(
      file,
      '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Windows', ProcessorCount: 2, MemorySize: 2048 } }),
    );
    const basic = await fakeRdpServer('basic');
    const enhanced = await fakeRdpServer('enhanced');
    expect(controls.hcs.setSessionTarget(basicSessionPipe(name), '127.0.0.1', basic.port)).toBe(0);
    expect(controls.hcs.setSessionTarget(enhancedSessionPipe(name), '127.0.0.1', enhanced.port)).toBe(0);
    await vms.open(file);
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    return { vms, file, basic, enhanced };
  }

  /** A launcher that runs the fake client in `mode`, keeping what it printed. */
  function fakeClients(mode: 'echo' | 'stay' | 'never' | 'fail' = 'echo', base: LaunchClient | null = null) {
    const started: FakeClient[] = [];
    const launch: LaunchClient = (file, port) => {
      const child = (base
        ? base(file, port)
        : spawn(process.execPath, [FAKE_CLIENT, String(port), file], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FAKE_CLIENT_MODE: mode } })) as ChildProcess;
      const lines: string[] = [];
      let buffered = '';
      child.stdout!.on('data', (data: Buffer) => {
        buffered += data.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        lines.push(...parts);
      });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      cleanups.push(() => void child.kill('SIGKILL'));
      started.push({
        process: child,
        lines,
        exited,
        async report() {
          await waitFor(() => lines.some((line) => line.startsWith('{')), 5000, 'the fake client report');
          return JSON.parse(lines.find((line) => line.startsWith('{'))!);
        },
      });
      return child;
    };
    return { launch, started };
  }

  function newSessions(vms: VmService | undefined, launchClient: LaunchClient | null, extra: Partial<SessionServiceOptions> = {}) {
    const sessions = new SessionService({ pipePath: (pipe) => standInPipePath(pipe), rdpClient: () => launchClient, tempDir, peers: hostConnectionPeers(), ...(vms ? { vms } : {}), ...extra });
    const ended: SessionEnded[] = [];
    sessions.onEnded((e) => ended.push(e));
    cleanups.push(() => sessions.dispose());
    return { sessions, ended };
  }

  async function rejection(promise: Promise<unknown>): Promise<HakoError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HakoError);
    return error as HakoError;
  }

  const sessionFolders = async () => (existsSync(tempDir) ? await readdir(tempDir) : []);
  return {
    get controls() {
      return controls;
    },
    /** This test's folder. */
    get dir() {
      return dir;
    },
    /** Run after the test, newest first. */
    cleanups,
    fakeRdpServer,
    runningVm,
    fakeClients,
    newSessions,
    rejection,
    sessionFolders,
  };
}
