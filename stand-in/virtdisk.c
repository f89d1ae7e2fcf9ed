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
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#ifdef _WIN32
#define _INC_VIRTDISK /* windows.h would declare these functions with mingw's (outdated) types */
#include <windows.h>
typedef OVERLAPPED overlapped;
#else
#include <sys/stat.h>
typedef struct {
  uintptr_t Internal, InternalHigh;
  union {
    struct {
      uint32_t Offset, OffsetHigh;
    } s;
    void *Pointer;
  } u;
  void *hEvent;
} overlapped;
#endif

/* ==== ABI (virtdisk.h) ============================================================================ */

typedef struct {
  uint32_t device_id;
  sa_guid vendor_id;
} storage_type;

typedef struct {
  int32_t version;
  union {
    struct {
      sa_guid unique_id;
      uint64_t maximum_size;
      uint32_t block_size, sector_size;
      const char16_t *parent_path, *source_path;
    } v1;
    struct {
      sa_guid unique_id;
      uint64_t maximum_size;
      uint32_t block_size, sector_size, physical_sector_size;
      const char16_t *parent_path, *source_path;
      uint32_t open_flags;
      storage_type parent_type, source_type;
      sa_guid resiliency_guid;
    } v2;
  } u;
} create_parameters;

typedef struct {
  int32_t version;
  union {
    struct {
      uint32_t rw_depth;
    } v1;
    struct {
      int32_t get_info_only, read_only;
      sa_guid resiliency_guid;
    } v2;
  } u;
} open_parameters;

typedef struct {
  int32_t version;
  union {
    struct {
      uint64_t virtual_size, physical_size;
      uint32_t block_size, sector_size;
    } size;
    sa_guid identifier;
    struct {
      int32_t parent_resolved;
      char16_t buffer[1]; /* one path when resolved, else a list of NUL-terminated paths ending in "" */
    } parent_location;
    storage_type storage;
    uint32_t provider_subtype;
    int32_t boolean; /* IS_4K_ALIGNED, IS_LOADED */
    struct {
      uint32_t logical_sector_size, physical_sector_size;
      int32_t is_remote;
    } physical_disk;
    uint32_t vhd_physical_sector_size;
    uint64_t smallest_safe_virtual_size;
    uint32_t fragmentation_percentage;
  } u;
} disk_info;

typedef struct {
  int32_t version;
  union {
    struct {
      uint64_t new_size;
    } v1;
  } u;
} resize_parameters;

typedef struct {
  int32_t version;
  union {
    struct {
      uint32_t reserved;
    } v1;
  } u;
} compact_parameters;

typedef struct {
  uint32_t operation_status;
  uint64_t current_value, completion_value;
} disk_progress;

_Static_assert(sizeof(storage_type) == 20, "VIRTUAL_STORAGE_TYPE");
_Static_assert(offsetof(create_parameters, u.v1.maximum_size) == 24, "CREATE_VIRTUAL_DISK_PARAMETERS v1");
_Static_assert(offsetof(create_parameters, u.v1.parent_path) == 40, "CREATE_VIRTUAL_DISK_PARAMETERS v1");
_Static_assert(offsetof(create_parameters, u.v2.parent_path) == 48, "CREATE_VIRTUAL_DISK_PARAMETERS v2");
_Static_assert(offsetof(create_parameters, u.v2.resiliency_guid) == 108, "CREATE_VIRTUAL_DISK_PARAMETERS v2");
_Static_assert(sizeof(create_parameters) == 128, "CREATE_VIRTUAL_DISK_PARAMETERS");
_Static_assert(offsetof(open_parameters, u.v2.read_only) == 8 && sizeof(open_parameters) == 28, "OPEN_VIRTUAL_DISK_PARAMETERS");
_Static_assert(offsetof(disk_info, u.size.block_size) == 24 && sizeof(disk_info) == 32, "GET_VIRTUAL_DISK_INFO");
_Static_assert(offsetof(disk_info, u.parent_location.buffer) == 12, "GET_VIRTUAL_DISK_INFO ParentLocation");
_Static_assert(offsetof(disk_info, u.smallest_safe_virtual_size) == 8, "GET_VIRTUAL_DISK_INFO SmallestSafeVirtualSize");
_Static_assert(offsetof(resize_parameters, u.v1.new_size) == 8, "RESIZE_VIRTUAL_DISK_PARAMETERS");
_Static_assert(offsetof(disk_progress, current_value) == 8 && sizeof(disk_progress) == 24, "VIRTUAL_DISK_PROGRESS");
_Static_assert(sizeof(overlapped) == 32 && offsetof(overlapped, hEvent) == 24, "OVERLAPPED");

enum { DEVICE_UNKNOWN = 0, DEVICE_ISO = 1, DEVICE_VHD = 2, DEVICE_VHDX = 3 };
enum { SUBTYPE_FIXED = 2, SUBTYPE_DYNAMIC = 3, SUBTYPE_DIFFERENCING = 4 };
#define CREATE_FLAG_FULL_PHYSICAL_ALLOCATION 0x1u
#define RESIZE_FLAG_ALLOW_UNSAFE_VIRTUAL_SIZE 0x1u
#define RESIZE_FLAG_RESIZE_TO_SMALLEST_SAFE_VIRTUAL_SIZE 0x2u
#define ACCESS_GET_INFO 0x00080000u
#define OPEN_FLAG_NO_PARENTS 0x1u
#define ACCESS_WRITABLE 0x00320000u /* ATTACH_RW | CREATE | METAOPS */
#define ERROR_INVALID_HANDLE_ 6u
#define ERROR_BUSY_ 170u
#define ERROR_VIRTDISK_NOT_VIRTUAL_DISK 0xC03A0015u
#define STATUS_PENDING_ 0x103u
#define STATUS_CANCELLED_ 0xC0000120u

static const sa_guid vendor_microsoft = {0xEC984AEC, 0xA0F9, 0x47E9, {0x90, 0x1F, 0x71, 0x41, 0x5A, 0x66, 0x34, 0x5B}};

/* ==== Disk files ================================================================================== */

#define HEADER_SPACE 512u /* the data of a fixed disk starts here */
#define DYNAMIC_FILE_SIZE 4096u
#define MIN_SIZE (3ull << 20)
#define VHD_MAX_SIZE (2040ull << 30)
#define VHDX_MAX_SIZE (64ull << 40)

typedef struct {
  char magic[8]; /* "HAKOVDSK" */
  uint32_t format; /* DEVICE_VHD / DEVICE_VHDX */
  uint32_t fixed;
  uint64_t virtual_size;
  uint32_t block_size, sector_size, physical_sector_size;
  uint32_t complete; /* 0 while a create is in progress */
  sa_guid unique_id;
  /* Where the guest's partitions end: what GET_VIRTUAL_DISK_INFO_SMALLEST_SAFE_VIRTUAL_SIZE reports. The
   * stand-in sees no partition table, so a new disk counts as used to its end; growing leaves it where
   * it was (the partitions do not grow with the disk); StandInVirtDiskSetSmallestSafeSize sets it. */
  uint64_t smallest_safe;
} disk_header;
_Static_assert(sizeof(disk_header) == 64, "disk header has no padding");

static uint32_t read_header(const char16_t *path, disk_header *h) {
  size_t got = 0;
  uint32_t err = sa_file_read_at(path, 0, h, sizeof *h, &got);
  if (err) return err;
  if (got < sizeof *h || memcmp(h->magic, "HAKOVDSK", 8) != 0) return ERROR_VIRTDISK_NOT_VIRTUAL_DISK;
  if (!h->smallest_safe || h->smallest_safe > h->virtual_size) h->smallest_safe = h->virtual_size;
  return 0;
}

static uint32_t write_header(const char16_t *path, const disk_header *h) { return sa_file_write_at(path, 0, h, sizeof *h); }

/* A differencing disk names its parent after the header space (it is a dynamic disk, so the file is
 * DYNAMIC_FILE_SIZE long): the marker, the parent's unique id as it was when the child was made, then
 * the parent's path in UTF-16, NUL-terminated. */
#define PARENT_OFFSET HEADER_SPACE
#define PARENT_MARKER "HAKOPRNT"
#define PARENT_PATH_OFFSET (PARENT_OFFSET + 8u + (uint32_t)sizeof(sa_guid))
#define PARENT_MAX_UNITS ((DYNAMIC_FILE_SIZE - PARENT_PATH_OFFSET) / 2u)

/* 1 and the parent path (and its id, when `id` is not NULL) when `path` is a differencing disk, else 0. */
static int read_parent(const char16_t *path, char16_t parent[PARENT_MAX_UNITS], sa_guid *id) {
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

static uint32_t write_parent(const char16_t *path, const char16_t *parent, const sa_guid *id) {
  size_t n = sa_u16len(parent);
  if (!n || n >= PARENT_MAX_UNITS) return SA_ERROR_INVALID_PARAMETER;
  uint32_t err = sa_file_write_at(path, PARENT_OFFSET, PARENT_MARKER, 8);
  if (!err) err = sa_file_write_at(path, PARENT_OFFSET + 8u, id, sizeof *id);
  if (!err) err = sa_file_write_at(path, PARENT_PATH_OFFSET, parent, (n + 1) * sizeof *parent);
  return err;
}

/* ==== Handles and jobs ============================================================================ */

enum { ACC_INFO, ACC_READ, ACC_WRITE };
enum { J_CREATE, J_RESIZE, J_COMPACT };

typedef struct job {
  struct job *next;
  overlapped *ov; /* NULL for a synchronous call */
  int kind, running, cancel;
  uint32_t status;
  uint64_t current, total, new_size, started_ms;
} job;

typedef struct disk {
  struct disk *next; /* open disks */
  void *handle;
  char16_t *path;
  uint64_t file_key[2]; /* device+inode / volume+index: which handles share a file */
  int access, refs;
  int version; /* the OPEN_VIRTUAL_DISK_VERSION it was opened with (create handles count as 2) */
  int no_parents; /* opened with OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS: the parent chain was not resolved */
  job *jobs;
} disk;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_done; /* a job finished */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static disk *g_disks;
static sa_named *g_faults;
static uint64_t g_bytes_per_second; /* 0 = instantaneous */

static void init_once(void) { sa_cond_init(&g_done); }

static void disk_unref(disk *d) {
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
      disk_unref(d);
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
 * virtual-disk handles is enforced by open_disk, and the jobs write the file by path). */
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

static void enter(void) {
  pthread_once(&g_once, init_once);
  pthread_mutex_lock(&g_mu);
  prune_closed();
}

/* How every virtdisk export begins: a stall window (no lock held), then the lock. */
static void api_enter(const char *function) {
  sa_stall_point(function);
  enter();
}

static disk *find_disk(void *handle) {
  for (disk *d = g_disks; d; d = d->next)
    if (d->handle == handle && handle) return d;
  return NULL;
}

/* Opens a handle on an existing file, enforcing the sharing rules between virtual-disk handles. */
static uint32_t open_disk(const char16_t *path, int access, int version, disk **out) {
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

static void close_disk(disk *d) {
#ifdef _WIN32
  CloseHandle(d->handle);
#endif
  disk_remove(d);
}

static int32_t take_fault(const char *function) {
  int32_t code = 0;
  sa_named_take(&g_faults, function, &code, NULL);
  return code;
}

/* Applies a finished job to the file (under the lock). */
static uint32_t job_apply(disk *d, job *j) {
  disk_header h;
  uint32_t err = read_header(d->path, &h);
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
  return err ? err : write_header(d->path, &h);
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
  disk_unref(a.d);
  pthread_mutex_unlock(&g_mu);
  return NULL;
}

/* Starts a job: on a thread of ours when the call has an OVERLAPPED (ERROR_IO_PENDING), else inline. */
static uint32_t job_start(disk *d, int kind, uint64_t total, uint64_t new_size, overlapped *ov) {
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
    disk_unref(d);
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
  uint32_t err = read_header(parent, ph);
  if (err) return err;
  if (ph->format != device || !ph->complete) return SA_ERROR_INVALID_PARAMETER;
  disk *pd = NULL;
  if ((err = open_disk(parent, ACC_READ, 2, &pd)) != 0) return err; /* a writable handle holds it: 32 */
  close_disk(pd);
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
  api_enter("CreateVirtualDisk");
  uint32_t device = 0, err = (uint32_t)take_fault("CreateVirtualDisk");
  disk_header h, ph;
  const char16_t *parent = NULL;
  if (!err) err = storage_device(VirtualStorageType, Path, &device);
  if (!err && device == DEVICE_UNKNOWN) err = SA_ERROR_INVALID_PARAMETER; /* no type and no known extension */
  if (!err) err = creation_header(device, VirtualDiskAccessMask, Flags, Parameters, &h, &ph, &parent);
  if (!err) {
    char block[DYNAMIC_FILE_SIZE] = {0};
    memcpy(block, &h, sizeof h);
    err = sa_file_write(Path, block, h.fixed ? HEADER_SPACE : DYNAMIC_FILE_SIZE, 1);
    if (!err && parent && (err = write_parent(Path, parent, &ph.unique_id)) != 0) sa_file_delete(Path);
  }
  disk *d = NULL;
  if (!err && (err = open_disk(Path, ACC_WRITE, 2, &d)) != 0) sa_file_delete(Path);
  if (!err) {
    void *handle = d->handle;
    err = job_start(d, J_CREATE, h.fixed ? h.virtual_size : DYNAMIC_FILE_SIZE, 0, Overlapped);
    if (!err || err == SA_ERROR_IO_PENDING) *Handle = handle;
    else if ((d = find_disk(handle)) != NULL) close_disk(d); /* a failed create returns no handle */
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
  api_enter("OpenVirtualDisk");
  uint32_t device = 0, err = (uint32_t)take_fault("OpenVirtualDisk");
  disk_header h;
  if (!err) err = storage_device(VirtualStorageType, NULL, &device);
  if (!err) err = read_header(Path, &h);
  if (!err && device != DEVICE_UNKNOWN && device != h.format) err = SA_ERROR_INVALID_PARAMETER;
  /* Without OPEN_VIRTUAL_DISK_FLAG_NO_PARENTS the parent chain is opened too; a missing parent fails
   * the open (which code Windows gives is not documented; the stand-in answers ERROR_FILE_NOT_FOUND). */
  char16_t parent[PARENT_MAX_UNITS];
  if (!err && !(Flags & OPEN_FLAG_NO_PARENTS) && read_parent(Path, parent, NULL) && sa_file_stat(parent, NULL, NULL, NULL))
    err = SA_ERROR_FILE_NOT_FOUND;
  disk *d = NULL;
  if (!err && !(err = open_disk(Path, access, version, &d))) {
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
static uint32_t writable_disk(void *handle, const char *function, disk **d, disk_header *h) {
  uint32_t err = (uint32_t)take_fault(function);
  if (err) return err;
  if (!(*d = find_disk(handle))) return ERROR_INVALID_HANDLE_;
  if ((*d)->version < 2) return SA_ERROR_INVALID_PARAMETER;
  if ((*d)->access != ACC_WRITE) return SA_ERROR_ACCESS_DENIED;
  return read_header((*d)->path, h);
}

SA_EXPORT uint32_t SA_CALL ResizeVirtualDisk(void *VirtualDiskHandle, uint32_t Flags,
                                             const resize_parameters *Parameters, overlapped *Overlapped) {
  api_enter("ResizeVirtualDisk");
  disk *d;
  disk_header h;
  uint32_t err = writable_disk(VirtualDiskHandle, "ResizeVirtualDisk", &d, &h);
  uint64_t size = Parameters ? Parameters->u.v1.new_size : 0;
  if (!err && (!Parameters || Parameters->version != 1 || (Flags & ~3u))) err = SA_ERROR_INVALID_PARAMETER;
  char16_t parent[PARENT_MAX_UNITS];
  /* Resizing a differencing disk is refused: *stricter than known* (its size is its parent's). */
  if (!err && read_parent(d->path, parent, NULL)) err = SA_ERROR_NOT_SUPPORTED;
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
    err = job_start(d, J_RESIZE, work, size, Overlapped);
  }
  pthread_mutex_unlock(&g_mu);
  return err;
}

SA_EXPORT uint32_t SA_CALL CompactVirtualDisk(void *VirtualDiskHandle, uint32_t Flags,
                                              const compact_parameters *Parameters, overlapped *Overlapped) {
  api_enter("CompactVirtualDisk");
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
  if (!err) err = job_start(d, J_COMPACT, h.virtual_size, 0, Overlapped);
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
  api_enter("GetVirtualDiskInformation");
  uint32_t err = (uint32_t)take_fault("GetVirtualDiskInformation");
  disk *d = err ? NULL : find_disk(VirtualDiskHandle);
  disk_header h;
  uint64_t file_size = 0;
  if (!err && !d) err = ERROR_INVALID_HANDLE_;
  if (!err && (!VirtualDiskInfoSize || !VirtualDiskInfo)) err = SA_ERROR_INVALID_PARAMETER;
  if (!err) err = read_header(d->path, &h);
  if (!err) err = sa_file_stat(d->path, NULL, &file_size, NULL);
  if (err) {
    pthread_mutex_unlock(&g_mu);
    return err;
  }
  char16_t parent[PARENT_MAX_UNITS];
  sa_guid parent_id;
  int differencing = read_parent(d->path, parent, &parent_id);
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

SA_EXPORT uint32_t SA_CALL GetVirtualDiskOperationProgress(void *VirtualDiskHandle, overlapped *Overlapped,
                                                           disk_progress *Progress) {
  api_enter("GetVirtualDiskOperationProgress");
  uint32_t err = (uint32_t)take_fault("GetVirtualDiskOperationProgress");
  disk *d = err ? NULL : find_disk(VirtualDiskHandle);
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
  disk *d = find_disk(handle);
  for (job *j = d ? d->jobs : NULL; j; j = j->next)
    if (j->running && (any || j->ov == ov)) j->cancel = found = 1;
  return found;
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskCancel(void *handle) {
  enter();
  int found = cancel(handle, NULL, 1);
  pthread_mutex_unlock(&g_mu);
  return found ? 0 : (int32_t)SA_ERROR_NOT_FOUND;
}

#ifndef _WIN32
/* kernel32 stand-ins, Linux only (the Windows binding takes the real ones from kernel32). */
SA_EXPORT int32_t CancelIoEx(void *hFile, overlapped *lpOverlapped) {
  enter();
  int found = cancel(hFile, lpOverlapped, lpOverlapped == NULL);
  pthread_mutex_unlock(&g_mu);
  return found;
}

SA_EXPORT int32_t CloseHandle(void *hObject) {
  enter();
  disk *d = find_disk(hObject);
  if (d) close_disk(d);
  pthread_mutex_unlock(&g_mu);
  return d != NULL;
}
#endif

/* ==== Test-only exports =========================================================================== */

SA_EXPORT void SA_CALL StandInVirtDiskReset(void) {
  enter();
  sa_stall_clear();
  sa_named_clear(&g_faults);
  g_bytes_per_second = 0;
  pthread_mutex_unlock(&g_mu);
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskInjectFault(const char16_t *function, uint32_t win32Error) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return (int32_t)SA_ERROR_INVALID_PARAMETER;
  enter();
  int ok = sa_named_push(&g_faults, name, (int32_t)win32Error, 1);
  pthread_mutex_unlock(&g_mu);
  free(name);
  return ok ? 0 : (int32_t)SA_ERROR_NOT_ENOUGH_MEMORY;
}

SA_EXPORT void SA_CALL StandInVirtDiskSetBytesPerSecond(uint64_t bytesPerSecond) {
  enter();
  g_bytes_per_second = bytesPerSecond;
  pthread_mutex_unlock(&g_mu);
}

SA_EXPORT int32_t SA_CALL StandInVirtDiskOpenHandleCount(void) {
  int32_t n = 0;
  enter();
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
  enter();
  disk_header h, ph;
  sa_guid id = {0};
  uint32_t err = read_header(path, &h);
  if (!err && h.fixed) err = SA_ERROR_INVALID_PARAMETER;
  if (!err && read_header(parentPath, &ph) == 0) id = ph.unique_id;
  if (!err) err = write_parent(path, parentPath, &id);
  pthread_mutex_unlock(&g_mu);
  return (int32_t)err;
}

/* Where the guest's partitions on the disk at `path` end: its smallest safe virtual size, at most its
 * virtual size. Returns 0 or a Win32 error. */
SA_EXPORT int32_t SA_CALL StandInVirtDiskSetSmallestSafeSize(const char16_t *path, uint64_t bytes) {
  if (!path) return (int32_t)SA_ERROR_INVALID_PARAMETER;
  enter();
  disk_header h;
  uint32_t err = read_header(path, &h);
  if (!err && (!bytes || bytes > h.virtual_size)) err = SA_ERROR_INVALID_PARAMETER;
  if (!err) {
    h.smallest_safe = bytes;
    err = write_header(path, &h);
  }
  pthread_mutex_unlock(&g_mu);
  return (int32_t)err;
}
