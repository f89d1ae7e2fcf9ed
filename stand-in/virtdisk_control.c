/* virtdisk's test-only exports (StandInVirtDisk…, README "Test-only exports"). */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "virtdisk_internal.h"

/* ==== Test-only exports =========================================================================== */

SA_EXPORT void SA_CALL StandInVirtDiskReset(void) {
  vd_enter();
  sa_stall_clear();
  sa_named_clear(&g_faults);
  g_bytes_per_second = 0;
  pthread_mutex_unlock(&g_mu);
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskInjectFault(const char16_t *function, uint32_t win32Error) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return (int32_t)SA_ERROR_INVALID_PARAMETER;
  vd_enter();
  int ok = sa_named_push(&g_faults, name, (int32_t)win32Error, 1);
  pthread_mutex_unlock(&g_mu);
  free(name);
  return ok ? 0 : (int32_t)SA_ERROR_NOT_ENOUGH_MEMORY;
}

SA_EXPORT void SA_CALL StandInVirtDiskSetBytesPerSecond(uint64_t bytesPerSecond) {
  vd_enter();
  g_bytes_per_second = bytesPerSecond;
  pthread_mutex_unlock(&g_mu);
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskOpenHandleCount(void) {
  int32_t n = 0;
  vd_enter();
  for (disk *d = g_disks; d; d = d->next) n++;
  pthread_mutex_unlock(&g_mu);
  return n;
}

SA_EXPORT void SA_CALL StandInVirtDiskStall(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  sa_stall_set(name, ms);
  free(name);
}

/* Makes the stand-in disk at `path` (a dynamic one) a differencing disk whose parent is `parentPath`,
 * which need not exist. Returns 0 or a Win32 error. */
SA_EXPORT int32_t SA_CALL StandInVirtDiskSetParent(const char16_t *path, const char16_t *parentPath) {
  if (!path || !parentPath) return (int32_t)SA_ERROR_INVALID_PARAMETER;
  vd_enter();
  disk_header h, ph;
  sa_guid id = {0};
  uint32_t err = vd_read_header(path, &h);
  if (!err && h.fixed) err = SA_ERROR_INVALID_PARAMETER;
  if (!err && vd_read_header(parentPath, &ph) == 0) id = ph.unique_id;
  if (!err) err = vd_write_parent(path, parentPath, &id);
  pthread_mutex_unlock(&g_mu);
  return (int32_t)err;
}

/* Where the guest's partitions on the disk at `path` end: its smallest safe virtual size, at most its
 * virtual size. Returns 0 or a Win32 error. */
SA_EXPORT int32_t SA_CALL StandInVirtDiskSetSmallestSafeSize(const char16_t *path, uint64_t bytes) {
  if (!path) return (int32_t)SA_ERROR_INVALID_PARAMETER;
  vd_enter();
  disk_header h;
  uint32_t err = vd_read_header(path, &h);
  if (!err && (!bytes || bytes > h.virtual_size)) err = SA_ERROR_INVALID_PARAMETER;
  if (!err) {
    h.smallest_safe = bytes;
    err = vd_write_header(path, &h);
  }
  pthread_mutex_unlock(&g_mu);
  return (int32_t)err;
}
