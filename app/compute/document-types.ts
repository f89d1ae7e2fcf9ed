/**
 * The shapes of the HCS ComputeSystem document Hako builds (document.ts): the parts of Microsoft's HCS
 * schema reference (ComputeSystem, VirtualMachine and the types under it) that NanaBox's document uses,
 * with the fields Hako adds. Keys are declared in byte order, the order NanaBox's JSON library sends.
 */
import type { UefiConsole } from '../config/model.js';
import type { SchemaVersion } from './gates.js';

export interface UefiDocument {
  ApplySecureBootTemplate?: 'Apply';
  Console: UefiConsole;
  SecureBootTemplateId?: string;
}

export interface SystemInformationDocument {
  Family?: string;
  Manufacturer?: string;
  ProductName?: string;
  SKUNumber?: string;
  SerialNumber?: string;
  UUID?: string;
  Version?: string;
}

export interface ChipsetDocument {
  BaseBoardSerialNumber?: string;
  ChassisAssetTag?: string;
  ChassisSerialNumber?: string;
  /** Present on 20348+ only; `null` when none of the seven fields is set. */
  SystemInformation?: SystemInformationDocument | null;
  Uefi: UefiDocument;
}

export interface MemoryDocument {
  AllowOvercommit: true;
  SizeInMB: number;
}

export interface ProcessorDocument {
  Count: number;
  ExposeVirtualizationExtensions?: true;
}

export interface ComputeTopologyDocument {
  Compatibility?: { GuestFeatureSet: number };
  Memory: MemoryDocument;
  Processor: ProcessorDocument;
}

export interface RdpConnectionOptions {
  AccessSids: string[];
  NamedPipe: string;
}

export interface VideoMonitorDocument {
  ConnectionOptions: RdpConnectionOptions;
  HorizontalResolution: number;
  /** 4: HCS's "Default", which NanaBox sends as a number (RESOLUTION_TYPE_DEFAULT). */
  ResolutionType?: 4;
  VerticalResolution: number;
}

export interface ComPortDocument {
  NamedPipe: string;
}

/** Keys `"0"` (COM1) and `"1"` (COM2). */
export type ComPortsDocument = Partial<Record<'0' | '1', ComPortDocument>>;

export interface NetworkAdapterDocument {
  ConnectionState?: 'Disabled';
  EndpointId: string;
  MacAddress: string;
}

export type ScsiAttachmentType = 'VirtualDisk' | 'Iso' | 'PassThru';

export interface ScsiAttachmentDocument {
  Path: string;
  Type: ScsiAttachmentType;
}

export interface ScsiControllerDocument {
  /** Keyed by LUN, `"0"`, `"1"`, … in `.7b` order. */
  Attachments: Record<string, ScsiAttachmentDocument>;
}

export interface Plan9ShareDocument {
  AccessName: string;
  Flags: number;
  Name: string;
  Path: string;
  Port: number;
}

export interface VirtualSmbShareOptions {
  CacheIo?: true;
  PseudoOplocks?: true;
  ReadOnly?: true;
  ShareRead?: true;
  SupportCloudFiles: true;
}

export interface VirtualSmbShareDocument {
  Name: string;
  Options: VirtualSmbShareOptions;
  Path: string;
}

export interface DevicesDocument {
  /** `null` when neither COM port is set. */
  ComPorts: ComPortsDocument | null;
  EnhancedModeVideo: { ConnectionOptions: RdpConnectionOptions };
  Keyboard: Record<string, never>;
  Mouse: Record<string, never>;
  /** Present when the `.7b` lists adapters; `null` when none of them is connected. Keyed by EndpointId. */
  NetworkAdapters?: Record<string, NetworkAdapterDocument> | null;
  Plan9?: { Shares: Plan9ShareDocument[] };
  Scsi?: Record<string, ScsiControllerDocument>;
  VideoMonitor: VideoMonitorDocument;
  VirtualSmb?: { Shares: VirtualSmbShareDocument[] };
}

export interface SecuritySettingsDocument {
  EnableTpm: true;
  Isolation: { IsolationType: 'GuestStateOnly' };
}

export interface GuestStateDocument {
  GuestStateFilePath?: string;
  RuntimeStateFilePath?: string;
}

/** The integration components (schema 2.5); Hako asks only for the one its shutdown uses. */
export interface ServicesDocument {
  Shutdown: Record<string, never>;
}

export interface VirtualMachineDocument {
  Chipset: ChipsetDocument;
  ComputeTopology: ComputeTopologyDocument;
  Devices: DevicesDocument;
  GuestState?: GuestStateDocument;
  RestoreState?: { SaveStateFilePath: string };
  SecuritySettings?: SecuritySettingsDocument;
  Services?: ServicesDocument;
}

export interface ComputeSystemDocument {
  Owner: string;
  SchemaVersion: SchemaVersion;
  ShouldTerminateOnLastHandleClosed: boolean;
  VirtualMachine: VirtualMachineDocument;
}
