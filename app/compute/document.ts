/**
 * The HCS ComputeSystem document for a `.7b` configuration, as NanaBox builds it
 * (NanaBox/ConfigurationManager.cpp `MakeHcsConfiguration`; the ComputeSystem and VirtualMachine types
 * of Microsoft's HCS schema reference). What a build takes is gated in gates.ts.
 *
 * Key order: NanaBox builds the document with `nlohmann::json`, whose objects are `std::map`s, so the
 * text it sends has every object's keys in byte order. The objects below are built in that order so that
 * `JSON.stringify` gives the text NanaBox sends (numeric map keys aside: JavaScript puts `"10"` after
 * `"9"`); HCS itself does not care.
 */
import { HakoError } from '../errors/error-info.js';
import {
  GUEST_FEATURE_SET_USE_FLAGS,
  POLICY_FEATURE_BITS,
  type ComPorts,
  type NetworkAdapter,
  type ScsiDevice,
  type ScsiDeviceType,
  type SecureBootTemplate,
  type VmConfig,
} from '../config/model.js';
import { resolveVmPath } from '../paths/resolve.js';
import { GUEST_FEATURE_SET_MIN_BUILD, hostSupports, schemaVersionForBuild, SYSTEM_INFORMATION_MIN_BUILD, type SchemaVersion } from './gates.js';

export { GUEST_FEATURE_SET_MIN_BUILD, SYSTEM_INFORMATION_MIN_BUILD, type SchemaVersion };

/** NanaBox's only SCSI controller; the name is hashed into the VMBus channel id, so it must not change. */
export const SCSI_CONTROLLER_NAME = 'NanaBox Scsi Controller';

export const SECURE_BOOT_TEMPLATE_IDS: Readonly<Record<SecureBootTemplate, string>> = {
  MicrosoftWindows: '1734c6e8-3154-4dda-ba5f-a874cc483422',
  // Hyper-V's "Microsoft UEFI Certificate Authority" template (the one Linux shims are signed for).
  // NanaBox never sends it; that HCS accepts this id in Uefi.SecureBootTemplateId is unverified.
  MicrosoftUEFICertificateAuthority: '272e7447-90a4-4563-a4b9-8e4ab00526ce',
};

/** The `ResolutionType` value NanaBox sends as a number; HCS's enum name for it is "Default". */
export const RESOLUTION_TYPE_DEFAULT = 4;

export const PLAN9_SHARE_FLAGS = {
  None: 0,
  ReadOnly: 0x1,
} as const;

/** The Hyper-V socket port of the host driver shares (`Gpu.EnableHostDriverStore`). */
export const HOST_DRIVER_PLAN9_PORT = 50001;

import type {
  UefiDocument,
  SystemInformationDocument,
  ChipsetDocument,
  MemoryDocument,
  ProcessorDocument,
  ComputeTopologyDocument,
  RdpConnectionOptions,
  VideoMonitorDocument,
  ComPortDocument,
  ComPortsDocument,
  NetworkAdapterDocument,
  ScsiAttachmentType,
  ScsiAttachmentDocument,
  ScsiControllerDocument,
  Plan9ShareDocument,
  VirtualSmbShareOptions,
  VirtualSmbShareDocument,
  DevicesDocument,
  GuestStateDocument,
  VirtualMachineDocument,
  ComputeSystemDocument,
} from './document-types.js';

/** What the document depends on besides the `.7b`; the caller gathers it on the host. */
export interface HostFacts {
  /** Windows build number (`10.0.<build>`). */
  build: number;
  /** The SID allowed to open the RDP pipes (NanaBox: the user its process runs as). */
  userSid: string;
  /** The `.7b` folder; every relative path in the configuration is resolved against it. */
  vmFolder: string;
  /**
   * The host folders shared into the guest when `Gpu.EnableHostDriverStore` is set, as absolute paths;
   * only the ones that exist. NanaBox uses `<System32>\DriverStore`, `<System32>\DriverStore\FileRepository`
   * and `<System32>\lxss\lib`, with `<System32>` from `GetSystemDirectoryW`.
   */
  hostDriverFolders?: {
    driverStore?: string;
    fileRepository?: string;
    lxssLib?: string;
  };
}

export interface DocumentOptions {
  /** Default: the VM's Name, as NanaBox sends. */
  owner?: string;
  /** Default: true, as NanaBox sends: the VM dies with the last handle. */
  terminateOnLastHandleClosed?: boolean;
  /**
   * Default: false, as NanaBox sends. True adds `Services: {"Shutdown": {}}` where the build takes it
   * (schema 2.5, build 20348): the shutdown integration component, "used for any shutdown-related
   * actions" (the schema reference's Services type), which Hako's shutdown through the integration
   * service relies on. Neither the docs nor hcsshim (which sends neither ShutdownOptions nor Services)
   * say whether HCS needs it or enables the component without it; sending it is the reading of the
   * docs, unverified on Windows.
   */
  shutdownService?: boolean;
}

export type DocumentErrorCode = 'Plan9PortMissing';

/** The configuration cannot become a ComputeSystem document; `path` is a JSON pointer into the `.7b`. */
export class DocumentError extends HakoError {
  declare readonly code: DocumentErrorCode;
  declare readonly path: string;

  constructor(code: DocumentErrorCode, path: string, message: string) {
    super(code, message, {}, path);
    this.name = 'DocumentError';
  }
}

export function basicSessionPipe(name: string): string {
  return `\\\\.\\pipe\\${name}.BasicSession`;
}

export function enhancedSessionPipe(name: string): string {
  return `\\\\.\\pipe\\${name}.EnhancedSession`;
}

/** The file NanaBox suspends a VM into when the `.7b` names none. */
export function defaultSaveStateFile(name: string): string {
  return `${name}.SaveState.vmrs`;
}

/**
 * The configuration with NanaBox's start-time defaults for the state files (`<Name>.vmgs`,
 * `<Name>.vmrs`) filled in where they are empty. NanaBox does this before it builds the document and
 * writes the names back into the `.7b`, so the caller applies it, creates the files and saves.
 */
export function withStateFileDefaults(config: VmConfig): VmConfig {
  return {
    ...config,
    GuestStateFile: config.GuestStateFile === '' ? `${config.Name}.vmgs` : config.GuestStateFile,
    RuntimeStateFile: config.RuntimeStateFile === '' ? `${config.Name}.vmrs` : config.RuntimeStateFile,
  };
}

const SCSI_ATTACHMENT_TYPES: Readonly<Record<ScsiDeviceType, ScsiAttachmentType>> = {
  VirtualDisk: 'VirtualDisk',
  VirtualImage: 'Iso',
  PhysicalDevice: 'PassThru',
};

/** One SCSI attachment; shared with the hot-plug requests, which send the same object. */
export function scsiAttachmentDocument(device: ScsiDevice, vmFolder: string): ScsiAttachmentDocument {
  // Every type goes through path resolution, `\\.\PhysicalDriveN` included (it comes out unchanged).
  return { Path: resolveVmPath(vmFolder, device.Path), Type: SCSI_ATTACHMENT_TYPES[device.Type] };
}

export function comPortDocument(namedPipe: string): ComPortDocument {
  return { NamedPipe: namedPipe };
}

/** One network adapter; shared with the hot-plug requests, which send the same object. */
export function networkAdapterDocument(adapter: NetworkAdapter): NetworkAdapterDocument {
  // EndpointId and MacAddress are sent as they are, empty or not: the caller fills them from HCN
  // before it builds the document, as NanaBox does.
  return adapter.Connected
    ? { EndpointId: adapter.EndpointId, MacAddress: adapter.MacAddress }
    : { ConnectionState: 'Disabled', EndpointId: adapter.EndpointId, MacAddress: adapter.MacAddress };
}

/**
 * The `Compatibility.GuestFeatureSet` bits for the `.7b` Policies. Names are matched exactly; unknown
 * names add nothing, and the "use these flags" bit is set only when some name was recognised, so a list
 * of unknown names gives 0.
 */
export function guestFeatureSet(policies: readonly string[]): number {
  let bits = 0;
  for (const policy of policies) {
    if (Object.hasOwn(POLICY_FEATURE_BITS, policy)) {
      bits |= POLICY_FEATURE_BITS[policy as keyof typeof POLICY_FEATURE_BITS];
    }
  }
  return bits === 0 ? 0 : bits | GUEST_FEATURE_SET_USE_FLAGS;
}

function uefi(config: VmConfig): UefiDocument {
  if (!config.SecureBoot) return { Console: config.ComPorts.UefiConsole };
  return {
    ApplySecureBootTemplate: 'Apply',
    Console: config.ComPorts.UefiConsole,
    SecureBootTemplateId: SECURE_BOOT_TEMPLATE_IDS[config.Hako.SecureBootTemplate],
  };
}

function systemInformation(config: VmConfig): SystemInformationDocument | null {
  const info = config.ChipsetInformation;
  const document: SystemInformationDocument = {};
  if (info.Family !== '') document.Family = info.Family;
  if (info.Manufacturer !== '') document.Manufacturer = info.Manufacturer;
  if (info.ProductName !== '') document.ProductName = info.ProductName;
  if (info.SKUNumber !== '') document.SKUNumber = info.SKUNumber;
  if (info.SerialNumber !== '') document.SerialNumber = info.SerialNumber;
  if (info.UUID !== '') document.UUID = info.UUID;
  if (info.Version !== '') document.Version = info.Version;
  // NanaBox assigns a JSON value that stayed null when nothing was set; the key is still sent.
  return Object.keys(document).length === 0 ? null : document;
}

function chipset(config: VmConfig, build: number): ChipsetDocument {
  const info = config.ChipsetInformation;
  return {
    ...(info.BaseBoardSerialNumber !== '' ? { BaseBoardSerialNumber: info.BaseBoardSerialNumber } : {}),
    ...(info.ChassisAssetTag !== '' ? { ChassisAssetTag: info.ChassisAssetTag } : {}),
    ...(info.ChassisSerialNumber !== '' ? { ChassisSerialNumber: info.ChassisSerialNumber } : {}),
    ...(build >= SYSTEM_INFORMATION_MIN_BUILD ? { SystemInformation: systemInformation(config) } : {}),
    Uefi: uefi(config),
  };
}

function computeTopology(config: VmConfig, build: number): ComputeTopologyDocument {
  const processor: ProcessorDocument = config.ExposeVirtualizationExtensions
    ? { Count: config.ProcessorCount, ExposeVirtualizationExtensions: true }
    : { Count: config.ProcessorCount };
  const memory: MemoryDocument = { AllowOvercommit: true, SizeInMB: config.MemorySize };
  if (build >= GUEST_FEATURE_SET_MIN_BUILD && config.Policies.length > 0) {
    return {
      Compatibility: { GuestFeatureSet: guestFeatureSet(config.Policies) },
      Memory: memory,
      Processor: processor,
    };
  }
  return { Memory: memory, Processor: processor };
}

function comPorts(ports: ComPorts): ComPortsDocument | null {
  if (ports.ComPort1 === '' && ports.ComPort2 === '') return null;
  const document: ComPortsDocument = {};
  if (ports.ComPort1 !== '') document['0'] = comPortDocument(ports.ComPort1);
  if (ports.ComPort2 !== '') document['1'] = comPortDocument(ports.ComPort2);
  return document;
}

function networkAdapters(adapters: readonly NetworkAdapter[]): Record<string, NetworkAdapterDocument> | null {
  const document: Record<string, NetworkAdapterDocument> = {};
  let connected = 0;
  for (const adapter of adapters) {
    // A disconnected adapter is left out altogether: NanaBox has no unplugged-cable state at start.
    if (!adapter.Connected) continue;
    // Same EndpointId twice: the later adapter replaces the earlier one, as in NanaBox's map.
    document[adapter.EndpointId] = networkAdapterDocument(adapter);
    connected++;
  }
  return connected === 0 ? null : document;
}

function plan9Shares(config: VmConfig, host: HostFacts): Plan9ShareDocument[] {
  const shares: Plan9ShareDocument[] = [];
  const folders = host.hostDriverFolders;
  if (config.Gpu.EnableHostDriverStore && folders !== undefined) {
    const hostShares: [string, string | undefined][] = [
      ['HostDriverStore', folders.driverStore],
      ['NanaBox.HostDrivers', folders.fileRepository],
      ['NanaBox.HostLxssLib', folders.lxssLib],
    ];
    for (const [name, path] of hostShares) {
      if (path === undefined) continue;
      shares.push({
        AccessName: name,
        Flags: PLAN9_SHARE_FLAGS.ReadOnly,
        Name: name,
        Path: path,
        Port: HOST_DRIVER_PLAN9_PORT,
      });
    }
  }
  config.Plan9Shares.forEach((share, index) => {
    if (share.Port === null) {
      // NanaBox would send whatever its uninitialised field held; Hako will not guess a port.
      throw new DocumentError(
        'Plan9PortMissing',
        `/NanaBox/Plan9Shares/${index}/Port`,
        `Plan 9 share "${share.Name}" has no Port; the VM cannot start until one is set.`,
      );
    }
    shares.push({
      AccessName: share.Name,
      Flags: share.ReadOnly ? PLAN9_SHARE_FLAGS.ReadOnly : PLAN9_SHARE_FLAGS.None,
      Name: share.Name,
      Path: resolveVmPath(host.vmFolder, share.Path),
      Port: share.Port,
    });
  });
  return shares;
}

const READ_ONLY_SMB_OPTIONS: VirtualSmbShareOptions = {
  CacheIo: true,
  PseudoOplocks: true,
  ReadOnly: true,
  ShareRead: true,
  SupportCloudFiles: true,
};

function virtualSmbShares(config: VmConfig, host: HostFacts): VirtualSmbShareDocument[] {
  const shares: VirtualSmbShareDocument[] = [];
  const folders = host.hostDriverFolders;
  if (config.Gpu.EnableHostDriverStore && folders !== undefined) {
    // No deprecated HostDriverStore name here: NanaBox shares only these two over SMB.
    const hostShares: [string, string | undefined][] = [
      ['NanaBox.HostDrivers', folders.fileRepository],
      ['NanaBox.HostLxssLib', folders.lxssLib],
    ];
    for (const [name, path] of hostShares) {
      if (path === undefined) continue;
      shares.push({ Name: name, Options: { ...READ_ONLY_SMB_OPTIONS }, Path: path });
    }
  }
  for (const share of config.VirtualSmbShares) {
    shares.push({
      Name: share.Name,
      Options: share.ReadOnly ? { ...READ_ONLY_SMB_OPTIONS } : { SupportCloudFiles: true },
      Path: resolveVmPath(host.vmFolder, share.Path),
    });
  }
  return shares;
}

function scsi(config: VmConfig, vmFolder: string): Record<string, ScsiControllerDocument> {
  const attachments: Record<string, ScsiAttachmentDocument> = {};
  config.ScsiDevices.forEach((device, lun) => {
    attachments[String(lun)] = scsiAttachmentDocument(device, vmFolder);
  });
  return { [SCSI_CONTROLLER_NAME]: { Attachments: attachments } };
}

function devices(config: VmConfig, host: HostFacts): DevicesDocument {
  const plan9 = plan9Shares(config, host);
  const smb = virtualSmbShares(config, host);
  return {
    ComPorts: comPorts(config.ComPorts),
    EnhancedModeVideo: {
      ConnectionOptions: { AccessSids: [host.userSid], NamedPipe: enhancedSessionPipe(config.Name) },
    },
    Keyboard: {},
    Mouse: {},
    ...(config.NetworkAdapters.length > 0 ? { NetworkAdapters: networkAdapters(config.NetworkAdapters) } : {}),
    ...(plan9.length > 0 ? { Plan9: { Shares: plan9 } } : {}),
    ...(config.ScsiDevices.length > 0 ? { Scsi: scsi(config, host.vmFolder) } : {}),
    VideoMonitor: videoMonitor(config, host),
    ...(smb.length > 0 ? { VirtualSmb: { Shares: smb } } : {}),
  };
}

function videoMonitor(config: VmConfig, host: HostFacts): VideoMonitorDocument {
  const { HorizontalResolution, VerticalResolution } = config.VideoMonitor;
  const connection: RdpConnectionOptions = { AccessSids: [host.userSid], NamedPipe: basicSessionPipe(config.Name) };
  const isDefault = HorizontalResolution === 1024 && VerticalResolution === 768;
  if (isDefault && host.build >= SYSTEM_INFORMATION_MIN_BUILD) {
    return {
      ConnectionOptions: connection,
      HorizontalResolution,
      ResolutionType: RESOLUTION_TYPE_DEFAULT,
      VerticalResolution,
    };
  }
  return { ConnectionOptions: connection, HorizontalResolution, VerticalResolution };
}

/**
 * The document for `HcsCreateComputeSystem`. Call `withStateFileDefaults` first (NanaBox sends the
 * state files only when they are named, and names them before it gets here).
 *
 * @throws DocumentError when a Plan 9 share has no Port.
 */
export function buildComputeSystemDocument(
  config: VmConfig,
  host: HostFacts,
  options: DocumentOptions = {},
): ComputeSystemDocument {
  const virtualMachine: VirtualMachineDocument = {
    Chipset: chipset(config, host.build),
    ComputeTopology: computeTopology(config, host.build),
    Devices: devices(config, host),
  };
  if (config.GuestStateFile !== '' || config.RuntimeStateFile !== '') {
    const guestState: GuestStateDocument = {};
    if (config.GuestStateFile !== '') {
      guestState.GuestStateFilePath = resolveVmPath(host.vmFolder, config.GuestStateFile);
    }
    if (config.RuntimeStateFile !== '') {
      guestState.RuntimeStateFilePath = resolveVmPath(host.vmFolder, config.RuntimeStateFile);
    }
    virtualMachine.GuestState = guestState;
  }
  if (config.SaveStateFile !== '') {
    virtualMachine.RestoreState = { SaveStateFilePath: resolveVmPath(host.vmFolder, config.SaveStateFile) };
  }
  if (config.Tpm) {
    virtualMachine.SecuritySettings = { EnableTpm: true, Isolation: { IsolationType: 'GuestStateOnly' } };
  }
  if (options.shutdownService && hostSupports(schemaVersionForBuild(host.build), 'IntegrationServices')) {
    virtualMachine.Services = { Shutdown: {} };
  }
  return {
    Owner: options.owner ?? config.Name,
    SchemaVersion: { Major: 2, Minor: 1 },
    ShouldTerminateOnLastHandleClosed: options.terminateOnLastHandleClosed ?? true,
    VirtualMachine: virtualMachine,
  };
}
