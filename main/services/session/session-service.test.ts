// SessionService against the real koffi bindings and the C stand-in, whose console endpoints serve the
// VM's session pipes as Unix sockets and forward them to a fake "RDP server" run here; the client is a
// small node script (test/support/fake-rdp-client.mjs).
import { memoryRegistry } from '../../../test/support/registry.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { type Envelope } from '../../../app/ipc/contract.js';
import { createAppServices } from '../../app-services.js';
import { hostConnectionPeers, loadNativeHost, type NativeHost } from '../../native/index.js';
import { standInControls, type StandInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { commandClient, rdpClientLauncher, type LaunchClient } from './client-launcher.js';
import { standInPipePath } from './pipe-path.js';
import { SessionService, type SessionEnded, type SessionServiceOptions } from './session-service.js';
import { VmService } from '../vm/vm-service.js';

const FAKE_CLIENT = fileURLToPath(new URL('../../../test/support/fake-rdp-client.mjs', import.meta.url));

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

interface FakeClient {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The JSON line the client printed once its echo came back. */
  report(): Promise<{ bom: boolean; fullAddress: string; audiomode: string; received: string; second: string }>;
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

// ---- tests ----

describe('SessionService over the stand-in', () => {
  it('bridges the basic session: bytes flow client → pipe → stand-in → RDP server and back', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesA');
    const clients = fakeClients('echo');
    const { sessions, ended } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'basic');
    expect(info).toMatchObject({ vmPath: file, mode: 'basic', pipe: basicSessionPipe('SesA'), bridged: true });
    expect(info.port).toBeGreaterThan(0);
    expect(info.clientPid).toBe(clients.started[0]!.process.pid);

    const report = await clients.started[0]!.report();
    expect(report.bom).toBe(true);
    expect(report.fullAddress).toBe(`full address:s:127.0.0.1:${info.port}`);
    expect(report.audiomode).toBe('audiomode:i:2'); // basic: no redirection
    expect(report.received).toBe('FAKE-RDP basic\nHELLO-FROM-CLIENT\n');
    expect(basic.received).toBe('HELLO-FROM-CLIENT\n');
    expect(enhanced.connections).toBe(0);

    // The client leaves, so the session ends and its folder goes.
    expect(await clients.started[0]!.exited).toEqual({ code: 0, signal: null });
    await waitFor(() => sessions.get(file) === null, 5000, 'the session to end');
    expect(ended).toEqual([
      expect.objectContaining({ vmPath: file, mode: 'basic', reason: 'client-exited', clientExitCode: 0, bytesToVm: 18, bytesFromVm: 33 }),
    ]);
    expect(await sessionFolders()).toEqual([]);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
  });

  it('the enhanced session uses the enhanced pipe and the VM redirection settings', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesB');
    const clients = fakeClients('echo');
    const { sessions } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'enhanced');
    expect(info.pipe).toBe(enhancedSessionPipe('SesB'));
    const report = await clients.started[0]!.report();
    expect(report.received).toBe('FAKE-RDP enhanced\nHELLO-FROM-CLIENT\n');
    expect(report.audiomode).toBe('audiomode:i:0'); // RedirectAudio defaults to true
    expect(enhanced.received).toBe('HELLO-FROM-CLIENT\n');
    expect(basic.connections).toBe(0);
  });

  it('the one-shot listener refuses a second connection', async () => {
    const { vms, file, basic } = await runningVm('SesC');
    const clients = fakeClients('stay');
    const { sessions } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'basic');
    // The client's own second attempt…
    expect((await clients.started[0]!.report()).second).toBe('ECONNREFUSED');
    // …and one from anyone else.
    const code = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: info.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(code).toBe('ECONNREFUSED');
    expect(basic.connections).toBe(1);
    expect(sessions.get(file)?.bridged).toBe(true);
  });

  it('disconnect kills the client and closes the bridge, the pipe connection and the folder', async () => {
    const { vms, file, basic } = await runningVm('SesD');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    expect(await sessionFolders()).toHaveLength(1);
    expect(basic.open).toBe(1);

    await sessions.disconnect(file);
    expect(await clients.started[0]!.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(sessions.get(file)).toBeNull();
    expect(sessions.list()).toEqual([]);
    expect(ended.map((e) => e.reason)).toEqual(['disconnected']);
    expect(await sessionFolders()).toEqual([]);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
    expect(vms.get(file).state).toBe('Running');
    // Disconnecting again is harmless.
    await sessions.disconnect(file);
  });

  it('stopping the VM ends its session and kills the client', async () => {
    const { vms, file, basic } = await runningVm('SesE');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    await vms.powerOff(file);

    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    await waitFor(() => sessions.get(file) === null, 5000, 'the session to end');
    expect(ended.map((e) => e.reason)).toEqual(['vm-stopped']);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
    expect(await sessionFolders()).toEqual([]);
  });

  it('connecting again replaces the session', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesF');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    const second = await sessions.connect(vms.get(file), 'enhanced');

    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    expect((await clients.started[1]!.report()).received).toBe('FAKE-RDP enhanced\nHELLO-FROM-CLIENT\n');
    expect(sessions.list()).toEqual([second]);
    expect(ended.map((e) => e.reason)).toEqual(['replaced']);
    await waitFor(() => basic.open === 0 && enhanced.open === 1, 5000, 'only the enhanced connection to stay');
    expect(await sessionFolders()).toHaveLength(1);
  });

  it('of two connects racing for one VM, the later wins and the earlier fails with SessionEnded', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesP');
    const clients = fakeClients('stay');
    const { sessions } = newSessions(vms, clients.launch);

    const [first, second] = await Promise.allSettled([sessions.connect(vms.get(file), 'basic'), sessions.connect(vms.get(file), 'enhanced')]);
    expect(first).toMatchObject({ status: 'rejected', reason: { code: 'SessionEnded' } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { mode: 'enhanced', bridged: true } });
    expect(sessions.list()).toHaveLength(1);
    await clients.started.at(-1)!.report();
    for (const client of clients.started.slice(0, -1)) await client.exited;
    await waitFor(() => basic.open === 0 && enhanced.open === 1, 5000, 'only the enhanced connection to stay');
    expect(await sessionFolders()).toHaveLength(1);
  });

  it('dispose ends every session', async () => {
    const one = await runningVm('SesG');
    const two = await runningVm('SesH');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(undefined, clients.launch);

    await sessions.connect(one.vms.get(one.file), 'basic');
    await sessions.connect(two.vms.get(two.file), 'enhanced');
    await Promise.all(clients.started.map((c) => c.report()));
    await sessions.dispose();

    for (const client of clients.started) expect((await client.exited).signal).toBe('SIGTERM');
    expect(ended.map((e) => e.reason)).toEqual(['disposed', 'disposed']);
    expect(await sessionFolders()).toEqual([]);
    await expect(sessions.connect(one.vms.get(one.file), 'basic')).rejects.toMatchObject({ code: 'SessionEnded' });
  });

  it('runs the HAKO_RDP_CLIENT command with {port} and {file}', async () => {
    const { vms, file, basic } = await runningVm('SesI');
    const template = `"${process.execPath}" "${FAKE_CLIENT}" {port} {file}`;
    const launcher = rdpClientLauncher('', 'linux', { HAKO_RDP_CLIENT: template });
    expect(launcher).not.toBeNull();
    const clients = fakeClients('echo', launcher);
    const { sessions } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    expect((await clients.started[0]!.report()).received).toBe('FAKE-RDP basic\nHELLO-FROM-CLIENT\n');
    expect(basic.received).toBe('HELLO-FROM-CLIENT\n');
  });
});

describe('SessionService failures', () => {
  it('refuses a VM that is not running, before anything starts', async () => {
    const clients = fakeClients('echo');
    const { sessions } = newSessions(undefined, clients.launch);
    for (const state of ['Stopped', 'Starting', 'Saved', 'Stopping', 'Error'] as const) {
      const error = await rejection(sessions.connect({ path: path.join(dir, 'x.7b'), id: 'x', state, config: null }, 'basic'));
      expect(error.code).toBe('VmNotRunning');
    }
    expect(clients.started).toEqual([]);
  });

  it('a missing pipe is SessionUnavailable naming the pipe; no client starts, nothing is left', async () => {
    const clients = fakeClients('echo');
    const { sessions } = newSessions(undefined, clients.launch);
    const vm = { path: path.join(dir, 'ghost.7b'), id: 'Ghost', state: 'Running' as const, config: null };

    const basic = await rejection(sessions.connect(vm, 'basic'));
    expect(basic.code).toBe('SessionUnavailable');
    expect(basic.message).toContain(basicSessionPipe('Ghost'));
    expect(basic.params).toMatchObject({ pipe: basicSessionPipe('Ghost'), mode: 'basic', errno: 'ENOENT' });

    const enhanced = await rejection(sessions.connect(vm, 'enhanced'));
    expect(enhanced.message).toContain(enhancedSessionPipe('Ghost'));
    expect(enhanced.advice).toMatch(/basic session/);

    expect(clients.started).toEqual([]);
    expect(sessions.list()).toEqual([]);
    expect(await sessionFolders()).toEqual([]);
  });

  it('a pipe whose VM side hangs up at once is SessionUnavailable', async () => {
    const { vms, file, basic } = await runningVm('SesJ');
    controls.hcs.setSessionTarget(basicSessionPipe('SesJ'), '127.0.0.1', 0); // no target: the stand-in hangs up
    const clients = fakeClients('never');
    const { sessions } = newSessions(vms, clients.launch, { connectTimeoutMs: 5000 });

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('SessionUnavailable');
    expect(basic.connections).toBe(0);
    expect(sessions.list()).toEqual([]);
    for (const client of clients.started) expect((await client.exited).signal).toBe('SIGTERM');
    expect(await sessionFolders()).toEqual([]);
  });

  it('a client that exits before it connects is ClientFailed, with its output', async () => {
    const { vms, file, basic } = await runningVm('SesK');
    const clients = fakeClients('fail');
    const { sessions, ended } = newSessions(vms, clients.launch);

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.message).toMatch(/exited with code 3/);
    expect(error.message).toMatch(/cannot open the display/);
    expect(sessions.list()).toEqual([]);
    expect(ended).toHaveLength(1);
    expect(await sessionFolders()).toEqual([]);
    // The pipe connection Hako had opened is closed again.
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
  });

  it('a client that cannot be started is ClientFailed', async () => {
    const { vms, file } = await runningVm('SesL');
    const { sessions } = newSessions(vms, commandClient('/nonexistent/rdp-client {port}'));
    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.message).toMatch(/ENOENT/);
    expect(sessions.list()).toEqual([]);
  });

  it('a client that never connects is killed after the timeout (ClientFailed)', async () => {
    const { vms, file } = await runningVm('SesM');
    const clients = fakeClients('never');
    const { sessions } = newSessions(vms, clients.launch, { connectTimeoutMs: 300 });

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.params).toMatchObject({ reason: 'timeout' });
    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    expect(await sessionFolders()).toEqual([]);
  });

  it('without a client it fails with NoRdpClient and advice, before touching the pipe', async () => {
    const { vms, file, basic } = await runningVm('SesN');
    const { sessions } = newSessions(vms, rdpClientLauncher('', 'linux', {}));
    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('NoRdpClient');
    expect(error.advice).toMatch(/HAKO_RDP_CLIENT/);
    expect(basic.connections).toBe(0);
  });

  it('refuses settings it cannot write, before touching the pipe', async () => {
    const { vms, file, enhanced } = await runningVm('SesO');
    const clients = fakeClients('echo');
    const { sessions } = newSessions(vms, clients.launch);
    const vm = vms.get(file);
    const config = { ...vm.config!, EnhancedSession: { ...vm.config!.EnhancedSession, Devices: ['USB\\1\r\nalternate shell:s:cmd'] } };
    const error = await rejection(sessions.connect({ ...vm, config }, 'enhanced'));
    expect(error.code).toBe('InvalidRdpSetting');
    expect(enhanced.connections).toBe(0);
    expect(clients.started).toEqual([]);
  });
});

describe('wiring (createAppServices)', () => {
  /** Sets environment variables for the duration of one test. */
  const withEnv = (vars: Record<string, string | undefined>) => {
    const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
    apply(vars);
    cleanups.push(() => apply(saved));
  };

  async function appWithVm(name: string) {
    const app = await createAppServices({ dataDir: path.join(dir, 'data') });
    cleanups.push(async () => {
      for (const vm of app.vms.list()) if (vm.actions.includes('powerOff')) await app.vms.powerOff(vm.path).catch(() => undefined);
      await app.dispose();
    });
    const file = path.join(dir, `${name}.7b`);
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 } }));
    const server = await fakeRdpServer('basic');
    controls.hcs.setSessionTarget(basicSessionPipe(name), '127.0.0.1', server.port);
    const call = async (callName: string, input: unknown) => (await app.dispatch(callName, input)) as Envelope<unknown>;
    expect(await call('library.open', { path: file })).toMatchObject({ ok: true });
    expect(await call('vm.start', { path: file })).toMatchObject({ ok: true });
    return { app, file, server, call };
  }

  it('session.connect and session.disconnect go to the SessionService when the shell has no hooks', async () => {
    withEnv({ HAKO_RDP_CLIENT: `"${process.execPath}" "${FAKE_CLIENT}" {port} {file}`, FAKE_CLIENT_MODE: 'stay' });
    const { app, file, server, call } = await appWithVm('SesW');

    expect(await call('session.connect', { path: file, mode: 'basic' })).toEqual({ ok: true, value: undefined });
    await waitFor(() => server.received === 'HELLO-FROM-CLIENT\n', 5000, 'the client to reach the RDP server');
    expect(app.sessions.get(file)).toMatchObject({ mode: 'basic', bridged: true });

    expect(await call('session.disconnect', { path: file })).toEqual({ ok: true, value: undefined });
    expect(app.sessions.list()).toEqual([]);
    await waitFor(() => server.open === 0, 5000, 'the RDP server connection to close');
  });

  it('with no client configured or installed off Windows, session.connect answers NoRdpClient', async () => {
    withEnv({ HAKO_RDP_CLIENT: undefined, PATH: '' });
    const { file, server, call } = await appWithVm('SesX');
    expect(await call('session.connect', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'NoRdpClient' } });
    expect(server.connections).toBe(0);
  });
});
