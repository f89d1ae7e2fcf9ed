/**
 * The effective configuration of one `.7b` file: what NanaBox would run, after its defaults, type
 * fallbacks, drops and normalisations (reference/nanabox.md §2, §9, §10).
 *
 * Property names are the `.7b` keys themselves, so a field in the UI, a finding's JSON path and the
 * file text all name the same thing. Every object also carries the keys NanaBox does not read
 * (`unknownKeys`), which Hako writes back unchanged.
 */

/** A key NanaBox does not read at that level, with its value as canonical JSON text (2-space indent). */
export interface UnknownKey {
  readonly key: string;
  readonly json: string;
}

/** Objects that keep the keys NanaBox does not read. Absent or empty means none. */
export interface KeepsUnknownKeys {
  unknownKeys?: UnknownKey[];
}

export const GUEST_TYPES = ['Windows', 'Linux', 'Unknown'] as const;
export type GuestType = (typeof GUEST_TYPES)[number];

export const UEFI_CONSOLES = ['Disabled', 'Default', 'ComPort1', 'ComPort2'] as const;
export type UefiConsole = (typeof UEFI_CONSOLES)[number];

export const GPU_ASSIGNMENT_MODES = ['Disabled', 'Default', 'List', 'Mirror'] as const;
export type GpuAssignmentMode = (typeof GPU_ASSIGNMENT_MODES)[number];

export const SCSI_DEVICE_TYPES = ['VirtualDisk', 'VirtualImage', 'PhysicalDevice'] as const;
export type ScsiDeviceType = (typeof SCSI_DEVICE_TYPES)[number];

/** Hako's own choice of Secure Boot template; NanaBox only knows the Microsoft Windows one. */
export const SECURE_BOOT_TEMPLATES = ['MicrosoftWindows', 'MicrosoftUEFICertificateAuthority'] as const;
export type SecureBootTemplate = (typeof SECURE_BOOT_TEMPLATES)[number];

/** GPU-PV (the whole GPU, paravirtualised) uses this partition id; anything else is a GPU-P partition. */
export const GPU_PV_PARTITION_ID = 0xffff;

export interface ComPorts extends KeepsUnknownKeys {
  UefiConsole: UefiConsole;
  ComPort1: string;
  ComPort2: string;
}

export interface GpuDevice extends KeepsUnknownKeys {
  DeviceInterface: string;
  PartitionId: number;
}

export interface Gpu extends KeepsUnknownKeys {
  AssignmentMode: GpuAssignmentMode;
  EnableHostDriverStore: boolean;
  /** Sorted by device path, no duplicates (NanaBox keeps them in a map keyed by path). */
  SelectedDevices: GpuDevice[];
}

export interface NetworkAdapter extends KeepsUnknownKeys {
  Connected: boolean;
  MacAddress: string;
  EndpointId: string;
  SuggestedSwitchId: string;
  SuggestedSwitchName: string;
  SuggestedSwitchSubnet: string;
}

export interface ScsiDevice extends KeepsUnknownKeys {
  Type: ScsiDeviceType;
  Path: string;
}

export interface Keyboard extends KeepsUnknownKeys {
  RedirectKeyCombinations: boolean;
  FullScreenHotkey: number;
  CtrlEscHotkey: number;
  AltEscHotkey: number;
  AltTabHotkey: number;
  AltShiftTabHotkey: number;
  AltSpaceHotkey: number;
  CtrlAltDelHotkey: number;
  FocusReleaseLeftHotkey: number;
  FocusReleaseRightHotkey: number;
}

export interface EnhancedSession extends KeepsUnknownKeys {
  RedirectAudio: boolean;
  RedirectAudioCapture: boolean;
  RedirectDrives: boolean;
  RedirectPrinters: boolean;
  RedirectPorts: boolean;
  RedirectSmartCards: boolean;
  RedirectClipboard: boolean;
  RedirectDevices: boolean;
  RedirectPOSDevices: boolean;
  RedirectDynamicDrives: boolean;
  RedirectDynamicDevices: boolean;
  /** Upper-case drive letters A–Z. */
  Drives: string[];
  Devices: string[];
}

export interface ChipsetInformation extends KeepsUnknownKeys {
  BaseBoardSerialNumber: string;
  ChassisSerialNumber: string;
  ChassisAssetTag: string;
  Manufacturer: string;
  ProductName: string;
  Version: string;
  SerialNumber: string;
  UUID: string;
  SKUNumber: string;
  Family: string;
}

export interface VideoMonitor extends KeepsUnknownKeys {
  HorizontalResolution: number;
  VerticalResolution: number;
  DisableBasicSessionDpiScaling: boolean;
}

export interface Plan9Share extends KeepsUnknownKeys {
  ReadOnly: boolean;
  /** `null` when the file gives no usable port: NanaBox has no default, and Hako will not invent one. */
  Port: number | null;
  Path: string;
  Name: string;
}

export interface VirtualSmbShare extends KeepsUnknownKeys {
  ReadOnly: boolean;
  Path: string;
  Name: string;
}

/** `NanaBox.Hako`: settings only Hako reads. NanaBox ignores the object and drops it when it rewrites the file. */
export interface HakoSettings extends KeepsUnknownKeys {
  SecureBootTemplate: SecureBootTemplate;
}

export interface VmConfig extends KeepsUnknownKeys {
  GuestType: GuestType;
  Name: string;
  ProcessorCount: number;
  MemorySize: number;
  ComPorts: ComPorts;
  Gpu: Gpu;
  NetworkAdapters: NetworkAdapter[];
  ScsiDevices: ScsiDevice[];
  SecureBoot: boolean;
  Tpm: boolean;
  GuestStateFile: string;
  RuntimeStateFile: string;
  SaveStateFile: string;
  ExposeVirtualizationExtensions: boolean;
  Keyboard: Keyboard;
  EnhancedSession: EnhancedSession;
  ChipsetInformation: ChipsetInformation;
  VideoMonitor: VideoMonitor;
  Policies: string[];
  Plan9Shares: Plan9Share[];
  VirtualSmbShares: VirtualSmbShare[];
  Hako: HakoSettings;
}

/** A whole `.7b` document: the `NanaBox` object plus whatever else the root holds. */
export interface SevenBFile {
  config: VmConfig;
  /** Root keys other than `NanaBox`. */
  rootUnknownKeys: UnknownKey[];
}

/**
 * Guest compatibility policies NanaBox recognises, with the bit each sets in the HCS
 * `Compatibility.GuestFeatureSet` (reference/nanabox.md §2.2). Unknown names are kept and ignored.
 */
export const POLICY_FEATURE_BITS = {
  LegacyPcrMeasurement: 0x2,
  DisableSha384Pcr: 0x4,
  LegacyRteWidth: 0x8,
  LegacyTrustedLaunchMemoryMap: 0x10,
  LegacyApicSelectionLogic: 0x20,
  LegacyApicManganeseOverride: 0x40,
  LegacyGpaLayout: 0x80,
  ForceLegacyHcl: 0x100,
  ForceCurrentHcl: 0x200,
  UseExtendedMaxVpPerSocketLimit: 0x400,
} as const;
export type PolicyName = keyof typeof POLICY_FEATURE_BITS;
/** Set whenever any recognised policy is set: "UseGuestFeatureSetFlags". */
export const GUEST_FEATURE_SET_USE_FLAGS = 0x1;
