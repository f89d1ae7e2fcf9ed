/* GetVirtualDiskInformation: every GET_VIRTUAL_DISK_INFO member the stand-in answers. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "virtdisk_internal.h"

static uint32_t parent_location(const disk *d, const char16_t *parent, uint32_t *size, disk_info *info, uint32_t *used) {
  if (!parent) return SA_ERROR_INVALID_PARAMETER;
  size_t units = sa_u16len(parent) + (d->no_parents ? 2 : 1);
  uint32_t needed = (uint32_t)(offsetof(disk_info, u.parent_location.buffer) + units * sizeof(char16_t));
  if (*size < needed) {
    *size = needed;
    if (used) *used = 0;
    return SA_ERROR_INSUFFICIENT_BUFFER;
  }
  int32_t resolved = !d->no_parents;
  memcpy((char *)info + offsetof(disk_info, u.parent_location.parent_resolved), &resolved, sizeof resolved);
  char16_t *buffer = (char16_t *)((char *)info + offsetof(disk_info, u.parent_location.buffer));
  memset(buffer, 0, units * sizeof(char16_t));
  memcpy(buffer, parent, sa_u16len(parent) * sizeof(char16_t));
  if (used) *used = needed;
  return 0;
}

SA_EXPORT uint32_t SA_CALL GetVirtualDiskInformation(void *VirtualDiskHandle, uint32_t *VirtualDiskInfoSize,
                                                     disk_info *VirtualDiskInfo, uint32_t *SizeUsed) {
  vd_api_enter("GetVirtualDiskInformation");
  uint32_t err = (uint32_t)vd_take_fault("GetVirtualDiskInformation");
  disk *d = err ? NULL : vd_find_disk(VirtualDiskHandle);
  disk_header h;
  uint64_t file_size = 0;
  if (!err && !d) err = ERROR_INVALID_HANDLE_;
  if (!err && (!VirtualDiskInfoSize || !VirtualDiskInfo)) err = SA_ERROR_INVALID_PARAMETER;
  if (!err) err = vd_read_header(d->path, &h);
  if (!err) err = sa_file_stat(d->path, NULL, &file_size, NULL);
  if (err) {
    pthread_mutex_unlock(&g_mu);
    return err;
  }
  char16_t parent[PARENT_MAX_UNITS];
  sa_guid parent_id;
  int differencing = vd_read_parent(d->path, parent, &parent_id);
  if (VirtualDiskInfo->version == 3) { /* PARENT_LOCATION: variable size */
    err = parent_location(d, differencing ? parent : NULL, VirtualDiskInfoSize, VirtualDiskInfo, SizeUsed);
    pthread_mutex_unlock(&g_mu);
    return err;
  }
  size_t member;
  disk_info out;
  memset(&out, 0, sizeof out);
  out.version = VirtualDiskInfo->version;
  switch (VirtualDiskInfo->version) {
    case 1: /* SIZE; PhysicalSize is the file's length, as Windows reports it */
      member = sizeof out.u.size;
      out.u.size.virtual_size = h.virtual_size;
      out.u.size.physical_size = file_size;
      out.u.size.block_size = h.fixed ? 0 : h.block_size;
      out.u.size.sector_size = h.sector_size;
      break;
    case 2:  /* IDENTIFIER */
    case 14: /* VIRTUAL_DISK_ID */
      member = sizeof out.u.identifier;
      out.u.identifier = h.unique_id;
      break;
    case 6: /* VIRTUAL_STORAGE_TYPE */
      member = sizeof out.u.storage;
      out.u.storage.device_id = h.format;
      out.u.storage.vendor_id = vendor_microsoft;
      break;
    case 4: /* PARENT_IDENTIFIER: only a differencing disk has one (the code otherwise is not documented) */
      if (!differencing) {
        pthread_mutex_unlock(&g_mu);
        return SA_ERROR_INVALID_PARAMETER;
      }
      member = sizeof out.u.identifier;
      out.u.identifier = parent_id;
      break;
    case 7: /* PROVIDER_SUBTYPE */
      member = sizeof out.u.provider_subtype;
      out.u.provider_subtype = differencing ? SUBTYPE_DIFFERENCING : h.fixed ? SUBTYPE_FIXED : SUBTYPE_DYNAMIC;
      break;
    case 8: /* IS_4K_ALIGNED */
    case 13: /* IS_LOADED */
      member = sizeof out.u.boolean;
      out.u.boolean = VirtualDiskInfo->version == 8;
      break;
    case 9: /* PHYSICAL_DISK */
      member = sizeof out.u.physical_disk;
      out.u.physical_disk.logical_sector_size = h.sector_size;
      out.u.physical_disk.physical_sector_size = h.physical_sector_size;
      break;
    case 10: /* VHD_PHYSICAL_SECTOR_SIZE */
      member = sizeof out.u.vhd_physical_sector_size;
      out.u.vhd_physical_sector_size = h.physical_sector_size;
      break;
    case 11: /* SMALLEST_SAFE_VIRTUAL_SIZE */
      member = sizeof out.u.smallest_safe_virtual_size;
      out.u.smallest_safe_virtual_size = h.smallest_safe;
      break;
    case 12: /* FRAGMENTATION */
      member = sizeof out.u.fragmentation_percentage;
      break;
    default: pthread_mutex_unlock(&g_mu); return SA_ERROR_INVALID_PARAMETER;
  }
  uint32_t needed = (uint32_t)(offsetof(disk_info, u) + member);
  if (*VirtualDiskInfoSize < needed) {
    err = SA_ERROR_INSUFFICIENT_BUFFER;
    *VirtualDiskInfoSize = needed; /* the size the caller has to pass */
  } else memcpy(VirtualDiskInfo, &out, needed);
  if (SizeUsed) *SizeUsed = err ? 0 : needed;
  pthread_mutex_unlock(&g_mu);
  return err;
}
