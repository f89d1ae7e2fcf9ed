/**
 * The console (the VM's screen inside Hako) against a real RDP server: Chromium on the browser host,
 * Hako's services and console proxy in this process on the C stand-ins, a VM whose basic-session pipe
 * leads to freerdp-shadow-cli sharing a 1280×800 Xvfb desktop.
 *
 * - console_connect_ms: a click on Connect → the first frame painted on the canvas (the console document
 *   is loaded, its WebAssembly started, before the click, as when the tab is open). Median of 5.
 * - console_input_latency_p95_ms: a key typed into the canvas (an xterm with a shell on the server) → the
 *   canvas's pixels change (the echo). 40 keys, one every 150 ms; the 95th percentile.
 * - console_fps: distinct frames painted per second (a checksum of the canvas per animation frame, counted
 *   when it changes) while the xterm scrolls `yes` full screen, over 5 s. Beside it, the server's own rate
 *   as seen on the wire: bursts of data from the VM (a gap of 4 ms ends one) per second at the proxy.
 *   FreeRDP 2.11's X11 shadow server captures at an adaptive 16–32 fps (server/shadow/shadow_encoder.c).
 * - console_relay_mib_s: plaintext through the proxy (WebSocket ⇄ TLS over the stand-in's pipe) for
 *   256 MiB from a test TLS server to a test WebSocket client.
 *
 * Needs what the console's e2e test needs (test/support/rdp-desktop.ts) and a build (out/renderer).
 * Run from the repository root: npm run bench -- console.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Frame, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { basicSessionPipe, enhancedSessionPipe } from '../app/compute/document.js';
import { createAppServices } from '../main/app-services.js';
import { startBrowserHost } from '../main/host/server.js';
import { type ConsoleSocket } from '../main/services/screen/console-socket.js';
import { decodePdu } from '../main/services/screen/rdcleanpath.js';
import { requestPdu, startFakeRdpServer } from '../test/support/console.js';
import { standInControls } from '../test/support/native/stand-in-controls.js';
import { startRdpDesktop } from '../test/support/rdp-desktop.js';

const WIDTH = 1280;
const HEIGHT = 800;
const RELAY_MIB = 256;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

if (!existsSync('out/renderer/console.html') || !existsSync('build/stand-in/libcomputecore.so')) throw new Error('build first: npm run build');
const work = await mkdtemp(path.join(tmpdir(), 'hako-bench-console-'));
process.env.HAKO_STAND_IN_PIPE_DIR = await mkdtemp('/tmp/hbc-');
const desktop = await startRdpDesktop({ width: WIDTH, height: HEIGHT, dir: work });
desktop.run('xterm', ['-fa', 'DejaVu Sans Mono', '-fs', '14', '-bg', 'seagreen', '-fg', 'white', '-geometry', '150x44+0+0', '-e', 'bash', '--norc', '--noprofile'], { PS1: '$ ', HOME: work });

// Hako's services, on the stand-ins, and a running VM whose basic pipe leads to the shadow server.
const services = await createAppServices({ dataDir: path.join(work, 'data') });
const name = 'Bench Console';
const vmFile = path.join(work, 'Bench.7b');
await writeFile(vmFile, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 1024 } }));
standInControls().hcs.setSessionTarget(basicSessionPipe(name), '127.0.0.1', desktop.port);
await services.dispatch('library.open', { path: vmFile });
await services.vms.start(vmFile);

// The server's bursts, as the proxy sends them to the browser.
const bursts: number[] = [];
const tap = (socket: ConsoleSocket): ConsoleSocket => {
  let last = 0;
  return new Proxy(socket, {
    get(target, key) {
      if (key !== 'send') return Reflect.get(target, key) as unknown;
      return (data: Uint8Array, sent?: () => void) => {
        const now = performance.now();
        if (now - last > 4) bursts.push(now);
        last = now;
        target.send(data, sent);
      };
    },
  });
};
const host = await startBrowserHost({ dispatch: services.dispatch, events: services.events, staticDir: 'out/renderer', onConsole: (socket) => services.screen.accept(tap(socket)) });
services.screen.setEndpoint(host.consoleUrl);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(host.url);
await page.getByRole('navigation', { name: 'Hako' }).getByRole('button', { name: new RegExp(`^${name} `) }).click();
await page.getByRole('tab', { name: 'Screen' }).click();
const toolbar = page.getByRole('toolbar', { name: 'Screen', exact: true });
const frame = (await (await page.waitForSelector('iframe[title^="Screen of"]')).contentFrame())!;

/** In the page: how long from a click on the toolbar's Connect to the first painted frame. */
async function connectOnce(target: Page): Promise<number> {
  await toolbar.getByRole('button', { name: 'Connect', exact: true }).waitFor();
  await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLButtonElement>('.screen-toolbar button')].some((b) => b.textContent?.trim() === 'Connect' && !b.disabled && b.getAttribute('aria-disabled') !== 'true'),
    undefined,
    { timeout: 60_000 },
  );
  return target.evaluate(async () => {
    const iframe = document.querySelector<HTMLIFrameElement>('iframe[title^="Screen of"]')!;
    const canvas = () => iframe.contentDocument?.querySelector('iron-remote-desktop')?.shadowRoot?.querySelector('canvas') ?? null;
    const probe = document.createElement('canvas');
    probe.width = 64;
    probe.height = 40;
    const context = probe.getContext('2d', { willReadFrequently: true })!;
    const painted = () => {
      const picture = canvas();
      if (picture === null || picture.width === 0) return false;
      context.clearRect(0, 0, 64, 40);
      context.drawImage(picture, 0, 0, 64, 40);
      const data = context.getImageData(0, 0, 64, 40).data;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 30) return true;
      return false;
    };
    const button = [...document.querySelectorAll<HTMLButtonElement>('.screen-toolbar button')].find((b) => b.textContent?.trim() === 'Connect')!;
    const start = performance.now();
    button.click();
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (painted()) return performance.now() - start;
      if (performance.now() - start > 20_000) throw new Error('no frame within 20 s');
    }
  });
}

const connects: number[] = [];
for (let i = 0; i < 5; i++) {
  connects.push(await connectOnce(page));
  if (i < 4) {
    await toolbar.getByRole('button', { name: 'Disconnect' }).click();
    // The canvas keeps the last picture until the next session paints; clear it so "painted" means new.
    await frame.evaluate(() => {
      const picture = document.querySelector('iron-remote-desktop')!.shadowRoot!.querySelector('canvas')!;
      picture.getContext('2d')?.clearRect(0, 0, picture.width, picture.height);
    });
  }
}

/** In the console document: a checksum of the canvas, for "did the picture change?". */
async function installChecksum(target: Frame): Promise<void> {
  await target.evaluate(() => {
    const picture = document.querySelector('iron-remote-desktop')!.shadowRoot!.querySelector('canvas')!;
    // A quarter-size copy: cheap enough to take every frame, and a typed character still changes it.
    const copy = document.createElement('canvas');
    copy.width = 320;
    copy.height = 200;
    const context = copy.getContext('2d', { willReadFrequently: true })!;
    (window as unknown as { checksum: () => number }).checksum = () => {
      context.drawImage(picture, 0, 0, copy.width, copy.height);
      const words = new Uint32Array(context.getImageData(0, 0, copy.width, copy.height).data.buffer);
      let sum = 0;
      for (let i = 0; i < words.length; i++) sum = (sum * 31 + words[i]!) | 0;
      return sum;
    };
  });
}

await page.getByTitle(/^Screen of/).click({ position: { x: 300, y: 300 } });
await installChecksum(frame);
const latencies: number[] = await frame.evaluate(async () => {
  const checksum = (window as unknown as { checksum: () => number }).checksum;
  const next = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const samples: number[] = [];
  const key = (type: 'keydown' | 'keyup') => window.dispatchEvent(new KeyboardEvent(type, { key: 'a', code: 'KeyA', keyCode: 65, bubbles: true }));
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const before = checksum();
    const start = performance.now();
    key('keydown');
    key('keyup');
    for (;;) {
      await next();
      if (checksum() !== before) break;
      if (performance.now() - start > 5_000) throw new Error('the typed key never showed');
    }
    samples.push(performance.now() - start);
  }
  return samples;
});

// Full-screen animation: the shell scrolls `yes` output.
await page.keyboard.press('Control+U');
await page.keyboard.type('yes', { delay: 20 });
await page.keyboard.press('Enter');
await new Promise((resolve) => setTimeout(resolve, 1_000));
bursts.length = 0;
const frames: { distinct: number; seconds: number } = await frame.evaluate(async () => {
  const checksum = (window as unknown as { checksum: () => number }).checksum;
  let last = checksum();
  let distinct = 0;
  const start = performance.now();
  while (performance.now() - start < 5_000) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = checksum();
    if (now !== last) distinct++;
    last = now;
  }
  return { distinct, seconds: (performance.now() - start) / 1000 };
});
// The server's rate over the same 5 s the page counted (its window ends about when its answer arrives;
// on a busy machine the call itself may take much longer than the window).
const windowEnd = performance.now();
const serverBursts = bursts.filter((at) => at >= windowEnd - frames.seconds * 1000 && at <= windowEnd).length;
const serverFps = serverBursts / frames.seconds;
await page.keyboard.press('Control+C');
await browser.close();

// The relay: a test TLS server behind the VM's enhanced pipe sends RELAY_MIB MiB; a WebSocket client reads it.
const chunk = Buffer.alloc(64 * 1024, 0x5a);
const bulk = await startFakeRdpServer(null, {
  kind: 'tls',
  onSecure: (secure) =>
    secure.once('secure', () => {
      let left = (RELAY_MIB * 1024 * 1024) / chunk.length;
      const pump = () => {
        while (left > 0) {
          left--;
          if (!secure.write(chunk)) return void secure.once('drain', pump);
        }
        secure.end();
      };
      pump();
    }),
});
standInControls().hcs.setSessionTarget(enhancedSessionPipe(name), '127.0.0.1', bulk.port);
const ticket = services.screen.ticket(vmFile, 'enhanced');
const relaySeconds = await new Promise<number>((resolve, reject) => {
  const ws = new WebSocket(ticket.proxyUrl, { origin: host.origin });
  let received = 0;
  let start = 0;
  ws.on('open', () => ws.send(requestPdu(ticket.token)));
  ws.on('message', (data: Buffer) => {
    if (start === 0) {
      const answer = decodePdu(new Uint8Array(data));
      if (answer.error) return reject(new Error(`the proxy refused: ${JSON.stringify(answer.error)}`));
      start = performance.now();
      return;
    }
    received += data.length;
    if (received >= RELAY_MIB * 1024 * 1024) {
      resolve((performance.now() - start) / 1000);
      ws.close();
    }
  });
  ws.on('error', reject);
});
await bulk.close();

await host.close();
await services.dispose();
await desktop.close();
await rm(work, { recursive: true, force: true });
await rm(process.env.HAKO_STAND_IN_PIPE_DIR, { recursive: true, force: true });

const fps = frames.distinct / frames.seconds;
console.log(`connect: ${connects.map((ms) => ms.toFixed(0)).join(', ')} ms; input latency: median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
console.log(`frames: ${frames.distinct} distinct in ${frames.seconds.toFixed(1)} s; the server sent ${serverBursts} bursts in the same time; relay: ${RELAY_MIB} MiB in ${relaySeconds.toFixed(2)} s`);
console.log(`bench: console_connect_ms = ${median(connects).toFixed(0)} ms`);
console.log(`bench: console_input_latency_p95_ms = ${percentile(latencies, 95).toFixed(1)} ms`);
console.log(`bench: console_fps = ${fps.toFixed(1)} fps (server ${serverFps.toFixed(1)} fps)`);
console.log(`bench: console_relay_mib_s = ${(RELAY_MIB / relaySeconds).toFixed(1)} MiB/s`);
process.exit(0);
