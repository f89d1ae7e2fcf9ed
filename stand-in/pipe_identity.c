/*
 * Linux stand-ins of the Win32 calls Hako makes to learn who serves a named pipe (README "Pipe server
 * identity"): kernel32's GetNamedPipeServerProcessId, OpenProcess, QueryFullProcessImageNameW,
 * CloseHandle, GetLastError and advapi32's OpenProcessToken, GetTokenInformation (TokenUser) and
 * ConvertSidToStringSidW (freed with this library's LocalFree). They live in computecore because only it
 * knows which VM serves which pipe.
 *
 * A "pipe handle" is the file descriptor of a connected Unix socket (a Linux pipe stand-in). When its
 * peer is one of the stand-in's console endpoints, the server is that VM's pretend worker process:
 * image C:\Windows\System32\vmwp.exe, token user S-1-5-83-1-<the VM's runtime id as four little-endian
 * u32>, a pid above any Linux pid. Any other peer is the real process that listens (SO_PEERCRED): its
 * /proc/<pid>/exe, and the fake SID S-1-5-21-1000-1000-1000-<uid> Hako's host facts use here.
 *
 * As strict as Windows, or stricter where Windows' answer for a misuse is not documented:
 * - OpenProcess of a worker grants only PROCESS_QUERY_LIMITED_INFORMATION (a VM worker may run as a
 *   protected process, which refuses more); any other right is ERROR_ACCESS_DENIED. A pid that is not
 *   running is ERROR_INVALID_PARAMETER, as on Windows.
 * - OpenProcessToken needs a process handle and asks for TOKEN_QUERY only; more is ERROR_ACCESS_DENIED.
 * - QueryFullProcessImageNameW and GetTokenInformation report ERROR_INSUFFICIENT_BUFFER with the size
 *   needed, as Windows does; only the Win32 path format (flags 0) and TokenUser are implemented, anything
 *   else is ERROR_INVALID_PARAMETER.
 * - A handle of the wrong kind, closed, or never issued is ERROR_INVALID_HANDLE. Every handle is counted
 *   until CloseHandle (StandInWin32OpenHandleCount).
 */
#ifndef _WIN32
#define _GNU_SOURCE
#include "common.h"
#include "console.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define ERROR_INVALID_HANDLE 6u
#define PROCESS_QUERY_INFORMATION 0x0400u
#define PROCESS_QUERY_LIMITED_INFORMATION 0x1000u
#define TOKEN_QUERY 0x0008u
#define TOKEN_USER_CLASS 1
#define WORKER_PID_BASE 0x40000000u
#define WORKER_IMAGE "C:\\Windows\\System32\\vmwp.exe"

static _Thread_local uint32_t last_error;

enum { K_PROCESS = 1, K_TOKEN = 2 };

typedef struct w32obj {
  struct w32obj *next;
  int kind;
  uint32_t pid;
  int worker;         /* the pretend VM worker of `runtime` */
  char runtime[37];
} w32obj;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static w32obj *objects;
/* Worker pids handed out, so OpenProcess can find the VM again. */
typedef struct worker_pid {
  struct worker_pid *next;
  uint32_t pid;
  char runtime[37];
} worker_pid;
static worker_pid *workers;

static int fail(uint32_t error) {
  last_error = error;
  return 0;
}

static uint32_t worker_pid_of(const char *runtime) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (const char *p = runtime; *p; p++) h = (h ^ (uint8_t)(*p | 0x20)) * 16777619u;
  uint32_t pid = WORKER_PID_BASE | (h & 0x0ffffffcu); /* Windows pids are multiples of 4 */
  pthread_mutex_lock(&mu);
  worker_pid *w = workers;
  while (w && w->pid != pid) w = w->next;
  if (!w && (w = calloc(1, sizeof *w))) {
    w->pid = pid;
    snprintf(w->runtime, sizeof w->runtime, "%s", runtime);
    w->next = workers;
    workers = w;
  }
  pthread_mutex_unlock(&mu);
  return pid;
}

static w32obj *new_object(int kind, uint32_t pid, int worker, const char *runtime) {
  w32obj *o = calloc(1, sizeof *o);
  if (!o) return NULL;
  o->kind = kind;
  o->pid = pid;
  o->worker = worker;
  snprintf(o->runtime, sizeof o->runtime, "%s", runtime ? runtime : "");
  pthread_mutex_lock(&mu);
  o->next = objects;
  objects = o;
  pthread_mutex_unlock(&mu);
  return o;
}

/* The live object `handle` names, of `kind` (0: any); NULL otherwise. Copied out under the lock. */
static int find_object(void *handle, int kind, w32obj *out) {
  int found = 0;
  pthread_mutex_lock(&mu);
  for (w32obj *o = objects; o; o = o->next)
    if ((void *)o == handle && (!kind || o->kind == kind)) {
      *out = *o;
      found = 1;
      break;
    }
  pthread_mutex_unlock(&mu);
  return found;
}

SA_EXPORT uint32_t GetLastError(void) { return last_error; }

SA_EXPORT int32_t GetNamedPipeServerProcessId(void *pipe, uint32_t *serverProcessId) {
  int fd = (int)(intptr_t)pipe;
  if (!serverProcessId) return fail(SA_ERROR_INVALID_PARAMETER);
  struct sockaddr_un peer;
  socklen_t len = sizeof peer;
  memset(&peer, 0, sizeof peer);
  int type = 0;
  socklen_t type_len = sizeof type;
  if (fd < 0 || getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &type_len) != 0 || type != SOCK_STREAM ||
      getpeername(fd, (struct sockaddr *)&peer, &len) != 0 || peer.sun_family != AF_UNIX)
    return fail(ERROR_INVALID_HANDLE);
  char owner[37];
  if (peer.sun_path[0] && sa_console_owner_of(peer.sun_path, owner)) {
    *serverProcessId = worker_pid_of(owner);
    return 1;
  }
  struct ucred cred;
  socklen_t cred_len = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) != 0) return fail(ERROR_INVALID_HANDLE);
  *serverProcessId = (uint32_t)cred.pid;
  return 1;
}

SA_EXPORT void *OpenProcess(uint32_t desiredAccess, int32_t inheritHandle, uint32_t processId) {
  (void)inheritHandle;
  if (processId >= WORKER_PID_BASE) {
    char runtime[37] = {0};
    pthread_mutex_lock(&mu);
    for (worker_pid *w = workers; w; w = w->next)
      if (w->pid == processId) memcpy(runtime, w->runtime, sizeof runtime);
    pthread_mutex_unlock(&mu);
    if (!runtime[0] || !sa_console_owner_live(runtime)) return (void *)(intptr_t)fail(SA_ERROR_INVALID_PARAMETER);
    if (desiredAccess != PROCESS_QUERY_LIMITED_INFORMATION) return (void *)(intptr_t)fail(SA_ERROR_ACCESS_DENIED);
    w32obj *o = new_object(K_PROCESS, processId, 1, runtime);
    return o ? (void *)o : (void *)(intptr_t)fail(SA_ERROR_NOT_ENOUGH_MEMORY);
  }
  if (!desiredAccess || (desiredAccess & ~(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_QUERY_INFORMATION)))
    return (void *)(intptr_t)fail(SA_ERROR_ACCESS_DENIED);
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/%u", processId);
  struct stat st;
  if (processId == 0 || stat(proc, &st) != 0) return (void *)(intptr_t)fail(SA_ERROR_INVALID_PARAMETER);
  w32obj *o = new_object(K_PROCESS, processId, 0, NULL);
  return o ? (void *)o : (void *)(intptr_t)fail(SA_ERROR_NOT_ENOUGH_MEMORY);
}

SA_EXPORT int32_t QueryFullProcessImageNameW(void *process, uint32_t flags, char16_t *exeName, uint32_t *size) {
  w32obj o;
  if (!find_object(process, K_PROCESS, &o)) return fail(ERROR_INVALID_HANDLE);
  if (flags != 0 || !exeName || !size) return fail(SA_ERROR_INVALID_PARAMETER);
  char image[4096];
  if (o.worker) {
    snprintf(image, sizeof image, "%s", WORKER_IMAGE);
  } else {
    char link[64];
    snprintf(link, sizeof link, "/proc/%u/exe", o.pid);
    ssize_t n = readlink(link, image, sizeof image - 1);
    if (n < 0) return fail(SA_ERROR_ACCESS_DENIED);
    image[n] = 0;
  }
  char16_t *wide = sa_utf8_to_u16(image);
  if (!wide) return fail(SA_ERROR_NOT_ENOUGH_MEMORY);
  size_t chars = sa_u16len(wide);
  if (chars + 1 > *size) {
    free(wide);
    return fail(SA_ERROR_INSUFFICIENT_BUFFER);
  }
  memcpy(exeName, wide, (chars + 1) * sizeof *wide);
  free(wide);
  *size = (uint32_t)chars;
  return 1;
}

SA_EXPORT int32_t OpenProcessToken(void *process, uint32_t desiredAccess, void **token) {
  w32obj o;
  if (!token) return fail(SA_ERROR_INVALID_PARAMETER);
  if (!find_object(process, K_PROCESS, &o)) return fail(ERROR_INVALID_HANDLE);
  if (desiredAccess != TOKEN_QUERY) return fail(SA_ERROR_ACCESS_DENIED);
  w32obj *t = new_object(K_TOKEN, o.pid, o.worker, o.runtime);
  if (!t) return fail(SA_ERROR_NOT_ENOUGH_MEMORY);
  *token = t;
  return 1;
}

/* The binary SID of a token: S-1-5-83-1-<4 u32> for a worker, S-1-5-21-1000-1000-1000-<uid> otherwise. */
static size_t token_sid(const w32obj *t, uint8_t sid[8 + 4 * 6]) {
  uint32_t sub[6];
  int count;
  if (t->worker) {
    sa_guid g;
    if (!sa_guid_parse(t->runtime, &g)) return 0;
    uint8_t bytes[16];
    memcpy(bytes, &g, 16); /* GUID byte order on a little-endian machine */
    sub[0] = 83;
    sub[1] = 1;
    for (int i = 0; i < 4; i++) sub[2 + i] = (uint32_t)bytes[4 * i] | (uint32_t)bytes[4 * i + 1] << 8 | (uint32_t)bytes[4 * i + 2] << 16 | (uint32_t)bytes[4 * i + 3] << 24;
    count = 6;
  } else {
    char proc[64];
    struct stat st;
    snprintf(proc, sizeof proc, "/proc/%u", t->pid);
    if (stat(proc, &st) != 0) return 0;
    sub[0] = 21;
    sub[1] = sub[2] = sub[3] = 1000;
    sub[4] = (uint32_t)st.st_uid;
    count = 5;
  }
  sid[0] = 1; /* revision */
  sid[1] = (uint8_t)count;
  memset(sid + 2, 0, 5);
  sid[7] = 5; /* SECURITY_NT_AUTHORITY, big-endian */
  for (int i = 0; i < count; i++) memcpy(sid + 8 + 4 * i, &sub[i], 4);
  return 8 + 4 * (size_t)count;
}

SA_EXPORT int32_t GetTokenInformation(void *token, int32_t infoClass, void *info, uint32_t length, uint32_t *returnLength) {
  w32obj t;
  if (!find_object(token, K_TOKEN, &t)) return fail(ERROR_INVALID_HANDLE);
  if (infoClass != TOKEN_USER_CLASS || !returnLength) return fail(SA_ERROR_INVALID_PARAMETER);
  uint8_t sid[8 + 4 * 6];
  size_t sid_size = token_sid(&t, sid);
  if (!sid_size) return fail(SA_ERROR_ACCESS_DENIED);
  /* TOKEN_USER { SID_AND_ATTRIBUTES { PSID Sid; DWORD Attributes; } } then the SID, in one buffer. */
  const size_t header = sizeof(void *) * 2;
  *returnLength = (uint32_t)(header + sid_size);
  if (!info || length < header + sid_size) return fail(SA_ERROR_INSUFFICIENT_BUFFER);
  uint8_t *out = info;
  void *sid_at = out + header;
  memset(out, 0, header);
  memcpy(out, &sid_at, sizeof sid_at);
  memcpy(sid_at, sid, sid_size);
  return 1;
}

SA_EXPORT int32_t ConvertSidToStringSidW(const void *sid, char16_t **stringSid) {
  const uint8_t *s = sid;
  if (!s || !stringSid || s[0] != 1 || s[1] > 15) return fail(SA_ERROR_INVALID_PARAMETER);
  char text[256];
  uint64_t authority = 0;
  for (int i = 2; i < 8; i++) authority = authority << 8 | s[i];
  int at = snprintf(text, sizeof text, "S-1-%llu", (unsigned long long)authority);
  for (int i = 0; i < s[1]; i++) {
    uint32_t sub;
    memcpy(&sub, s + 8 + 4 * i, 4);
    at += snprintf(text + at, sizeof text - (size_t)at, "-%u", sub);
  }
  char16_t *out = sa_result_local(text);
  if (!out) return fail(SA_ERROR_NOT_ENOUGH_MEMORY);
  *stringSid = out;
  return 1;
}

SA_EXPORT int32_t CloseHandle(void *handle) {
  int found = 0;
  pthread_mutex_lock(&mu);
  for (w32obj **at = &objects; *at; at = &(*at)->next)
    if ((void *)*at == handle) {
      w32obj *o = *at;
      *at = o->next;
      free(o);
      found = 1;
      break;
    }
  pthread_mutex_unlock(&mu);
  return found ? 1 : fail(ERROR_INVALID_HANDLE);
}

/* Test control: process and token handles not yet closed. */
SA_EXPORT int32_t StandInWin32OpenHandleCount(void) {
  int32_t n = 0;
  pthread_mutex_lock(&mu);
  for (w32obj *o = objects; o; o = o->next) n++;
  pthread_mutex_unlock(&mu);
  return n;
}

#else
/* Windows (wine): the real kernel32 and advapi32 answer. */
typedef int pipe_identity_unused;
#endif
