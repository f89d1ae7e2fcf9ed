/* virtdisk's jobs (create, resize, compact) at the configured speed, on a thread of ours when the call
 * has an OVERLAPPED; the resize/compact exports, progress, and cancellation. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "virtdisk_internal.h"

static uint32_t job_apply(disk *d, job *j) {
  disk_header h;
  uint32_t err = vd_read_header(d->path, &h);
  if (err) return err;
  if (j->kind == J_CREATE) {
    if (h.fixed) err = sa_file_set_size(d->path, HEADER_SPACE + h.virtual_size);
    h.complete = 1;
  } else if (j->kind == J_RESIZE) {
    if (h.fixed) err = sa_file_set_size(d->path, HEADER_SPACE + j->new_size);
    h.virtual_size = j->new_size;
    if (h.smallest_safe > j->new_size) h.smallest_safe = j->new_size; /* an unsafe shrink cut the partitions */
  } else {
    err = sa_file_set_size(d->path, DYNAMIC_FILE_SIZE); /* nothing was ever written: all of it is slack */
  }
  return err ? err : vd_write_header(d->path, &h);
}

/* How fast jobs progress: StandInVirtDiskSetBytesPerSecond's speed, else $HAKO_STAND_IN_DISK_BYTES_PER_SECOND
 * (read each time: how a test in another process, such as the end-to-end specs' browser host, slows
 * disks down to watch progress and cancel), else 0: instantaneous. */
static uint64_t bytes_per_second(void) {
  if (g_bytes_per_second) return g_bytes_per_second;
  char buffer[32];
  const char *env = sa_getenv("HAKO_STAND_IN_DISK_BYTES_PER_SECOND", buffer, sizeof buffer);
  if (!env) return 0;
  char *end;
  unsigned long long bps = strtoull(env, &end, 10);
  return *end ? 0 : (uint64_t)bps;
}

/* Runs a job to its end at the configured speed (under the lock, which it releases while it waits). */
static void job_run(disk *d, job *j) {
  while (!j->cancel && j->current < j->total && bytes_per_second()) {
    pthread_mutex_unlock(&g_mu);
    sa_sleep_ms(10);
    pthread_mutex_lock(&g_mu);
    uint64_t elapsed = sa_now_ms() - j->started_ms, bps = bytes_per_second();
    uint64_t done = bps && elapsed > (UINT64_MAX / bps) ? j->total : elapsed * bps / 1000u;
    if (!bps) done = j->total;
    j->current = done < j->total ? done : j->total;
  }
  if (j->cancel) {
    j->status = SA_ERROR_OPERATION_ABORTED;
    if (j->kind == J_CREATE) sa_file_delete(d->path); /* a cancelled create leaves nothing behind */
  } else {
    j->current = j->total;
    j->status = job_apply(d, j);
  }
  j->running = 0;
  if (j->ov) {
    uint32_t s = j->status;
    j->ov->InternalHigh = 0;
    j->ov->Internal = s == 0 ? 0 : s == SA_ERROR_OPERATION_ABORTED ? STATUS_CANCELLED_ : 0xC0070000u | (s & 0xFFFFu);
#ifdef _WIN32
    if (j->ov->hEvent) SetEvent(j->ov->hEvent);
#endif
  }
  pthread_cond_broadcast(&g_done);
}

typedef struct {
  disk *d;
  job *j;
} job_arg;

static void *job_thread(void *arg) {
  job_arg a = *(job_arg *)arg;
  free(arg);
  pthread_mutex_lock(&g_mu);
  job_run(a.d, a.j);
  vd_disk_unref(a.d);
  pthread_mutex_unlock(&g_mu);
  return NULL;
}

/* Starts a job: on a thread of ours when the call has an OVERLAPPED (ERROR_IO_PENDING), else inline. */
uint32_t vd_job_start(disk *d, int kind, uint64_t total, uint64_t new_size, overlapped *ov) {
  for (job *j = d->jobs; j; j = j->next)
    if (j->running) return ERROR_BUSY_;
  job **at = &d->jobs; /* a finished job with the same OVERLAPPED is replaced */
  while (*at && (*at)->ov != ov) at = &(*at)->next;
  job *j = *at ? *at : calloc(1, sizeof *j);
  if (!j) return SA_ERROR_NOT_ENOUGH_MEMORY;
  job *next = *at ? j->next : d->jobs;
  memset(j, 0, sizeof *j);
  j->next = next;
  if (!*at) d->jobs = j;
  j->ov = ov;
  j->kind = kind;
  j->running = 1;
  j->status = SA_ERROR_IO_PENDING;
  j->total = total;
  j->new_size = new_size;
  j->started_ms = sa_now_ms();
  if (!ov) { /* the reference keeps d (and j) alive if the handle is closed while we wait */
    d->refs++;
    job_run(d, j);
    uint32_t status = j->status;
    vd_disk_unref(d);
    return status;
  }
  ov->Internal = STATUS_PENDING_;
  ov->InternalHigh = 0;
  job_arg *a = malloc(sizeof *a);
  if (a) {
    a->d = d;
    a->j = j;
    d->refs++;
    if (sa_thread_start(NULL, job_thread, a)) return SA_ERROR_IO_PENDING;
    d->refs--;
    free(a);
  }
  j->running = 0;
  j->status = SA_ERROR_NOT_ENOUGH_MEMORY;
  return j->status;
}

static uint32_t writable_disk(void *handle, const char *function, disk **d, disk_header *h) {
  uint32_t err = (uint32_t)vd_take_fault(function);
  if (err) return err;
  if (!(*d = vd_find_disk(handle))) return ERROR_INVALID_HANDLE_;
  if ((*d)->version < 2) return SA_ERROR_INVALID_PARAMETER;
  if ((*d)->access != ACC_WRITE) return SA_ERROR_ACCESS_DENIED;
  return vd_read_header((*d)->path, h);
}

SA_EXPORT uint32_t SA_CALL ResizeVirtualDisk(void *VirtualDiskHandle, uint32_t Flags,
                                             const resize_parameters *Parameters, overlapped *Overlapped) {
  vd_api_enter("ResizeVirtualDisk");
  disk *d;
  disk_header h;
  uint32_t err = writable_disk(VirtualDiskHandle, "ResizeVirtualDisk", &d, &h);
  uint64_t size = Parameters ? Parameters->u.v1.new_size : 0;
  if (!err && (!Parameters || Parameters->version != 1 || (Flags & ~3u))) err = SA_ERROR_INVALID_PARAMETER;
  char16_t parent[PARENT_MAX_UNITS];
  /* Resizing a differencing disk is refused: *stricter than known* (its size is its parent's). */
  if (!err && vd_read_parent(d->path, parent, NULL)) err = SA_ERROR_NOT_SUPPORTED;
  if (!err && (Flags & RESIZE_FLAG_RESIZE_TO_SMALLEST_SAFE_VIRTUAL_SIZE)) {
    if (size) err = SA_ERROR_INVALID_PARAMETER;
    size = h.smallest_safe;
  }
  if (!err && (size < MIN_SIZE || size % h.sector_size ||
               size > (h.format == DEVICE_VHDX ? VHDX_MAX_SIZE : VHD_MAX_SIZE)))
    err = SA_ERROR_INVALID_PARAMETER;
  /* RESIZE_VIRTUAL_DISK_FLAG_NONE "prevents unsafe shrink where the new virtual disk size cannot be less
   * than the SmallestSafeVirtualSize" (Microsoft's ResizeVirtualDisk sample); which code Windows returns
   * then is not documented: ERROR_INVALID_PARAMETER here. */
  if (!err && size < h.smallest_safe && !(Flags & RESIZE_FLAG_ALLOW_UNSAFE_VIRTUAL_SIZE)) err = SA_ERROR_INVALID_PARAMETER;
  if (!err) {
    uint64_t work = h.fixed && size > h.virtual_size ? size - h.virtual_size : DYNAMIC_FILE_SIZE;
    err = vd_job_start(d, J_RESIZE, work, size, Overlapped);
  }
  pthread_mutex_unlock(&g_mu);
  return err;
}

SA_EXPORT uint32_t SA_CALL CompactVirtualDisk(void *VirtualDiskHandle, uint32_t Flags,
                                              const compact_parameters *Parameters, overlapped *Overlapped) {
  vd_api_enter("CompactVirtualDisk");
  disk *d;
  disk_header h;
  uint32_t err = writable_disk(VirtualDiskHandle, "CompactVirtualDisk", &d, &h);
  if (!err && (Flags || (Parameters && Parameters->version != 1))) err = SA_ERROR_INVALID_PARAMETER;
  if (!err && h.fixed) err = SA_ERROR_NOT_SUPPORTED; /* only dynamic disks can be compacted */
  /* The work counted is the virtual size: compacting walks every block of the disk to find those the guest
   * no longer uses, so it takes time on a large disk even when the file is small (the stand-in's dynamic
   * files are 4 KiB; counting their length made compact instantaneous at any speed, so its progress and
   * cancel could never be watched). Which CompletionValue Windows reports for compact is not documented:
   * this is the stand-in's choice. */
  if (!err) err = vd_job_start(d, J_COMPACT, h.virtual_size, 0, Overlapped);
  pthread_mutex_unlock(&g_mu);
  return err;
}

/*
 * GET_VIRTUAL_DISK_INFO_PARENT_LOCATION (Microsoft's GetVirtualDiskInformation sample): when the parent
 * chain was resolved, ParentResolved is TRUE and the buffer holds its path; when it was not (the handle
 * was opened with OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS, as Hako does) the buffer is a list of
 * NUL-terminated candidate paths ending with an empty one. A buffer too small gets
 * ERROR_INSUFFICIENT_BUFFER and the size needed. Asked of a disk that has no parent: 87 (not documented).
 */
SA_EXPORT uint32_t SA_CALL GetVirtualDiskOperationProgress(void *VirtualDiskHandle, overlapped *Overlapped,
                                                           disk_progress *Progress) {
  vd_api_enter("GetVirtualDiskOperationProgress");
  uint32_t err = (uint32_t)vd_take_fault("GetVirtualDiskOperationProgress");
  disk *d = err ? NULL : vd_find_disk(VirtualDiskHandle);
  if (!err && !d) err = ERROR_INVALID_HANDLE_;
  if (!err && (!Overlapped || !Progress)) err = SA_ERROR_INVALID_PARAMETER;
  job *j = NULL;
  for (j = err ? NULL : d->jobs; j && j->ov != Overlapped; j = j->next) {
  }
  if (!err && !j) err = SA_ERROR_NOT_FOUND;
  if (!err) {
    Progress->operation_status = j->status;
    Progress->current_value = j->current;
    Progress->completion_value = j->total;
  }
  pthread_mutex_unlock(&g_mu);
  return err;
}

/* Requests cancellation of the running jobs of `handle` (all, or the one with `ov`); 1 if any. */
static int cancel(void *handle, overlapped *ov, int any) {
  int found = 0;
  disk *d = vd_find_disk(handle);
  for (job *j = d ? d->jobs : NULL; j; j = j->next)
    if (j->running && (any || j->ov == ov)) j->cancel = found = 1;
  return found;
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskCancel(void *handle) {
  vd_enter();
  int found = cancel(handle, NULL, 1);
  pthread_mutex_unlock(&g_mu);
  return found ? 0 : (int32_t)SA_ERROR_NOT_FOUND;
}

#ifndef _WIN32
/* kernel32 stand-ins, Linux only (the Windows binding takes the real ones from kernel32). */
SA_EXPORT int32_t CancelIoEx(void *hFile, overlapped *lpOverlapped) {
  vd_enter();
  int found = cancel(hFile, lpOverlapped, lpOverlapped == NULL);
  pthread_mutex_unlock(&g_mu);
  return found;
}

SA_EXPORT int32_t CloseHandle(void *hObject) {
  vd_enter();
  disk *d = vd_find_disk(hObject);
  if (d) vd_close_disk(d);
  pthread_mutex_unlock(&g_mu);
  return d != NULL;
}
#endif
