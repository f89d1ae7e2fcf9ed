/*
 * Stand-in for virtdisk.dll: CreateVirtualDisk, OpenVirtualDisk, ResizeVirtualDisk, CompactVirtualDisk,
 * GetVirtualDiskInformation and GetVirtualDiskOperationProgress with Microsoft's virtdisk.h layouts
 * (x64). Disks are real files with a small header of our own (not real VHD/VHDX): fixed disks are
 * header + virtual size (sparse), dynamic and differencing disks are 4 KiB (a differencing disk names
 * its parent after the header).
 *
 * Calls given an OVERLAPPED run on a thread of ours at StandInVirtDiskSetBytesPerSecond speed and return
 * ERROR_IO_PENDING; progress and the final status come from GetVirtualDiskOperationProgress (and the
 * OVERLAPPED's Internal/hEvent on Windows). Handles: on Linux a pointer of ours, closed with the
 * CloseHandle and cancelled with the CancelIoEx this library exports; on Windows a real file handle (so
 * kernel32's CloseHandle works), with StandInVirtDiskCancel standing in for CancelIoEx, which cannot
 * cancel I/O that the kernel never saw.
 */
/* This file: CreateVirtualDisk and OpenVirtualDisk, and the checks of their parameters. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "virtdisk_internal.h"

/* ==== Exports ===================================================================================== */

static uint32_t storage_device(const storage_type *type, const char16_t *path, uint32_t *device) {
  if (!type) return SA_ERROR_INVALID_PARAMETER;
  if (!sa_guid_is_zero(&type->vendor_id) && memcmp(&type->vendor_id, &vendor_microsoft, sizeof vendor_microsoft) != 0)
    return SA_ERROR_INVALID_PARAMETER;
  *device = type->device_id;
  if (*device == DEVICE_UNKNOWN && path) { /* chosen by extension, as virtdisk does */
    size_t n = sa_u16len(path);
    const char16_t *dot = path + n;
    while (dot > path && *dot != '.' && *dot != '\\' && *dot != '/') dot--;
    char ext[6] = {0};
    for (size_t i = 0; *dot == '.' && i < 5 && dot[i + 1]; i++)
      ext[i] = (char)(dot[i + 1] < 128 ? dot[i + 1] : '?');
    if (sa_strieq(ext, "vhd")) *device = DEVICE_VHD;
    else if (sa_strieq(ext, "vhdx")) *device = DEVICE_VHDX;
  }
  if (*device == DEVICE_ISO) return SA_ERROR_NOT_SUPPORTED;
  return *device == DEVICE_VHD || *device == DEVICE_VHDX || *device == DEVICE_UNKNOWN ? 0 : SA_ERROR_INVALID_PARAMETER;
}

static int power_of_two(uint32_t v) { return v && !(v & (v - 1)); }

/* A path a caller may pass as ParentPath: "fully qualified" (CREATE_VIRTUAL_DISK_PARAMETERS), i.e.
 * `X:\…`, `\\…` or, for the Linux build, `/…`. */
static int fully_qualified(const char16_t *p) {
  int sep0 = p[0] == '\\' || p[0] == '/', sep1 = p[0] && (p[1] == '\\' || p[1] == '/');
  if (sep0 && sep1) return 1;
#ifndef _WIN32
  if (sep0) return 1;
#endif
  return ((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':' && (p[2] == '\\' || p[2] == '/');
}

/*
 * The parent of a new differencing disk: an existing disk of the same format that no writable handle
 * holds (the create opens it for reading, as attaching a chain does). CREATE_VIRTUAL_DISK_PARAMETERS
 * says MaximumSize must then be zero (the child takes the parent's size); a fixed child makes no sense
 * and is refused. Refusing a parent of the other format is *stricter than known*.
 */
static uint32_t parent_header(uint32_t device, uint32_t flags, uint64_t maximum_size, const char16_t *parent,
                              disk_header *ph) {
  if (maximum_size || (flags & CREATE_FLAG_FULL_PHYSICAL_ALLOCATION) || !fully_qualified(parent))
    return SA_ERROR_INVALID_PARAMETER;
  if (sa_u16len(parent) >= PARENT_MAX_UNITS) return SA_ERROR_INVALID_PARAMETER;
  uint32_t err = vd_read_header(parent, ph);
  if (err) return err;
  if (ph->format != device || !ph->complete) return SA_ERROR_INVALID_PARAMETER;
  disk *pd = NULL;
  if ((err = vd_open_disk(parent, ACC_READ, 2, &pd)) != 0) return err; /* a writable handle holds it: 32 */
  vd_close_disk(pd);
  return 0;
}

/* Checks the creation parameters and fills the header (and *ph, for a differencing disk). */
static uint32_t creation_header(uint32_t device, uint32_t access_mask, uint32_t flags, const create_parameters *p,
                                disk_header *h, disk_header *ph, const char16_t **parent_out) {
  if (!p || (p->version != 1 && p->version != 2)) return SA_ERROR_INVALID_PARAMETER;
  if (p->version == 2 && access_mask != 0) return SA_ERROR_INVALID_PARAMETER; /* version 2 wants ACCESS_NONE */
  int v2 = p->version == 2;
  const char16_t *parent = v2 ? p->u.v2.parent_path : p->u.v1.parent_path;
  const char16_t *source = v2 ? p->u.v2.source_path : p->u.v1.source_path;
  if (parent && !*parent) parent = NULL;
  if (source && *source) return parent ? SA_ERROR_INVALID_PARAMETER : SA_ERROR_NOT_SUPPORTED; /* no copies */
  memset(h, 0, sizeof *h);
  memcpy(h->magic, "HAKOVDSK", 8);
  h->format = device;
  h->fixed = (flags & CREATE_FLAG_FULL_PHYSICAL_ALLOCATION) != 0;
  h->virtual_size = v2 ? p->u.v2.maximum_size : p->u.v1.maximum_size;
  h->unique_id = v2 ? p->u.v2.unique_id : p->u.v1.unique_id;
  if (sa_guid_is_zero(&h->unique_id)) sa_guid_random(&h->unique_id);
  uint32_t block = v2 ? p->u.v2.block_size : p->u.v1.block_size;
  uint32_t sector = v2 ? p->u.v2.sector_size : p->u.v1.sector_size;
  uint32_t physical = v2 ? p->u.v2.physical_sector_size : 0;
  int vhdx = device == DEVICE_VHDX;
  if (parent) {
    uint32_t err = parent_header(device, flags, h->virtual_size, parent, ph);
    if (err) return err;
    /* Defaults of a differencing disk (Microsoft's CreateVirtualDisk sample): VHDX 2 MiB blocks and the
     * parent's sector sizes; VHD the parent's block size, 2 MiB under a fixed parent. */
    h->virtual_size = ph->virtual_size;
    h->smallest_safe = ph->smallest_safe;
    h->sector_size = sector ? sector : ph->sector_size;
    h->physical_sector_size = physical ? physical : ph->physical_sector_size;
    h->block_size = block ? block : vhdx || ph->fixed ? 2u << 20 : ph->block_size;
    *parent_out = parent;
  } else {
    h->sector_size = sector ? sector : 512;
    h->physical_sector_size = physical ? physical : vhdx ? 4096 : 512;
    h->block_size = block ? block : vhdx ? 32u << 20 : 2u << 20;
    h->smallest_safe = h->virtual_size;
  }
  if (vhdx ? (h->sector_size != 512 && h->sector_size != 4096) : h->sector_size != 512) return SA_ERROR_INVALID_PARAMETER;
  if (h->physical_sector_size != 512 && h->physical_sector_size != 4096) return SA_ERROR_INVALID_PARAMETER;
  if (vhdx ? !power_of_two(h->block_size) || h->block_size < (1u << 20) || h->block_size > (256u << 20)
           : h->block_size != (512u << 10) && h->block_size != (2u << 20))
    return SA_ERROR_INVALID_PARAMETER;
  if (h->virtual_size < MIN_SIZE || h->virtual_size % h->sector_size ||
      h->virtual_size > (vhdx ? VHDX_MAX_SIZE : VHD_MAX_SIZE))
    return SA_ERROR_INVALID_PARAMETER;
  return 0;
}

SA_EXPORT uint32_t SA_CALL CreateVirtualDisk(const storage_type *VirtualStorageType, const char16_t *Path,
                                             uint32_t VirtualDiskAccessMask, const void *SecurityDescriptor,
                                             uint32_t Flags, uint32_t ProviderSpecificFlags,
                                             const create_parameters *Parameters, overlapped *Overlapped,
                                             void **Handle) {
  (void)SecurityDescriptor, (void)ProviderSpecificFlags;
  if (!Handle || !Path || !*Path) return SA_ERROR_INVALID_PARAMETER;
  *Handle = NULL;
  vd_api_enter("CreateVirtualDisk");
  uint32_t device = 0, err = (uint32_t)vd_take_fault("CreateVirtualDisk");
  disk_header h, ph;
  const char16_t *parent = NULL;
  if (!err) err = storage_device(VirtualStorageType, Path, &device);
  if (!err && device == DEVICE_UNKNOWN) err = SA_ERROR_INVALID_PARAMETER; /* no type and no known extension */
  if (!err) err = creation_header(device, VirtualDiskAccessMask, Flags, Parameters, &h, &ph, &parent);
  if (!err) {
    char block[DYNAMIC_FILE_SIZE] = {0};
    memcpy(block, &h, sizeof h);
    err = sa_file_write(Path, block, h.fixed ? HEADER_SPACE : DYNAMIC_FILE_SIZE, 1);
    if (!err && parent && (err = vd_write_parent(Path, parent, &ph.unique_id)) != 0) sa_file_delete(Path);
  }
  disk *d = NULL;
  if (!err && (err = vd_open_disk(Path, ACC_WRITE, 2, &d)) != 0) sa_file_delete(Path);
  if (!err) {
    void *handle = d->handle;
    err = vd_job_start(d, J_CREATE, h.fixed ? h.virtual_size : DYNAMIC_FILE_SIZE, 0, Overlapped);
    if (!err || err == SA_ERROR_IO_PENDING) *Handle = handle;
    else if ((d = vd_find_disk(handle)) != NULL) vd_close_disk(d); /* a failed create returns no handle */
  }
  pthread_mutex_unlock(&g_mu);
  return err;
}

SA_EXPORT uint32_t SA_CALL OpenVirtualDisk(const storage_type *VirtualStorageType, const char16_t *Path,
                                           uint32_t VirtualDiskAccessMask, uint32_t Flags,
                                           const open_parameters *Parameters, void **Handle) {
  if (!Handle || !Path || !*Path) return SA_ERROR_INVALID_PARAMETER;
  *Handle = NULL;
  int access = ACC_WRITE, version = Parameters ? Parameters->version : 1;
  if (!Parameters || Parameters->version == 1) {
    if (!VirtualDiskAccessMask) return SA_ERROR_INVALID_PARAMETER;
    access = VirtualDiskAccessMask & ACCESS_WRITABLE ? ACC_WRITE : VirtualDiskAccessMask == ACCESS_GET_INFO ? ACC_INFO : ACC_READ;
  } else if (Parameters->version == 2 || Parameters->version == 3) {
    if (VirtualDiskAccessMask) return SA_ERROR_INVALID_PARAMETER; /* version 2 wants ACCESS_NONE */
    access = Parameters->u.v2.get_info_only ? ACC_INFO : Parameters->u.v2.read_only ? ACC_READ : ACC_WRITE;
  } else return SA_ERROR_INVALID_PARAMETER;
  vd_api_enter("OpenVirtualDisk");
  uint32_t device = 0, err = (uint32_t)vd_take_fault("OpenVirtualDisk");
  disk_header h;
  if (!err) err = storage_device(VirtualStorageType, NULL, &device);
  if (!err) err = vd_read_header(Path, &h);
  if (!err && device != DEVICE_UNKNOWN && device != h.format) err = SA_ERROR_INVALID_PARAMETER;
  /* Without OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS the parent chain is opened too; a missing parent fails
   * the open (which code Windows gives is not documented; the stand-in answers ERROR_FILE_NOT_FOUND). */
  char16_t parent[PARENT_MAX_UNITS];
  if (!err && !(Flags & OPEN_FLAG_NO_PARENTS) && vd_read_parent(Path, parent, NULL) && sa_file_stat(parent, NULL, NULL, NULL))
    err = SA_ERROR_FILE_NOT_FOUND;
  disk *d = NULL;
  if (!err && !(err = vd_open_disk(Path, access, version, &d))) {
    d->no_parents = (Flags & OPEN_FLAG_NO_PARENTS) != 0;
    *Handle = d->handle;
  }
  pthread_mutex_unlock(&g_mu);
  return err;
}

/*
 * Looks the handle up and checks it may change the disk: a version 2 handle that is neither GetInfoOnly
 * nor ReadOnly. Microsoft's ResizeVirtualDisk sample says only V2 handles can resize; its
 * CompactVirtualDisk sample opens V2 too. NanaBox compacts (synchronously) through a version 1 handle
 * with VIRTUAL_DISK_ACCESS_ALL, so Windows may accept that for compact: refusing it is the strictest
 * plausible rule. A version 1 handle answers ERROR_INVALID_PARAMETER (the code is not documented).
 */
