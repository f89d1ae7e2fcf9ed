/*
 * Private to virtdisk's own files (virtdisk*.c): the virtdisk.h ABI, the disk file format, the open
 * disks and their jobs, the state they share under g_mu, and the helpers the files call in one another.
 * Nothing here is exported from the library (see SA_EXPORT in common.h).
 */
#ifndef HAKO_STAND_IN_VIRTDISK_INTERNAL_H
#define HAKO_STAND_IN_VIRTDISK_INTERNAL_H

#include <pthread.h>

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

/* A differencing disk names its parent after the header space (it is a dynamic disk, so the file is
 * DYNAMIC_FILE_SIZE long): the marker, the parent's unique id as it was when the child was made, then
 * the parent's path in UTF-16, NUL-terminated. */
#define PARENT_OFFSET HEADER_SPACE
#define PARENT_MARKER "HAKOPRNT"
#define PARENT_PATH_OFFSET (PARENT_OFFSET + 8u + (uint32_t)sizeof(sa_guid))
#define PARENT_MAX_UNITS ((DYNAMIC_FILE_SIZE - PARENT_PATH_OFFSET) / 2u)
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


/* ==== Shared state (virtdisk_disks.c; everything under g_mu) ====================================== */

extern const sa_guid vendor_microsoft;
extern pthread_mutex_t g_mu;
extern pthread_cond_t g_done; /* a job finished */
extern pthread_once_t g_once;
extern disk *g_disks;
extern sa_named *g_faults;
extern uint64_t g_bytes_per_second; /* 0 = instantaneous */

/* ==== Helpers shared between the files =========================================================== */

/* virtdisk_disks.c */
uint32_t vd_read_header(const char16_t *path, disk_header *h);
uint32_t vd_write_header(const char16_t *path, const disk_header *h);
int vd_read_parent(const char16_t *path, char16_t parent[PARENT_MAX_UNITS], sa_guid *id);
uint32_t vd_write_parent(const char16_t *path, const char16_t *parent, const sa_guid *id);
void vd_disk_unref(disk *d);
void vd_enter(void);
void vd_api_enter(const char *function);
disk *vd_find_disk(void *handle);
uint32_t vd_open_disk(const char16_t *path, int access, int version, disk **out);
void vd_close_disk(disk *d);
int32_t vd_take_fault(const char *function);

/* virtdisk_jobs.c */
uint32_t vd_job_start(disk *d, int kind, uint64_t total, uint64_t new_size, overlapped *ov);

#endif
