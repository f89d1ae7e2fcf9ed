// A real RDP session through Hako's launcher (reference/platform.md §5): xfreerdp, started on the
// `.rdp` file SessionService writes, connects to the one-shot loopback port; the bridge forwards to the
// VM's basic-session pipe served by the C stand-in, which forwards to freerdp-shadow-cli sharing an
// Xvfb desktop. The client's screen must show the server's desktop.
//
// Needs (Debian 12): freerdp2-x11 freerdp2-shadow-x11 xvfb x11-apps xterm fonts-dejavu-core (.ci/run
// installs them); it fails, naming what is missing, when one is not there. Linux only: on Windows the
// client is mstsc and the pipes are real.
import { memoryRegistry } from '../../../test/support/registry.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from '../../../test/support/ports.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicSessionPipe } from '../../../app/compute/document.js';
import { hostConnectionPeers, loadNativeHost } from '../../native/index.js';
import { standInControls } from '../../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';
import { delay } from '../../../test/support/wait.js';
import { SessionService, type SessionEnded } from './session-service.js';
import { standInPipePath } from './pipe-path.js';
import { VmService } from '../vm/vm-service.js';

const TOOLS = ['xfreerdp', 'freerdp-shadow-cli', 'Xvfb', 'xwd', 'xterm'];
const onPath = (tool: string) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, tool)));
const missing = TOOLS.filter((tool) => !onPath(tool));

const processes: ChildProcess[] = [];
let dir: string;
let pipeDir: string;

function run(command: string, args: string[], env: Record<string, string> = {}, extraFd = false): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', ...(extraFd ? (['pipe'] as const) : [])] });
  child.stdout!.resume();
  child.stderr!.resume();
  processes.push(child);
  return child;
}

/** Starts an Xvfb on a free display (`-displayfd`) and returns `:N`. */
async function xvfb(size: string): Promise<string> {
  const child = run('Xvfb', ['-displayfd', '3', '-screen', '0', `${size}x24`, '-nolisten', 'tcp'], {}, true);
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const fd = child.stdio[3] as NodeJS.ReadableStream;
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
    setTimeout(() => reject(new Error('Xvfb did not start')), 10_000);
  });
  return display;
}


interface Screen {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

/** The root window of `display`, read from xwd's format (32 bits per pixel, masks from the header). */
async function screenshot(display: string): Promise<Screen> {
  const child = spawn('xwd', ['-root', '-silent', '-display', display], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => child.once('close', resolve));
  const buf = Buffer.concat(chunks);
  const u32 = (i: number) => buf.readUInt32BE(i * 4);
  const [headerSize, width, height, byteOrder, bitsPerPixel, bytesPerLine, red, green, blue, colors] = [u32(0), u32(4), u32(5), u32(7), u32(11), u32(12), u32(14), u32(15), u32(16), u32(19)];
  expect(bitsPerPixel).toBe(32);
  const start = headerSize + colors * 12;
  const shift = (mask: number) => Math.clz32(1) - Math.clz32(mask & -mask);
  return {
    width,
    height,
    pixel(x, y) {
      const offset = start + y * bytesPerLine + x * 4;
      const v = byteOrder === 0 ? buf.readUInt32LE(offset) : buf.readUInt32BE(offset);
      return [((v & red) >>> shift(red)) & 0xff, ((v & green) >>> shift(green)) & 0xff, ((v & blue) >>> shift(blue)) & 0xff];
    },
  };
}

/** Pixels of `server` that differ (by more than 5% in a channel) at the same place in `client`. */
function differingPixels(server: Screen, client: Screen): number {
  let differing = 0;
  for (let y = 0; y < server.height; y++) {
    for (let x = 0; x < server.width; x++) {
      const a = server.pixel(x, y);
      const b = client.pixel(x, y);
      if (a.some((value, i) => Math.abs(value - b[i]!) > 13)) differing++;
    }
  }
  return differing;
}

describe.skipIf(process.platform === 'win32')('a real RDP session through the launcher (FreeRDP)', () => {
  beforeAll(() => {
    if (missing.length > 0) throw new Error(`install ${missing.join(', ')} (Debian: freerdp2-x11 freerdp2-shadow-x11 xvfb x11-apps xterm)`);
  });

  beforeAll(async () => {
    ensureStandIns();
    dir = await mkdtemp(path.join(tmpdir(), 'hako-freerdp-'));
    pipeDir = await mkdtemp('/tmp/hpf-');
    process.env.HAKO_STAND_IN_PIPE_DIR = pipeDir;
  });

  afterAll(async () => {
    for (const child of processes.reverse()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    await rm(pipeDir, { recursive: true, force: true });
  });

  it('xfreerdp on Hako’s .rdp file shows the VM console’s desktop', { timeout: 60_000 }, async () => {
    const home = path.join(dir, 'home'); // the shadow server makes its TLS certificate in here
    const serverDisplay = await xvfb('1024x768');
    const clientDisplay = await xvfb('1280x900');
    run('xterm', ['-fa', 'Monospace', '-fs', '14', '-bg', 'yellow', '-fg', 'black', '-geometry', '+0+0', '-e', 'echo HAKO-SERVER-DESKTOP; sleep 120'], {
      DISPLAY: serverDisplay,
    });
    const rdpPort = await freePort();
    run('freerdp-shadow-cli', ['/bind-address:127.0.0.1', `/port:${rdpPort}`, '-auth', '/sec:tls'], { DISPLAY: serverDisplay, HOME: home });
    await waitForPort(rdpPort, 15_000);

    // The VM: its basic-session pipe forwards to the shadow server.
    const native = loadNativeHost();
    const controls = standInControls();
    const vms = new VmService({
      hcs: native.hcs,
      network: { deleteEndpoint: async () => undefined, connectAdapter: async () => Promise.reject(new Error('no networking')) },
      host: native.host,
      registry: memoryRegistry(),
      settings: { keepRunning: false },
    });
    const file = path.join(dir, 'Rdp.7b');
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: 'Rdp', GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 } }));
    expect(controls.hcs.setSessionTarget(basicSessionPipe('Rdp'), '127.0.0.1', rdpPort)).toBe(0);
    await vms.open(file);
    await vms.start(file);

    const sessions = new SessionService({
      pipePath: (pipe) => standInPipePath(pipe),
      // The file carries the address, port, size and security settings; -gfx keeps the bitmaps lossless.
      rdpClient: () => (rdpFile) => run('xfreerdp', [rdpFile, '/cert:ignore', '/sec:tls', '/u:test', '/p:test', '-gfx'], { DISPLAY: clientDisplay, HOME: home }),
      tempDir: path.join(dir, 'sessions'),
      vms,
      peers: hostConnectionPeers(),
      connectTimeoutMs: 15_000,
    });
    const ended: SessionEnded[] = [];
    sessions.onEnded((e) => ended.push(e));
    try {
      await sessions.connect(vms.get(file), 'basic');

      // Without a window manager the client's window sits at 0,0; its 1024x768 desktop must match.
      let differing = Number.POSITIVE_INFINITY;
      let server: Screen | null = null;
      for (let attempt = 0; attempt < 40 && differing > 1000; attempt++) {
        await delay(500);
        server = await screenshot(serverDisplay);
        differing = differingPixels(server, await screenshot(clientDisplay));
      }
      expect(differing).toBeLessThanOrEqual(1000); // of 786,432
      // …and there is something to see: the server's yellow xterm.
      let yellow = 0;
      for (let y = 0; y < 768; y += 4) for (let x = 0; x < 1024; x += 4) if (server!.pixel(x, y).join() === '255,255,0') yellow++;
      expect(yellow).toBeGreaterThan(5_000);
    } finally {
      await sessions.disconnect(file);
      await sessions.dispose();
      await vms.powerOff(file).catch(() => undefined);
      await vms.dispose();
    }
    expect(ended).toHaveLength(1);
    expect(ended[0]!.bytesToVm).toBeGreaterThan(1_000);
    expect(ended[0]!.bytesFromVm).toBeGreaterThan(10_000);
  });
});
