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

export type { VirtualDiskFormat } from '../../app/disks/size.js';
import type { VirtualDiskFormat } from '../../app/disks/size.js';

export interface VirtualDiskInfo {
  readonly format: VirtualDiskFormat;
  readonly virtualSize: number;
  /** Bytes the file takes on disk. */
  readonly physicalSize: number;
  readonly blockSize: number;
  readonly sectorSize: number;
  readonly fixed: boolean;
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
