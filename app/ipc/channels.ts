/**
 * The contract's call and event names as a plain list, for code that must not load zod: the sandboxed
 * preload (which can only bundle plain code) and anything else that needs channel names only. A unit
 * test (main/electron/channels.test.ts) checks that this list is exactly the contract's; the type
 * annotations stop a name that is not in the contract.
 */
import type { CallName, EventName } from './contract.js';

export const CALLS = [
  'library.list',
  'library.open',
  'library.openDialog',
  'library.forget',
  'library.recent',
  'vm.get',
  'vm.start',
  'vm.shutdown',
  'vm.powerOff',
  'vm.pause',
  'vm.resume',
  'vm.save',
  'vm.restart',
  'vm.crash',
  'vm.reload',
  'vm.events',
  'vm.setAdapterConnected',
  'vm.setMedia',
  'vm.statistics',
  'config.load',
  'config.validate',
  'config.save',
  'config.addBom',
  'config.create',
  'config.schema',
  'vm.deletePlan',
  'vm.delete',
  'vm.discardSavedState',
  'vm.clone',
  'vm.create',
  'disks.create',
  'disks.createDifferencing',
  'disks.resize',
  'disks.compact',
  'disks.info',
  'disks.delete',
  'networks.list',
  'networks.create',
  'networks.suggestSubnet',
  'networks.delete',
  'gpus.list',
  'console.open',
  'console.write',
  'console.ack',
  'console.close',
  'console.saveText',
  'session.connect',
  'session.disconnect',
  'session.getMode',
  'session.setMode',
  'session.consoleTicket',
  'session.consoleResult',
  'session.credentials',
  'session.rememberCredentials',
  'session.forgetCredentials',
  'diagnostics.get',
  'operations.cancel',
  'app.getPreferences',
  'app.setPreferences',
  'app.hostFacts',
  'app.pickPath',
  'app.version',
  'app.openLogsFolder',
  'app.ready',
  'app.preferenceHints',
  'app.setUnsavedEdits',
  'app.leaveAnswer',
] as const satisfies readonly CallName[];

export const EVENTS = ['vm.changed', 'operations.progress', 'app.showVm', 'app.preferencesChanged', 'native.stalled', 'console.output', 'console.state', 'app.confirmLeave'] as const satisfies readonly EventName[];

/** Every channel starts with this (VS Code's `vscode:` check, for Hako). */
export const CHANNEL_PREFIX = 'hako:';

/** The same as the contract's `channelOf`, without loading the contract. */
export const channelName = (name: CallName | EventName): string => `${CHANNEL_PREFIX}${name}`;

const CALL_SET: ReadonlySet<string> = new Set(CALLS);
const EVENT_SET: ReadonlySet<string> = new Set(EVENTS);

export const isCallName = (name: unknown): name is CallName => typeof name === 'string' && CALL_SET.has(name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && EVENT_SET.has(name);
