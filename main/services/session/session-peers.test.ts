// The session port accepts only the client Hako started (issue 9 §5): a local process that finds the
// port and connects first is closed, and the real client — here one that re-spawns, so the connection
// comes from its child — still gets the VM's session. Real processes, the real procfs check, the stand-in.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicSessionPipe } from '../../../app/compute/document.js';
import { hostConnectionPeers, loadNativeHost } from '../../native/index.js';
import { memoryRegistry } from '../../../test/support/registry.js';
import { standInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { waitFor } from '../../../test/support/wait.js';
import { VmService } from '../vm/vm-service.js';
import { standInPipePath } from './pipe-path.js';
import { SessionService } from './session-service.js';

const FAKE_CLIENT = fileURLToPath(new URL('../../../test/support/fake-rdp-client.mjs', import.meta.url));
/** Connects to the port at once, and prints what it got when the connection closes. */
const INTRUDER = `const s=require('net').connect(+process.argv[1],'127.0.0.1');let got='';s.on('data',(d)=>got+=d);s.on('error',()=>{});s.on('close',()=>{console.log('closed:'+got);process.exit(0)});`;
/** A client that re-spawns: waits, then runs the fake client as its child and passes its output on. */
const RESPAWNING = `setTimeout(()=>{const c=require('child_process').spawn(process.execPath,process.argv.slice(1),{stdio:'inherit'});c.on('exit',(code)=>process.exit(code??1))},700);`;

const cleanups: (() => Promise<void> | void)[] = [];
let dir: string;

beforeAll(async () => {
  ensureStandIns();
  dir = await mkdtemp('/tmp/hsp-');
  process.env.HAKO_STAND_IN_PIPE_DIR = dir;
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(1).reverse()) await cleanup();
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function output(child: ChildProcess): () => string {
  let text = '';
  child.stdout!.on('data', (data: Buffer) => (text += data.toString()));
  return () => text;
}

describe('the session port and a foreign process', () => {
  it('closes the foreign connection and bridges the client’s (from the child of a client that re-spawns)', async () => {
    const controls = standInControls();
    controls.hcs.reset();
    const rdp = net.createServer((socket) => {
      socket.on('error', () => undefined);
      socket.write('FAKE-RDP basic\n');
      socket.on('data', (data) => socket.write(data));
    });
    await new Promise<void>((resolve) => rdp.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => rdp.close(() => resolve())));
    expect(controls.hcs.setSessionTarget(basicSessionPipe('Peer'), '127.0.0.1', (rdp.address() as net.AddressInfo).port)).toBe(0);

    const vms = new VmService({
      hcs: loadNativeHost().hcs,
      network: { deleteEndpoint: async () => undefined, connectAdapter: async () => Promise.reject(new Error('no networking')) },
      host: loadNativeHost().host,
      registry: memoryRegistry(),
      settings: { keepRunning: false, shutdownTimeoutMs: 2000 },
    });
    cleanups.push(async () => {
      for (const vm of vms.list()) if (vm.actions.includes('powerOff')) await vms.powerOff(vm.path).catch(() => undefined);
      await vms.dispose();
    });
    const file = path.join(dir, 'Peer.7b');
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: 'Peer', GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 } }));
    await vms.open(file);
    await vms.start(file);

    let intruder: (() => string) | null = null;
    let client: (() => string) | null = null;
    const children: ChildProcess[] = [];
    cleanups.push(() => children.forEach((child) => child.kill('SIGKILL')));
    const sessions = new SessionService({
      pipePath: standInPipePath,
      tempDir: path.join(tmpdir(), `hako-peers-${process.pid}`),
      peers: hostConnectionPeers(),
      vms,
      rdpClient: () => (rdpFile, port) => {
        // The intruder watches the ports and is quicker than the client.
        const foreign = spawn(process.execPath, ['-e', INTRUDER, String(port)], { stdio: ['ignore', 'pipe', 'ignore'] });
        intruder = output(foreign);
        const started = spawn(process.execPath, ['-e', RESPAWNING, FAKE_CLIENT, String(port), rdpFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FAKE_CLIENT_MODE: 'stay' } });
        client = output(started);
        children.push(foreign, started);
        return started;
      },
    });
    cleanups.push(() => sessions.dispose());

    const info = await sessions.connect(vms.get(file), 'basic');
    expect(info).toMatchObject({ bridged: true });
    expect(info.refusedPeers).toBeGreaterThanOrEqual(1);
    await waitFor(() => intruder!().includes('closed:'), 10_000, 'the intruder to be closed');
    expect(intruder!().trim()).toBe('closed:');
    await waitFor(() => client!().includes('{'), 10_000, 'the client report');
    expect(JSON.parse(client!().split('\n').find((line) => line.startsWith('{'))!)).toMatchObject({ received: 'FAKE-RDP basic\nHELLO-FROM-CLIENT\n' });
  });
});
