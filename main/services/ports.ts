/**
 * What the services need from the host, as interfaces: main/native implements them with koffi over
 * computecore.dll, computenetwork.dll and virtdisk.dll (or their stand-ins), and the services never see
 * koffi. Every method is async; failures are `HcsError` (app/errors/hcs-error.ts).
 */
import type { Socket } from 'node:net';

/** HCS event types (HCS_EVENT_TYPE, learn.microsoft.com/virtualization/api/hcs/reference/hcs_event_type). */
export const HCS_EVENT = {
  SystemExited: 0x00000001,
  SystemCrashInitiated: 0x00000002,
  SystemCrashReport: 0x00000003,
  SystemRdpEnhancedModeStateChanged: 0x00000004,
  SystemSiloJobCreated: 0x00000005,
  SystemGuestConnectionClosed: 0x00000006,
  ProcessExited: 0x00010000,
  OperationCallback: 0x01000000,
  ServiceDisconnect: 0x02000000,
} as const;

export interface HcsEvent {
  /** Unsigned event type; see {@link HCS_EVENT}. */
  readonly type: number;
  /** The event's JSON payload, parsed; null when it had none or it did not parse. */
  readonly data: unknown;
  /** The payload text as delivered, for logs. */
  readonly rawData: string | null;
}

/** `SystemExitStatus` (§3.3). */
export interface SystemExitStatus {
  readonly Status?: number;
  readonly ExitType?: 'None' | 'GracefulExit' | 'ForcedExit' | 'UnexpectedExit' | 'Unknown';
  readonly Attribution?: readonly Record<string, unknown>[];
}

/** The basic `Properties` of a compute system (§5.3). */
export interface ComputeSystemProperties {
  readonly Id: string;
  readonly SystemType?: string;
  readonly Owner?: string;
  readonly Name?: string;
  readonly RuntimeId?: string;
  readonly State?: 'Created' | 'Running' | 'Paused' | 'Stopped' | 'SavedAsTemplate' | 'Unknown' | string;
  readonly Stopped?: boolean;
  readonly ExitType?: string;
  readonly [key: string]: unknown;
}

/** `SystemQuery` for enumeration (§5.4). */
export interface SystemQuery {
  readonly Ids?: readonly string[];
  readonly Names?: readonly string[];
  readonly Types?: readonly ('VirtualMachine' | 'Container')[];
  readonly Owners?: readonly string[];
}

/** Exports that not every Windows build has; probed when the library loads, never a crash. */
export interface HcsCapabilities {
  /** HcsCrashComputeSystem: 19041 / 20348 onwards (MD4). */
  readonly crash: boolean;
  /** HcsWaitForComputeSystemExit: 20348 onwards. */
  readonly waitForExit: boolean;
  readonly grantVmGroupAccess: boolean;
  /** Every probed export that is missing, by name. */
  readonly missingExports: readonly string[];
}

/** An open handle to one compute system. */
/**
 * An open handle to one compute system. Option documents are passed as given; null (or nothing) sends
 * NULL, which is what a host that does not know the options needs (app/compute/gates.ts decides).
 */
export interface ComputeSystem {
  readonly id: string;
  start(options?: object): Promise<void>;
  shutdown(options?: object | null): Promise<void>;
  terminate(): Promise<void>;
  /** Rejects with an HcsError carrying ERROR_PROC_NOT_FOUND when the host lacks the export. */
  crash(options?: object | null): Promise<void>;
  pause(options?: object | null): Promise<void>;
  resume(): Promise<void>;
  save(options?: object | null): Promise<void>;
  modify(request: object): Promise<void>;
  properties(query?: object): Promise<ComputeSystemProperties>;
  /**
   * Registers the one event callback this handle may have (the first call; later calls replace the
   * listener). Resolves once HCS has it: register before start, so an early exit is not missed.
   * Listener exceptions are caught and logged; they can never hang the process.
   */
  onEvent(listener: (event: HcsEvent) => void): Promise<void>;
  /** Closes the handle; waits (off the JS thread) for in-flight callbacks. Idempotent. */
  close(): Promise<void>;
}

export interface Hcs {
  readonly capabilities: HcsCapabilities;
  createComputeSystem(id: string, document: object): Promise<ComputeSystem>;
  /** Rejects with HCS_E_SYSTEM_NOT_FOUND when no such system exists. */
  openComputeSystem(id: string): Promise<ComputeSystem>;
  enumerateComputeSystems(query?: SystemQuery): Promise<ComputeSystemProperties[]>;
  getServiceProperties(query?: object): Promise<unknown>;
  grantVmAccess(vmId: string, filePath: string): Promise<void>;
  revokeVmAccess(vmId: string, filePath: string): Promise<void>;
  createEmptyGuestStateFile(filePath: string): Promise<void>;
  createEmptyRuntimeStateFile(filePath: string): Promise<void>;
}

/** An open HCN network or endpoint handle. */
export interface HcnHandle {
  readonly id: string;
  /** The object's properties document, parsed. */
  properties(query?: object): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Host Compute Network (§7). Ids are GUID strings (lower-case, no braces). */
export interface Hcn {
  enumerateNetworks(query?: object): Promise<string[]>;
  /** Rejects with HCN_E_NETWORK_ALREADY_EXISTS when the id is taken. */
  createNetwork(id: string, settings: object): Promise<HcnHandle>;
  openNetwork(id: string): Promise<HcnHandle>;
  deleteNetwork(id: string): Promise<void>;
  enumerateEndpoints(query?: object): Promise<string[]>;
  createEndpoint(network: HcnHandle, id: string, settings: object): Promise<HcnHandle>;
  openEndpoint(id: string): Promise<HcnHandle>;
  deleteEndpoint(id: string): Promise<void>;
}

export type { VirtualDiskFormat, VirtualDiskType } from '../../app/disks/size.js';
import type { VirtualDiskFormat, VirtualDiskType } from '../../app/disks/size.js';

/** One disk of a differencing disk's parent chain. */
export interface VirtualDiskParent {
  /** Where the parent is, absolute; for a missing one, where the child says it should be. */
  readonly path: string;
  readonly missing: boolean;
}

export interface VirtualDiskInfo {
  readonly format: VirtualDiskFormat;
  readonly type: VirtualDiskType;
  readonly virtualSize: number;
  /** Bytes the file takes on disk. */
  readonly physicalSize: number;
  readonly blockSize: number;
  readonly sectorSize: number;
  /** `type === 'fixed'`. */
  readonly fixed: boolean;
  /** How far the disk can shrink without cutting the guest's partitions; null when virtdisk does not say. */
  readonly smallestSafeSize: number | null;
  /** A differencing disk's parents, nearest first (empty for other disks); the walk ends at a missing one. */
  readonly parents: readonly VirtualDiskParent[];
}

export interface DiskProgress {
  readonly completed: number;
  readonly total: number;
}

export interface DiskOperationOptions {
  readonly onProgress?: (progress: DiskProgress) => void;
  /** Aborting cancels the operation where the API allows it (CancelIoEx), and rejects. */
  readonly signal?: AbortSignal;
}

/** virtdisk.dll: VHD and VHDX files. */
export interface VirtDisk {
  create(path: string, options: { format: VirtualDiskFormat; sizeBytes: number; fixed: boolean } & DiskOperationOptions): Promise<void>;
  resize(path: string, sizeBytes: number, options?: DiskOperationOptions): Promise<void>;
  /** A differencing disk at `path` on `parentPath`; the format follows `path`'s extension. */
  createDifferencing(path: string, parentPath: string, options?: DiskOperationOptions): Promise<void>;
  compact(path: string, options?: DiskOperationOptions): Promise<void>;
  info(path: string): Promise<VirtualDiskInfo>;
}

/** Facts about the host and this process. */
export interface HostInfo {
  /** Windows build number (e.g. 26100); the stand-in's configured build elsewhere. */
  readonly build: number;
  /** SID of the user running Hako, as a string. */
  readonly userSid: string;
  readonly elevated: boolean;
}

/**
 * The process at the other end of a named-pipe connection (Windows: `GetNamedPipeServerProcessId`, then
 * that process's image, `QueryFullProcessImageNameW`, and its token's user, `GetTokenInformation`).
 */
export interface PipeServer {
  readonly pid: number;
  /** The image as a Win32 path (`C:\Windows\System32\vmwp.exe`). */
  readonly image: string;
  /** The user SID of the process token, as a string (`S-1-5-83-1-…`). */
  readonly userSid: string;
}

/** A connected pipe and who serves it. `socket` is ours to close; closing it frees the pipe instance. */
export interface PipeConnection {
  readonly socket: Socket;
  readonly server: PipeServer;
}

/** Named pipes, identified before a byte is written to them. */
export interface NamedPipes {
  /** The System32 folder the VM worker's image must be in (GetSystemDirectoryW; the stand-ins' fixed one). */
  readonly systemDirectory: string;
  /**
   * Connects to `pipeName` (`\\.\pipe\…`) and identifies its server. Rejects with an error whose `code`
   * is `ENOENT` (no such pipe), `EBUSY` (every instance busy), or a Win32 failure's (`HcsError`) when the
   * server cannot be identified; nothing stays open then.
   */
  connect(pipeName: string): Promise<PipeConnection>;
}

/** A device interface of the GPU paravirtualization class and what its device node says (cfgmgr32). */
export interface HostGpu {
  /** The device-interface path, as `Gpu.SelectedDevices` holds it. */
  readonly path: string;
  /** The device instance id (`PCI\VEN_…\…`), or null when the interface could not say. */
  readonly instanceId: string | null;
  /** `DEVPKEY_Device_FriendlyName`, null when the device has none (display adapters often have none). */
  readonly friendlyName: string | null;
  /** `DEVPKEY_Device_DeviceDesc`. */
  readonly description: string | null;
  readonly manufacturer: string | null;
  /** `DEVPKEY_Device_LocationInfo` (`PCI bus 1, device 0, function 0`). */
  readonly location: string | null;
  readonly driverVersion: string | null;
  /** The driver's date, `YYYY-MM-DD` (UTC), from `DEVPKEY_Device_DriverDate`. */
  readonly driverDate: string | null;
  readonly driverProvider: string | null;
  /** Why properties are missing (a CONFIGRET name such as `CR_NO_SUCH_DEVNODE`), or null. */
  readonly problem: string | null;
}

/** The host's devices (cfgmgr32.dll). */
export interface HostDevices {
  /** The GPU paravirtualization interfaces of the devices present now. Rejects when the list cannot be read. */
  gpus(): Promise<HostGpu[]>;
}

/** One end of a TCP connection. */
export interface TcpEndpoint {
  readonly address: string;
  readonly port: number;
}

/** Who is on the other end of a loopback TCP connection (the session port accepts only its client). */
export interface ConnectionPeers {
  /**
   * Whether the socket of the connection from `client` to `server` (as the connecting side sees it) is held
   * by process `pid` or by a process it started, directly or further down. False when the socket cannot
   * be found or its owner cannot be told: the check fails closed.
   */
  isFrom(client: TcpEndpoint, server: TcpEndpoint, pid: number): Promise<boolean>;
}
