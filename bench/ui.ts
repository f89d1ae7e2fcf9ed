/**
 * The library at scale, in Debian's Chromium (Playwright) against the real browser host (`hako host`,
 * the built CLI on the C stand-ins), with 1,000 VMs of varied states (test/support/big-library.ts): stopped,
 * saved, unreadable, failed (Error), running and paused. Build first (`npm run build`); run from the
 * repository root: `npm run bench -- ui`.
 *
 * - host_start_over_empty_ms: process start → the `hako host:` line, 1,000 VMs minus an empty library
 *   (medians of HAKO_BENCH_STARTS runs each, alternating).
 * - library_list_ms: p95 round trip of `library.list` over the WebSocket (a Node client, as the page's).
 * - ui_library_paint_over_baseline_ms: navigation → every visible row of the sidebar and the Home grid
 *   painted, 1,000 VMs minus a 1-VM library's (a second host), medians of HAKO_BENCH_LOADS loads each.
 * - ui_filter_keystroke_p95_ms: a keystroke in the search box → both lists show what matches: three
 *   queries typed and erased (42 keys), HAKO_BENCH_KEY_ROUNDS times (1; more rounds steady the figure
 *   when comparing two builds).
 * - ui_event_to_paint_p95_ms: a VM paused or resumed by a second client → its row shows the new state.
 *
 * How "painted" is taken is said in bench/ui/probe.ts. HAKO_BENCH_SAMPLES=1 prints every sample.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createHakoApi } from '../app/ipc/client.js';
import { type HakoApi } from '../app/ipc/contract.js';
import { createWebSocketTransport, type WebSocketLike } from '../app/ipc/ws-transport.js';
import { benchVms, matches, writeLibrary } from '../test/support/big-library.js';
import { startHostProcess as startHost, type HostProcess } from '../test/support/host-process.js';
import { profiler, tracer } from './ui/profiler.js';
import { installProbe, type Measured, type Probe } from './ui/probe.js';

const VMS = 1_000;
const STARTS = Number(process.env.HAKO_BENCH_STARTS ?? 5);
const LOADS = Number(process.env.HAKO_BENCH_LOADS ?? 5);
const KEY_ROUNDS = Number(process.env.HAKO_BENCH_KEY_ROUNDS ?? 1);
const LIST_WARM_UP = 20;
const LIST_CALLS = 200;
const EVENT_SAMPLES = 40;
const SHOW_SAMPLES = process.env.HAKO_BENCH_SAMPLES === '1';
/** HAKO_BENCH_PROFILE=file.cpuprofile: the renderer's CPU profile of the keystrokes (open it in Chromium's DevTools). */
const PROFILE = process.env.HAKO_BENCH_PROFILE;
/** HAKO_BENCH_TRACE=file.json: Chromium's trace of the keystrokes, rendering included (chrome://tracing or DevTools opens it). */
const TRACE = process.env.HAKO_BENCH_TRACE;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

for (const built of ['out/cli/hako.js', 'out/renderer/index.html']) {
  if (!existsSync(built)) throw new Error(`bench ui: ${built} is missing; run "npm run build" first`);
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (samples: readonly number[]) => percentile(samples, 50);
const fmt = (ms: number) => ms.toFixed(1);
const describe = (samples: readonly number[]) =>
  `n ${samples.length}, p50 ${fmt(median(samples))} ms, p95 ${fmt(percentile(samples, 95))} ms, max ${fmt(Math.max(...samples))} ms` +
  (SHOW_SAMPLES ? ` [${samples.map(fmt).join(', ')}]` : '');

// ---- the host ----------------------------------------------------------------------------------------

/** A second client of the host, as another window would be. */
function connect(url: string): { api: HakoApi; close(): void } {
  const parsed = new URL(url);
  const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret') ?? '';
  const transport = createWebSocketTransport({
    url: `ws://${parsed.host}/ipc`,
    secret,
    createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: parsed.origin }) as unknown as WebSocketLike,
  });
  return { api: createHakoApi(transport), close: () => transport.close() };
}

/** Runs `step` over `items`, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, step: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await step(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

// ---- the page ----------------------------------------------------------------------------------------

const probeOf = (page: Page) => page.evaluateHandle(() => (globalThis as unknown as { __hakoBench: Probe }).__hakoBench);

async function load(browser: Browser, url: string, total: number): Promise<{ page: Page; paintedMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.addInitScript(installProbe, total);
  await page.goto(url);
  const painted = await page.waitForFunction(() => (globalThis as unknown as { __hakoBench?: Probe }).__hakoBench?.paintedAt ?? null, undefined, { timeout: 60_000, polling: 50 });
  return { page, paintedMs: (await painted.jsonValue()) as number };
}

// ---- the run -----------------------------------------------------------------------------------------

const root = await mkdtemp(path.join(tmpdir(), 'hako-bench-ui-'));
const vms = benchVms(root, VMS);
const lonely = benchVms(path.join(root, 'one'), 1);
const dirs = { many: path.join(root, 'data-many'), one: path.join(root, 'data-one'), empty: path.join(root, 'data-empty') };
await writeLibrary(root, dirs.many, vms);
await writeLibrary(path.join(root, 'one'), dirs.one, lonely);
await writeLibrary(root, dirs.empty, []);

const hosts: HostProcess[] = [];
let browser: Browser | null = null;
try {
  // ---- process start → listening, before anything runs --------------------------------------------
  const startMany: number[] = [];
  const startEmpty: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    for (const [dir, samples] of [[dirs.empty, startEmpty], [dirs.many, startMany]] as const) {
      const host = await startHost(dir);
      samples.push(host.startMs);
      await host.stop();
    }
  }

  // ---- the long-lived hosts, the 1,000-VM one with VMs running, paused and failed ------------------
  const many = await startHost(dirs.many);
  hosts.push(many);
  const one = await startHost(dirs.one);
  hosts.push(one);
  const client = connect(many.url);
  await client.api.invoke('app.ready');
  // Every entry read (the host may list them as they arrive).
  for (let tries = 0; ; tries++) {
    const list = await client.api.invoke('library.list');
    if (list.length === VMS && list.every((vm) => (vm as { loading?: boolean }).loading !== true)) break;
    if (tries > 600) throw new Error(`the host lists ${list.length} of ${VMS} VMs`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await inParallel(vms.filter((vm) => vm.toRun), 8, (vm) => client.api.invoke('vm.start', { path: vm.path }));
  await inParallel(vms.filter((vm) => vm.toPause), 8, (vm) => client.api.invoke('vm.pause', { path: vm.path }));
  await inParallel(vms.filter((vm) => vm.toFail), 8, (vm) => client.api.invoke('vm.start', { path: vm.path }).catch(() => undefined));

  // ---- library.list over the WebSocket ------------------------------------------------------------
  for (let i = 0; i < LIST_WARM_UP; i++) await client.api.invoke('library.list');
  const listTrips: number[] = [];
  let listBytes = 0;
  for (let i = 0; i < LIST_CALLS; i++) {
    const began = performance.now();
    const list = await client.api.invoke('library.list');
    listTrips.push(performance.now() - began);
    if (i === 0) listBytes = JSON.stringify(list).length;
  }

  // ---- Chromium --------------------------------------------------------------------------------
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'] });
  const paintOne: number[] = [];
  const paintMany: number[] = [];
  // One load each to warm the HTTP cache and the host, not counted.
  for (const [host, total] of [[one, 1], [many, VMS]] as const) await (await load(browser, host.url, total)).page.close();
  for (let i = 0; i < LOADS; i++) {
    for (const [host, total, samples] of [[one, 1, paintOne], [many, VMS, paintMany]] as const) {
      const { page, paintedMs } = await load(browser, host.url, total);
      samples.push(paintedMs);
      await page.close();
    }
  }

  const { page } = await load(browser, many.url, VMS);
  const probe = await probeOf(page);

  // ---- a state change by the second client → painted ----------------------------------------------
  const eventWork: number[] = [];
  const eventWall: number[] = [];
  // VMs running or paused whose sidebar rows are on screen (not merely rendered beyond the pane's
  // bottom edge), each paused or resumed in turn.
  const pane = await page.locator('.nav-scroll').boundingBox();
  const onScreen: string[] = [];
  for (const row of await page.locator('.nav-list .pane-link').all()) {
    const box = await row.boundingBox();
    if (pane !== null && box !== null && box.y + box.height <= pane.y + pane.height) onScreen.push((await row.locator('.pane-label').textContent()) ?? '');
  }
  const toggled = vms.filter((vm) => vm.toRun && onScreen.includes(vm.name)).map((vm) => ({ vm, paused: vm.toPause }));
  if (toggled.length === 0) throw new Error(`bench ui: no running or paused VM on screen (${onScreen.join(', ')})`);
  for (let i = 0; i < EVENT_SAMPLES; i++) {
    const entry = toggled[i % toggled.length]!;
    const { vm } = entry;
    const pausing = !entry.paused;
    entry.paused = pausing;
    const state = pausing ? 'Paused' : 'Running';
    const watch = await page.evaluateHandle(([p, name, text, vmPath, s]) => p.whenRowShows({ name, text }, vmPath, s), [probe, vm.name, state, vm.path, state] as const);
    await client.api.invoke(pausing ? 'vm.pause' : 'vm.resume', { path: vm.path });
    const measured: Measured = await page.evaluate((w) => w.done, watch);
    eventWork.push(measured.work);
    eventWall.push(measured.wall);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // ---- a keystroke in the search box → the filtered lists painted ---------------------------------
  const search = page.getByRole('searchbox', { name: 'Search VMs' });
  const keyWork: number[] = [];
  const keyWall: number[] = [];
  if ((await search.count()) > 0) {
    await search.click();
    if (PROFILE) await profiler.start(page);
    if (TRACE) await tracer.start(page);
    for (const query of Array.from({ length: KEY_ROUNDS }, () => ['vm 004', 'windows', 'lab vm 1']).flat()) {
      const keys = [...query, ...Array.from({ length: query.length }, () => 'Backspace')];
      let text = '';
      for (const key of keys) {
        text = key === 'Backspace' ? text.slice(0, -1) : text + key;
        const matching = vms.filter((vm) => matches(vm, text));
        const expected = { names: matching.slice(0, 200).length === matching.length ? matching.map((vm) => vm.name) : null, count: matching.length };
        const watch = await page.evaluateHandle(([p, e]) => p.whenFiltered(e), [probe, expected] as const);
        await page.keyboard.press(key === ' ' ? 'Space' : key);
        const measured = await page.evaluate((w) => w.done, watch);
        keyWork.push(measured.work);
        keyWall.push(measured.wall);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    }
    if (PROFILE) await profiler.stop(PROFILE);
    if (TRACE) await tracer.stop(TRACE);
  }
  client.close();

  const startOver = median(startMany) - median(startEmpty);
  const paintOver = median(paintMany) - median(paintOne);
  console.log(`library: ${VMS} VMs (${vms.filter((vm) => vm.toRun && !vm.toPause).length} running, ${vms.filter((vm) => vm.toPause).length} paused, ${vms.filter((vm) => vm.toFail).length} failed, ${vms.filter((vm) => vm.unreadable).length} unreadable, the rest stopped or saved)`);
  console.log(`host start (empty): ${describe(startEmpty)}`);
  console.log(`host start (${VMS} VMs): ${describe(startMany)}`);
  console.log(`library.list: ${describe(listTrips)}; ${(listBytes / 1024).toFixed(0)} KiB of JSON`);
  console.log(`navigation → painted (1 VM): ${describe(paintOne)}`);
  console.log(`navigation → painted (${VMS} VMs): ${describe(paintMany)}`);
  console.log(`state change → painted: work ${describe(eventWork)}; with the wait for the display's refresh ${describe(eventWall)}`);
  if (keyWork.length > 0) console.log(`keystroke → painted: work ${describe(keyWork)}; with the wait for the display's refresh ${describe(keyWall)}`);
  else console.log('keystroke → painted: no search box (no "Search VMs" searchbox on the page)');
  console.log(`bench: ui_library_paint_over_baseline_ms = ${fmt(paintOver)} ms`);
  if (keyWork.length > 0) console.log(`bench: ui_filter_keystroke_p95_ms = ${fmt(percentile(keyWork, 95))} ms`);
  console.log(`bench: ui_event_to_paint_p95_ms = ${fmt(percentile(eventWork, 95))} ms`);
  console.log(`bench: library_list_ms = ${fmt(percentile(listTrips, 95))} ms`);
  console.log(`bench: host_start_over_empty_ms = ${fmt(startOver)} ms`);
} finally {
  await browser?.close();
  for (const host of hosts) await host.stop();
  await rm(root, { recursive: true, force: true });
}
