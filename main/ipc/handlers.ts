/**
 * The contract's handlers: each call, already checked against its schema by the dispatcher, turned into
 * service calls. Both transports (Electron IPC, the browser host) use this one set.
 */
import os from 'node:os';
import { sevenBJsonSchema, type SevenBFile } from '../../app/config/index.js';
import { HakoError, toErrorInfo } from '../../app/errors/error-info.js';
import { type CallName, type Diagnostics, type EventName, type EventPayload, type NewVmInput, type PickPathKind, type PreferenceHints } from '../../app/ipc/contract.js';
import { vmDisplayName } from '../../app/vm/labels.js';
import { VM_PRESETS } from '../../app/vm/new-vm.js';
import { isLive } from '../../app/vm/state.js';
import { type SessionMode } from '../../app/session/mode.js';
import { type DeepReadonly, type Handlers } from '../../app/ipc/dispatch.js';
import { regularFileExists } from '../files/user-file.js';
import { type CapabilitiesService } from '../services/capabilities.js';
import { type ConfigService } from '../services/config-service.js';
import { type ConsoleService, type ConsoleStatus } from '../services/console/console-service.js';
import { type DiskService } from '../services/disk-service.js';
import { type GpuService } from '../services/gpu-service.js';
import { hostFindings, type HostCheckDeps } from '../services/host-checks.js';
import { type HostFacts } from '../services/host-facts.js';
import { type BackgroundOperations } from '../services/operations.js';
import { type CreateVmRequest, type VmCreator } from '../services/vm-creator.js';
import { type VmCloner } from '../services/vm-cloner.js';
import { type VmDeleter } from '../services/vm-deleter.js';
import { type Library } from '../services/library.js';
import { type NetworkService } from '../services/network-service.js';
import { type PreferencesStore } from '../services/preferences.js';
import { type ScreenService } from '../services/screen/screen-service.js';
import { type CredentialVault } from '../services/screen/credentials.js';
import { type VmService } from '../services/vm/vm-service.js';
import { createPathGuard, type GuardInput } from './path-guards.js';

/** What only the shell around the services can do (dialogs, the log folder, certificate checks). */
export interface ShellHooks {
  readonly transport: 'electron' | 'browser-host';
  openFileDialog?(): Promise<string | null>;
  /** The system's dialog for a Browse button; null when the user cancels. */
  pickPath?(kind: PickPathKind): Promise<string | null>;
  openLogsFolder?(): Promise<void>;
  vmmsCertificate?(): Promise<'present' | 'missing' | 'unknown'>;
  connectSession?(vmPath: string, mode: SessionMode): Promise<void>;
  disconnectSession?(vmPath: string): Promise<void>;
  /** Moves a file to the Recycle Bin (Electron on Windows); without it, deleted files are gone. */
  trashItem?(file: string): Promise<void>;
  /** Keeps guest credentials encrypted for this user (Electron); the browser host has none and never stores them. */
  readonly credentials?: CredentialVault;
  /**
   * The window's unsaved settings edits and the user's answer when asked before quitting (Electron). The
   * browser host has neither: the page's own beforeunload asks there.
   */
  setUnsavedEdits?(names: readonly string[]): void;
  answerLeave?(proceed: boolean): void;
  /** The system's preferred languages, most preferred first (Electron); the browser host has none: its page uses the browser's. */
  systemLanguages?(): readonly string[];
}

export interface HandlerServices {
  readonly vms: VmService;
  readonly configs: ConfigService;
  readonly library: Library;
  readonly disks: DiskService;
  readonly operations: BackgroundOperations;
  readonly creator: VmCreator;
  readonly deleter: VmDeleter;
  readonly cloner: VmCloner;
  readonly hostFacts: () => HostFacts;
  readonly hostChecks: HostCheckDeps;
  readonly networks: NetworkService;
  readonly gpus: GpuService;
  readonly consoles: ConsoleService;
  readonly capabilities: CapabilitiesService;
  readonly preferences: PreferencesStore;
  /** The VM's screen inside Hako: console tickets and what became of them. */
  readonly screen: ScreenService;
  /** What the preferences' empty values stand for on this computer. */
  readonly preferenceHints: () => PreferenceHints;
  readonly version: string;
  readonly standIn: boolean;
  /** What the native layer adds to the diagnostics: libraries, DLL search order, install folder, stalled calls. */
  readonly nativeDiagnostics: () => NativeDiagnostics;
  readonly emit: <K extends EventName>(name: K, payload: DeepReadonly<EventPayload<K>>) => void;
}

export type NativeDiagnostics = Required<Pick<Diagnostics, 'nativeLibraries' | 'safeDllSearch' | 'installWarning' | 'stalledCalls'>>;

const notSupported = (what: string): HakoError =>
  new HakoError('NotSupported', `${what} is not available here${what.endsWith('dialog') ? '; enter the path instead' : ''}.`, { what });

export function createHandlers(services: HandlerServices, shell: ShellHooks): Handlers {
  const { vms, configs, library, disks, operations, creator, deleter, cloner, networks, capabilities, preferences, emit } = services;

  /** The library VM whose adapter records this endpoint: its name and whether it runs. */
  const endpointOwner = (endpointId: string): { name: string; running: boolean } | null => {
    const vm = vms.list().find((snapshot) => snapshot.config?.NetworkAdapters.some((adapter) => adapter.EndpointId.toLowerCase() === endpointId.toLowerCase()));
    return vm === undefined ? null : { name: vmDisplayName(vm.id, vm.path), running: isLive(vm.state) };
  };

  /** The configuration as main reads it (never the renderer's), of a VM that does not run. */
  const stoppedVmConfig = async (vmPath: string) => {
    const vm = vms.get(vmPath);
    if (isLive(vm.state)) throw new HakoError('VmRunning', 'A running VM cannot be deleted; stop it first.', { path: vmPath });
    return (await configs.read(vmPath).catch(() => null))?.file?.config ?? null;
  };

  /**
   * Only a regular file goes into the library (a missing file, a folder or a FIFO is refused first).
   * markOpened adds it and puts it first among the recent files: one write of library.json.
   */
  const openVm = async (file: string) => {
    if (!(await regularFileExists(file))) throw new HakoError('FileNotFound', `${file} does not exist.`, { path: file });
    await library.markOpened(file);
    return vms.open(file);
  };

  // Every path below has been through its guard (app/ipc/path-guards.ts): local, absolute, resolved, of
  // the right kind, and in the library where the call needs that.
  const handlers: Handlers = {
    'library.list': () => vms.summaries(),
    'library.open': ({ path: vmPath }) => openVm(vmPath),
    'library.openDialog': async () => {
      if (!shell.openFileDialog) throw notSupported('The file dialog');
      const chosen = await shell.openFileDialog();
      return chosen === null ? null : openVm(chosen);
    },
    'library.forget': async ({ path: vmPath }) => {
      vms.forget(vmPath);
      await library.remove(vmPath);
    },
    'library.recent': () => library.recent(),

    // A VM still being read at start-up is read first (its page needs the configuration and the log).
    'vm.get': async ({ path: p }) => {
      await vms.load(p);
      return vms.get(p);
    },
    'vm.start': ({ path: p }) => vms.start(p),
    'vm.shutdown': ({ path: p }) => vms.shutdown(p),
    'vm.powerOff': ({ path: p }) => vms.powerOff(p),
    'vm.pause': ({ path: p }) => vms.pause(p),
    'vm.resume': ({ path: p }) => vms.resume(p),
    'vm.save': ({ path: p }) => vms.save(p),
    'vm.restart': ({ path: p }) => vms.restart(p),
    'vm.crash': ({ path: p }) => vms.crash(p),
    'vm.reload': ({ path: p }) => vms.reload(p),
    'vm.events': async ({ path: p }) => {
      await vms.load(p);
      return vms.events(p);
    },
    'vm.setAdapterConnected': ({ path: p, index, connected }) => vms.setAdapterConnected(p, index, connected),
    'vm.setMedia': ({ path: p, lun, image }) => vms.setMedia(p, lun, image),
    'vm.statistics': ({ path: p }) => vms.statistics(p),

    'config.load': async ({ path: vmPath }) => {
      const read = await configs.read(vmPath);
      return read.file === null ? read : { ...read, findings: [...read.findings, ...(await hostFindings(vmPath, read.file.config, services.hostChecks))] };
    },
    'config.validate': async ({ file, path: vmPath }) => {
      const checked = configs.validate(file as SevenBFile, vmPath);
      if (vmPath === undefined) return checked;
      return { ...checked, findings: [...checked.findings, ...(await hostFindings(vmPath, (file as SevenBFile).config, services.hostChecks))] };
    },
    // Only files the user opened in Hako are written; new ones come from config.create.
    'config.save': async ({ path: vmPath, file, expected, force }) => ({ stamp: await configs.save(vmPath, file as SevenBFile, expected, force) }),
    'config.addBom': async ({ path: vmPath }) => ({ stamp: await configs.addBom(vmPath) }),
    'config.create': async ({ path: vmPath, name }) => {
      await configs.create(vmPath, name);
      return openVm(vmPath);
    },
    'config.schema': () => sevenBJsonSchema(),

    'vm.deletePlan': async ({ path: vmPath }) => deleter.plan(vmPath, await stoppedVmConfig(vmPath)),
    'vm.delete': async ({ path: vmPath, items }) => {
      const removed = await deleter.delete(vmPath, await stoppedVmConfig(vmPath), items);
      vms.forget(vmPath);
      await library.remove(vmPath);
      return { removed };
    },
    'vm.discardSavedState': ({ path: vmPath }) => vms.discardSavedState(vmPath),
    'vm.clone': async ({ path: vmPath, name, folder, disks, macs }) => {
      if (isLive(vms.get(vmPath).state)) throw new HakoError('VmRunning', 'A running VM cannot be cloned; shut it down or save it first.', { path: vmPath });
      return operations.start('vm.clone', async (context) => {
        const cloned = await cloner.clone({ source: vmPath, name, parent: folder, disks, macs }, context);
        await openVm(cloned.path);
        return cloned;
      });
    },
    'vm.create': (input) =>
      operations.start('vm.create', async (context) => {
        const created = await creator.create(newVmRequest(input), context);
        await openVm(created.path);
        return { path: created.path };
      }),

    'disks.create': ({ path: p, sizeBytes, fixed }) => disks.startCreate({ path: p, size: sizeBytes, fixed }),
    'disks.createDifferencing': ({ path: p, parentPath }) => disks.startCreateDifferencing({ path: p, parentPath }),
    'disks.resize': ({ path: p, sizeBytes }) => disks.startResize(p, sizeBytes),
    'disks.compact': ({ path: p }) => disks.startCompact(p),
    'disks.info': ({ path: p }) => disks.info(p),
    'disks.delete': ({ path: p }) => disks.remove(p),

    'networks.list': async () => {
      const list = await networks.listNetworks();
      return list.map(({ endpoints, ...network }) => ({
        ...network,
        usedBy: [...new Set(endpoints.map((e) => endpointOwner(e)?.name).filter((name): name is string => name !== undefined))],
        endpointCount: endpoints.length,
      }));
    },
    'networks.suggestSubnet': () => networks.suggestSubnet(hostSubnets()),
    'networks.delete': ({ id }) => networks.deleteSwitch(id, endpointOwner),
    'networks.create': async ({ name, subnet }) => {
      const created = await networks.createSwitch({ name, ...(subnet !== undefined ? { subnet } : {}), hostSubnets: hostSubnets() });
      return { id: created.id };
    },

    'gpus.list': () => services.gpus.list(),

    'console.open': async ({ path: p, port }) => {
      // The port's pipe comes from the VM's file, which may not be read yet at start-up.
      await vms.load(p);
      return consoleStatusDto(services.consoles.open(p, port));
    },
    'console.write': ({ consoleId, data }) => services.consoles.write(consoleId, data),
    'console.ack': ({ consoleId, bytes }) => services.consoles.ack(consoleId, bytes),
    'console.close': ({ consoleId }) => services.consoles.close(consoleId),
    'console.saveText': ({ path: p, text, append }) => services.consoles.saveText(p, text, append),

    'session.connect': ({ path: p, mode }) => {
      if (!shell.connectSession) throw notSupported('Connecting to the VM screen');
      return shell.connectSession(p, mode);
    },
    'session.disconnect': ({ path: p }) => {
      if (!shell.disconnectSession) throw notSupported('Disconnecting the VM screen');
      return shell.disconnectSession(p);
    },
    'session.getMode': async ({ path: p }) => (await library.preferences(p)).sessionMode,
    'session.setMode': async ({ path: p, mode }) => {
      await library.setPreferences(p, { sessionMode: mode });
    },
    'session.consoleTicket': ({ path: p, mode }) => services.screen.ticket(p, mode),
    'session.consoleResult': ({ ticketId }) => services.screen.result(ticketId),
    'session.credentials': async ({ path: p }) => {
      const vault = shell.credentials;
      const canRemember = vault?.available() ?? false;
      return { canRemember, remembered: canRemember ? await vault!.get(p) : null };
    },
    'session.rememberCredentials': async ({ path: p, credentials }) => {
      if (!shell.credentials?.available()) {
        throw new HakoError('CredentialsUnavailable', 'Hako cannot keep guest credentials here: only the Hako app keeps them, encrypted by Windows for your account.', {});
      }
      await shell.credentials.set(p, credentials);
    },
    'session.forgetCredentials': async ({ path: p }) => {
      await shell.credentials?.delete(p);
    },

    'operations.cancel': ({ operationId }) => operations.cancel(operationId),

    'diagnostics.get': async () => {
      const caps = await capabilities.get();
      return {
        platform: process.platform,
        elevated: caps.elevated,
        build: caps.build,
        hcsReachable: caps.hcsReachable,
        hcsError: caps.hcsError
          ? {
              code: caps.hcsError.code ?? 'HcsUnreachable',
              message: caps.hcsError.message,
              hresult: caps.hcsError.hresult,
              ...(caps.hcsError.advice !== null ? { advice: caps.hcsError.advice } : {}),
            }
          : null,
        supportedSchemaVersions: [...caps.supportedSchemaVersions],
        optionalExports: { ...caps.optionalExports },
        missingExports: [...caps.missingExports],
        vmmsCertificate: shell.vmmsCertificate ? await shell.vmmsCertificate() : 'unknown',
        standIn: services.standIn,
        ...services.nativeDiagnostics(),
      };
    },

    'app.getPreferences': () => preferences.get(),
    'app.setPreferences': async (patch) => {
      const updated = await preferences.update(patch);
      emit('app.preferencesChanged', updated);
      return updated;
    },
    'app.hostFacts': () => services.hostFacts(),
    'app.pickPath': ({ kind }) => {
      if (!shell.pickPath) throw notSupported('The file dialog');
      return shell.pickPath(kind);
    },
    'app.version': () => ({ version: services.version, platform: process.platform, transport: shell.transport, languages: [...(shell.systemLanguages?.() ?? [])] }),
    'app.openLogsFolder': () => {
      if (!shell.openLogsFolder) throw notSupported('Opening the logs folder');
      return shell.openLogsFolder();
    },
    // The transports act on this call themselves (they flush queued events); nothing to do here.
    'app.ready': () => undefined,
    'app.preferenceHints': () => services.preferenceHints(),
    'app.setUnsavedEdits': ({ names }) => shell.setUnsavedEdits?.(names),
    'app.leaveAnswer': ({ proceed }) => shell.answerLeave?.(proceed),
  };
  return guarded(handlers, createPathGuard({ isInLibrary: (resolved) => library.has(resolved) }));
}

/** A console's status in the contract's terms (an error as ErrorInfo). */
export function consoleStatusDto(status: ConsoleStatus): EventPayload<'console.state'> {
  const { error, ...rest } = status;
  return { ...rest, ...(error ? { error: toErrorInfo(error) } : {}) };
}

/** The IPv4 subnets of the host's own interfaces, which a new switch must not collide with. */
function hostSubnets(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && address.cidr !== null)
    .map((address) => address!.cidr!);
}

/** The wizard's flat input as the creator's request. */
function newVmRequest(input: NewVmInput): CreateVmRequest {
  return {
    parent: input.folder,
    name: input.name,
    preset: input.preset,
    ...(input.processors !== undefined ? { processors: input.processors } : {}),
    ...(input.memoryMb !== undefined ? { memoryMb: input.memoryMb } : {}),
    disk:
      input.disk === 'new'
        ? { kind: 'new', sizeBytes: input.diskSizeBytes ?? VM_PRESETS[input.preset].diskBytes, fixed: input.diskFixed ?? false }
        : input.disk === 'existing'
          ? { kind: 'existing', path: requiredField(input.diskPath, 'diskPath') }
          : { kind: 'none' },
    iso: input.isoPath ?? null,
    network: input.switchId === null ? { kind: 'none' } : input.switchId !== undefined ? { kind: 'switch', id: input.switchId } : { kind: 'default' },
  };
}

function requiredField(value: string | undefined, field: string): string {
  if (value === undefined) throw new HakoError('InvalidPath', `${field} is needed to attach an existing disk.`, { field });
  return value;
}

/** Each call's input goes through its path guards before the handler sees it. */
function guarded(handlers: Handlers, guard: GuardInput): Handlers {
  const wrapped: Record<string, (input: unknown) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: unknown) => unknown][]) {
    wrapped[name] = async (input) => handler(await guard(name, input));
  }
  return wrapped as unknown as Handlers;
}
