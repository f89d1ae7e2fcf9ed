/**
 * The cost of Hako's native layer over the C stand-ins themselves, each measured in the same run against
 * a C harness (bench/native/harness*.c, compiled here with `cc -O2` into build/bench/native-harness) that
 * dlopens the same stand-in libraries in a child process:
 *
 * - ffi_overhead_us: one synchronous koffi call minus one C call of the same export. The exports are
 *   HcsCreateOperation + HcsCloseOperation, the pair every asynchronous HCS call opens and closes
 *   (OperationBroker.run; the binding makes them with `.async`, the probe synchronously, to measure
 *   koffi's own call cost), bound as the binding binds them (test/support/native/ffi-probe.ts).
 * - start_overhead_ms: VmService.start of a file with one adapter and one disk (→ Running) minus the
 *   stand-ins' own time for the same HCS/HCN calls. The calls and their arguments are recorded from one
 *   start through recording wrappers of the Hcs/Hcn ports; the harness replays them, waiting for each
 *   HCS operation with HcsWaitForOperationResult. The .7b write-back is stubbed out through VmService's
 *   `files` seam (VmService's re-read of the file after it still counts). A change listener is
 *   registered, as app-services.ts does.
 * - writeback_ms: the write-back on its own: ConfigService.writeBack (re-read, merge, atomic write with
 *   fsync) of the patch the start produced, on the pristine file.
 *
 * Medians after warm-up runs. The Hako and C sides alternate run by run, so both see the same machine
 * load. Between start runs (untimed) the VM is powered off, both stand-ins are reset and the state files
 * deleted, so every run does the same work. HAKO_BENCH_SAMPLES=1 also prints every sample.
 * Run from the repository root (npm run bench -- native); not on Windows (the harness loads the .so
 * stand-ins).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HcsError } from '../app/errors/hcs-error.js';
import { libraryPath, loadNativeHost } from '../main/native/index.js';
import { standInControls } from '../test/support/native/stand-in-controls.js';
import { operationPairProbe } from '../test/support/native/ffi-probe.js';
import { memoryRegistry } from '../test/support/registry.js';
import { NetworkService } from '../main/services/network-service.js';
import type { ComputeSystem, Hcn, HcnHandle, Hcs } from '../main/services/ports.js';
import { ConfigService, type VmFiles, type WriteBackPatch } from '../main/services/config-service.js';

const nodeVmFiles = new ConfigService();
import { VmService, type RunningVmRegistry } from '../main/services/vm/vm-service.js';
import type { VmNetworking } from '../main/services/vm/vm-start.js';

const FFI_PAIRS = 50_000;
const FFI_ROUNDS = 31;
const START_WARM_UP = 5;
const START_RUNS = 61;
const WRITEBACK_WARM_UP = 3;
const WRITEBACK_RUNS = 41;

/** What computenetwork.ts sends when properties() gets no query (its DEFAULT_QUERY). */
const HCN_DEFAULT_QUERY = { SchemaVersion: { Major: 2, Minor: 0 }, Flags: 0 };

if (process.platform === 'win32') {
  console.error('bench native: the C harness loads the Linux stand-ins; run it off Windows.');
  process.exit(2);
}

// ---- build: stand-ins (skipped when fresh) and the harness ----

const root = process.cwd();
execFileSync(process.execPath, ['scripts/build-stand-in.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
// harness.c (loading, ffi, commands), harness_script.c (the script reader), harness_replay.c; harness.h is theirs.
const harnessSources = ['harness.c', 'harness_script.c', 'harness_replay.c'].map((file) => path.join(root, 'bench/native', file));
const harnessInputs = [...harnessSources, path.join(root, 'bench/native/harness.h')];
const harness = path.join(root, 'build/bench/native-harness');
if (!existsSync(harness) || harnessInputs.some((file) => statSync(harness).mtimeMs < statSync(file).mtimeMs)) {
  mkdirSync(path.dirname(harness), { recursive: true });
  const compiler = process.env.CC || 'cc';
  try {
    execFileSync(compiler, ['-O2', '-std=c11', '-Wall', '-Wextra', '-Werror', '-o', harness, ...harnessSources, '-ldl'], { stdio: 'inherit' });
  } catch (cause) {
    throw new Error(`bench native: compiling bench/native/harness*.c with "${compiler}" failed (install a C compiler or set CC)`, { cause });
  }
}

/** The harness as a child process that answers one command at a time (bench/native/harness.c). */
class Harness {
  private readonly child;
  private buffered = '';
  private readonly waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  /** `pipeDir`: where its stand-in serves the VM's console pipes (not where this process's does). */
  constructor(pipeDir: string) {
    this.child = spawn(harness, [libraryPath('computecore'), libraryPath('computenetwork')], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, HAKO_STAND_IN_PIPE_DIR: pipeDir },
    });
    // A harness that died is reported through 'exit'; a write to its closed stdin must not crash us.
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffered += chunk;
      for (let end = this.buffered.indexOf('\n'); end >= 0; end = this.buffered.indexOf('\n')) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        this.waiting.shift()?.resolve(line);
      }
    });
    this.child.on('exit', (code, signal) => {
      this.failure = new Error(`native-harness exited (${signal ?? `code ${code}`})`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
    });
  }

  command(text: string): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${text}\n`);
    });
  }

  /** Sends a command that answers `sample_ns <value>`. */
  async sample(text: string): Promise<number> {
    const line = await this.command(text);
    const value = Number(line.startsWith('sample_ns ') ? line.slice('sample_ns '.length) : NaN);
    if (!Number.isFinite(value)) throw new Error(`native-harness ${text}: ${JSON.stringify(line)}`);
    return value;
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const spread = (samples: number[], unit: string, digits: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${median(samples).toFixed(digits)} ${unit} (min ${sorted[0]!.toFixed(digits)}, max ${sorted[sorted.length - 1]!.toFixed(digits)}, n ${samples.length})`;
};

const dir = await mkdtemp(path.join(tmpdir(), 'hako-bench-native-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
// Each process's stand-in serves the VM's console pipes in its own folder (both start a VM "Bench").
process.env.HAKO_STAND_IN_PIPE_DIR = path.join(dir, 'pipes');
const cHarness = new Harness(path.join(dir, 'pipes-c'));

// ---- 1. FFI: HcsCreateOperation + HcsCloseOperation, koffi vs C ----

const ffi = operationPairProbe();
const ffiRound = (pairs: number, firstContext: number) => ffi.round(pairs, firstContext);

for (let i = 0; i < 4; i++) {
  // Warm-up: JIT, koffi's call path, both processes' allocators.
  ffiRound(FFI_PAIRS, 1);
  await cHarness.sample(`ffi ${FFI_PAIRS}`);
}
const jsCallNs: number[] = [];
const cCallNs: number[] = [];
for (let round = 0; round < FFI_ROUNDS; round++) {
  jsCallNs.push(ffiRound(FFI_PAIRS, 1 + round * FFI_PAIRS));
  cCallNs.push(await cHarness.sample(`ffi ${FFI_PAIRS}`));
}
ffi.dispose();

// ---- 2. start through VmService vs the same calls from C ----

const native = loadNativeHost();
const controls = standInControls();
const file = path.join(dir, 'Bench.7b');
const pristine = new TextEncoder().encode(
  '\uFEFF' +
    JSON.stringify({
      NanaBox: {
        Type: 'VirtualMachine',
        Version: 1,
        Name: 'Bench',
        GuestType: 'Windows',
        ProcessorCount: 2,
        MemorySize: 2048,
        NetworkAdapters: [{ Connected: true }],
        ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Bench.vhdx' }],
      },
    }),
);
await writeFile(path.join(dir, 'Bench.vhdx'), 'disk');
await writeFile(file, pristine);
const stateFiles = ['Bench.vmgs', 'Bench.vmrs'].map((name) => path.join(dir, name));

function networking(hcn: Hcn): VmNetworking {
  // As app-services.ts wires it.
  const networks = new NetworkService(hcn);
  return {
    async deleteEndpoint(id) {
      await networks.deleteEndpoint(id);
    },
    async connectAdapter(owner, adapter, signal) {
      const created = await networks.createEndpoint({ owner, adapter, ...(signal ? { signal } : {}) });
      return { endpointId: created.endpointId, macAddress: created.macAddress };
    },
  };
}

const registry: RunningVmRegistry = memoryRegistry();

let patch: WriteBackPatch | null = null;
/** The real file access, except that the write-back is only remembered. */
const filesWithoutWriteBack: VmFiles = new (class extends ConfigService {
  override async writeBack(_path: string, generated: WriteBackPatch) {
    patch = generated;
    return { written: true } as const;
  }
})();

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Untimed: nothing runs, nothing is left in either stand-in, no state file exists, the file is pristine. */
async function cleanUp(vms: VmService): Promise<void> {
  if (vms.get(file).actions.includes('powerOff')) await vms.powerOff(file);
  await until(() => controls.hcs.openHandleCount() === 0 && controls.hcn.openHandleCount() === 0, 'every handle closed');
  controls.hcs.reset();
  controls.hcn.reset();
  await Promise.all(stateFiles.map((f) => rm(f, { force: true })));
  await writeFile(file, pristine);
}

// -- recording: the HCS/HCN calls of one start, at the port level, in the harness's script format --

const steps: string[][] = [];
let recording = false;
const slots = new Map<object, number>();
const slot = (handle: object | undefined): number => {
  if (handle === undefined) return -1;
  let known = slots.get(handle);
  if (known === undefined) slots.set(handle, (known = slots.size));
  return known;
};

/** Records a step in call order; its fields are known once it has completed. */
async function step<T>(verb: string, call: () => Promise<T>, fields: (result: T | undefined) => (string | number)[]): Promise<T> {
  if (!recording) return call();
  const entry: string[] = [verb];
  steps.push(entry);
  let result: T | undefined;
  let expect = '0';
  try {
    result = await call();
    return result;
  } catch (error) {
    expect = error instanceof HcsError ? String(error.hresult | 0) : 'not-an-HcsError';
    throw error;
  } finally {
    entry.push(expect, ...fields(result).map(String));
  }
}

const unsupported = (name: string) => () => step(`unsupported:${name}`, () => Promise.reject(new Error(`bench native: ${name} is not replayed by the harness`)), () => []);

function recordingSystem(system: ComputeSystem): ComputeSystem {
  const wrapped: ComputeSystem = {
    id: system.id,
    start: (options) => step('hcs.start', () => system.start(options), () => [slot(wrapped), options === undefined || options === null ? '' : JSON.stringify(options)]),
    modify: (request) => step('hcs.modify', () => system.modify(request), () => [slot(wrapped), JSON.stringify(request)]),
    onEvent: (listener) => step('hcs.onEvent', () => system.onEvent(listener), () => [slot(wrapped)]),
    close: () => step('hcs.close', () => system.close(), () => [slot(wrapped)]),
    // Not part of a start; the clean-up after the recorded start uses them unrecorded.
    shutdown: (options) => (recording ? unsupported('shutdown')() : system.shutdown(options)),
    terminate: () => (recording ? unsupported('terminate')() : system.terminate()),
    crash: (options) => (recording ? unsupported('crash')() : system.crash(options)),
    pause: (options) => (recording ? unsupported('pause')() : system.pause(options)),
    resume: () => (recording ? unsupported('resume')() : system.resume()),
    save: (options) => (recording ? unsupported('save')() : system.save(options)),
    properties: (query) => (recording ? unsupported('properties')() : system.properties(query)),
  };
  return wrapped;
}

const recordingHcs: Hcs = {
  get capabilities() {
    return native.hcs.capabilities;
  },
  createComputeSystem: (id, document) =>
    step('hcs.create', async () => recordingSystem(await native.hcs.createComputeSystem(id, document)), (s) => [slot(s), id, JSON.stringify(document)]),
  openComputeSystem: (id) => step('hcs.open', async () => recordingSystem(await native.hcs.openComputeSystem(id)), (s) => [slot(s), id]),
  enumerateComputeSystems: unsupported('enumerateComputeSystems'),
  getServiceProperties: unsupported('getServiceProperties'),
  grantVmAccess: (id, filePath) => step('hcs.grant', () => native.hcs.grantVmAccess(id, filePath), () => [id, filePath]),
  revokeVmAccess: unsupported('revokeVmAccess'),
  createEmptyGuestStateFile: (filePath) => step('hcs.guestState', () => native.hcs.createEmptyGuestStateFile(filePath), () => [filePath]),
  createEmptyRuntimeStateFile: (filePath) => step('hcs.runtimeState', () => native.hcs.createEmptyRuntimeStateFile(filePath), () => [filePath]),
};

const innerHandles = new Map<HcnHandle, HcnHandle>();
function recordingHandle(handle: HcnHandle): HcnHandle {
  const wrapped: HcnHandle = {
    id: handle.id,
    properties: (query) => step('hcn.properties', () => handle.properties(query), () => [slot(wrapped), JSON.stringify(query ?? HCN_DEFAULT_QUERY)]),
    close: () => step('hcn.close', () => handle.close(), () => [slot(wrapped)]),
  };
  innerHandles.set(wrapped, handle);
  return wrapped;
}

const recordingHcn: Hcn = {
  createNetwork: (id, settings) => step('hcn.createNetwork', async () => recordingHandle(await native.hcn.createNetwork(id, settings)), (h) => [slot(h), id, JSON.stringify(settings)]),
  openNetwork: (id) => step('hcn.openNetwork', async () => recordingHandle(await native.hcn.openNetwork(id)), (h) => [slot(h), id]),
  createEndpoint: (network, id, settings) =>
    step('hcn.createEndpoint', async () => recordingHandle(await native.hcn.createEndpoint(innerHandles.get(network) ?? network, id, settings)), (h) => [
      slot(h),
      slot(network),
      id,
      JSON.stringify(settings),
    ]),
  openEndpoint: (id) => step('hcn.openEndpoint', async () => recordingHandle(await native.hcn.openEndpoint(id)), (h) => [slot(h), id]),
  deleteEndpoint: (id) => step('hcn.deleteEndpoint', () => native.hcn.deleteEndpoint(id), () => [id]),
  enumerateNetworks: unsupported('enumerateNetworks'),
  deleteNetwork: unsupported('deleteNetwork'),
  enumerateEndpoints: unsupported('enumerateEndpoints'),
};

controls.hcs.reset();
controls.hcn.reset();
const recorder = new VmService({ hcs: recordingHcs, network: networking(recordingHcn), host: native.host, registry, files: filesWithoutWriteBack });
await recorder.open(file);
recording = true;
await recorder.start(file);
recording = false;
if (recorder.get(file).state !== 'Running') throw new Error(`the recorded start ended ${recorder.get(file).state}`);
await cleanUp(recorder);
await recorder.dispose();
const recordedPatch = patch as WriteBackPatch | null;
if (recordedPatch === null) throw new Error('the recorded start wrote nothing back');

const script = steps.map((fields) => {
  if (fields[0]!.startsWith('unsupported:')) throw new Error(`start made a call bench/native/harness*.c does not replay: ${fields[0]}`);
  if (fields.some((field) => /[\t\n\r]/.test(field))) throw new Error(`a ${fields[0]} argument holds a tab or a line break`);
  return fields.join('\t');
});
const scriptFile = path.join(dir, 'start.script');
await writeFile(scriptFile, script.join('\n') + '\n');

// -- VmService.start, timed, alternating run by run with the same calls from C --

const vms = new VmService({ hcs: native.hcs, network: networking(native.hcn), host: native.host, registry, files: filesWithoutWriteBack });
// As in the app (app-services.ts forwards every change to the UI), a listener is registered.
vms.onChange(() => undefined);
await vms.open(file);

// No forced gc() before a timed run: the collector's concurrent sweeping after it competes with the
// run for the CPU (3 ms more per start on a 2-CPU machine).
// Every run starts from a clean state: after the recorded start, and after each run (cleanUp).
async function timedStart(): Promise<number> {
  const begin = performance.now();
  await vms.start(file);
  const elapsed = performance.now() - begin;
  if (vms.get(file).state !== 'Running') throw new Error(`start ended ${vms.get(file).state}`);
  return elapsed;
}

const loaded = await cHarness.command(`script ${scriptFile}`);
if (loaded !== `ok ${script.length}`) throw new Error(`native-harness script: ${loaded}`);
for (let run = 0; run < START_WARM_UP; run++) {
  await timedStart();
  await cleanUp(vms);
  await cHarness.sample('start');
}
const startMs: number[] = [];
const cStartMs: number[] = [];
for (let run = 0; run < START_RUNS; run++) {
  startMs.push(await timedStart());
  await cleanUp(vms);
  cStartMs.push((await cHarness.sample('start')) / 1e6);
}
await cHarness.close();
await vms.dispose();

// ---- 3. the write-back on its own ----

const writeBackMs: number[] = [];
for (let run = 0; run < WRITEBACK_WARM_UP + WRITEBACK_RUNS; run++) {
  await writeFile(file, pristine);
  const begin = performance.now();
  const result = await nodeVmFiles.writeBack(file, recordedPatch);
  const elapsed = performance.now() - begin;
  if (!result.written) throw new Error(`the write-back did not write: ${result.reason}`);
  if (run >= WRITEBACK_WARM_UP) writeBackMs.push(elapsed);
}
const writtenBack = (await readFile(file, 'utf8')).includes(recordedPatch.adapters?.[0]?.EndpointId ?? '\u0000');
if (!writtenBack) throw new Error('the write-back did not put the endpoint id into the file');

const leaks = { hcsHandles: controls.hcs.openHandleCount(), hcsStrings: controls.hcs.liveAllocationCount(), hcnHandles: controls.hcn.openHandleCount(), hcnStrings: controls.hcn.liveAllocationCount() };
if (Object.values(leaks).some((count) => count !== 0)) throw new Error(`the stand-ins report leaks: ${JSON.stringify(leaks)}`);

// ---- report ----

const ffiCallUs = median(jsCallNs) / 1000;
const cCallUs = median(cCallNs) / 1000;
console.log(`ffi: HcsCreateOperation + HcsCloseOperation, ${FFI_ROUNDS} rounds of ${FFI_PAIRS} pairs; per call: koffi ${spread(jsCallNs, 'ns', 1)}; C ${spread(cCallNs, 'ns', 1)}`);
console.log(`start: ${steps.length} HCS/HCN calls (${steps.map((s) => s[0]).join(', ')})`);
console.log(`start: VmService ${spread(startMs, 'ms', 3)}; C harness ${spread(cStartMs, 'ms', 3)}`);
console.log(`write-back: ${spread(writeBackMs, 'ms', 3)} (${path.dirname(dir)})`);
if (process.env.HAKO_BENCH_SAMPLES) console.log(JSON.stringify({ startMs, cStartMs, writeBackMs }, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)));
console.log(`bench: ffi_call_us = ${ffiCallUs.toFixed(3)} us`);
console.log(`bench: c_call_us = ${cCallUs.toFixed(3)} us`);
console.log(`bench: ffi_overhead_us = ${(ffiCallUs - cCallUs).toFixed(3)} us`);
console.log(`bench: start_ms = ${median(startMs).toFixed(3)} ms`);
console.log(`bench: c_start_ms = ${median(cStartMs).toFixed(3)} ms`);
console.log(`bench: start_overhead_ms = ${(median(startMs) - median(cStartMs)).toFixed(3)} ms`);
console.log(`bench: writeback_ms = ${median(writeBackMs).toFixed(3)} ms`);
