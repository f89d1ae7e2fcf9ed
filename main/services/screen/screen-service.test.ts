// ScreenService with the real koffi bindings and the C stand-in: a VM started by VmService serves its
// session pipes (Unix sockets) from a pretend worker process; a fake TLS RDP server stands behind them.
// The browser's end is an in-memory WebSocket.
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { CONSOLE_CLOSE_VM_STOPPED, CONSOLE_DESTINATION } from '../../../app/session/console.js';
import { createNamedPipes } from '../../native/named-pipe.js';
import { loadNativeHost, type NativeHost } from '../../native/index.js';
import { MemoryConsoleSocket, requestPdu, startFakeRdpServer } from '../../../test/support/console.js';
import { standInControls, type StandInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { memoryRegistry } from '../../../test/support/registry.js';
import { waitFor } from '../../../test/support/wait.js';
import { standInPipePath } from '../session/pipe-path.js';
import { VmService } from '../vm/vm-service.js';
import { ScreenService } from './screen-service.js';
import { decodePdu } from './rdcleanpath.js';

let native: NativeHost;
let controls: StandInControls;
let pipeDir: string;
let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  ensureStandIns();
  native = loadNativeHost();
  controls = standInControls();
  pipeDir = await mkdtemp('/tmp/hcs-');
  process.env.HAKO_STAND_IN_PIPE_DIR = pipeDir;
});

afterAll(async () => {
  await rm(pipeDir, { recursive: true, force: true });
});

beforeEach(async () => {
  controls.hcs.reset();
  controls.hcs.setShutdownDelay(20);
  dir = await mkdtemp(path.join(tmpdir(), 'hako-console-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await waitFor(() => controls.hcs.openHandleCount() === 0, 5_000, 'all HCS handles closed');
  expect(controls.win32.openHandleCount()).toBe(0);
  await rm(dir, { recursive: true, force: true });
});

/** A running VM whose basic and enhanced pipes lead to fake TLS RDP servers; a ScreenService for it. */
async function setUp(name: string, now?: () => number) {
  const vms = new VmService({
    hcs: native.hcs,
    network: { deleteEndpoint: async () => undefined, connectAdapter: async () => Promise.reject(new Error('no networking')) },
    host: native.host,
    registry: memoryRegistry(),
    settings: { keepRunning: false, shutdownTimeoutMs: 2000 },
  });
  const file = path.join(dir, `${name}.7b`);
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Windows', ProcessorCount: 1, MemorySize: 1024 } }));
  const basic = await startFakeRdpServer(null, { kind: 'tls' });
  const enhanced = await startFakeRdpServer(null, { kind: 'tls' });
  expect(controls.hcs.setSessionTarget(basicSessionPipe(name), '127.0.0.1', basic.port)).toBe(0);
  expect(controls.hcs.setSessionTarget(enhancedSessionPipe(name), '127.0.0.1', enhanced.port)).toBe(0);
  await vms.open(file);
  await vms.start(file);
  const screen = new ScreenService({ vms, hcs: native.hcs, pipes: createNamedPipes(), timeouts: { requestMs: 2_000 }, ...(now ? { now } : {}) });
  screen.setEndpoint('ws://127.0.0.1:1/console');
  cleanups.push(async () => {
    await screen.dispose();
    if (vms.get(file).actions.includes('powerOff')) await vms.powerOff(file).catch(() => undefined);
    await vms.dispose();
    await basic.close();
    await enhanced.close();
  });
  return { vms, file, basic, enhanced, screen };
}

/** A console connection from the browser with `token`; resolves with the proxy's first answer. */
async function connect(screen: ScreenService, token: string): Promise<{ client: MemoryConsoleSocket; answer: ReturnType<typeof decodePdu> }> {
  const client = new MemoryConsoleSocket();
  screen.accept(client);
  client.deliver(requestPdu(token));
  await client.until(() => client.sent.length > 0);
  return { client, answer: decodePdu(client.sent[0]!) };
}

describe('ScreenService', () => {
  it('opens the ticket’s VM and mode, on the pipe main derives, served by the VM’s worker; the ticket opens one connection', async () => {
    const { file, basic, enhanced, screen } = await setUp('ConA');
    const ticket = screen.ticket(file, 'enhanced');
    expect(ticket).toMatchObject({ proxyUrl: 'ws://127.0.0.1:1/console', destination: CONSOLE_DESTINATION });
    expect(Buffer.from(ticket.token, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 bits
    expect(screen.result(ticket.ticketId)).toEqual({ state: 'waiting' });

    const { client, answer } = await connect(screen, ticket.token);
    expect(answer.error).toBeUndefined();
    expect(answer.serverAddr).toBe(enhancedSessionPipe('ConA'));
    expect(enhanced.requests).toHaveLength(1);
    expect(basic.requests).toHaveLength(0);
    await waitFor(() => screen.result(ticket.ticketId)?.state === 'connected', 5_000, 'connected');
    expect(screen.isConnected(file)).toBe(true);

    // The same token again: refused with 401, and nothing reaches the VM.
    const again = await connect(screen, ticket.token);
    expect(again.answer.error).toEqual({ errorCode: 1, httpStatusCode: 401 });
    expect(enhanced.requests).toHaveLength(1);

    client.drop();
    await waitFor(() => screen.result(ticket.ticketId)?.state === 'ended', 5_000, 'ended');
    await enhanced.allClosed();
  });

  it('refuses a ticket older than 30 s', async () => {
    let now = 1_000_000;
    const { file, screen } = await setUp('ConB', () => now);
    const ticket = screen.ticket(file, 'basic');
    now += 30_001;
    const { answer } = await connect(screen, ticket.token);
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 401 });
  });

  it('gives no ticket for a VM that does not run, and none once the console is unavailable', async () => {
    const { vms, file, screen } = await setUp('ConC');
    await vms.powerOff(file);
    expect(() => screen.ticket(file, 'basic')).toThrow(expect.objectContaining({ code: 'VmNotRunning' }));
    screen.setEndpoint(null);
    expect(() => screen.ticket(file, 'basic')).toThrow(expect.objectContaining({ code: 'NotSupported' }));
  });

  it('refuses, with 403, a pipe served by another process than the VM’s worker, and writes nothing to it', async () => {
    const { file, screen } = await setUp('ConD');
    // Another program takes the pipe's name (here: replaces the stand-in's socket with its own).
    const socketPath = standInPipePath(basicSessionPipe('ConD'));
    await unlink(socketPath);
    let written = 0;
    const squatter = net.createServer((socket) => socket.on('data', (chunk) => (written += chunk.length)));
    await new Promise<void>((resolve) => squatter.listen(socketPath, resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

    const ticket = screen.ticket(file, 'basic');
    const { answer } = await connect(screen, ticket.token);
    expect(answer.error).toEqual({ errorCode: 1, httpStatusCode: 403 });
    await waitFor(() => screen.result(ticket.ticketId)?.state === 'failed', 5_000, 'failed');
    const result = screen.result(ticket.ticketId)!;
    expect(result.error?.code).toBe('ConsoleNotVmWorker');
    expect(result.error?.message).toContain(process.execPath.split('/').at(-1)!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBe(0);
  });

  it('closes both sockets and frees the pipe when the VM stops mid-session; its unused tickets die with it', async () => {
    const { vms, file, basic, screen } = await setUp('ConE');
    const ticket = screen.ticket(file, 'basic');
    const unused = screen.ticket(file, 'basic');
    const { client } = await connect(screen, ticket.token);
    await waitFor(() => screen.isConnected(file), 5_000, 'connected');
    expect(basic.open.size).toBe(1);
    await vms.powerOff(file);
    await client.until(() => client.closed !== null);
    expect(client.closed?.code).toBe(CONSOLE_CLOSE_VM_STOPPED);
    await waitFor(() => screen.result(ticket.ticketId)?.state === 'ended', 5_000, 'ended');
    expect(screen.result(ticket.ticketId)?.error?.code).toBe('VmNotRunning');
    await basic.allClosed();
    await vms.start(file);
    const late = await connect(screen, unused.token);
    expect(late.answer.error).toEqual({ errorCode: 1, httpStatusCode: 401 });
  });

  it('a new console for a VM ends the one before it', async () => {
    const { file, basic, screen } = await setUp('ConF');
    const first = await connect(screen, screen.ticket(file, 'basic').token);
    await waitFor(() => screen.isConnected(file), 5_000, 'first connected');
    const second = await connect(screen, screen.ticket(file, 'basic').token);
    expect(second.answer.error).toBeUndefined();
    await first.client.until(() => first.client.closed !== null);
    await waitFor(() => basic.open.size === 1, 5_000, 'one connection to the VM');
    second.client.drop();
  });
});
