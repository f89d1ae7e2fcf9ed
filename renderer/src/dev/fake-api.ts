/**
 * A HakoApi that lives in the page, for `vite` development without the browser host. Only main.tsx
 * imports it, behind `import.meta.env.DEV`, so production builds never contain it. It keeps a few VMs
 * in memory, moves them through the states with small delays and reads/writes `.7b` text with the real
 * app/config code, so the Settings tab sees real findings.
 */
import { encodeSevenB, formatSevenB, readSevenB } from '../../../app/config/index.js';
import type { SevenBFile } from '../../../app/config/model.js';
import {
  HakoApiError,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  type HakoApi,
  type Preferences,
  type VmSnapshotDto,
} from '../../../app/ipc/contract.js';
import { allowedActions, type VmState } from '../../../app/vm/state.js';

type LogEntry = CallOutput<'vm.events'>[number];

interface FakeVm {
  path: string;
  state: VmState;
  bytes: Uint8Array;
  mtime: number;
  running: SevenBFile['config'] | null;
  lastError: VmSnapshotDto['lastError'];
  log: LogEntry[];
  sessionMode: 'basic' | 'enhanced';
}

const FOLDER = 'D:\\VMs';

const DEMO = `{
    "NanaBox": {
        "Type": "VirtualMachine",
        "Version": 1,
        "GuestType": "Windows",
        "Name": "DemoVM",
        "ProcessorCount": 4,
        "MemorySize": 8192,
        "ComPorts": { "UefiConsole": "ComPort1", "ComPort1": "\\\\\\\\.\\\\pipe\\\\vmpipe1", "ComPort2": "" },
        "Gpu": { "AssignmentMode": "Default", "EnableHostDriverStore": true },
        "NetworkAdapters": [ { "Connected": true, "MacAddress": "00-15-5D-64-2F-AB", "EndpointId": "f2288275-6c30-47d4-bc24-293fa9c9cb12" } ],
        "ScsiDevices": [ { "Type": "VirtualDisk", "Path": "DemoVM.vhdx" }, { "Type": "VirtualImage", "Path": "Win11_24H2_English_x64.iso" } ],
        "SecureBoot": true,
        "Tpm": true,
        "GuestStateFile": "DemoVM.vmgs",
        "RuntimeStateFile": "DemoVM.vmrs",
        "ExposeVirtualizationExtensions": false,
        "EnhancedSession": { "RedirectAudio": true, "RedirectClipboard": true, "RedirectDrives": false, "Drives": ["D"] },
        "Notes": "Build box for the installer"
    }
}`;

const UBUNTU = `{
    "NanaBox": {
        "Type": "VirtualMachine",
        "Version": 1,
        "GuestType": "Linux",
        "Name": "Ubuntu 24.04",
        "ProcessorCount": 2,
        "MemorySize": 4096,
        "ComPorts": { "UefiConsole": "Disabled" },
        "Gpu": { "AssignmentMode": "Disabled" },
        "NetworkAdapters": [ { "Connected": true } ],
        "ScsiDevices": [ { "Type": "VirtualDisk", "Path": "ubuntu.vhdx" } ],
        "SecureBoot": true,
        "Hako": { "SecureBootTemplate": "MicrosoftUEFICertificateAuthority" }
    }
}`;

const LEGACY = `{
    "NanaBox": {
        "Type": "VirtualMachine",
        "Version": 1,
        "GuestType": "windows",
        "Name": "Server 2022 Lab",
        "ProcessorCount": 8,
        "MemorySize": 16384,
        "ComPorts": { "UefiConsole": "Disabled" },
        "Gpu": { "AssignmentMode": "Disabled" },
        "NetworkAdapters": [ { "Connected": true, "SuggestedSwitchName": "Lab", "SuggestedSwitchSubnet": "192.168.50.0/24" } ],
        "ScsiDevices": [ { "Type": "VirtualDisk", "Path": "lab.vhdx" }, { "Type": "Floppy", "Path": "a.img" } ],
        "SecureBoot": false,
        "Tpm": false
    }
}`;

const encoder = new TextEncoder();
const withBom = (text: string) => encoder.encode('\uFEFF' + text);

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FakeApiOptions {
  /** Multiplies every simulated delay (0 for instant). */
  readonly speed?: number;
}

export function createFakeApi(options: FakeApiOptions = {}): HakoApi {
  const speed = options.speed ?? 1;
  const wait = (ms: number) => delay(ms * speed);
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  let preferences: Preferences = { theme: 'system', keepVmsRunning: true, closeToTray: true, onSessionEnd: 'save', shutdownTimeoutSeconds: 60 };
  const now = Date.now();

  const vms = new Map<string, FakeVm>();
  const add = (name: string, text: string, state: VmState, log: LogEntry[]) => {
    const path = `${FOLDER}\\${name}\\${name}.7b`;
    const bytes = withBom(text);
    const config = readSevenB(bytes).file?.config ?? null;
    vms.set(path, { path, state, bytes, mtime: now, running: state === 'Running' || state === 'Paused' ? config : null, lastError: null, log, sessionMode: 'basic' });
  };
  add('DemoVM', DEMO, 'Running', [
    { time: now - 3_600_000, level: 'info', message: 'Opened the VM file' },
    { time: now - 3_540_000, level: 'info', message: 'Created the compute system' },
    { time: now - 3_539_000, level: 'info', message: 'Started' },
  ]);
  add('Ubuntu', UBUNTU, 'Saved', [{ time: now - 86_400_000, level: 'info', message: 'Saved the VM state to Ubuntu 24.04.SaveState.vmrs' }]);
  add('Lab', LEGACY, 'Error', [
    { time: now - 600_000, level: 'error', message: 'The VM could not start', details: { hresult: '0x80070005' } },
  ]);
  const lab = [...vms.values()].find((v) => v.path.includes('Lab'))!;
  lab.lastError = {
    code: 'E_ACCESSDENIED',
    message: 'HcsCreateComputeSystem failed: Access is denied.',
    hresult: 0x80070005,
    advice: 'Run Hako as administrator, and keep the VM folder out of the root of a drive.',
  };

  const snapshot = (vm: FakeVm): VmSnapshotDto => {
    const read = readSevenB(vm.bytes);
    const config = read.file?.config ?? null;
    const pendingRestart =
      vm.running && config
        ? (Object.keys(config) as (keyof typeof config)[])
            .filter((k) => k !== 'unknownKeys' && JSON.stringify(config[k]) !== JSON.stringify(vm.running![k]))
            .map((k) => `/NanaBox/${k}`)
        : [];
    return {
      path: vm.path,
      id: config?.Name ?? vm.path,
      state: vm.state,
      actions: allowedActions(vm.state, { canCrash: true }),
      config,
      findings: read.findings,
      lastError: vm.lastError,
      pendingRestart,
      outlivesHako: vm.running !== null,
    };
  };

  const find = (path: string) => {
    const vm = vms.get(path);
    if (!vm) throw new HakoApiError({ code: 'VmUnknown', message: `Hako does not know the VM ${path}; open it first.` });
    return vm;
  };
  const setState = (vm: FakeVm, state: VmState, message?: string) => {
    vm.state = state;
    if (message) vm.log.push({ time: Date.now(), level: state === 'Error' ? 'error' : 'info', message });
    emit('vm.changed', snapshot(vm));
  };
  const ensure = (vm: FakeVm, action: string) => {
    if (!snapshot(vm).actions.includes(action as never)) {
      throw new HakoApiError({ code: 'ActionNotAllowed', message: `${action} is not possible while the VM is ${vm.state}.` });
    }
  };
  const stampOf = async (vm: FakeVm) => ({ size: vm.bytes.length, mtimeMs: vm.mtime, sha256: await sha256(vm.bytes) });

  const handlers: { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> } = {
    'library.list': async () => [...vms.values()].map(snapshot),
    'library.open': async ({ path }) => {
      if (!vms.has(path)) {
        const name = path.split(/[\\/]/).pop()!.replace(/\.7b$/i, '');
        vms.set(path, { path, state: 'Stopped', bytes: withBom(DEMO.replace('"DemoVM"', JSON.stringify(name))), mtime: Date.now(), running: null, lastError: null, log: [], sessionMode: 'basic' });
      }
      return snapshot(find(path));
    },
    'library.openDialog': async () => {
      throw new HakoApiError({ code: 'NotSupported', message: 'The file dialog is not available here; enter the path instead.' });
    },
    'library.forget': async ({ path }) => {
      vms.delete(path);
    },
    'library.recent': async () => [...vms.keys(), `${FOLDER}\\Old\\Old.7b`],
    'vm.get': async ({ path }) => snapshot(find(path)),
    'vm.start': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'start');
      vm.lastError = null;
      setState(vm, 'Starting', 'Starting');
      await wait(900);
      vm.running = readSevenB(vm.bytes).file?.config ?? null;
      setState(vm, 'Running', 'Started');
    },
    'vm.shutdown': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'shutdown');
      setState(vm, 'Stopping', 'Asked the guest to shut down');
      await wait(1200);
      vm.running = null;
      setState(vm, 'Stopped', 'The guest shut down');
      return { stopped: true };
    },
    'vm.powerOff': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'powerOff');
      setState(vm, 'Stopping');
      await wait(300);
      vm.running = null;
      setState(vm, 'Stopped', 'Powered off');
    },
    'vm.pause': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'pause');
      await wait(200);
      setState(vm, 'Paused', 'Paused');
    },
    'vm.resume': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'resume');
      await wait(200);
      setState(vm, 'Running', 'Resumed');
    },
    'vm.save': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'save');
      setState(vm, 'Saving', 'Saving the VM state');
      await wait(1200);
      vm.running = null;
      setState(vm, 'Saved', 'Saved');
    },
    'vm.restart': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'restart');
      setState(vm, 'Stopping', 'Restarting (hard reset)');
      await wait(400);
      setState(vm, 'Starting');
      await wait(800);
      vm.running = readSevenB(vm.bytes).file?.config ?? null;
      setState(vm, 'Running', 'Started');
    },
    'vm.crash': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'crash');
      vm.log.push({ time: Date.now(), level: 'warning', message: 'A crash was injected into the guest (NMI).' });
      emit('vm.changed', snapshot(vm));
    },
    'vm.reload': async ({ path }) => {
      const vm = find(path);
      ensure(vm, 'reload');
      const pending = snapshot(vm).pendingRestart;
      const outcomes = pending.map((p) => ({ path: p, setting: p, outcome: p.endsWith('MemorySize') ? ('applied' as const) : ('needs-restart' as const) }));
      const config = readSevenB(vm.bytes).file?.config;
      if (config && vm.running) vm.running = { ...vm.running, MemorySize: config.MemorySize };
      emit('vm.changed', snapshot(vm));
      return outcomes;
    },
    'vm.events': async ({ path }) => [...find(path).log],
    'config.load': async ({ path }) => {
      const vm = find(path);
      const read = readSevenB(vm.bytes, { allowMissingBom: true });
      return { accepted: read.accepted, file: read.file, findings: read.findings, stamp: await stampOf(vm) };
    },
    'config.validate': async ({ file }) => ({ text: formatSevenB(file as SevenBFile), findings: readSevenB(encodeSevenB(file as SevenBFile)).findings }),
    'config.save': async ({ path, file, expected, force }) => {
      const vm = find(path);
      const stamp = await stampOf(vm);
      if (expected && expected.sha256 !== stamp.sha256 && !force) {
        throw new HakoApiError({ code: 'Conflict', message: `${path} changed on disk since it was opened. Reload it, or save anyway to overwrite the other changes.` });
      }
      if (!force && readSevenB(vm.bytes).findings.some((f) => f.lossy)) {
        throw new HakoApiError({ code: 'ConsentRequired', message: 'Saving replaces values in the file that NanaBox would ignore or drop.' });
      }
      vm.bytes = encodeSevenB(file as SevenBFile);
      vm.mtime = Date.now();
      emit('vm.changed', snapshot(vm));
      return { stamp: await stampOf(vm) };
    },
    'config.create': async ({ path }) => handlers['library.open']({ path }),
    'config.schema': async () => ({}),
    'disks.create': async ({ path }) => {
      const operationId = crypto.randomUUID();
      void (async () => {
        for (let i = 1; i <= 10; i++) {
          await wait(150);
          emit('operations.progress', { kind: 'disk.create', operationId, completed: i, total: 10, done: i === 10 });
        }
      })();
      void path;
      return { operationId };
    },
    'disks.resize': async () => ({ operationId: crypto.randomUUID() }),
    'disks.compact': async () => ({ operationId: crypto.randomUUID() }),
    'operations.cancel': async () => undefined,
    'disks.info': async () => ({ format: 'vhdx', virtualSize: 64 * 2 ** 30, physicalSize: 9 * 2 ** 30, blockSize: 2 ** 20, sectorSize: 512, fixed: false }),
    'networks.list': async () => [
      { id: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', name: 'Default Switch', type: 'ICS', isDefault: true },
      { id: '7a3b1f0e-2a4c-4d8e-9b1a-0c2d3e4f5a6b', name: 'NanaBox', type: 'NAT', isDefault: false },
    ],
    'networks.create': async () => ({ id: crypto.randomUUID() }),
    'session.connect': async ({ path, mode }) => {
      const vm = find(path);
      await wait(300);
      vm.log.push({ time: Date.now(), level: 'info', message: `Connected (${mode} session)` });
    },
    'session.disconnect': async () => undefined,
    'session.getMode': async ({ path }) => find(path).sessionMode,
    'session.setMode': async ({ path, mode }) => {
      find(path).sessionMode = mode;
    },
    'diagnostics.get': async () => ({
      platform: 'win32',
      elevated: true,
      build: 26100,
      hcsReachable: true,
      hcsError: null,
      supportedSchemaVersions: [
        { Major: 2, Minor: 1 },
        { Major: 2, Minor: 5 },
      ],
      optionalExports: { HcsCrashComputeSystem: true, HcsGrantVmAccess: true, HcsAddResourceToOperation: false },
      missingExports: [],
      vmmsCertificate: 'missing',
      standIn: false,
    }),
    'app.getPreferences': async () => preferences,
    'app.setPreferences': async (patch) => {
      preferences = { ...preferences, ...patch };
      emit('app.preferencesChanged', preferences);
      return preferences;
    },
    'app.version': async () => ({ version: '0.1.0-dev', platform: 'win32', transport: 'browser-host' }),
    'app.openLogsFolder': async () => undefined,
    'app.ready': async () => undefined,
    'app.hostFacts': async () => ({ logicalProcessors: 8, memoryMb: 16_384, build: 26_100, tpmUnavailable: null }),
    'vm.create': async () => ({ operationId: crypto.randomUUID() }),
    'vm.deletePlan': async () => ({ items: [], toRecycleBin: false }),
    'vm.delete': async () => ({ removed: [] }),
    'vm.discardSavedState': async () => undefined,
    'vm.clone': async () => ({ operationId: crypto.randomUUID() }),
    'config.addBom': async () => ({ stamp: { size: 0, mtimeMs: 0, sha256: '0'.repeat(64) } }),
  };

  return {
    async invoke(name: CallName, ...input: unknown[]) {
      await wait(40);
      return (handlers[name] as (input: unknown) => Promise<unknown>)(input[0]);
    },
    on(name: EventName, listener: (payload: never) => void) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } as HakoApi;
}
