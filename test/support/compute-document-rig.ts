// The compute-document tests' shared inputs: a complete VmConfig with NanaBox's defaults, the host facts
// of a build-20348 host, and the VM NanaBox's Quick Start makes.
import type { VmConfig } from '../../app/config/model.js';
import { withStateFileDefaults, type HostFacts } from '../../app/compute/document.js';
/** A complete VmConfig with NanaBox's defaults (reference/nanabox.md §2.2). */
export function vmConfig(overrides: Partial<VmConfig> = {}): VmConfig {
  return {
    GuestType: 'Unknown',
    Name: 'MyVM',
    ProcessorCount: 2,
    MemorySize: 2048,
    ComPorts: { UefiConsole: 'Disabled', ComPort1: '', ComPort2: '' },
    Gpu: { AssignmentMode: 'Disabled', EnableHostDriverStore: false, SelectedDevices: [] },
    NetworkAdapters: [],
    ScsiDevices: [],
    SecureBoot: false,
    Tpm: false,
    GuestStateFile: '',
    RuntimeStateFile: '',
    SaveStateFile: '',
    ExposeVirtualizationExtensions: false,
    Keyboard: {
      RedirectKeyCombinations: true,
      FullScreenHotkey: 3,
      CtrlEscHotkey: 36,
      AltEscHotkey: 45,
      AltTabHotkey: 33,
      AltShiftTabHotkey: 34,
      AltSpaceHotkey: 46,
      CtrlAltDelHotkey: 35,
      FocusReleaseLeftHotkey: 37,
      FocusReleaseRightHotkey: 39,
    },
    EnhancedSession: {
      RedirectAudio: true,
      RedirectAudioCapture: false,
      RedirectDrives: false,
      RedirectPrinters: false,
      RedirectPorts: false,
      RedirectSmartCards: false,
      RedirectClipboard: true,
      RedirectDevices: false,
      RedirectPOSDevices: false,
      RedirectDynamicDrives: false,
      RedirectDynamicDevices: false,
      Drives: [],
      Devices: [],
    },
    ChipsetInformation: {
      BaseBoardSerialNumber: '',
      ChassisSerialNumber: '',
      ChassisAssetTag: '',
      Manufacturer: '',
      ProductName: '',
      Version: '',
      SerialNumber: '',
      UUID: '',
      SKUNumber: '',
      Family: '',
    },
    VideoMonitor: { HorizontalResolution: 1024, VerticalResolution: 768, DisableBasicSessionDpiScaling: false },
    Policies: [],
    Plan9Shares: [],
    VirtualSmbShares: [],
    Hako: { SecureBootTemplate: 'MicrosoftWindows' },
    ...overrides,
  };
}

export const SID = 'S-1-5-21-1004336348-1177238915-682003330-512';
export const ENDPOINT = '6a3c0f4e-9d2b-4b7e-8c1a-2f5e7d9b0c11';
export const MAC = '00-15-5D-64-2F-AB';

export function host(overrides: Partial<HostFacts> = {}): HostFacts {
  return { build: 20348, userSid: SID, vmFolder: 'D:\\VMs\\MyVM', ...overrides };
}

/** The VM Quick Start creates (nanabox.md §2.4) after its first start filled in the generated values. */
export function quickStart(): VmConfig {
  return withStateFileDefaults(
    vmConfig({
      GuestType: 'Windows',
      NetworkAdapters: [
        {
          Connected: true,
          MacAddress: MAC,
          EndpointId: ENDPOINT,
          SuggestedSwitchId: '',
          SuggestedSwitchName: '',
          SuggestedSwitchSubnet: '',
        },
      ],
      ScsiDevices: [
        { Type: 'VirtualDisk', Path: 'MyVM.vhdx' },
        { Type: 'VirtualImage', Path: '..\\ISO\\Win11.iso' },
      ],
    }),
  );
}
