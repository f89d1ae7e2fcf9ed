// A 50 MiB flood on a serial console leaves main's memory bounded (issue 13 §2). Each run is a process of
// its own (so its RSS is main's alone): the real services and dispatcher, the stand-in's COM endpoint as
// the VM, and a simulated UI that receives the output events as a transport would (JSON text) and
// acknowledges each chunk once "written". The figures are printed; `node` runs them with
//   npx vitest run main/services/console/console-flood.test.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../../../test/support/native/child.js';
import { ensureStandIns } from '../../../test/support/native/stand-ins.js';

const MiB = 1024 * 1024;
const FLOOD = 50 * MiB;

/**
 * `mode`: `acks` — the UI stalls for 2 s, then acknowledges each chunk after writing it; `detached` — the
 * control: acknowledgements are sent at once while the text waits undelivered, as if main had no window
 * and the UI were behind (what the window exists to prevent).
 */
const probe = (mode: 'acks' | 'detached') => `
import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createAppServices } from '../app-services.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';

const dir = await mkdtemp(path.join(process.env.FLOOD_DIR, 'run-'));
const app = await createAppServices({ dataDir: path.join(dir, 'data') });
const call = async (name, input) => {
  const envelope = await app.dispatch(name, input);
  if (!envelope.ok) throw new Error(name + ': ' + envelope.error.message);
  return envelope.value;
};
const name = 'Flood' + process.pid;
const pipe = '\\\\\\\\.\\\\pipe\\\\' + name + '-com1';
const file = path.join(dir, name + '.7b');
await writeFile(file, '\\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512, ComPorts: { UefiConsole: 'Disabled', ComPort1: pipe } } }));
await call('library.open', { path: file });
await call('vm.start', { path: file });

let consoleId = null, received = 0, delivered = 0, throttledSeen = false, echo = '';
const undelivered = [];
let uiRunning = false;
app.events.subscribe((event, payload) => {
  if (event === 'console.state' && payload.throttled) throttledSeen = true;
  if (event !== 'console.output') return;
  const text = JSON.stringify({ event, payload }); // what a transport sends
  received += payload.bytes;
  if (${JSON.stringify(mode)} === 'detached') {
    undelivered.push(text);
    void app.dispatch('console.ack', { consoleId: payload.consoleId, bytes: payload.bytes });
    return;
  }
  undelivered.push(text);
  if (uiRunning) drain();
});
// The UI: writes each chunk (decodes it) and acknowledges it once written.
function drain() {
  const next = undelivered.shift();
  if (next === undefined) return;
  const { payload } = JSON.parse(next);
  const bytes = Buffer.from(payload.data, 'base64');
  delivered += bytes.length;
  if (bytes.toString('latin1').includes('ok!')) echo += 'ok!';
  setImmediate(() => {
    void app.dispatch('console.ack', { consoleId: payload.consoleId, bytes: bytes.length }).then(drain);
  });
}

const sample = () => process.memoryUsage().rss;
const peakOver = async (ms, until = () => false) => {
  let peak = sample();
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) {
    await new Promise((r) => setTimeout(r, 20));
    peak = Math.max(peak, sample());
  }
  return peak;
};

consoleId = (await call('console.open', { path: file, port: 'COM1' })).consoleId;
while (standInControls().hcs.comConnectionCount(pipe) !== 1 || received === 0) await new Promise((r) => setTimeout(r, 10));
uiRunning = true;
drain();
const baseline = await peakOver(1000);
uiRunning = false;
const banner = received;

const started = Date.now();
standInControls().hcs.comWrite(pipe, 'The quick brown fox jumps over the lazy dog 0123456789\\r\\n', ${FLOOD});
const stalledPeak = await peakOver(2000);
const stalled = { received: received - banner, pendingInVm: standInControls().hcs.comPendingBytes(pipe), throttled: throttledSeen, peakRssMiB: (stalledPeak - baseline) / ${MiB} };

uiRunning = true;
drain();
const drainedPeak = await peakOver(120000, () => received - banner >= ${FLOOD} && undelivered.length === 0);
const seconds = (Date.now() - started - 2000) / 1000;
const drained = { received: received - banner, delivered: delivered - banner, peakRssMiB: (drainedPeak - baseline) / ${MiB}, seconds };
await call('console.write', { consoleId, data: 'ok!' });
await peakOver(5000, () => echo !== '');
process.stdout.write(JSON.stringify({
  baselineRssMiB: baseline / ${MiB},
  stalled,
  drained,
  echo,
}));
await app.dispose();
process.exit(0);
`;

let dir: string;
beforeAll(async () => {
  ensureStandIns();
  dir = await mkdtemp('/tmp/hflood-');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const env = () => ({ FLOOD_DIR: dir, HAKO_STAND_IN_PIPE_DIR: dir });

describe('a 50 MiB flood on a serial console', () => {
  it('holds at most the window while the UI stalls, delivers everything when it catches up, and echoes afterwards', { timeout: 180_000 }, async () => {
    const result = JSON.parse(await runInChild(probe('acks'), env(), 170_000)) as {
      baselineRssMiB: number;
      stalled: { received: number; pendingInVm: number; throttled: boolean; peakRssMiB: number };
      drained: { received: number; delivered: number; peakRssMiB: number; seconds: number };
      echo: string;
    };
    console.log(`flood, UI acknowledging: ${JSON.stringify(result)}`);
    // While the UI stalls, main took at most the window; the rest waits in the VM's pipe.
    expect(result.stalled.throttled).toBe(true);
    expect(result.stalled.received).toBeLessThanOrEqual(MiB);
    expect(result.stalled.pendingInVm).toBeGreaterThan(FLOOD - 4 * MiB);
    expect(result.stalled.peakRssMiB).toBeLessThan(16);
    // Everything arrives once the UI acknowledges, in order and complete; memory stays bounded meanwhile.
    expect(result.drained.received).toBe(FLOOD);
    expect(result.drained.delivered).toBe(FLOOD);
    expect(result.drained.peakRssMiB).toBeLessThan(64);
    expect(result.echo).toBe('ok!');
  });

  it('control: without the window tying reading to the UI, the same flood piles up in main', { timeout: 180_000 }, async () => {
    const result = JSON.parse(await runInChild(probe('detached'), env(), 170_000)) as { stalled: { received: number; peakRssMiB: number } };
    console.log(`flood, acknowledged but not delivered: ${JSON.stringify(result)}`);
    // The measurement sees it: the whole flood is read and held (as base64 JSON text).
    expect(result.stalled.received).toBe(FLOOD);
    expect(result.stalled.peakRssMiB).toBeGreaterThan(60);
  });
});
