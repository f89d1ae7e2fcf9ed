import { describe, expect, it } from 'vitest';
import type { Gpu, NetworkAdapter } from '../config/model.js';
import {
  comPortRequest,
  gpuUpdateRequest,
  mediaRequest,
  memoryUpdateRequest,
  networkAdapterRequest,
  scsiAttachmentRequest,
} from './modify.js';

const ENDPOINT = '6a3c0f4e-9d2b-4b7e-8c1a-2f5e7d9b0c11';
const MAC = '00-15-5D-64-2F-AB';
const GPU_A = '\\\\?\\PCI#VEN_10DE&DEV_2484#4&1#{1ca05180-a699-450a-9a0c-de4fbe3ddd89}';
const GPU_B = '\\\\?\\PCI#VEN_8086&DEV_4680#3&2#{1ca05180-a699-450a-9a0c-de4fbe3ddd89}';

function gpu(overrides: Partial<Gpu>): Gpu {
  return { AssignmentMode: 'Disabled', EnableHostDriverStore: false, SelectedDevices: [], ...overrides };
}

function adapter(overrides: Partial<NetworkAdapter> = {}): NetworkAdapter {
  return {
    Connected: true,
    MacAddress: MAC,
    EndpointId: ENDPOINT,
    SuggestedSwitchId: '',
    SuggestedSwitchName: '',
    SuggestedSwitchSubnet: '',
    ...overrides,
  };
}

describe('gpuUpdateRequest', () => {
  it('sends the mode with AllowVendorExtension', () => {
    expect(gpuUpdateRequest(gpu({ AssignmentMode: 'Mirror' }))).toStrictEqual({
      RequestType: 'Update',
      ResourcePath: 'VirtualMachine/ComputeTopology/Gpu',
      Settings: { AllowVendorExtension: true, AssignmentMode: 'Mirror' },
    });
    expect(gpuUpdateRequest(gpu({ AssignmentMode: 'Default' })).Settings).toStrictEqual({
      AllowVendorExtension: true,
      AssignmentMode: 'Default',
    });
    expect(gpuUpdateRequest(gpu({ AssignmentMode: 'Disabled' })).Settings).toStrictEqual({
      AllowVendorExtension: true,
      AssignmentMode: 'Disabled',
    });
  });

  it('maps each selected device to its partition for List', () => {
    const request = gpuUpdateRequest(
      gpu({
        AssignmentMode: 'List',
        SelectedDevices: [
          { DeviceInterface: GPU_A, PartitionId: 0xffff },
          { DeviceInterface: GPU_B, PartitionId: 2 },
        ],
      }),
    );
    expect(request.Settings).toStrictEqual({
      AllowVendorExtension: true,
      AssignmentMode: 'List',
      AssignmentRequest: { [GPU_A]: 65535, [GPU_B]: 2 },
    });
  });

  it('turns List without devices into Disabled', () => {
    expect(gpuUpdateRequest(gpu({ AssignmentMode: 'List' })).Settings).toStrictEqual({
      AllowVendorExtension: true,
      AssignmentMode: 'Disabled',
    });
  });

  it('sends no AssignmentRequest outside List', () => {
    const request = gpuUpdateRequest(
      gpu({ AssignmentMode: 'Mirror', SelectedDevices: [{ DeviceInterface: GPU_A, PartitionId: 1 }] }),
    );
    expect(request.Settings).not.toHaveProperty('AssignmentRequest');
  });
});

describe('memoryUpdateRequest', () => {
  it('sends the size as a bare number', () => {
    expect(memoryUpdateRequest(4096)).toStrictEqual({
      RequestType: 'Update',
      ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
      Settings: 4096,
    });
  });
});

describe('comPortRequest', () => {
  it('adds COM1 at index 0', () => {
    expect(comPortRequest(0, 'Add', '\\\\.\\pipe\\vmpipe1')).toStrictEqual({
      RequestType: 'Add',
      ResourcePath: 'VirtualMachine/Devices/ComPorts/0',
      Settings: { NamedPipe: '\\\\.\\pipe\\vmpipe1' },
    });
  });

  it('updates COM2 at index 1', () => {
    expect(comPortRequest(1, 'Update', '\\\\.\\pipe\\com2')).toStrictEqual({
      RequestType: 'Update',
      ResourcePath: 'VirtualMachine/Devices/ComPorts/1',
      Settings: { NamedPipe: '\\\\.\\pipe\\com2' },
    });
  });

  it('removes with or without the old pipe', () => {
    expect(comPortRequest(1, 'Remove', '\\\\.\\pipe\\com2')).toStrictEqual({
      RequestType: 'Remove',
      ResourcePath: 'VirtualMachine/Devices/ComPorts/1',
      Settings: { NamedPipe: '\\\\.\\pipe\\com2' },
    });
    expect(comPortRequest(0, 'Remove')).toStrictEqual({
      RequestType: 'Remove',
      ResourcePath: 'VirtualMachine/Devices/ComPorts/0',
    });
  });
});

describe('networkAdapterRequest', () => {
  it('adds an adapter under its endpoint id', () => {
    expect(networkAdapterRequest('Add', adapter())).toStrictEqual({
      RequestType: 'Add',
      ResourcePath: `VirtualMachine/Devices/NetworkAdapters/${ENDPOINT}`,
      Settings: { EndpointId: ENDPOINT, MacAddress: MAC },
    });
  });

  it('removes an adapter, marking a disconnected one Disabled as NanaBox does', () => {
    expect(networkAdapterRequest('Remove', adapter({ Connected: false }))).toStrictEqual({
      RequestType: 'Remove',
      ResourcePath: `VirtualMachine/Devices/NetworkAdapters/${ENDPOINT}`,
      Settings: { ConnectionState: 'Disabled', EndpointId: ENDPOINT, MacAddress: MAC },
    });
  });
});

describe('scsiAttachmentRequest', () => {
  it('adds a disk with its path resolved against the VM folder', () => {
    expect(scsiAttachmentRequest('Add', 2, { Type: 'VirtualDisk', Path: 'data.vhdx' }, 'D:\\VMs\\MyVM')).toStrictEqual(
      {
        RequestType: 'Add',
        ResourcePath: 'VirtualMachine/Devices/Scsi/NanaBox Scsi Controller/Attachments/2',
        Settings: { Path: 'D:\\VMs\\MyVM\\data.vhdx', Type: 'VirtualDisk' },
      },
    );
  });

  it('swaps the medium of a DVD drive with Update', () => {
    expect(
      scsiAttachmentRequest('Update', 1, { Type: 'VirtualImage', Path: '..\\ISO\\x.iso' }, 'D:\\VMs\\MyVM'),
    ).toStrictEqual({
      RequestType: 'Update',
      ResourcePath: 'VirtualMachine/Devices/Scsi/NanaBox Scsi Controller/Attachments/1',
      Settings: { Path: 'D:\\VMs\\ISO\\x.iso', Type: 'Iso' },
    });
    const empty = scsiAttachmentRequest('Update', 1, { Type: 'VirtualImage', Path: '' }, 'D:\\VMs\\MyVM');
    expect(empty.Settings).toStrictEqual({ Path: '', Type: 'Iso' });
  });

  it('passes a physical drive through', () => {
    expect(
      scsiAttachmentRequest('Add', 0, { Type: 'PhysicalDevice', Path: '\\\\.\\PhysicalDrive1' }, 'D:\\VMs\\MyVM')
        .Settings,
    ).toStrictEqual({ Path: '\\\\.\\PhysicalDrive1', Type: 'PassThru' });
  });

  it('removes without settings', () => {
    expect(scsiAttachmentRequest('Remove', 3, { Type: 'VirtualDisk', Path: 'x.vhdx' }, '/srv/vms')).toStrictEqual({
      RequestType: 'Remove',
      ResourcePath: 'VirtualMachine/Devices/Scsi/NanaBox Scsi Controller/Attachments/3',
    });
  });

  it('uses POSIX rules for a POSIX folder', () => {
    expect(scsiAttachmentRequest('Add', 0, { Type: 'VirtualDisk', Path: 'x.vhdx' }, '/srv/vms').Settings).toStrictEqual(
      { Path: '/srv/vms/x.vhdx', Type: 'VirtualDisk' },
    );
  });

  it('refuses a LUN that is not a non-negative integer', () => {
    const device = { Type: 'VirtualDisk', Path: 'x.vhdx' } as const;
    expect(() => scsiAttachmentRequest('Add', -1, device, '/srv')).toThrow(RangeError);
    expect(() => scsiAttachmentRequest('Add', 1.5, device, '/srv')).toThrow(RangeError);
  });

  it('changes a DVD drive’s medium with an Update, and ejects it with an empty path', () => {
    expect(mediaRequest(1, 'D:\\ISO\\setup.iso', 'D:\\VMs\\MyVM')).toStrictEqual({
      RequestType: 'Update',
      ResourcePath: 'VirtualMachine/Devices/Scsi/NanaBox Scsi Controller/Attachments/1',
      Settings: { Path: 'D:\\ISO\\setup.iso', Type: 'Iso' },
    });
    expect(mediaRequest(0, null, '/srv/vms').Settings).toStrictEqual({ Path: '', Type: 'Iso' });
  });
});
