/* Files on the host (Win32 and POSIX), with errors as Win32 codes; see common.h. */
#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <windows.h>
#include <objbase.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

/* ==== Files ======================================================================================= */

#ifdef _WIN32

static const wchar_t *wpath(const char16_t *p) { return (const wchar_t *)p; /* both 16-bit on Windows */ }

uint32_t sa_file_stat(const char16_t *path, int *is_dir, uint64_t *size, uint64_t *allocated) {
  WIN32_FILE_ATTRIBUTE_DATA data;
  if (!GetFileAttributesExW(wpath(path), GetFileExInfoStandard, &data)) return GetLastError();
  if (is_dir) *is_dir = (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  if (size) *size = (uint64_t)data.nFileSizeHigh << 32 | data.nFileSizeLow;
  if (allocated) {
    DWORD high = 0, low = GetCompressedFileSizeW(wpath(path), &high);
    *allocated = low == INVALID_FILE_SIZE && GetLastError() != NO_ERROR ? 0 : (uint64_t)high << 32 | low;
  }
  return 0;
}

static HANDLE open_file(const char16_t *path, DWORD access, DWORD disposition, uint32_t *err) {
  HANDLE h = CreateFileW(wpath(path), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         disposition, FILE_ATTRIBUTE_NORMAL, NULL);
  *err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
  return h;
}

static uint32_t write_all(HANDLE h, uint64_t offset, const void *data, size_t n) {
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)offset;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN)) return GetLastError();
  const char *p = data;
  while (n > 0) {
    DWORD chunk = n > 0x10000000 ? 0x10000000 : (DWORD)n, done = 0;
    if (!WriteFile(h, p, chunk, &done, NULL)) return GetLastError();
    p += done;
    n -= done;
  }
  return 0;
}

uint32_t sa_file_write(const char16_t *path, const void *data, size_t n, int exclusive) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, exclusive ? CREATE_NEW : CREATE_ALWAYS, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  err = write_all(h, 0, data, n);
  CloseHandle(h);
  return err;
}

uint32_t sa_file_write_at(const char16_t *path, uint64_t offset, const void *data, size_t n) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  err = write_all(h, offset, data, n);
  CloseHandle(h);
  return err;
}

uint32_t sa_file_read_at(const char16_t *path, uint64_t offset, void *data, size_t n, size_t *got) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_READ, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)offset;
  DWORD done = 0;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN) || !ReadFile(h, data, (DWORD)n, &done, NULL)) err = GetLastError();
  CloseHandle(h);
  *got = done;
  return err;
}

uint32_t sa_file_set_size(const char16_t *path, uint64_t size) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)size;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN) || !SetEndOfFile(h)) err = GetLastError();
  CloseHandle(h);
  return err;
}

uint32_t sa_file_delete(const char16_t *path) { return DeleteFileW(wpath(path)) ? 0 : GetLastError(); }

int sa_path_parent_is_root(const char16_t *path) {
  const char16_t *p = path;
  if (p[0] == '\\' && p[1] == '\\' && (p[2] == '?' || p[2] == '.') && p[3] == '\\') p += 4;
  if (!p[0] || p[1] != ':' || (p[2] != '\\' && p[2] != '/')) return 0;
  for (p += 3; *p; p++)
    if (*p == '\\' || *p == '/') return 0;
  return 1;
}

#else

/* ENOENT means "path not found" on Windows when the parent directory is missing too. */
static uint32_t errno_to_win32(int e, const char *path) {
  switch (e) {
    case ENOENT: {
      char *copy = sa_strdup(path);
      char *slash = copy ? strrchr(copy, '/') : NULL;
      uint32_t code = SA_ERROR_FILE_NOT_FOUND;
      if (slash && slash != copy) {
        struct stat st;
        *slash = 0;
        if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) code = SA_ERROR_PATH_NOT_FOUND;
      }
      free(copy);
      return code;
    }
    case ENOTDIR: return SA_ERROR_PATH_NOT_FOUND;
    case EEXIST: return SA_ERROR_FILE_EXISTS;
    case EACCES:
    case EPERM:
    case EISDIR:
    case EROFS: return SA_ERROR_ACCESS_DENIED;
    case ENOSPC: return SA_ERROR_DISK_FULL;
    case ENOMEM: return SA_ERROR_NOT_ENOUGH_MEMORY;
    case ENAMETOOLONG:
    case EINVAL: return SA_ERROR_INVALID_PARAMETER;
    default: return SA_ERROR_GEN_FAILURE;
  }
}

/* Opens `path` (UTF-16) with open(2) flags; returns the fd or -1 with *err set. */
static int open_u16(const char16_t *path, int flags, uint32_t *err) {
  char *p = sa_u16_to_utf8(path);
  if (!p || !*p) {
    free(p);
    *err = SA_ERROR_INVALID_PARAMETER;
    return -1;
  }
  int fd = open(p, flags | O_CLOEXEC, 0644);
  *err = fd < 0 ? errno_to_win32(errno, p) : 0;
  free(p);
  return fd;
}

uint32_t sa_file_stat(const char16_t *path, int *is_dir, uint64_t *size, uint64_t *allocated) {
  char *p = sa_u16_to_utf8(path);
  if (!p || !*p) {
    free(p);
    return SA_ERROR_INVALID_PARAMETER;
  }
  struct stat st;
  uint32_t err = stat(p, &st) == 0 ? 0 : errno_to_win32(errno, p);
  free(p);
  if (err) return err;
  if (is_dir) *is_dir = S_ISDIR(st.st_mode);
  if (size) *size = (uint64_t)st.st_size;
  if (allocated) *allocated = (uint64_t)st.st_blocks * 512u;
  return 0;
}

static uint32_t pwrite_all(int fd, uint64_t offset, const void *data, size_t n) {
  const char *p = data;
  while (n > 0) {
    ssize_t w = pwrite(fd, p, n, (off_t)offset);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno_to_win32(errno, "");
    }
    p += w;
    n -= (size_t)w;
    offset += (uint64_t)w;
  }
  return 0;
}

uint32_t sa_file_write(const char16_t *path, const void *data, size_t n, int exclusive) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC), &err);
  if (fd < 0) return err;
  err = pwrite_all(fd, 0, data, n);
  close(fd);
  return err;
}

uint32_t sa_file_write_at(const char16_t *path, uint64_t offset, const void *data, size_t n) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY, &err);
  if (fd < 0) return err;
  err = pwrite_all(fd, offset, data, n);
  close(fd);
  return err;
}

uint32_t sa_file_read_at(const char16_t *path, uint64_t offset, void *data, size_t n, size_t *got) {
  uint32_t err;
  *got = 0;
  int fd = open_u16(path, O_RDONLY, &err);
  if (fd < 0) return err;
  ssize_t r;
  do r = pread(fd, data, n, (off_t)offset);
  while (r < 0 && errno == EINTR);
  if (r < 0) err = errno_to_win32(errno, "");
  else *got = (size_t)r;
  close(fd);
  return err;
}

uint32_t sa_file_set_size(const char16_t *path, uint64_t size) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY, &err);
  if (fd < 0) return err;
  if (ftruncate(fd, (off_t)size) != 0) err = errno_to_win32(errno, "");
  close(fd);
  return err;
}

uint32_t sa_file_delete(const char16_t *path) {
  char *p = sa_u16_to_utf8(path);
  if (!p) return SA_ERROR_INVALID_PARAMETER;
  uint32_t err = unlink(p) == 0 ? 0 : errno_to_win32(errno, p);
  free(p);
  return err;
}

int sa_path_parent_is_root(const char16_t *path) {
  if (path[0] != '/') return 0;
  for (const char16_t *p = path + 1; *p; p++)
    if (*p == '/') return 0;
  return 1;
}

#endif
