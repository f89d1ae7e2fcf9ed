/**
 * The console (the VM's screen inside Hako) against a real RDP server: Chromium on the browser host,
 * Hako's services and console proxy in this process on the C stand-ins, a VM whose basic-session pipe
 * leads to freerdp-shadow-cli sharing a 1280×800 Xvfb desktop.
 *
 * - console_connect_ms: a click on Connect → the first frame painted on the canvas (the console document
 *   is loaded, its WebAssembly started, before the click, as when the tab is open). Median of 5.
 * - console_input_latency_p95_ms: a key typed into the canvas (an xterm with a shell on the server) → the
 *   canvas's pixels change (the echo), seen by a checksum taken each animation frame. 40 keys, one every
 *   150 ms; the 95th percentile. Beside it, each key's way cut into segments at the proxy and at
 *   IronRDP's putImageData (wall-clock times on one machine). Two clocks outside Hako set a floor: the
 *   server captures on a timer (FreeRDP 2.11's X11 shadow: 16–32 fps, x11_shadow.c and
 *   shadow_encoder.c), so an echo waits 0–31 ms for the next capture at best, and a change is seen at
 *   the next animation frame (0–17 ms at 60 Hz).
 * - console_fps: distinct frames painted per second (a checksum of the canvas per animation frame, counted
 *   when it changes) while the xterm scrolls `seq` output full screen, over 5 s (every line differs, so
 *   every scroll changes the whole picture; `yes` repeats one line, so the picture changes only when a
 *   capture catches the xterm mid-redraw, and its rate measured the xterm's timing: 3–20 fps from one
 *   machine to the next). Beside it, the server's own rate:
 *   the frame-end markers it sent (bench/rdp-output.ts reads the plaintext the proxy relays), or bursts
 *   of data when it sends none. That server lowers its rate to 32 / (n + 1) fps while n > 1 frames are
 *   unacknowledged (shadow_encoder.c), so the time from a frame's end marker to the browser's
 *   acknowledgement is printed too, with the CPU the server and the browser's renderers used and the
 *   machine's load: on a crowded machine that wait is the renderer waiting for a core.
 *   HAKO_BENCH_CPU_PROFILE=<file> writes the page's CPU profile over those 5 s (open it in DevTools),
 *   HAKO_BENCH_TRACE=<file> a Chromium trace of them.
 * - console_relay_mib_s: plaintext through the proxy (WebSocket ⇄ TLS over the stand-in's pipe) for
 *   256 MiB from a test TLS server to a test WebSocket client.
 *
 * Needs what the console's e2e test needs (test/support/rdp-desktop.ts) and a build (out/renderer).
 * Run from the repository root: npm run bench -- console.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
import { acknowledgedFrame, RdpOutputReader } from './rdp-output.js';

const WIDTH = 1280;
const HEIGHT = 800;
const RELAY_MIB = 256;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

/** The first of the ascending `times` at or after `at`. */
const firstFrom = (times: readonly number[], at: number) => times.find((time) => time >= at);

/**
 * A typed key's way, cut where it can be seen (all wall-clock ms): key → the proxy receives the
 * browser's message (IronRDP's encoding, the WebSocket); → the proxy sends the VM's next data on (the
 * stand-in's pipe, the RDP server's capture wait and encoding, the way back); → IronRDP's next
 * putImageData (the WebSocket, decoding); → the first animation frame whose checksum differs.
 */
function keySegments(samples: readonly { key: number; painted: number }[], puts: readonly number[]) {
  const cut = { toProxy: [] as number[], vm: [] as number[], decode: [] as number[], paint: [] as number[] };
  for (const { key, painted } of samples) {
    const atProxy = firstFrom(toVm, key);
    const back = atProxy === undefined ? undefined : firstFrom(fromVm, atProxy);
    const put = back === undefined ? undefined : firstFrom(puts, back);
    if (atProxy === undefined || back === undefined || put === undefined || put > painted) continue;
    cut.toProxy.push(atProxy - key);
    cut.vm.push(back - atProxy);
    cut.decode.push(put - back);
    cut.paint.push(painted - put);
  }
  return cut;
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

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

// What crosses the proxy, in wall-clock milliseconds (performance.timeOrigin + now(): the same clock
// as the page's, so a key's way can be cut into segments): the browser's messages as the proxy receives
// them, the VM's data as it sends them on, and the server's bursts (a gap of 4 ms ends one).
const clock = () => performance.timeOrigin + performance.now();
const toVm: number[] = [];
/** When the browser's frame acknowledgements passed the proxy, by frame id. */
const acks = new Map<number, number>();
const fromVm: number[] = [];
/** The size of each message the VM's side sent, beside fromVm. */
const fromVmBytes: number[] = [];
const bursts: number[] = [];
// Each session's server output (the last is the one typed into and animated); its first message is
// the proxy's RDCleanPath answer, not RDP.
let output = new RdpOutputReader();
const tap = (socket: ConsoleSocket): ConsoleSocket => {
  let last = 0;
  const reader = (output = new RdpOutputReader());
  let answered = false;
  return new Proxy(socket, {
    get(target, key) {
      if (key === 'onMessage') {
        return (listener: (data: Uint8Array, binary: boolean) => void) =>
          target.onMessage((data, binary) => {
            const now = clock();
            toVm.push(now);
            const acknowledged = acknowledgedFrame(data);
            if (acknowledged !== null) acks.set(acknowledged, now);
            listener(data, binary);
          });
      }
      if (key !== 'send') return Reflect.get(target, key) as unknown;
      return (data: Uint8Array, sent?: () => void) => {
        const now = clock();
        fromVm.push(now);
        fromVmBytes.push(data.length);
        if (answered) reader.push(data, now);
        answered = true;
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
// What each document's sockets send on, by kind, seen under the console document's own wrapper (this
// runs first): IronRDP hands its socket Blobs, which the console document sends as bytes
// (renderer/src/console/byte-sends.ts); a Blob here means that stopped working.
await page.addInitScript(() => {
  const NativeBlob = Blob;
  const kinds: Record<string, number> = {};
  (window as unknown as { sentKinds: typeof kinds }).sentKinds = kinds;
  // The page's WebSocket (this file's `WebSocket` is the ws package's).
  const Socket = window.WebSocket;
  const send = Socket.prototype.send;
  Socket.prototype.send = function (this: InstanceType<typeof Socket>, data: Parameters<InstanceType<typeof Socket>['send']>[0]) {
    const kind = typeof data === 'string' ? 'text' : data instanceof NativeBlob ? 'Blob' : ArrayBuffer.isView(data) ? 'bytes' : 'ArrayBuffer';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    send.call(this, data);
  };
});
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

/**
 * In the console document: a checksum of the canvas, for "did the picture change?", and a record of
 * IronRDP's paints (its only drawing call is putImageData) in wall-clock ms. The checksum's own cost
 * is kept too: it runs on the thread that decodes, so it is reported, not hidden.
 */
async function installProbe(target: Frame): Promise<string> {
  return target.evaluate(() => {
    const picture = document.querySelector('iron-remote-desktop')!.shadowRoot!.querySelector('canvas')!;
    const probe = window as unknown as { checksum: () => number; puts: number[]; checksumMs: number; checksums: number };
    probe.puts = [];
    probe.checksumMs = 0;
    probe.checksums = 0;
    const put = CanvasRenderingContext2D.prototype.putImageData;
    CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      if (this.canvas === picture) probe.puts.push(performance.timeOrigin + performance.now());
      return (put as (...a: unknown[]) => void).apply(this, args);
    } as typeof put;
    // A quarter-size copy: cheap enough to take every frame, and a typed character still changes it.
    const copy = document.createElement('canvas');
    copy.width = 320;
    copy.height = 200;
    const context = copy.getContext('2d', { willReadFrequently: true })!;
    probe.checksum = () => {
      const start = performance.now();
      context.drawImage(picture, 0, 0, copy.width, copy.height);
      const words = new Uint32Array(context.getImageData(0, 0, copy.width, copy.height).data.buffer);
      let sum = 0;
      for (let i = 0; i < words.length; i++) sum = (sum * 31 + words[i]!) | 0;
      probe.checksumMs += performance.now() - start;
      probe.checksums++;
      return sum;
    };
    const shown = picture.getBoundingClientRect();
    return `${picture.width}×${picture.height} drawn at ${Math.round(shown.width)}×${Math.round(shown.height)} CSS px (device pixel ratio ${devicePixelRatio})`;
  });
}

await page.getByTitle(/^Screen of/).click({ position: { x: 300, y: 300 } });
const canvasSize = await installProbe(frame);
interface KeySample {
  /** Wall-clock ms: the key dispatched, and the first animation frame whose checksum differed. */
  readonly key: number;
  readonly painted: number;
}
// How late this process (the proxy's) ran its callbacks while the keys were typed.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const typed: { samples: KeySample[]; puts: number[] } = await frame.evaluate(async () => {
  const probe = window as unknown as { checksum: () => number; puts: number[] };
  const next = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const samples: KeySample[] = [];
  const key = (type: 'keydown' | 'keyup') => window.dispatchEvent(new KeyboardEvent(type, { key: 'a', code: 'KeyA', keyCode: 65, bubbles: true }));
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const before = probe.checksum();
    const start = performance.now();
    key('keydown');
    key('keyup');
    for (;;) {
      await next();
      if (probe.checksum() !== before) break;
      if (performance.now() - start > 5_000) throw new Error('the typed key never showed');
    }
    samples.push({ key: performance.timeOrigin + start, painted: performance.timeOrigin + performance.now() });
  }
  return { samples, puts: probe.puts.splice(0) };
});
loopDelay.disable();
const latencies = typed.samples.map((sample) => sample.painted - sample.key);
const segments = keySegments(typed.samples, typed.puts);

// Full-screen animation: the shell scrolls `seq` output, a new number on every line (letters, digits and
// spaces only: keys that need Shift are not typed here).
await page.keyboard.press('Control+U');
await page.keyboard.type('seq 999999999', { delay: 20 });
await page.keyboard.press('Enter');
await new Promise((resolve) => setTimeout(resolve, 1_000));
bursts.length = 0;
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const rendererBusy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
const busyBefore = await rendererBusy();
// The renderer's CPU time beside its main thread's busy (wall) time: on a crowded machine a busy thread
// may spend much of that time waiting for a core.
const browserCdp = await browser.newBrowserCDPSession();
const rendererCpuSeconds = async () => {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
  return processInfo.filter((process) => process.type === 'renderer').reduce((sum, process) => sum + process.cpuTime, 0);
};
const rendererCpuBefore = await rendererCpuSeconds();
// HAKO_BENCH_CPU_PROFILE=<file>: the page's CPU profile over the animation (open it in DevTools), to see
// what the page's main thread spends its time on.
const profileFile = process.env.HAKO_BENCH_CPU_PROFILE;
if (profileFile) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}
const serverCpuBefore = cpuSeconds(desktop.serverPid);
// HAKO_BENCH_TRACE=<file>: a Chromium trace of the same 5 s (open it in DevTools' Performance panel).
const traceFile = process.env.HAKO_BENCH_TRACE;
if (traceFile) await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'viz', 'toplevel'] });
const frames: { distinct: number; painted: number; seconds: number; checksumMs: number; checksums: number; end: number; puts: number[] } = await frame.evaluate(async () => {
  const probe = window as unknown as { checksum: () => number; puts: number[]; checksumMs: number; checksums: number };
  probe.checksumMs = 0;
  probe.checksums = 0;
  let last = probe.checksum();
  let distinct = 0;
  let painted = 0;
  const puts: number[] = [];
  probe.puts.length = 0;
  const start = performance.now();
  while (performance.now() - start < 5_000) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // Frames in which IronRDP put pixels, beside the frames whose picture differs.
    if (probe.puts.length > 0) painted++;
    puts.push(...probe.puts.splice(0));
    const now = probe.checksum();
    if (now !== last) distinct++;
    last = now;
  }
  return { distinct, painted, seconds: (performance.now() - start) / 1000, checksumMs: probe.checksumMs, checksums: probe.checksums, end: performance.timeOrigin + performance.now(), puts };
});
if (traceFile) await browser.stopTracing();
const sentKinds = await frame.evaluate(() => (window as unknown as { sentKinds: Record<string, number> }).sentKinds);
const loadDuring = loadavg()[0]!;
const serverCpu = (cpuSeconds(desktop.serverPid) - serverCpuBefore) / frames.seconds;
const rendererCpu = ((await rendererBusy()) - busyBefore) / frames.seconds;
const rendererProcessCpu = ((await rendererCpuSeconds()) - rendererCpuBefore) / frames.seconds;
if (profileFile) await writeFile(profileFile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
// The server's rate over the same 5 s the page counted.
const serverBursts = bursts.filter((at) => at >= frames.end - frames.seconds * 1000 && at <= frames.end).length;
const inWindow = (at: number) => at >= frames.end - frames.seconds * 1000 && at <= frames.end;
// The server's frames (its end-of-frame markers) when it sends them; otherwise its bursts.
const serverFrames = output.frameEnds.filter(({ at }) => inWindow(at)).length;
const serverFps = (serverFrames > 0 ? serverFrames : serverBursts) / frames.seconds;
const session = output;
// FreeRDP's shadow server lowers its capture rate while more than one frame is unacknowledged
// (shadow_encoder.c): how long after a frame's end marker passed the proxy its acknowledgement came back.
const ackDelays: number[] = [];
const paintDelays: number[] = [];
for (const { id, at: end } of session.frameEnds.filter(({ at }) => inWindow(at))) {
  const ack = acks.get(id);
  if (ack === undefined) continue;
  ackDelays.push(ack - end);
  // The frame's last paint before its acknowledgement: how much of the wait is decoding and painting.
  const lastPut = frames.puts.filter((at) => at >= end && at <= ack).at(-1);
  if (lastPut !== undefined) paintDelays.push(lastPut - end);
}
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
await rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
await rm(process.env.HAKO_STAND_IN_PIPE_DIR, { recursive: true, force: true });

const fps = frames.distinct / frames.seconds;
const spread = (values: number[]) => (values.length === 0 ? 'n/a' : `min ${Math.min(...values).toFixed(1)}, median ${median(values).toFixed(1)}, p95 ${percentile(values, 95).toFixed(1)}`);
console.log(`connect: ${connects.map((ms) => ms.toFixed(0)).join(', ')} ms; input latency: median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
console.log(
  `input latency by segment (ms, ${segments.vm.length} of ${latencies.length} keys traced): key → proxy ${spread(segments.toProxy)}; proxy → VM → proxy (pipe, server capture + encode) ${spread(segments.vm)}; proxy → IronRDP paints (WebSocket, decode) ${spread(segments.decode)}; paint → frame seen changed ${spread(segments.paint)}; the proxy's event loop ran late by p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms`,
);
console.log(
  `canvas ${canvasSize}; frames: ${frames.distinct} distinct in ${frames.seconds.toFixed(1)} s, IronRDP painted in ${frames.painted} frames; the server sent ${serverFrames} frames (end markers) in ${serverBursts} bursts and ${fromVm.filter(inWindow).length} WebSocket messages (${(fromVm.reduce((sum, at, i) => sum + (inWindow(at) ? fromVmBytes[i]! : 0), 0) / 1024 / Math.max(1, serverFrames)).toFixed(0)} KiB a frame) in the same time (FreeRDP 2.11's X11 shadow captures at most 32 fps, fewer while frames are unacknowledged)`,
);
console.log(
  `during the animation, load average ${loadDuring.toFixed(1)} on ${cpus().length} cores; cpu as a share of one core: server ${(serverCpu * 100).toFixed(0)} %, browser renderers ${(rendererProcessCpu * 100).toFixed(0)} % (all threads), the page's main thread busy ${(rendererCpu * 100).toFixed(0)} % of the time (of which the bench's checksum ${((frames.checksumMs / 1000 / frames.seconds) * 100).toFixed(0)} %, ${(frames.checksumMs / Math.max(1, frames.checksums)).toFixed(1)} ms a frame)`,
);
const tally = (counts: Map<number, number>) => [...counts].map(([key, count]) => `${key}: ${count}`).join(', ') || 'none';
console.log(
  `server output over the session: ${session.frameEnds.length} frame markers; fast-path updates by code ${tally(session.counts.updates)}; surface bits by codec id ${tally(session.counts.codecs)}; ${session.counts.compressed} compressed, ${session.counts.slowPath} slow-path${session.lost ? '; the stream stopped parsing' : ''}`,
);
console.log(
  `frames acknowledged: ${ackDelays.length} of ${serverFrames}; a frame's end marker at the proxy → the browser's acknowledgement at the proxy (ms) ${spread(ackDelays)}, of which → IronRDP's last paint of it ${spread(paintDelays)}; the renderers used ${((rendererProcessCpu * frames.seconds * 1000) / Math.max(1, frames.painted)).toFixed(1)} ms of CPU per painted frame`,
);
console.log(`the console's socket was given to send: ${Object.entries(sentKinds).map(([kind, count]) => `${kind} ${count}`).join(', ') || 'nothing'}`);
console.log(`relay: ${RELAY_MIB} MiB in ${relaySeconds.toFixed(2)} s`);
console.log(`bench: console_connect_ms = ${median(connects).toFixed(0)} ms`);
console.log(`bench: console_input_latency_p95_ms = ${percentile(latencies, 95).toFixed(1)} ms`);
console.log(`bench: console_fps = ${fps.toFixed(1)} fps (server ${serverFps.toFixed(1)} fps)`);
console.log(`bench: console_relay_mib_s = ${(RELAY_MIB / relaySeconds).toFixed(1)} MiB/s`);
process.exit(0);
