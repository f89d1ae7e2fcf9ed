/**
 * What 100 running VMs cost Hako while nobody looks at them, and what the live figures of one add: a
 * `hako host` process (built, on the stand-ins) with 100 small VMs started through the contract, a client
 * connected as a window showing the library (no figures are read: the renderer polls only the Overview
 * it shows, and main keeps no timer per VM), then the same client reading one VM's figures every 2 s as
 * the Overview does. The host's processor time comes from /proc (Linux). Build first (npm run build).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createHakoApi } from '../app/ipc/client.js';
import { createWebSocketTransport, type WebSocketLike } from '../app/ipc/ws-transport.js';

const VMS = 100;
const SETTLE_MS = 3_000;
const MEASURE_MS = 10_000;
const FIGURES_INTERVAL_MS = 2_000;
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** The process's user + system time so far, in ms (/proc/<pid>/stat fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

async function measure(pid: number, during: () => Promise<void>): Promise<number> {
  const before = cpuMs(pid);
  const started = performance.now();
  await during();
  return ((cpuMs(pid) - before) / (performance.now() - started)) * 100;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const dir = await mkdtemp(path.join(tmpdir(), 'hako-bench-idle-'));
const child = spawn(process.execPath, ['bin/hako.js', 'host', '--port', '0', '--data-dir', path.join(dir, 'data')], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /^hako host: (\S+)$/m.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`hako host exited (${code})`)));
  });
  const secret = new URLSearchParams(url.hash.slice(1)).get('secret')!;
  const transport = createWebSocketTransport({
    url: `ws://${url.host}/ipc`,
    secret,
    createSocket: (socketUrl) => new WebSocket(socketUrl, { origin: url.origin }) as unknown as WebSocketLike,
  });
  const api = createHakoApi(transport);
  await api.invoke('app.ready');

  const files: string[] = [];
  for (let i = 0; i < VMS; i++) {
    const name = `Idle ${String(i).padStart(3, '0')}`;
    const folder = path.join(dir, 'vms', `idle-${i}`);
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, `idle-${i}.7b`);
    const config = { NanaBox: { Type: 'VirtualMachine', Version: 1, GuestType: 'Linux', Name: name, ProcessorCount: 1, MemorySize: 512, ComPorts: { UefiConsole: 'Disabled' }, Gpu: { AssignmentMode: 'Disabled' } } };
    await writeFile(file, `\uFEFF${JSON.stringify(config, null, 4)}`);
    await api.invoke('library.open', { path: file });
    await api.invoke('vm.start', { path: file });
    files.push(file);
  }
  const running = (await api.invoke('library.list')).filter((vm) => vm.state === 'Running').length;
  if (running !== VMS) throw new Error(`${running} of ${VMS} VMs run`);
  await sleep(SETTLE_MS);

  const idle = await measure(child.pid!, () => sleep(MEASURE_MS));
  const watched = await measure(child.pid!, async () => {
    const end = performance.now() + MEASURE_MS;
    while (performance.now() < end) {
      await api.invoke('vm.statistics', { path: files[0]! });
      await sleep(FIGURES_INTERVAL_MS);
    }
  });
  // The measurement sees work when there is some: 200 library lists of 100 VMs.
  const before = cpuMs(child.pid!);
  for (let i = 0; i < 200; i++) await api.invoke('library.list');
  const busyMs = cpuMs(child.pid!) - before;
  console.log(`${VMS} VMs running on the stand-ins; host process measured for ${MEASURE_MS / 1000} s each (check: 200 library.list calls took ${busyMs} ms of its processor time)`);
  console.log(`bench: idle_host_cpu_100_running_vms = ${idle.toFixed(2)} %`);
  console.log(`bench: live_figures_host_cpu_100_running_vms = ${watched.toFixed(2)} %`);
  transport.close();
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  await rm(dir, { recursive: true, force: true });
}
