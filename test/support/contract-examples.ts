/**
 * One valid input and one valid output for every call of the contract, and one payload per event: the
 * material of the contract tests (both transports) and the IPC benchmark. Typed by the contract, so a
 * new call does not compile until it has its examples here.
 */
import { newVmConfig } from '../../app/config/index.js';
import {
  CALL_NAMES,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  type Preferences,
  type VmSnapshotDto,
} from '../../app/ipc/contract.js';
import { type Handlers } from '../../app/ipc/dispatch.js';
import { summarize } from '../../app/vm/summary.js';

const VM = '/vms/demo.7b';
const DISK = '/vms/demo/disk0.vhdx';
const OPERATION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const STAMP = { size: 1234, mtimeMs: 1_700_000_000_000, sha256: 'ab'.repeat(32) };
const CONSOLE = '6f1c2a4e-8b3d-4f5a-9c7e-2d1b0a9f8e7d';
const CONSOLE_STATUS = { consoleId: CONSOLE, path: VM, port: 'COM1', state: 'open', throttled: false, pipe: '\\\\.\\pipe\\demo-com1' } as const;

const snapshot: VmSnapshotDto = {
  path: VM,
  id: 'demo',
  state: 'Running',
  actions: ['shutdown', 'powerOff', 'pause', 'save', 'restart', 'reload'],
  config: newVmConfig('demo').config,
  findings: [{ severity: 'warning', code: 'UnknownKey', path: '/NanaBox/Extra', params: { key: 'Extra', count: 1, kept: true }, lossy: false }],
  lastError: null,
  pendingRestart: ['/NanaBox/MemorySize'],
  outlivesHako: true,
  lastStartedAt: 1_700_000_000_000,
  loading: false,
};

const preferences: Preferences = { theme: 'dark', language: 'zh-CN', keepVmsRunning: true, closeToTray: true, onSessionEnd: 'save', shutdownTimeoutSeconds: 60, rdpClientCommand: '', defaultVmFolder: '', notifications: true };

export const EXAMPLE_INPUTS: { readonly [K in CallName]: CallInput<K> } = {
  'library.list': undefined,
  'library.open': { path: VM },
  'library.openDialog': undefined,
  'library.forget': { path: VM },
  'library.recent': undefined,
  'vm.get': { path: VM },
  'vm.start': { path: VM },
  'vm.shutdown': { path: VM },
  'vm.powerOff': { path: VM },
  'vm.pause': { path: VM },
  'vm.resume': { path: VM },
  'vm.save': { path: VM },
  'vm.restart': { path: VM },
  'vm.crash': { path: VM },
  'vm.reload': { path: VM },
  'vm.setAdapterConnected': { path: VM, index: 0, connected: false },
  'vm.events': { path: VM },
  'vm.setMedia': { path: VM, lun: 1, image: '/iso/win11.iso' },
  'vm.statistics': { path: VM },
  'config.load': { path: VM },
  'config.validate': { file: newVmConfig('demo'), path: VM },
  'config.save': { path: VM, file: newVmConfig('demo'), expected: STAMP, force: false },
  'config.addBom': { path: VM },
  'config.create': { path: '/vms/new.7b', name: 'New VM' },
  'config.schema': undefined,
  'vm.deletePlan': { path: VM },
  'vm.delete': { path: VM, items: ['0123456789abcdef'] },
  'vm.discardSavedState': { path: VM },
  'vm.clone': { path: VM, name: 'Demo copy', folder: '/vms', disks: 'copy', macs: 'new-static' },
  'vm.create': { folder: '/vms', name: 'New VM', preset: 'windows11', disk: 'new', diskSizeBytes: 128 * 2 ** 30, isoPath: '/iso/win11.iso' },
  'disks.create': { path: DISK, sizeBytes: 64 * 2 ** 30, fixed: false },
  'disks.resize': { path: DISK, sizeBytes: 128 * 2 ** 30 },
  'disks.compact': { path: DISK },
  'disks.createDifferencing': { path: '/vms/demo/child.vhdx', parentPath: DISK },
  'disks.info': { path: DISK },
  'disks.delete': { path: DISK },
  'networks.list': undefined,
  'gpus.list': undefined,
  'console.open': { path: VM, port: 'COM1' },
  'console.write': { consoleId: CONSOLE, data: 'root\r' },
  'console.ack': { consoleId: CONSOLE, bytes: 4096 },
  'console.close': { consoleId: CONSOLE },
  'console.saveText': { path: '/vms/demo/console.log', text: 'login: root\n', append: false },
  'networks.create': { name: 'Lab', subnet: '192.168.50.0/24' },
  'networks.suggestSubnet': undefined,
  'networks.delete': { id: '85c8668e-36fe-447f-aae0-ba159a0142a7' },
  'session.connect': { path: VM, mode: 'enhanced' },
  'session.disconnect': { path: VM },
  'session.getMode': { path: VM },
  'session.setMode': { path: VM, mode: 'basic' },
  'session.consoleTicket': { path: VM, mode: 'basic' },
  'session.consoleResult': { ticketId: '0123456789abcdef' },
  'session.credentials': { path: VM },
  'session.rememberCredentials': { path: VM, credentials: { username: 'alice', domain: '', password: 'correct horse' } },
  'session.forgetCredentials': { path: VM },
  'diagnostics.get': undefined,
  'operations.cancel': { operationId: OPERATION },
  'app.getPreferences': undefined,
  'app.setPreferences': { theme: 'light', closeToTray: false },
  'app.hostFacts': undefined,
  'app.pickPath': { kind: 'disk' },
  'app.version': undefined,
  'app.openLogsFolder': undefined,
  'app.ready': undefined,
  'app.preferenceHints': undefined,
  'app.setUnsavedEdits': { names: ['demo'] },
  'app.leaveAnswer': { proceed: true },
};

export const EXAMPLE_OUTPUTS: { readonly [K in CallName]: CallOutput<K> } = {
  'library.list': [summarize(snapshot), { ...summarize({ ...snapshot, path: '/vms/other.7b', config: null, findings: [], state: 'Stopped', actions: [] }), loading: true, lastStartedAt: null }],
  'library.open': snapshot,
  'library.openDialog': null,
  'library.forget': undefined,
  'library.recent': [VM, '/vms/other.7b'],
  'vm.get': snapshot,
  'vm.start': undefined,
  'vm.shutdown': { stopped: false, reason: 'timeout' },
  'vm.powerOff': undefined,
  'vm.pause': undefined,
  'vm.resume': undefined,
  'vm.save': undefined,
  'vm.restart': undefined,
  'vm.crash': undefined,
  'vm.reload': [
    { path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'needs-restart' },
    { path: '/NanaBox/ScsiDevices/1', setting: 'Disk 2 (data.vhdx)', outcome: 'failed', error: { code: 'HRESULT_0x80070005', message: 'Access is denied.', hresult: 0x80070005 } },
  ],
  'vm.setAdapterConnected': { path: '/NanaBox/NetworkAdapters/0', setting: 'Network adapter 1', outcome: 'applied' },
  'vm.events': [{ time: 1_700_000_000_000, level: 'info', message: 'started', details: { attempt: 1 } }],
  'vm.setMedia': { appliedNow: true },
  'vm.statistics': { uptimeMs: 93_000, cpuPercent: 12.5, memoryAssignedMb: 4096, memoryUsedMb: 1800 },
  'config.load': { accepted: true, file: newVmConfig('demo'), findings: [], stamp: STAMP },
  'config.validate': { text: '{\n  "NanaBox": {}\n}\n', findings: [] },
  'config.save': { stamp: STAMP },
  'config.addBom': { stamp: STAMP },
  'config.create': { ...snapshot, path: '/vms/new.7b', id: 'New VM', state: 'Stopped', actions: ['start'] },
  'config.schema': { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' },
  'vm.deletePlan': { items: [{ id: '0123456789abcdef', path: VM, kind: 'config', sizeBytes: 1234, insideVmFolder: true, usedBy: [], tickedByDefault: true }], toRecycleBin: false },
  'vm.delete': { removed: [VM] },
  'vm.discardSavedState': undefined,
  'vm.clone': { operationId: OPERATION },
  'vm.create': { operationId: OPERATION },
  'disks.create': { operationId: OPERATION },
  'disks.resize': { operationId: OPERATION },
  'disks.compact': { operationId: OPERATION },
  'disks.createDifferencing': { operationId: OPERATION },
  'disks.info': {
    format: 'vhdx',
    type: 'differencing',
    virtualSize: 64 * 2 ** 30,
    physicalSize: 4 * 2 ** 20,
    blockSize: 2 * 2 ** 20,
    sectorSize: 512,
    fixed: false,
    smallestSafeSize: 40 * 2 ** 30,
    parents: [{ path: '/vms/base/base.vhdx', missing: false }],
  },
  'disks.delete': { recycled: true },
  'networks.list': [{ id: 'c08cb7b8-9b3c-408e-8e30-5e16a3aeb444', name: 'Default Switch', type: 'ICS', isDefault: true, subnets: [{ prefix: '172.20.0.0/20', gateway: '172.20.0.1' }], usedBy: ['demo'], endpointCount: 1 }],
  'networks.create': { id: 'a1b2c3d4-0000-4000-8000-000000000001' },
  'networks.suggestSubnet': { prefix: '192.168.100.0/24', gateway: '192.168.100.1' },
  'networks.delete': undefined,
  'gpus.list': [
    {
      path: '\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV',
      name: 'NVIDIA GeForce GTX 1050 Ti',
      pciId: '10DE:1C82',
      instanceId: 'PCI\\VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1\\4&38ab2860&0&0008',
      manufacturer: 'NVIDIA',
      location: 'PCI bus 1, device 0, function 0',
      driver: { version: '32.0.15.6094', date: '2024-08-14', provider: 'NVIDIA' },
      problem: null,
    },
  ],
  'console.open': CONSOLE_STATUS,
  'console.write': undefined,
  'console.ack': undefined,
  'console.close': undefined,
  'console.saveText': undefined,
  'session.connect': undefined,
  'session.disconnect': undefined,
  'session.getMode': 'enhanced',
  'session.setMode': undefined,
  'session.consoleTicket': { ticketId: '0123456789abcdef', token: 'q7bX1k3oW2m5Z9cT0yLrJ4nV8sE6aGdH1fP3uIqR2wY', proxyUrl: 'ws://127.0.0.1:41234/console', destination: 'localhost:3389', expiresAt: 1_700_000_030_000 },
  'session.consoleResult': { state: 'failed', error: { code: 'ConsoleTlsFailed', message: 'The TLS handshake with the VM’s session failed.', advice: 'Diagnostics says how to create the VMMS certificate.' } },
  'session.credentials': { canRemember: true, remembered: { username: 'alice', domain: 'LAB', password: 'correct horse' } },
  'session.rememberCredentials': undefined,
  'session.forgetCredentials': undefined,
  'diagnostics.get': {
    platform: 'linux',
    elevated: false,
    build: 0,
    hcsReachable: true,
    hcsError: null,
    supportedSchemaVersions: [{ Major: 2, Minor: 1 }],
    optionalExports: { HcsCrashComputeSystem: true },
    missingExports: [],
    vmmsCertificate: 'unknown',
    standIn: true,
    nativeLibraries: [
      { name: 'computecore.dll', path: 'C:\\Windows\\system32\\computecore.dll', state: 'loaded' },
      {
        name: 'virtdisk.dll',
        path: 'C:\\Windows\\system32\\virtdisk.dll',
        state: 'missing',
        message: 'C:\\Windows\\system32\\virtdisk.dll does not exist.',
        advice: 'Turn on the "Virtual Machine Platform" Windows feature.',
      },
    ],
    safeDllSearch: true,
    installWarning: { code: 'UnsafeInstallFolder', message: 'Hako runs as administrator from C:\\Users\\me\\Downloads.', advice: 'Install Hako with its setup program.', params: { folder: 'C:\\Users\\me\\Downloads' } },
    stalledCalls: [{ api: 'HCS', operation: 'HcsStartComputeSystem', subject: 'demo', since: 1_700_000_000_000, running: true }],
  },
  'operations.cancel': undefined,
  'app.getPreferences': preferences,
  'app.setPreferences': { ...preferences, theme: 'light', closeToTray: false },
  'app.hostFacts': { defaultVmFolder: '/vms', logicalProcessors: 8, memoryMb: 16_384, build: 26_100, tpmUnavailable: null },
  'app.pickPath': '/iso/win11.iso',
  'app.version': { version: '0.1.0', platform: 'linux', transport: 'browser-host', languages: [] },
  'app.openLogsFolder': undefined,
  'app.ready': undefined,
  'app.preferenceHints': { rdpClient: { name: 'xfreerdp', command: 'xfreerdp /v:127.0.0.1:{port} /cert:ignore', source: 'system' }, customRdpClient: 'any', vmFolder: '/home/demo/Documents/Hako VMs' },
  'app.setUnsavedEdits': undefined,
  'app.leaveAnswer': undefined,
};

export const EXAMPLE_EVENTS: { readonly [K in EventName]: EventPayload<K> } = {
  'vm.changed': snapshot,
  'operations.progress': { operationId: OPERATION, kind: 'disk.create', completed: 3, total: 10, done: false },
  'app.showVm': { path: VM },
  'app.preferencesChanged': preferences,
  'native.stalled': { calls: [{ api: 'HCN', operation: 'HcnCreateEndpoint', subject: 'b95d0c5e-57d4-412b-b571-18a81a16e005', since: 1_700_000_000_000, running: true }] },
  'console.output': { consoleId: CONSOLE, data: 'bG9naW46IA==', bytes: 7 },
  'console.state': { ...CONSOLE_STATUS, throttled: true },
  'app.confirmLeave': { reason: 'quit' },
};

/** Handlers answering every call with its example output, recording each input they get. */
export function exampleHandlers(received: { name: CallName; input: unknown }[] = []): Handlers {
  const handlers: Partial<Record<CallName, (input: unknown) => unknown>> = {};
  for (const name of CALL_NAMES) {
    handlers[name] = (input) => {
      received.push({ name, input });
      return structuredClone(EXAMPLE_OUTPUTS[name]);
    };
  }
  return handlers as unknown as Handlers;
}
