/** How the window names values of a VM's file where the value itself is not a word for people. */
import type { GpuAssignmentMode, ScsiDeviceType } from '../../../../app/config/model.js';

export const GPU_ASSIGNMENT_LABELS: Readonly<Record<GpuAssignmentMode, string>> = {
  Disabled: 'None',
  Default: 'Default GPU (GPU-PV)',
  List: 'Selected GPUs',
  Mirror: 'All GPUs (mirror)',
};

export const SCSI_TYPE_LABELS: Readonly<Record<ScsiDeviceType, string>> = {
  VirtualDisk: 'Virtual disk',
  VirtualImage: 'DVD drive (ISO)',
  PhysicalDevice: 'Physical disk',
};
