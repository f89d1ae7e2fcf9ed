/* virtdisk's disk files (header, parent record) and open disks: the shared state, handles, sharing
 * between handles of one file, and injected faults. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "virtdisk_internal.h"

const sa_guid vendor_microsoft = {0xEC984AEC, 0xA0F9, 0x47E9, {0x90, 0x1F, 0x71, 0x41, 0x5A, 0x66, 0x34, 0x5B}};
uint32_t vd_read_header(const char16_t *path, disk_header *h) {
  size_t got = 0;
  uint32_t err = sa_file_read_at(path, 0, h, sizeof *h, &got);
  if (err) return err;
  if (got < sizeof *h || memcmp(h->magic, "HAKOVDSK", 8) != 0) return ERROR_VIRTDISK_NOT_VIRTUAL_DISK;
  if (!h->smallest_safe || h->smallest_safe > h->virtual_size) h->smallest_safe = h->virtual_size;
  return 0;
}

uint32_t vd_write_header(const char16_t *path, const disk_header *h) { return sa_file_write_at(path, 0, h, sizeof *h); }


/* 1 and the parent path (and its id, when `id` is not NULL) when `path` is a differencing disk, else 0. */
int vd_read_parent(const char16_t *path, char16_t parent[PARENT_MAX_UNITS], sa_guid *id) {
  char marker[8];
  size_t got = 0;
  if (sa_file_read_at(path, PARENT_OFFSET, marker, sizeof marker, &got) || got < sizeof marker ||
      memcmp(marker, PARENT_MARKER, sizeof marker) != 0)
    return 0;
  if (id && (sa_file_read_at(path, PARENT_OFFSET + 8u, id, sizeof *id, &got) || got < sizeof *id)) return 0;
  if (sa_file_read_at(path, PARENT_PATH_OFFSET, parent, PARENT_MAX_UNITS * 2u, &got)) return 0;
  parent[PARENT_MAX_UNITS - 1] = 0;
  return 1;
}

uint32_t vd_write_parent(const char16_t *path, const char16_t *parent, const sa_guid *id) {
  size_t n = sa_u16len(parent);
  if (!n || n >= PARENT_MAX_UNITS) return SA_ERROR_INVALID_PARAMETER;
  uint32_t err = sa_file_write_at(path, PARENT_OFFSET, PARENT_MARKER, 8);
  if (!err) err = sa_file_write_at(path, PARENT_OFFSET + 8u, id, sizeof *id);
  if (!err) err = sa_file_write_at(path, PARENT_PATH_OFFSET, parent, (n + 1) * sizeof *parent);
  return err;
}

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t g_done; /* a job finished */
pthread_once_t g_once = PTHREAD_ONCE_INIT;
disk *g_disks;
sa_named *g_faults;
uint64_t g_bytes_per_second; /* 0 = instantaneous */

static void init_once(void) { sa_cond_init(&g_done); }

void vd_disk_unref(disk *d) {
  if (--d->refs > 0) return;
  while (d->jobs) {
    job *j = d->jobs;
    d->jobs = j->next;
    free(j);
  }
  free(d->path);
  free(d);
}

static void disk_remove(disk *d) {
  for (disk **at = &g_disks; *at; at = &(*at)->next)
    if (*at == d) {
      *at = d->next;
      for (job *j = d->jobs; j; j = j->next) j->cancel = 1; /* closing a handle cancels its I/O */
      vd_disk_unref(d);
      return;
    }
}

#ifdef _WIN32
static int file_key(HANDLE h, uint64_t key[2]) {
  BY_HANDLE_FILE_INFORMATION info;
  if (!GetFileInformationByHandle(h, &info)) return 0;
  key[0] = info.dwVolumeSerialNumber;
  key[1] = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
  return 1;
}

/* The caller closes handles with kernel32's CloseHandle, which we never see: forget every disk whose
 * handle no longer refers to its file. */
static void prune_closed(void) {
  for (disk *d = g_disks, *next; d; d = next) {
    uint64_t key[2];
    next = d->next;
    if (!file_key(d->handle, key) || key[0] != d->file_key[0] || key[1] != d->file_key[1]) disk_remove(d);
  }
}

/* A real handle to the file, so that kernel32 accepts it; it shares everything (sharing between
 * virtual-disk handles is enforced by vd_open_disk, and the jobs write the file by path). */
static uint32_t make_handle(disk *d) {
  HANDLE h = CreateFileW((const wchar_t *)d->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                         NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
  if (h == INVALID_HANDLE_VALUE) return GetLastError();
  if (!file_key(h, d->file_key)) {
    uint32_t err = GetLastError();
    CloseHandle(h);
    return err;
  }
  for (disk *o = g_disks; o; o = o->next) /* Windows reused the value of a handle closed behind our back */
    if (o->handle == h) {
      disk_remove(o);
      break;
    }
  d->handle = h;
  return 0;
}
#else
static void prune_closed(void) {}

static uint32_t make_handle(disk *d) {
  char *path = sa_u16_to_utf8(d->path);
  struct stat st;
  int ok = path && stat(path, &st) == 0;
  free(path);
  if (!ok) return SA_ERROR_FILE_NOT_FOUND;
  d->file_key[0] = (uint64_t)st.st_dev;
  d->file_key[1] = (uint64_t)st.st_ino;
  d->handle = d;
  return 0;
}
#endif

void vd_enter(void) {
  pthread_once(&g_once, init_once);
  pthread_mutex_lock(&g_mu);
  prune_closed();
}

/* How every virtdisk export begins: a stall window (no lock held), then the lock. */
void vd_api_enter(const char *function) {
  sa_stall_point(function);
  vd_enter();
}

disk *vd_find_disk(void *handle) {
  for (disk *d = g_disks; d; d = d->next)
    if (d->handle == handle && handle) return d;
  return NULL;
}

/* Opens a handle on an existing file, enforcing the sharing rules between virtual-disk handles. */
uint32_t vd_open_disk(const char16_t *path, int access, int version, disk **out) {
  disk *d = calloc(1, sizeof *d);
  size_t n = sa_u16len(path);
  if (!d || !(d->path = malloc((n + 1) * sizeof *path))) {
    free(d);
    return SA_ERROR_NOT_ENOUGH_MEMORY;
  }
  memcpy(d->path, path, (n + 1) * sizeof *path);
  d->access = access;
  d->version = version;
  d->refs = 1;
  uint32_t err = make_handle(d);
  for (disk *o = g_disks; !err && o; o = o->next) {
    if (o->file_key[0] != d->file_key[0] || o->file_key[1] != d->file_key[1]) continue;
    if ((access == ACC_WRITE && o->access != ACC_INFO) || (access == ACC_READ && o->access == ACC_WRITE))
      err = SA_ERROR_SHARING_VIOLATION;
  }
  if (err) {
#ifdef _WIN32
    if (d->handle) CloseHandle(d->handle);
#endif
    free(d->path);
    free(d);
    return err;
  }
  d->next = g_disks;
  g_disks = d;
  *out = d;
  return 0;
}

void vd_close_disk(disk *d) {
#ifdef _WIN32
  CloseHandle(d->handle);
#endif
  disk_remove(d);
}

int32_t vd_take_fault(const char *function) {
  int32_t code = 0;
  sa_named_take(&g_faults, function, &code, NULL);
  return code;
}

/* Applies a finished job to the file (under the lock). */
