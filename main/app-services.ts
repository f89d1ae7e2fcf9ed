/**
 * The composition root: builds the native layer, the services and the contract's dispatcher, once,
 * for whichever shell hosts them (Electron's main process or the browser host).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveVmPath } from '../app/paths/resolve.js';
import { vmDisplayName } from '../app/vm/labels.js';
import { isLive } from '../app/vm/state.js';
import { fileKey } from './files/file-key.js';
import { type EventName, type EventPayload } from '../app/ipc/contract.js';
import { createDispatcher, type DeepReadonly, type Dispatch, type DispatchLog } from '../app/ipc/dispatch.js';
import { consoleStatusDto, createHandlers, type NativeDiagnostics, type ShellHooks } from './ipc/handlers.js';
import { createNamedPipes, hostConnectionPeers, isPackagedApp, loadNativeHost, nativeStatus, protectedFolders, systemDirectory, type NativeHost, type NativeStatus } from './native/index.js';
import { HakoError } from '../app/errors/error-info.js';
import { type Hcs, type Hcn, type HostDevices, type VirtDisk } from './services/ports.js';
import { CapabilitiesService } from './services/capabilities.js';
import { ConfigService } from './services/config-service.js';
import { ConsoleService } from './services/console/console-service.js';
import { DiskService } from './services/disk-service.js';
import { GpuService } from './services/gpu-service.js';
import { BackgroundOperations } from './services/operations.js';
import { diskProblemFrom } from './services/host-checks.js';
import { defaultVmFolder, readHostFacts } from './services/host-facts.js';
import { VmCloner } from './services/vm-cloner.js';
import { VmCreator } from './services/vm-creator.js';
import { VmDeleter } from './services/vm-deleter.js';
import { Library } from './services/library.js';
import { NetworkService } from './services/network-service.js';
import { PreferencesStore } from './services/preferences.js';
import { defaultRdpClient, rdpClientLauncher, trustedClientCommand } from './services/session/client-launcher.js';
import { hostPipePath } from './services/session/pipe-path.js';
import { SessionService } from './services/session/session-service.js';
import { ScreenService } from './services/screen/screen-service.js';
import { EventLogStore } from './services/vm/event-log-store.js';
import { VmService } from './services/vm/vm-service.js';
import { eachWithDeadline } from './services/bounded.js';
import { type VmNetworking } from './services/vm/vm-start.js';

/** Payloads are only read and sent, so services may hand over read-only data. */
export type EventListener = <K extends EventName>(name: K, payload: DeepReadonly<EventPayload<K>>) => void;

/** Main → renderer events, fanned out to every transport that subscribed. */
export interface EventSource {
  subscribe(listener: EventListener): () => void;
}

export interface AppServices {
  readonly dispatch: Dispatch;
  readonly events: EventSource;
  readonly emit: EventListener;
  readonly vms: VmService;
  readonly library: Library;
  readonly preferences: PreferencesStore;
  readonly sessions: SessionService;
  /**
   * Reads the library's files and re-attaches to the VMs left running; the shell calls it once it is up
   * (the host listens, the window is there). Resolves when done (each read bounded by its deadline);
   * later calls return the same promise.
   */
  readLibrary(): Promise<void>;
  readonly consoles: ConsoleService;
  /** The VM's screen inside Hako; the shell hands it its console endpoint (`setEndpoint`, `accept`). */
  readonly screen: ScreenService;
  dispose(): Promise<void>;
}

export interface AppServicesOptions {
  /** Where the library and preferences live (the user-data folder). */
  readonly dataDir: string;
  readonly shell?: Partial<ShellHooks>;
  readonly log?: DispatchLog;
}

declare const HAKO_VERSION: string | undefined;

const LIBRARY_READS_AT_ONCE = 8;
const LIBRARY_READ_DEADLINE_MS = 5_000;

/** The bundles get the version at build time; unbundled (tests) it comes from package.json. */
function packageVersion(): string {
  if (typeof HAKO_VERSION === 'string') return HAKO_VERSION;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'dev';
  } catch {
    return 'dev';
  }
}

/**
 * When computecore.dll (or a stand-in) cannot be loaded, Hako still opens: every host call fails with
 * the load error and its advice, and diagnostics show HCS as unreachable.
 */
function unavailableNativeHost(cause: unknown): NativeHost {
  const error = () =>
    new HakoError(
      'HostUnavailable',
      `The Hyper-V libraries could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
      {},
      undefined,
      'Turn on the "Virtual Machine Platform" (or "Hyper-V") Windows feature, restart Windows, and start Hako again.',
    );
  const reject = async (): Promise<never> => {
    throw error();
  };
  const hcs: Hcs = {
    capabilities: { crash: false, waitForExit: false, grantVmGroupAccess: false, missingExports: [] },
    createComputeSystem: reject,
    openComputeSystem: reject,
    enumerateComputeSystems: reject,
    getServiceProperties: reject,
    grantVmAccess: reject,
    revokeVmAccess: reject,
    createEmptyGuestStateFile: reject,
    createEmptyRuntimeStateFile: reject,
  };
  const hcn: Hcn = {
    enumerateNetworks: reject,
    createNetwork: reject,
    openNetwork: reject,
    deleteNetwork: reject,
    enumerateEndpoints: reject,
    createEndpoint: reject,
    openEndpoint: reject,
    deleteEndpoint: reject,
  };
  const virtDisk: VirtDisk = { create: reject, createDifferencing: reject, resize: reject, compact: reject, info: reject };
  const devices: HostDevices = { gpus: reject };
  return { hcs, hcn, virtDisk, devices, host: { build: 0, userSid: 'S-1-0-0', elevated: false }, standIn: false, status: nativeStatus(null) };
}

/** The native layer's part of the diagnostics, in the contract's terms. */
function nativeDiagnostics(status: NativeStatus): NativeDiagnostics {
  const loader = status.loader();
  const warning = status.installWarning;
  return {
    nativeLibraries: loader.libraries.map((library) => ({
      name: `${library.name}.dll`,
      path: library.path,
      state: library.state,
      ...(library.message !== undefined ? { message: library.message } : {}),
      ...(library.advice !== undefined ? { advice: library.advice } : {}),
    })),
    safeDllSearch: loader.safeSearch,
    installWarning: warning ? { code: 'UnsafeInstallFolder', message: warning.message, advice: warning.advice, params: { folder: warning.folder } } : null,
    stalledCalls: status.calls.stalled().map((call) => ({ ...call })),
  };
}

/**
 * The library VMs whose files name `file` as a disk (only those that run, start, stop or save, when
 * `running`), by name. From each file's configuration, as the VM's snapshot shows it.
 */
function diskUsers(vms: VmService, file: string, running: boolean): string[] {
  const key = fileKey(file);
  return vms
    .list()
    .filter((vm) => (!running || isLive(vm.state)) && vm.config?.ScsiDevices.some((d) => d.Type === 'VirtualDisk' && d.Path !== '' && fileKey(resolveVmPath(path.dirname(vm.path), d.Path)) === key))
    .map((vm) => vmDisplayName(vm.id, vm.path));
}

function loadNative(log?: DispatchLog): NativeHost {
  try {
    return loadNativeHost();
  } catch (cause) {
    log?.error('the native libraries could not be loaded', cause);
    return unavailableNativeHost(cause);
  }
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  await mkdir(options.dataDir, { recursive: true });
  const native = loadNative(options.log);
  const library = new Library(options.dataDir);
  await library.load();
  const preferences = new PreferencesStore(options.dataDir);
  await preferences.load();

  const networks = new NetworkService(native.hcn);
  const networking: VmNetworking = {
    async deleteEndpoint(id) {
      await networks.deleteEndpoint(id);
    },
    async connectAdapter(owner, adapter, signal) {
      const created = await networks.createEndpoint({ owner, adapter, ...(signal ? { signal } : {}) });
      return { endpointId: created.endpointId, macAddress: created.macAddress };
    },
  };
  const configs = new ConfigService();
  const eventLogs = new EventLogStore(options.dataDir);
  const capabilities = new CapabilitiesService(native.hcs, native.host);
  const vms = new VmService({
    hcs: native.hcs,
    eventLogs,
    files: configs,
    network: networking,
    host: native.host,
    registry: library,
    // Read at each use: a changed preference applies to the next start or shutdown.
    settings: () => {
      const current = preferences.get();
      return { keepRunning: current.keepVmsRunning, shutdownTimeoutMs: current.shutdownTimeoutSeconds * 1000 };
    },
    // The option documents Hako sends depend on what this host's HCS reports it takes.
    schemaVersion: async () => (await capabilities.get()).maxSchemaVersion,
  });

  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        options.log?.error(`event listener for ${name} failed`, error);
      }
    }
  };
  const events: EventSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const stopVmEvents = vms.onChange((snapshot) => emit('vm.changed', snapshot));
  const operations = new BackgroundOperations();
  const stopOperationEvents = operations.onProgress((progress) => emit('operations.progress', progress));
  const disks = new DiskService(native.virtDisk, operations, {
    runningUsers: (file) => diskUsers(vms, file, true),
    attachedTo: (file) => diskUsers(vms, file, false),
    ...(options.shell?.trashItem ? { trash: options.shell.trashItem } : {}),
  });
  // A native call that stalls (or a stalled one that returns) is named to the UI at once.
  const stopStallEvents = native.status.calls.onChange((calls) => emit('native.stalled', { calls }));
  // A saved file is re-read, so the VM's snapshot (and the UI) shows the new settings.
  configs.onSaved((vmPath) => vms.open(vmPath));
  // The VM screen in an RDP client, unless the shell shows it itself.
  // The packaged app takes no program from the environment, mstsc from the real System32
  // (main/native/packaged.ts), and a preferred client only from a folder only administrators can write.
  const packaged = isPackagedApp();
  const clientEnv = packaged ? {} : process.env;
  const system32 = process.platform === 'win32' ? systemDirectory() : null;
  const sessions = new SessionService({
    pipePath: hostPipePath,
    rdpClient: () => rdpClientLauncher(trustedClientCommand(preferences.get().rdpClientCommand, packaged, packaged ? protectedFolders() : []), process.platform, clientEnv, system32),
    tempDir: os.tmpdir(),
    vms,
    // The one-shot port takes only the client's own connection (one-shot-listener.ts).
    peers: hostConnectionPeers(),
  });
  // The screen inside Hako: the pipe comes from the VM, and must be served by the VM's worker process.
  const screen = new ScreenService({ vms, hcs: native.hcs, pipes: createNamedPipes(), log: { warn: (message) => options.log?.error(message, null) } });

  // Serial consoles: output as base64 events the UI acknowledges (console-service.ts).
  const consoles = new ConsoleService({ vms, pipePath: hostPipePath });
  const stopConsoleOutput = consoles.onOutput(({ consoleId, data }) => emit('console.output', { consoleId, data: data.toString('base64'), bytes: data.length }));
  const stopConsoleState = consoles.onState((status) => emit('console.state', consoleStatusDto(status)));

  // Listen first: every library file is listed at once (marked loading), and read only when the shell is
  // up (readLibrary), so a large library never delays the window or the host. One bad entry (missing, a
  // FIFO, huge, on a stalled share) never holds up the rest: reads run a few at a time and each gets a
  // deadline; a late one still updates its VM when it finishes. Actions on a VM wait until the reads and
  // the re-attach are done; a page that wants a VM sooner reads it first (vm.get).
  const entries = await library.entries();
  vms.expect(entries);
  let startup: Promise<void> | null = null;
  const readLibrary = () => {
    startup ??= (async () => {
      await eachWithDeadline(entries, LIBRARY_READS_AT_ONCE, LIBRARY_READ_DEADLINE_MS, (entry) => vms.load(entry.path), (entry, error) =>
        options.log?.error(`reading ${entry.path} at start-up`, error),
      );
      await vms.reattach().catch((error: unknown) => options.log?.error('re-attaching running VMs failed', error));
    })();
    vms.holdActionsUntil(startup);
    return startup;
  };

  const handlers = createHandlers(
    {
      vms,
      configs,
      library,
      disks,
      operations,
      creator: new VmCreator(disks),
      cloner: new VmCloner({ files: configs, createDifferencing: (child, parent, options) => disks.createDifferencing({ path: child, parentPath: parent, ...options }) }),
      deleter: new VmDeleter({ libraryVms: () => vms.list(), ...(options.shell?.trashItem ? { trash: options.shell.trashItem } : {}) }),
      hostFacts: () => readHostFacts(native.host, preferences.get().defaultVmFolder),
      hostChecks: {
        facts: () => readHostFacts(native.host, preferences.get().defaultVmFolder),
        diskProblem: diskProblemFrom((file) => disks.info(file)),
        libraryVms: () => vms.list(),
      },
      networks,
      gpus: new GpuService(native.devices),
      consoles,
      capabilities,
      preferences,
      screen,
      preferenceHints: () => ({
        rdpClient: defaultRdpClient(process.platform, clientEnv, system32),
        customRdpClient: packaged ? 'protected-folders' : 'any',
        vmFolder: defaultVmFolder(''),
      }),
      version: packageVersion(),
      standIn: native.standIn,
      nativeDiagnostics: () => nativeDiagnostics(native.status),
      emit,
    },
    {
      transport: 'browser-host',
      connectSession: async (vmPath, mode) => void (await sessions.connect(vms.get(vmPath), mode)),
      disconnectSession: (vmPath) => sessions.disconnect(vmPath),
      ...options.shell,
    },
  );

  return {
    dispatch: createDispatcher(handlers, options.log),
    events,
    emit,
    vms,
    library,
    preferences,
    sessions,
    readLibrary,
    consoles,
    screen,
    async dispose() {
      // Whatever the start-up re-attached is closed below with the rest.
      await startup;
      stopConsoleOutput();
      stopConsoleState();
      consoles.dispose();
      stopVmEvents();
      stopOperationEvents();
      stopStallEvents();
      listeners.clear();
      await screen.dispose();
      await sessions.dispose();
      await vms.dispose();
      await eventLogs.flush();
      await library.idle();
    },
  };
}
