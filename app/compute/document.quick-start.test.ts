// buildComputeSystemDocument for NanaBox's Quick Start VM: the document NanaBox sends, key order, build differences.
import { describe, expect, it } from 'vitest';
import { ENDPOINT, host, MAC, quickStart, SID } from '../../test/support/compute-document-rig.js';
import { buildComputeSystemDocument } from './document.js';

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
