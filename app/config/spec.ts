/**
 * One declarative description of the `.7b` format, from which the reader, the writer and the JSON
 * Schema are all derived, so the three cannot drift apart. Every fact here is NanaBox's
 * (reference/nanabox.md §2.2 with the corrections of §9); Hako's own keys live under `Hako`.
 */
import {
  GPU_ASSIGNMENT_MODES,
  GUEST_TYPES,
  SCSI_DEVICE_TYPES,
  SECURE_BOOT_TEMPLATES,
  UEFI_CONSOLES,
  type ChipsetInformation,
  type ComPorts,
  type EnhancedSession,
  type Gpu,
  type HakoSettings,
  type Keyboard,
  type NetworkAdapter,
  type Plan9Share,
  type ScsiDevice,
  type VideoMonitor,
  type VirtualSmbShare,
  type VmConfig,
} from './model.js';

interface Documented {
  /** One sentence for the schema and the UI's help. */
  readonly doc?: string;
}

export interface BoolField extends Documented {
  readonly kind: 'bool';
  readonly default: boolean;
  readonly always?: boolean;
}

/** A non-negative JSON integer, cast to `bits` as NanaBox's C++ does. */
export interface UintField extends Documented {
  readonly kind: 'uint';
  readonly bits: 16 | 32;
  /** `null`: NanaBox has no default (Plan 9 `Port`); the field is then unset. */
  readonly default: number | null;
  readonly always?: boolean;
  /** Smallest value that makes sense (for the schema; NanaBox's refusals are checked separately). */
  readonly minimum?: number;
}

/** Any JSON integer, cast to a signed 32-bit value (Win32 virtual-key codes). */
export interface Int32Field extends Documented {
  readonly kind: 'int32';
  readonly default: number;
  readonly always?: boolean;
}

export interface StringField extends Documented {
  readonly kind: 'string';
  readonly always?: boolean;
  /** A regular expression the schema checks (NanaBox itself only checks the type). */
  readonly pattern?: string;
}

export interface EnumField extends Documented {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly default: string;
  readonly always?: boolean;
}

export interface ObjectField extends Documented {
  readonly kind: 'object';
  readonly spec: ObjectSpec;
  /** Written even when it would be empty (NanaBox writes `ComPorts` and `Gpu` always). */
  readonly always?: boolean;
}

export type StringListRule = 'policy' | 'drive-letter' | 'plain';

export interface StringListField extends Documented {
  readonly kind: 'string-list';
  readonly rule: StringListRule;
  readonly itemPattern?: string;
}

/** Why NanaBox drops an entry of an object list. */
export type DropRule = 'scsi' | 'share';

export interface ObjectListField extends Documented {
  readonly kind: 'object-list';
  readonly spec: ObjectSpec;
  /** What a non-object entry becomes: NanaBox turns one into a default network adapter. */
  readonly nonObject: 'default-entry' | 'empty-entry';
  readonly drop?: DropRule;
}

/** `Gpu.SelectedDevices`: device paths, each a string (GPU-PV) or `{DeviceInterface, PartitionId}` (GPU-P). */
export interface GpuDeviceListField extends Documented {
  readonly kind: 'gpu-devices';
}

export type Field =
  | BoolField
  | UintField
  | Int32Field
  | StringField
  | EnumField
  | ObjectField
  | StringListField
  | ObjectListField
  | GpuDeviceListField;

type FieldsOf<T> = { readonly [K in Exclude<keyof T, 'unknownKeys'>]-?: Field };

export interface ObjectSpec {
  readonly fields: Readonly<Record<string, Field>>;
  /** Keys NanaBox reads but Hako treats apart (`Type`, `Version`). */
  readonly reserved?: readonly string[];
  readonly doc?: string;
}

/** Ties a spec to its model interface, so a field missing on either side fails to compile. */
function spec<T>(fields: FieldsOf<T>, extra: Omit<ObjectSpec, 'fields'> = {}): ObjectSpec {
  return { fields, ...extra };
}

const bool = (value: boolean, doc?: string): BoolField => ({ kind: 'bool', default: value, doc });
const string = (doc?: string, pattern?: string): StringField => ({ kind: 'string', doc, pattern });
const hotkey = (value: number, doc: string): Int32Field => ({ kind: 'int32', default: value, doc });

const GUID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';
const MAC_PATTERN = '^(?:[0-9A-Fa-f]{2}-){5}[0-9A-Fa-f]{2}$';
const SUBNET_PATTERN = '^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}/[0-9]{1,2}$';

export const COM_PORTS_SPEC = spec<ComPorts>({
  UefiConsole: { kind: 'enum', values: UEFI_CONSOLES, default: 'Disabled', always: true, doc: 'Where the UEFI firmware console goes.' },
  ComPort1: string('Named pipe for COM1, for example \\\\.\\pipe\\vmpipe1.'),
  ComPort2: string('Named pipe for COM2.'),
});

export const GPU_SPEC = spec<Gpu>({
  AssignmentMode: {
    kind: 'enum',
    values: GPU_ASSIGNMENT_MODES,
    default: 'Disabled',
    always: true,
    doc: 'Disabled, Default (the default GPU, GPU-PV), List (the selected devices) or Mirror (all GPUs).',
  },
  EnableHostDriverStore: bool(false, "Share the host's driver folders with the guest (read-only); blocks saving the VM state."),
  SelectedDevices: { kind: 'gpu-devices', doc: 'GPU device interface paths, used when AssignmentMode is List.' },
});

export const NETWORK_ADAPTER_SPEC = spec<NetworkAdapter>({
  Connected: { kind: 'bool', default: false, always: true, doc: 'Whether the adapter is attached at all.' },
  MacAddress: string('MAC address like 00-15-5D-64-2F-AB; assigned by Windows when empty.', MAC_PATTERN),
  EndpointId: string('Network endpoint GUID, generated at the first start.', GUID_PATTERN),
  SuggestedSwitchId: string('GUID of the virtual switch to use instead of the NanaBox switch.', GUID_PATTERN),
  SuggestedSwitchName: string('Name for a switch created for SuggestedSwitchId.'),
  SuggestedSwitchSubnet: string('Subnet like 192.168.100.0/24 for a switch that gets created.', SUBNET_PATTERN),
});

export const SCSI_DEVICE_SPEC = spec<ScsiDevice>({
  Type: { kind: 'enum', values: SCSI_DEVICE_TYPES, default: '', always: true, doc: 'VirtualDisk (.vhd/.vhdx), VirtualImage (.iso) or PhysicalDevice.' },
  Path: string('Path of the disk or image, relative to the .7b file; empty for an empty DVD drive.'),
});

export const KEYBOARD_SPEC = spec<Keyboard>({
  RedirectKeyCombinations: bool(true, 'Send Windows key combinations to the guest even when not in full screen.'),
  FullScreenHotkey: hotkey(3, 'Virtual-key code; Ctrl+Alt+key toggles full screen.'),
  CtrlEscHotkey: hotkey(36, 'Virtual-key code; Alt+key sends Ctrl+Esc.'),
  AltEscHotkey: hotkey(45, 'Virtual-key code; Alt+key sends Alt+Esc.'),
  AltTabHotkey: hotkey(33, 'Virtual-key code; Alt+key sends Alt+Tab.'),
  AltShiftTabHotkey: hotkey(34, 'Virtual-key code; Alt+key sends Alt+Shift+Tab.'),
  AltSpaceHotkey: hotkey(46, 'Virtual-key code; Alt+key sends Alt+Space.'),
  CtrlAltDelHotkey: hotkey(35, 'Virtual-key code; Ctrl+Alt+key sends Ctrl+Alt+Del.'),
  FocusReleaseLeftHotkey: hotkey(37, 'Virtual-key code; Ctrl+Alt+key releases the keyboard and mouse.'),
  FocusReleaseRightHotkey: hotkey(39, 'Virtual-key code; Ctrl+Alt+key releases the keyboard and mouse.'),
});

export const ENHANCED_SESSION_SPEC = spec<EnhancedSession>({
  RedirectAudio: bool(true, 'Play guest audio on this computer.'),
  RedirectAudioCapture: bool(false, 'Record from this computer in the guest.'),
  RedirectDrives: bool(false, "Share all of this computer's drives."),
  RedirectPrinters: bool(false),
  RedirectPorts: bool(false),
  RedirectSmartCards: bool(false),
  RedirectClipboard: bool(true),
  RedirectDevices: bool(false),
  RedirectPOSDevices: bool(false),
  RedirectDynamicDrives: bool(false),
  RedirectDynamicDevices: bool(false),
  Drives: { kind: 'string-list', rule: 'drive-letter', itemPattern: '^[A-Za-z]', doc: 'Drive letters to share, like "C".' },
  Devices: { kind: 'string-list', rule: 'plain', doc: 'Plug and Play device instance IDs to redirect.' },
});

export const CHIPSET_INFORMATION_SPEC = spec<ChipsetInformation>({
  BaseBoardSerialNumber: string(),
  ChassisSerialNumber: string(),
  ChassisAssetTag: string(),
  Manufacturer: string('SMBIOS manufacturer (Windows Server 2022 hosts and later).'),
  ProductName: string(),
  Version: string(),
  SerialNumber: string(),
  UUID: string(undefined, GUID_PATTERN),
  SKUNumber: string(),
  Family: string(),
});

export const VIDEO_MONITOR_SPEC = spec<VideoMonitor>({
  HorizontalResolution: { kind: 'uint', bits: 16, default: 1024, minimum: 1, doc: 'Basic-session width in pixels.' },
  VerticalResolution: { kind: 'uint', bits: 16, default: 768, minimum: 1, doc: 'Basic-session height in pixels.' },
  DisableBasicSessionDpiScaling: bool(false),
});

export const PLAN9_SHARE_SPEC = spec<Plan9Share>({
  ReadOnly: bool(false),
  Port: { kind: 'uint', bits: 32, default: null, always: true, minimum: 1, doc: 'Hyper-V socket port, for example 50001.' },
  Path: string('Host folder, relative to the .7b file.'),
  Name: string('Name the guest uses to mount the share.'),
});

export const VIRTUAL_SMB_SHARE_SPEC = spec<VirtualSmbShare>({
  ReadOnly: bool(false),
  Path: string('Host folder, relative to the .7b file.'),
  Name: string('Name of the share in the guest.'),
});

export const HAKO_SPEC = spec<HakoSettings>(
  {
    SecureBootTemplate: {
      kind: 'enum',
      values: SECURE_BOOT_TEMPLATES,
      default: 'MicrosoftWindows',
      doc: 'Secure Boot template: MicrosoftWindows, or MicrosoftUEFICertificateAuthority for most Linux guests.',
    },
  },
  { doc: 'Settings only Hako reads. NanaBox ignores this object and drops it when it rewrites the file.' },
);

export const VM_CONFIG_SPEC = spec<VmConfig>(
  {
    GuestType: { kind: 'enum', values: GUEST_TYPES, default: 'Unknown', always: true },
    Name: { kind: 'string', always: true, doc: 'The VM name; also its Hyper-V id, so two running VMs need different names.' },
    ProcessorCount: { kind: 'uint', bits: 32, default: 0, always: true, minimum: 1 },
    MemorySize: { kind: 'uint', bits: 32, default: 0, always: true, minimum: 1, doc: 'Memory in MB.' },
    ComPorts: { kind: 'object', spec: COM_PORTS_SPEC, always: true },
    Gpu: { kind: 'object', spec: GPU_SPEC, always: true },
    NetworkAdapters: { kind: 'object-list', spec: NETWORK_ADAPTER_SPEC, nonObject: 'default-entry' },
    ScsiDevices: { kind: 'object-list', spec: SCSI_DEVICE_SPEC, nonObject: 'empty-entry', drop: 'scsi', doc: 'In SCSI LUN order.' },
    SecureBoot: bool(false),
    Tpm: bool(false, 'A virtual TPM 2.0 (needs Hyper-V on Windows 11 24H2 or later).'),
    GuestStateFile: string('Defaults to <Name>.vmgs.'),
    RuntimeStateFile: string('Defaults to <Name>.vmrs.'),
    SaveStateFile: string('Set while the VM is suspended to this file.'),
    ExposeVirtualizationExtensions: bool(false, 'Nested virtualization.'),
    Keyboard: { kind: 'object', spec: KEYBOARD_SPEC },
    EnhancedSession: { kind: 'object', spec: ENHANCED_SESSION_SPEC },
    ChipsetInformation: { kind: 'object', spec: CHIPSET_INFORMATION_SPEC },
    VideoMonitor: { kind: 'object', spec: VIDEO_MONITOR_SPEC },
    Policies: { kind: 'string-list', rule: 'policy', doc: 'Guest compatibility policies (Windows 11 24H2 hosts).' },
    Plan9Shares: { kind: 'object-list', spec: PLAN9_SHARE_SPEC, nonObject: 'empty-entry', drop: 'share' },
    VirtualSmbShares: { kind: 'object-list', spec: VIRTUAL_SMB_SHARE_SPEC, nonObject: 'empty-entry', drop: 'share' },
    Hako: { kind: 'object', spec: HAKO_SPEC },
  },
  { reserved: ['Type', 'Version'] },
);

/** The value a field takes when the file does not set it. */
export function defaultValue(field: Field): unknown {
  switch (field.kind) {
    case 'bool':
    case 'uint':
    case 'int32':
    case 'enum':
      return field.default;
    case 'string':
      return '';
    case 'object':
      return defaultObject(field.spec);
    case 'string-list':
    case 'object-list':
    case 'gpu-devices':
      return [];
  }
}

const fieldLists = new WeakMap<ObjectSpec, readonly (readonly [string, Field])[]>();

/** The spec's fields as a list, computed once per spec (the reader and writer walk it per object). */
export function fieldsOf(objectSpec: ObjectSpec): readonly (readonly [string, Field])[] {
  let fields = fieldLists.get(objectSpec);
  if (fields === undefined) {
    fields = Object.entries(objectSpec.fields);
    fieldLists.set(objectSpec, fields);
  }
  return fields;
}

export function defaultObject(objectSpec: ObjectSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of fieldsOf(objectSpec)) out[key] = defaultValue(field);
  return out;
}
