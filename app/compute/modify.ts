/**
 * `HcsModifyComputeSystem` requests for the changes NanaBox applies to a running VM
 * (NanaBox/ConfigurationManager.cpp `ComputeSystemUpdate*`/`Add*`/`Remove*`; ModifySettingRequest and the
 * resource paths of Microsoft's HcsModifyComputeSystem reference). Keys are in byte order, as NanaBox's
 * `nlohmann::json` sends them.
 */
import type { Gpu, GpuAssignmentMode, NetworkAdapter, ScsiDevice } from '../config/model.js';
import { SCSI_CONTROLLER_NAME, comPortDocument, networkAdapterDocument, scsiAttachmentDocument } from './document.js';
import type { ComPortDocument, NetworkAdapterDocument, ScsiAttachmentDocument } from './document-types.js';

export type ModifyRequestType = 'Add' | 'Remove' | 'Update';

export interface ModifySettingRequest<TSettings> {
  RequestType: ModifyRequestType;
  ResourcePath: string;
  /** Absent where HCS ignores it (a SCSI Remove). */
  Settings?: TSettings;
}

export interface GpuConfigurationDocument {
  AllowVendorExtension: true;
  AssignmentMode: GpuAssignmentMode;
  /** Device-interface path → partition id (0xFFFF: GPU-PV, HCS picks); only with `List`. */
  AssignmentRequest?: Record<string, number>;
}

export const GPU_RESOURCE_PATH = 'VirtualMachine/ComputeTopology/Gpu';
export const MEMORY_RESOURCE_PATH = 'VirtualMachine/ComputeTopology/Memory/SizeInMB';

export function comPortResourcePath(index: ComPortIndex): string {
  return `VirtualMachine/Devices/ComPorts/${index}`;
}

export function networkAdapterResourcePath(endpointId: string): string {
  return `VirtualMachine/Devices/NetworkAdapters/${endpointId}`;
}

export function scsiAttachmentResourcePath(lun: number): string {
  return `VirtualMachine/Devices/Scsi/${SCSI_CONTROLLER_NAME}/Attachments/${lun}`;
}

/**
 * GPU assignment, sent after every start (GPU-PV is not part of the create document) and whenever the
 * setting changes. `List` with nothing selected goes out as `Disabled`, as in NanaBox.
 */
export function gpuUpdateRequest(gpu: Gpu): ModifySettingRequest<GpuConfigurationDocument> {
  let settings: GpuConfigurationDocument;
  if (gpu.AssignmentMode === 'List') {
    if (gpu.SelectedDevices.length > 0) {
      const request: Record<string, number> = {};
      // Same device twice: the later entry wins, as in NanaBox's map (the parser already merges them).
      for (const device of gpu.SelectedDevices) request[device.DeviceInterface] = device.PartitionId;
      settings = { AllowVendorExtension: true, AssignmentMode: 'List', AssignmentRequest: request };
    } else {
      settings = { AllowVendorExtension: true, AssignmentMode: 'Disabled' };
    }
  } else {
    settings = { AllowVendorExtension: true, AssignmentMode: gpu.AssignmentMode };
  }
  return { RequestType: 'Update', ResourcePath: GPU_RESOURCE_PATH, Settings: settings };
}

/** Memory resize; HCS accepts it only once the guest has booted and supports hot-add/ballooning. */
export function memoryUpdateRequest(sizeInMB: number): ModifySettingRequest<number> {
  return { RequestType: 'Update', ResourcePath: MEMORY_RESOURCE_PATH, Settings: sizeInMB };
}

/** `0` is COM1 (`ComPorts.ComPort1`), `1` is COM2. */
export type ComPortIndex = 0 | 1;

/**
 * Attach, detach or re-point a COM port. NanaBox sends the pipe on Remove as well (the one being
 * removed); it is optional there.
 */
export function comPortRequest(
  index: ComPortIndex,
  type: 'Add' | 'Update',
  namedPipe: string,
): ModifySettingRequest<ComPortDocument>;
export function comPortRequest(
  index: ComPortIndex,
  type: 'Remove',
  namedPipe?: string,
): ModifySettingRequest<ComPortDocument>;
export function comPortRequest(
  index: ComPortIndex,
  type: ModifyRequestType,
  namedPipe?: string,
): ModifySettingRequest<ComPortDocument> {
  const request: ModifySettingRequest<ComPortDocument> = {
    RequestType: type,
    ResourcePath: comPortResourcePath(index),
  };
  if (namedPipe !== undefined) request.Settings = comPortDocument(namedPipe);
  return request;
}

/**
 * Hot-add or hot-remove a network adapter, addressed by its EndpointId (HCS has no Update for
 * adapters). NanaBox sends the adapter on Remove too.
 */
export function networkAdapterRequest(
  type: 'Add' | 'Remove',
  adapter: NetworkAdapter,
): ModifySettingRequest<NetworkAdapterDocument> {
  return {
    RequestType: type,
    ResourcePath: networkAdapterResourcePath(adapter.EndpointId),
    Settings: networkAdapterDocument(adapter),
  };
}

/**
 * Add a SCSI attachment, change its medium (NanaBox swaps ISOs with Update) or remove it. The
 * controller exists only when the VM was created with at least one SCSI device. `device` is not sent
 * on Remove, where HCS ignores Settings (NanaBox itself never removes SCSI attachments).
 */
export function scsiAttachmentRequest(
  type: ModifyRequestType,
  lun: number,
  device: ScsiDevice,
  vmFolder: string,
): ModifySettingRequest<ScsiAttachmentDocument> {
  if (!Number.isSafeInteger(lun) || lun < 0) {
    throw new RangeError(`scsiAttachmentRequest: LUN must be a non-negative integer, got ${lun}`);
  }
  const request: ModifySettingRequest<ScsiAttachmentDocument> = {
    RequestType: type,
    ResourcePath: scsiAttachmentResourcePath(lun),
  };
  if (type !== 'Remove') request.Settings = scsiAttachmentDocument(device, vmFolder);
  return request;
}

/**
 * Inserts an image into a running VM's DVD drive, or ejects it (`image` null): an Update of the drive's
 * attachment with the new path, as NanaBox swaps ISOs (its reload sends Update with `{Type, Path}`), and
 * the empty path NanaBox gives a drive without a medium. The drive must already exist in the VM.
 */
export function mediaRequest(lun: number, image: string | null, vmFolder: string): ModifySettingRequest<ScsiAttachmentDocument> {
  return scsiAttachmentRequest('Update', lun, { Type: 'VirtualImage', Path: image ?? '' }, vmFolder);
}
