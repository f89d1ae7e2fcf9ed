/**
 * The contract's handlers: each call, already checked against its schema by the dispatcher, turned into
 * service calls. Both transports (Electron IPC, the browser host) use this one set.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { sevenBJsonSchema, type SevenBFile } from '../../app/config/index.js';
import { HakoError } from '../../app/errors/error-info.js';
import { type Diagnostics, type EventName, type EventPayload } from '../../app/ipc/contract.js';
import { type SessionMode } from '../../app/session/mode.js';
import { type DeepReadonly, type Handlers } from '../../app/ipc/dispatch.js';
import { type CapabilitiesService } from '../services/capabilities.js';
import { type ConfigService } from '../services/config-service.js';
import { type DiskService } from '../services/disk-service.js';
import { type Library } from '../services/library.js';
import { type NetworkService } from '../services/network-service.js';
import { type PreferencesStore } from '../services/preferences.js';
import { type VmService } from '../services/vm/vm-service.js';

/** What only the shell around the services can do (dialogs, the log folder, certificate checks). */
export interface ShellHooks {
  readonly transport: 'electron' | 'browser-host';
  openFileDialog?(): Promise<string | null>;
  openLogsFolder?(): Promise<void>;
  vmmsCertificate?(): Promise<'present' | 'missing' | 'unknown'>;
  connectSession?(vmPath: string, mode: SessionMode): Promise<void>;
  disconnectSession?(vmPath: string): Promise<void>;
}

export interface HandlerServices {
  readonly vms: VmService;
  readonly configs: ConfigService;
  readonly library: Library;
  readonly disks: DiskService;
  readonly networks: NetworkService;
  readonly capabilities: CapabilitiesService;
  readonly preferences: PreferencesStore;
  readonly version: string;
  readonly standIn: boolean;
  /** What the native layer adds to the diagnostics: libraries, DLL search order, install folder, stalled calls. */
  readonly nativeDiagnostics: () => NativeDiagnostics;
  readonly emit: <K extends EventName>(name: K, payload: DeepReadonly<EventPayload<K>>) => void;
}

export type NativeDiagnostics = Required<Pick<Diagnostics, 'nativeLibraries' | 'safeDllSearch' | 'installWarning' | 'stalledCalls'>>;

const notSupported = (what: string): HakoError =>
  new HakoError('NotSupported', `${what} is not available here${what.endsWith('dialog') ? '; enter the path instead' : ''}.`, { what });

/**
 * Paths from the renderer (which is untrusted) must be local: a UNC or device path would make Windows
 * authenticate to whatever server it names. The system's own file dialog may still return one.
 */
function localPath(untrusted: string): string {
  if (/^[\\/]{2}/.test(untrusted)) {
    throw new HakoError('PathNotLocal', 'Network and device paths cannot be typed in; open the file with the file dialog instead.', { path: untrusted });
  }
  return path.resolve(untrusted);
}

/** A `.7b` path must name an existing regular file before Hako reads it. */
async function existingVmFile(vmPath: string): Promise<string> {
  const resolved = path.resolve(vmPath);
  const info = await stat(resolved).catch(() => null);
  if (info === null) throw new HakoError('FileNotFound', `${resolved} does not exist.`, { path: resolved });
  if (!info.isFile()) throw new HakoError('NotAFile', `${resolved} is not a file.`, { path: resolved });
  return resolved;
}

export function createHandlers(services: HandlerServices, shell: ShellHooks): Handlers {
  const { vms, configs, library, disks, networks, capabilities, preferences, emit } = services;

  /** The resolved path of a VM in the library; anything else is refused. */
  const knownVm = async (vmPath: string): Promise<string> => {
    const resolved = path.resolve(vmPath);
    if (!(await library.has(resolved))) throw new HakoError('VmUnknown', `Hako does not know the VM ${resolved}; open it first.`, { path: resolved });
    return resolved;
  };

  const openVm = async (vmPath: string) => {
    const file = await existingVmFile(vmPath);
    await library.add(file);
    await library.markOpened(file);
    return vms.open(file);
  };

  return {
    'library.list': () => vms.list(),
    'library.open': ({ path: vmPath }) => openVm(localPath(vmPath)),
    'library.openDialog': async () => {
      if (!shell.openFileDialog) throw notSupported('The file dialog');
      const chosen = await shell.openFileDialog();
      return chosen === null ? null : openVm(chosen);
    },
    'library.forget': async ({ path: vmPath }) => {
      vms.forget(vmPath);
      await library.remove(path.resolve(vmPath));
    },
    'library.recent': () => library.recent(),

    'vm.get': ({ path: p }) => vms.get(p),
    'vm.start': ({ path: p }) => vms.start(p),
    'vm.shutdown': ({ path: p }) => vms.shutdown(p),
    'vm.powerOff': ({ path: p }) => vms.powerOff(p),
    'vm.pause': ({ path: p }) => vms.pause(p),
    'vm.resume': ({ path: p }) => vms.resume(p),
    'vm.save': ({ path: p }) => vms.save(p),
    'vm.restart': ({ path: p }) => vms.restart(p),
    'vm.crash': ({ path: p }) => vms.crash(p),
    'vm.reload': ({ path: p }) => vms.reload(p),
    'vm.events': ({ path: p }) => vms.events(p),

    'config.load': async ({ path: vmPath }) => configs.read(await existingVmFile(await knownVm(vmPath))),
    'config.validate': ({ file }) => configs.validate(file as SevenBFile),
    // Only files the user opened in Hako are written; new ones come from config.create.
    'config.save': async ({ path: vmPath, file, expected, force }) => ({ stamp: await configs.save(await knownVm(vmPath), file as SevenBFile, expected, force) }),
    'config.create': async ({ path: vmPath, name }) => {
      const target = localPath(vmPath);
      await configs.create(target, name);
      return openVm(target);
    },
    'config.schema': () => sevenBJsonSchema(),

    'disks.create': ({ path: p, sizeBytes, fixed }) => disks.startCreate({ path: localPath(p), size: sizeBytes, fixed }),
    'disks.resize': ({ path: p, sizeBytes }) => disks.startResize(localPath(p), sizeBytes),
    'disks.compact': ({ path: p }) => disks.startCompact(localPath(p)),
    'disks.cancel': ({ operationId }) => disks.cancel(operationId),
    'disks.info': ({ path: p }) => disks.info(localPath(p)),

    'networks.list': () => networks.listNetworks(),
    'networks.create': async ({ name, subnet }) => {
      const created = await networks.createSwitch({ name, ...(subnet !== undefined ? { subnet } : {}) });
      return { id: created.id };
    },

    'session.connect': ({ path: p, mode }) => {
      if (!shell.connectSession) throw notSupported('Connecting to the VM screen');
      return shell.connectSession(path.resolve(p), mode);
    },
    'session.disconnect': ({ path: p }) => {
      if (!shell.disconnectSession) throw notSupported('Disconnecting the VM screen');
      return shell.disconnectSession(path.resolve(p));
    },
    'session.getMode': async ({ path: p }) => (await library.preferences(path.resolve(p))).sessionMode,
    'session.setMode': async ({ path: p, mode }) => {
      await library.setPreferences(path.resolve(p), { sessionMode: mode });
    },

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
    'app.version': () => ({ version: services.version, platform: process.platform, transport: shell.transport }),
    'app.openLogsFolder': () => {
      if (!shell.openLogsFolder) throw notSupported('Opening the logs folder');
      return shell.openLogsFolder();
    },
    // The transports act on this call themselves (they flush queued events); nothing to do here.
    'app.ready': () => undefined,
  };
}
