import { describe, expect, it } from 'vitest';
import type { VmConfig } from '../config/model.js';
import {
  DocumentError,
  basicSessionPipe,
  buildComputeSystemDocument,
  defaultSaveStateFile,
  enhancedSessionPipe,
  guestFeatureSet,
  withStateFileDefaults,
  type HostFacts,
} from './document.js';

/** A complete VmConfig with NanaBox's defaults (reference/nanabox.md §2.2). */
function vmConfig(overrides: Partial<VmConfig> = {}): VmConfig {
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

const SID = 'S-1-5-21-1004336348-1177238915-682003330-512';
const ENDPOINT = '6a3c0f4e-9d2b-4b7e-8c1a-2f5e7d9b0c11';
const MAC = '00-15-5D-64-2F-AB';

function host(overrides: Partial<HostFacts> = {}): HostFacts {
  return { build: 20348, userSid: SID, vmFolder: 'D:\\VMs\\MyVM', ...overrides };
}

/** The VM Quick Start creates (nanabox.md §2.4) after its first start filled in the generated values. */
function quickStart(): VmConfig {
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

describe('session pipes and default file names', () => {
  it('names the RDP pipes after the VM', () => {
    expect(basicSessionPipe('MyVM')).toBe('\\\\.\\pipe\\MyVM.BasicSession');
    expect(enhancedSessionPipe('MyVM')).toBe('\\\\.\\pipe\\MyVM.EnhancedSession');
  });

  it('names the save file after the VM', () => {
    expect(defaultSaveStateFile('MyVM')).toBe('MyVM.SaveState.vmrs');
  });
});

describe('withStateFileDefaults', () => {
  it('fills empty state files and returns a new object', () => {
    const config = vmConfig();
    const filled = withStateFileDefaults(config);
    expect(filled.GuestStateFile).toBe('MyVM.vmgs');
    expect(filled.RuntimeStateFile).toBe('MyVM.vmrs');
    expect(filled).not.toBe(config);
    expect(config.GuestStateFile).toBe('');
    expect(config.RuntimeStateFile).toBe('');
  });

  it('keeps state files that are set', () => {
    const filled = withStateFileDefaults(vmConfig({ GuestStateFile: 'a.vmgs', RuntimeStateFile: 'state\\b.vmrs' }));
    expect(filled.GuestStateFile).toBe('a.vmgs');
    expect(filled.RuntimeStateFile).toBe('state\\b.vmrs');
  });
});

describe('buildComputeSystemDocument: the Quick Start VM', () => {
  it('matches NanaBox on build 20348', () => {
    expect(buildComputeSystemDocument(quickStart(), host())).toStrictEqual({
      Owner: 'MyVM',
      SchemaVersion: { Major: 2, Minor: 1 },
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: {
        Chipset: { SystemInformation: null, Uefi: { Console: 'Disabled' } },
        ComputeTopology: {
          Memory: { AllowOvercommit: true, SizeInMB: 2048 },
          Processor: { Count: 2 },
        },
        Devices: {
          ComPorts: null,
          EnhancedModeVideo: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\MyVM.EnhancedSession' },
          },
          Keyboard: {},
          Mouse: {},
          NetworkAdapters: { [ENDPOINT]: { EndpointId: ENDPOINT, MacAddress: MAC } },
          Scsi: {
            'NanaBox Scsi Controller': {
              Attachments: {
                '0': { Path: 'D:\\VMs\\MyVM\\MyVM.vhdx', Type: 'VirtualDisk' },
                '1': { Path: 'D:\\VMs\\ISO\\Win11.iso', Type: 'Iso' },
              },
            },
          },
          VideoMonitor: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\MyVM.BasicSession' },
            HorizontalResolution: 1024,
            ResolutionType: 4,
            VerticalResolution: 768,
          },
        },
        GuestState: {
          GuestStateFilePath: 'D:\\VMs\\MyVM\\MyVM.vmgs',
          RuntimeStateFilePath: 'D:\\VMs\\MyVM\\MyVM.vmrs',
        },
      },
    });
  });

  it('orders every object by key, as nlohmann::json sends it', () => {
    const text = JSON.stringify(buildComputeSystemDocument(quickStart(), host()));
    expect(text).toBe(
      '{"Owner":"MyVM","SchemaVersion":{"Major":2,"Minor":1},"ShouldTerminateOnLastHandleClosed":true,' +
        '"VirtualMachine":{"Chipset":{"SystemInformation":null,"Uefi":{"Console":"Disabled"}},' +
        '"ComputeTopology":{"Memory":{"AllowOvercommit":true,"SizeInMB":2048},"Processor":{"Count":2}},' +
        '"Devices":{"ComPorts":null,"EnhancedModeVideo":{"ConnectionOptions":{"AccessSids":["' +
        SID +
        '"],"NamedPipe":"\\\\\\\\.\\\\pipe\\\\MyVM.EnhancedSession"}},"Keyboard":{},"Mouse":{},' +
        '"NetworkAdapters":{"' +
        ENDPOINT +
        '":{"EndpointId":"' +
        ENDPOINT +
        '","MacAddress":"' +
        MAC +
        '"}},"Scsi":{"NanaBox Scsi Controller":{"Attachments":{"0":{"Path":"D:\\\\VMs\\\\MyVM\\\\MyVM.vhdx",' +
        '"Type":"VirtualDisk"},"1":{"Path":"D:\\\\VMs\\\\ISO\\\\Win11.iso","Type":"Iso"}}}},' +
        '"VideoMonitor":{"ConnectionOptions":{"AccessSids":["' +
        SID +
        '"],"NamedPipe":"\\\\\\\\.\\\\pipe\\\\MyVM.BasicSession"},"HorizontalResolution":1024,' +
        '"ResolutionType":4,"VerticalResolution":768}},' +
        '"GuestState":{"GuestStateFilePath":"D:\\\\VMs\\\\MyVM\\\\MyVM.vmgs",' +
        '"RuntimeStateFilePath":"D:\\\\VMs\\\\MyVM\\\\MyVM.vmrs"}}}',
    );
  });

  it('leaves out SystemInformation and ResolutionType on build 19041', () => {
    const document = buildComputeSystemDocument(quickStart(), host({ build: 19041 }));
    expect(document.VirtualMachine.Chipset).toStrictEqual({ Uefi: { Console: 'Disabled' } });
    expect(document.VirtualMachine.Devices.VideoMonitor).toStrictEqual({
      ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\MyVM.BasicSession' },
      HorizontalResolution: 1024,
      VerticalResolution: 768,
    });
  });

  it('sends no GuestFeatureSet without policies, even on 26100', () => {
    const document = buildComputeSystemDocument(quickStart(), host({ build: 26100 }));
    expect(document.VirtualMachine.ComputeTopology).toStrictEqual({
      Memory: { AllowOvercommit: true, SizeInMB: 2048 },
      Processor: { Count: 2 },
    });
  });
});

describe('buildComputeSystemDocument: guest feature set', () => {
  const withPolicies = (policies: string[]): VmConfig => ({ ...quickStart(), Policies: policies });

  it('sets the policy bits and UseGuestFeatureSetFlags on 26100', () => {
    const document = buildComputeSystemDocument(
      withPolicies(['LegacyPcrMeasurement', 'DisableSha384Pcr', 'NotAPolicy']),
      host({ build: 26100 }),
    );
    expect(document.VirtualMachine.ComputeTopology).toStrictEqual({
      Compatibility: { GuestFeatureSet: 0x7 },
      Memory: { AllowOvercommit: true, SizeInMB: 2048 },
      Processor: { Count: 2 },
    });
  });

  it('sends 0 when no name is recognised', () => {
    const document = buildComputeSystemDocument(withPolicies(['NotAPolicy']), host({ build: 26100 }));
    expect(document.VirtualMachine.ComputeTopology.Compatibility).toStrictEqual({ GuestFeatureSet: 0 });
  });

  it('sends nothing below build 26100', () => {
    const document = buildComputeSystemDocument(withPolicies(['LegacyGpaLayout']), host({ build: 22631 }));
    expect(document.VirtualMachine.ComputeTopology).not.toHaveProperty('Compatibility');
  });

  it('maps every known policy to its bit', () => {
    expect(guestFeatureSet(['UseExtendedMaxVpPerSocketLimit'])).toBe(0x401);
    expect(
      guestFeatureSet([
        'LegacyPcrMeasurement',
        'DisableSha384Pcr',
        'LegacyRteWidth',
        'LegacyTrustedLaunchMemoryMap',
        'LegacyApicSelectionLogic',
        'LegacyApicManganeseOverride',
        'LegacyGpaLayout',
        'ForceLegacyHcl',
        'ForceCurrentHcl',
        'UseExtendedMaxVpPerSocketLimit',
      ]),
    ).toBe(0x7ff);
  });

  it('matches names exactly and ignores inherited object keys', () => {
    expect(guestFeatureSet(['legacypcrmeasurement', 'constructor', 'toString', '__proto__'])).toBe(0);
  });
});

describe('buildComputeSystemDocument: a fully configured VM', () => {
  const documented = (): VmConfig =>
    withStateFileDefaults(
      vmConfig({
        GuestType: 'Windows',
        Name: 'Demo',
        ProcessorCount: 4,
        MemorySize: 8192,
        ComPorts: { UefiConsole: 'ComPort1', ComPort1: '\\\\.\\pipe\\vmpipe1', ComPort2: '' },
        NetworkAdapters: [
          {
            Connected: false,
            MacAddress: '',
            EndpointId: '',
            SuggestedSwitchId: '',
            SuggestedSwitchName: '',
            SuggestedSwitchSubnet: '',
          },
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
          { Type: 'VirtualDisk', Path: 'Demo.vhdx' },
          { Type: 'VirtualImage', Path: '' },
          { Type: 'PhysicalDevice', Path: '\\\\.\\PhysicalDrive1' },
        ],
        SecureBoot: true,
        Tpm: true,
        GuestStateFile: 'State\\Demo.vmgs',
        SaveStateFile: defaultSaveStateFile('Demo'),
        ExposeVirtualizationExtensions: true,
        ChipsetInformation: {
          BaseBoardSerialNumber: 'BB-1',
          ChassisSerialNumber: 'CH-2',
          ChassisAssetTag: 'TAG-3',
          Manufacturer: 'Contoso',
          ProductName: '',
          Version: '',
          SerialNumber: 'SN-4',
          UUID: '',
          SKUNumber: '',
          Family: '',
        },
        VideoMonitor: { HorizontalResolution: 1920, VerticalResolution: 1080, DisableBasicSessionDpiScaling: true },
        Plan9Shares: [{ ReadOnly: true, Port: 50002, Path: 'Share', Name: 'work' }],
        VirtualSmbShares: [
          { ReadOnly: false, Path: 'E:\\Data', Name: 'data' },
          { ReadOnly: true, Path: '..\\Tools', Name: 'tools' },
        ],
      }),
    );

  it('matches NanaBox on build 20348', () => {
    const folder = 'D:\\VMs\\Demo';
    expect(buildComputeSystemDocument(documented(), host({ vmFolder: folder }))).toStrictEqual({
      Owner: 'Demo',
      SchemaVersion: { Major: 2, Minor: 1 },
      ShouldTerminateOnLastHandleClosed: true,
      VirtualMachine: {
        Chipset: {
          BaseBoardSerialNumber: 'BB-1',
          ChassisAssetTag: 'TAG-3',
          ChassisSerialNumber: 'CH-2',
          SystemInformation: { Manufacturer: 'Contoso', SerialNumber: 'SN-4' },
          Uefi: {
            ApplySecureBootTemplate: 'Apply',
            Console: 'ComPort1',
            SecureBootTemplateId: '1734c6e8-3154-4dda-ba5f-a874cc483422',
          },
        },
        ComputeTopology: {
          Memory: { AllowOvercommit: true, SizeInMB: 8192 },
          Processor: { Count: 4, ExposeVirtualizationExtensions: true },
        },
        Devices: {
          ComPorts: { '0': { NamedPipe: '\\\\.\\pipe\\vmpipe1' } },
          EnhancedModeVideo: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\Demo.EnhancedSession' },
          },
          Keyboard: {},
          Mouse: {},
          NetworkAdapters: { [ENDPOINT]: { EndpointId: ENDPOINT, MacAddress: MAC } },
          Plan9: {
            Shares: [{ AccessName: 'work', Flags: 1, Name: 'work', Path: 'D:\\VMs\\Demo\\Share', Port: 50002 }],
          },
          Scsi: {
            'NanaBox Scsi Controller': {
              Attachments: {
                '0': { Path: 'D:\\VMs\\Demo\\Demo.vhdx', Type: 'VirtualDisk' },
                '1': { Path: '', Type: 'Iso' },
                '2': { Path: '\\\\.\\PhysicalDrive1', Type: 'PassThru' },
              },
            },
          },
          VideoMonitor: {
            ConnectionOptions: { AccessSids: [SID], NamedPipe: '\\\\.\\pipe\\Demo.BasicSession' },
            HorizontalResolution: 1920,
            VerticalResolution: 1080,
          },
          VirtualSmb: {
            Shares: [
              { Name: 'data', Options: { SupportCloudFiles: true }, Path: 'E:\\Data' },
              {
                Name: 'tools',
                Options: {
                  CacheIo: true,
                  PseudoOplocks: true,
                  ReadOnly: true,
                  ShareRead: true,
                  SupportCloudFiles: true,
                },
                Path: 'D:\\VMs\\Tools',
              },
            ],
          },
        },
        GuestState: {
          GuestStateFilePath: 'D:\\VMs\\Demo\\State\\Demo.vmgs',
          RuntimeStateFilePath: 'D:\\VMs\\Demo\\Demo.vmrs',
        },
        RestoreState: { SaveStateFilePath: 'D:\\VMs\\Demo\\Demo.SaveState.vmrs' },
        SecuritySettings: { EnableTpm: true, Isolation: { IsolationType: 'GuestStateOnly' } },
      },
    });
  });

  it('puts COM2 alone under key "1"', () => {
    const config = vmConfig({ ComPorts: { UefiConsole: 'Default', ComPort1: '', ComPort2: '\\\\.\\pipe\\com2' } });
    const document = buildComputeSystemDocument(config, host());
    expect(document.VirtualMachine.Devices.ComPorts).toStrictEqual({ '1': { NamedPipe: '\\\\.\\pipe\\com2' } });
    expect(document.VirtualMachine.Chipset.Uefi).toStrictEqual({ Console: 'Default' });
  });

  it('sends NetworkAdapters null when no adapter is connected, and no key without adapters', () => {
    const disconnected = vmConfig({
      NetworkAdapters: [
        {
          Connected: false,
          MacAddress: MAC,
          EndpointId: ENDPOINT,
          SuggestedSwitchId: '',
          SuggestedSwitchName: '',
          SuggestedSwitchSubnet: '',
        },
      ],
    });
    expect(buildComputeSystemDocument(disconnected, host()).VirtualMachine.Devices.NetworkAdapters).toBeNull();
    expect(buildComputeSystemDocument(vmConfig(), host()).VirtualMachine.Devices).not.toHaveProperty(
      'NetworkAdapters',
    );
  });

  it('sends neither Scsi, Plan9, VirtualSmb, GuestState, RestoreState nor SecuritySettings when unset', () => {
    const document = buildComputeSystemDocument(vmConfig(), host());
    expect(Object.keys(document.VirtualMachine)).toEqual(['Chipset', 'ComputeTopology', 'Devices']);
    expect(Object.keys(document.VirtualMachine.Devices)).toEqual([
      'ComPorts',
      'EnhancedModeVideo',
      'Keyboard',
      'Mouse',
      'VideoMonitor',
    ]);
  });

  it('sends ResolutionType only at exactly 1024x768', () => {
    const config = vmConfig({
      VideoMonitor: { HorizontalResolution: 1024, VerticalResolution: 600, DisableBasicSessionDpiScaling: false },
    });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Devices.VideoMonitor).not.toHaveProperty(
      'ResolutionType',
    );
  });
});

describe('buildComputeSystemDocument: host driver store shares', () => {
  const folders = {
    driverStore: 'C:\\Windows\\System32\\DriverStore',
    fileRepository: 'C:\\Windows\\System32\\DriverStore\\FileRepository',
    lxssLib: 'C:\\Windows\\System32\\lxss\\lib',
  };
  const withDriverStore = (enable: boolean): VmConfig =>
    vmConfig({
      Gpu: { AssignmentMode: 'Default', EnableHostDriverStore: enable, SelectedDevices: [] },
      Plan9Shares: [{ ReadOnly: false, Port: 50003, Path: 'p9', Name: 'mine' }],
      VirtualSmbShares: [{ ReadOnly: false, Path: 'smb', Name: 'mysmb' }],
    });
  const readOnly = { CacheIo: true, PseudoOplocks: true, ReadOnly: true, ShareRead: true, SupportCloudFiles: true };

  it('puts the host shares before the user shares', () => {
    const document = buildComputeSystemDocument(withDriverStore(true), host({ hostDriverFolders: folders }));
    const devices = document.VirtualMachine.Devices;
    expect(devices.Plan9).toStrictEqual({
      Shares: [
        { AccessName: 'HostDriverStore', Flags: 1, Name: 'HostDriverStore', Path: folders.driverStore, Port: 50001 },
        {
          AccessName: 'NanaBox.HostDrivers',
          Flags: 1,
          Name: 'NanaBox.HostDrivers',
          Path: folders.fileRepository,
          Port: 50001,
        },
        {
          AccessName: 'NanaBox.HostLxssLib',
          Flags: 1,
          Name: 'NanaBox.HostLxssLib',
          Path: folders.lxssLib,
          Port: 50001,
        },
        { AccessName: 'mine', Flags: 0, Name: 'mine', Path: 'D:\\VMs\\MyVM\\p9', Port: 50003 },
      ],
    });
    expect(devices.VirtualSmb).toStrictEqual({
      Shares: [
        { Name: 'NanaBox.HostDrivers', Options: readOnly, Path: folders.fileRepository },
        { Name: 'NanaBox.HostLxssLib', Options: readOnly, Path: folders.lxssLib },
        { Name: 'mysmb', Options: { SupportCloudFiles: true }, Path: 'D:\\VMs\\MyVM\\smb' },
      ],
    });
  });

  it('skips the folders the host does not have', () => {
    const devices = buildComputeSystemDocument(
      withDriverStore(true),
      host({ hostDriverFolders: { fileRepository: folders.fileRepository } }),
    ).VirtualMachine.Devices;
    expect(devices.Plan9?.Shares.map((share) => share.Name)).toEqual(['NanaBox.HostDrivers', 'mine']);
    expect(devices.VirtualSmb?.Shares.map((share) => share.Name)).toEqual(['NanaBox.HostDrivers', 'mysmb']);
  });

  it('shares no host folder unless EnableHostDriverStore is set', () => {
    const devices = buildComputeSystemDocument(withDriverStore(false), host({ hostDriverFolders: folders }))
      .VirtualMachine.Devices;
    expect(devices.Plan9?.Shares.map((share) => share.Name)).toEqual(['mine']);
    expect(devices.VirtualSmb?.Shares.map((share) => share.Name)).toEqual(['mysmb']);
  });

  it('creates the share lists from host folders alone', () => {
    const config = vmConfig({ Gpu: { AssignmentMode: 'Mirror', EnableHostDriverStore: true, SelectedDevices: [] } });
    const devices = buildComputeSystemDocument(config, host({ hostDriverFolders: { lxssLib: folders.lxssLib } }))
      .VirtualMachine.Devices;
    expect(devices.Plan9?.Shares).toHaveLength(1);
    expect(devices.VirtualSmb?.Shares).toHaveLength(1);
  });
});

describe('buildComputeSystemDocument: Hako additions', () => {
  it('uses the Microsoft UEFI CA template when chosen', () => {
    const config = vmConfig({ SecureBoot: true, Hako: { SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' } });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Chipset.Uefi).toStrictEqual({
      ApplySecureBootTemplate: 'Apply',
      Console: 'Disabled',
      SecureBootTemplateId: '272e7447-90a4-4563-a4b9-8e4ab00526ce',
    });
  });

  it('sends no template without SecureBoot, whatever the choice', () => {
    const config = vmConfig({ Hako: { SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' } });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Chipset.Uefi).toStrictEqual({
      Console: 'Disabled',
    });
  });

  it('takes the owner and the handle policy from the options', () => {
    const document = buildComputeSystemDocument(vmConfig(), host(), {
      owner: `Hako/${SID}`,
      terminateOnLastHandleClosed: false,
    });
    expect(document.Owner).toBe(`Hako/${SID}`);
    expect(document.ShouldTerminateOnLastHandleClosed).toBe(false);
  });

  it('names the shutdown integration component when asked, on builds whose schema has Services (2.5, 20348)', () => {
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 26100 }), { shutdownService: true }).VirtualMachine.Services).toStrictEqual({ Shutdown: {} });
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 20348 }), { shutdownService: true }).VirtualMachine.Services).toStrictEqual({ Shutdown: {} });
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 19045 }), { shutdownService: true }).VirtualMachine).not.toHaveProperty('Services');
    // NanaBox's document (the CLI's default) has none.
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 26100 })).VirtualMachine).not.toHaveProperty('Services');
    const text = JSON.stringify(buildComputeSystemDocument(vmConfig({ Tpm: true }), host({ build: 26100 }), { shutdownService: true }).VirtualMachine);
    expect(text.indexOf('"SecuritySettings"')).toBeLessThan(text.indexOf('"Services"'));
  });

  it('resolves paths with POSIX rules for a POSIX folder', () => {
    const config = withStateFileDefaults(
      vmConfig({
        ScsiDevices: [{ Type: 'VirtualDisk', Path: 'disks/MyVM.vhdx' }],
        Plan9Shares: [{ ReadOnly: false, Port: 50001, Path: '../shared/', Name: 'shared' }],
        SaveStateFile: 'MyVM.SaveState.vmrs',
      }),
    );
    const vm = buildComputeSystemDocument(config, host({ vmFolder: '/srv/vms/MyVM' })).VirtualMachine;
    const disk = vm.Devices.Scsi?.['NanaBox Scsi Controller']?.Attachments['0'];
    expect(disk?.Path).toBe('/srv/vms/MyVM/disks/MyVM.vhdx');
    expect(vm.Devices.Plan9?.Shares[0]?.Path).toBe('/srv/vms/shared/');
    expect(vm.GuestState).toStrictEqual({
      GuestStateFilePath: '/srv/vms/MyVM/MyVM.vmgs',
      RuntimeStateFilePath: '/srv/vms/MyVM/MyVM.vmrs',
    });
    expect(vm.RestoreState).toStrictEqual({ SaveStateFilePath: '/srv/vms/MyVM/MyVM.SaveState.vmrs' });
  });

  it('refuses a Plan 9 share without a port', () => {
    const config = vmConfig({
      Plan9Shares: [
        { ReadOnly: false, Port: 50001, Path: 'a', Name: 'a' },
        { ReadOnly: false, Port: null, Path: 'b', Name: 'b' },
      ],
    });
    let caught: unknown;
    try {
      buildComputeSystemDocument(config, host());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentError);
    expect(caught).toMatchObject({
      name: 'DocumentError',
      code: 'Plan9PortMissing',
      path: '/NanaBox/Plan9Shares/1/Port',
    });
  });
});
