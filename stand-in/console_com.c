/* The COM-port connections of the console endpoints; see console_com.h and README "Console endpoints". */
#define _POSIX_C_SOURCE 200809L
#include "console_com.h"

#include "common.h"
#include "console.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

/* Echoed bytes that may wait to be written before the connection stops reading: a client that writes
 * and never reads is held back, as by a full pipe. */
#define ECHO_LIMIT (64u * 1024u)
#define IN_CHUNK 4096
#define OUT_CHUNK 65536
#define BOOT_DELAY_DEFAULT_MS 1000u
/* The largest text a script file may repeat. */
#define SCRIPT_TEXT_LIMIT (64u * 1024u)

/* Output waiting for one connection: `data` repeated until `total` bytes have gone. */
typedef struct job {
  struct job *next;
  char *data;
  size_t len;
  uint64_t total, done;
  int echo;
} job;

typedef struct conn {
  struct conn *next;
  job *head, *tail;
  uint64_t echo_queued;
#ifdef _WIN32
  HANDLE notify; /* auto-reset: output was queued */
#else
  int notify[2]; /* a byte is written when output is queued */
#endif
} conn;

struct sa_com {
  struct sa_com *next; /* g_coms */
  char *pipe_name, *banner, *boot;
  conn *conns;
  int stopping, has_boot_thread;
  pthread_t boot_thread;
  pthread_cond_t cv;
};

/* One lock for every COM endpoint's connections and queues; never held while waiting for I/O. */
static pthread_mutex_t g_com_mu = PTHREAD_MUTEX_INITIALIZER;
static sa_com *g_coms;
static uint32_t g_boot_delay_ms = BOOT_DELAY_DEFAULT_MS;

static void notify(conn *cc) {
#ifdef _WIN32
  SetEvent(cc->notify);
#else
  ssize_t ignored = write(cc->notify[1], "x", 1); /* a full pipe already says enough */
  (void)ignored;
#endif
}

static int queue_locked(conn *cc, const void *data, size_t len, uint64_t total, int echo) {
  job *j = calloc(1, sizeof *j);
  if (!j || !(j->data = malloc(len))) {
    free(j);
    return 0;
  }
  memcpy(j->data, data, len);
  j->len = len;
  j->total = total;
  j->echo = echo;
  if (echo) cc->echo_queued += len;
  if (cc->tail) cc->tail->next = j;
  else cc->head = j;
  cc->tail = j;
  notify(cc);
  return 1;
}

/* Copies the next bytes of the first job into `buf` (without taking them off the queue). */
static size_t chunk_locked(const conn *cc, char *buf, size_t cap) {
  const job *j = cc->head;
  if (!j) return 0;
  uint64_t left = j->total - j->done;
  size_t n = left < cap ? (size_t)left : cap;
  for (size_t copied = 0; copied < n;) {
    size_t at = (size_t)((j->done + copied) % j->len), piece = j->len - at;
    if (piece > n - copied) piece = n - copied;
    memcpy(buf + copied, j->data + at, piece);
    copied += piece;
  }
  return n;
}

static void advance_locked(conn *cc, size_t n) {
  job *j = cc->head;
  if (!j) return;
  j->done += n;
  if (j->done < j->total) return;
  cc->head = j->next;
  if (!cc->head) cc->tail = NULL;
  if (j->echo) cc->echo_queued -= j->len;
  free(j->data);
  free(j);
}

static void drop_jobs(conn *cc) {
  while (cc->head) {
    job *j = cc->head;
    cc->head = j->next;
    free(j->data);
    free(j);
  }
  cc->tail = NULL;
}

/* Adds a connection (with the banner queued) to `com`; NULL when out of memory. */
static conn *attach(sa_com *com) {
  conn *cc = calloc(1, sizeof *cc);
  if (!cc) return NULL;
#ifdef _WIN32
  if (!(cc->notify = CreateEventW(NULL, FALSE, FALSE, NULL))) {
#else
  if (pipe(cc->notify) != 0) {
#endif
    free(cc);
    return NULL;
  }
#ifndef _WIN32
  for (int i = 0; i < 2; i++) {
    fcntl(cc->notify[i], F_SETFL, fcntl(cc->notify[i], F_GETFL) | O_NONBLOCK);
    fcntl(cc->notify[i], F_SETFD, FD_CLOEXEC);
  }
#endif
  pthread_mutex_lock(&g_com_mu);
  queue_locked(cc, com->banner, strlen(com->banner), strlen(com->banner), 0);
  cc->next = com->conns;
  com->conns = cc;
  pthread_mutex_unlock(&g_com_mu);
  return cc;
}

static void detach(sa_com *com, conn *cc) {
  pthread_mutex_lock(&g_com_mu);
  for (conn **at = &com->conns; *at; at = &(*at)->next)
    if (*at == cc) {
      *at = cc->next;
      break;
    }
  drop_jobs(cc);
  pthread_mutex_unlock(&g_com_mu);
#ifdef _WIN32
  CloseHandle(cc->notify);
#else
  close(cc->notify[0]);
  close(cc->notify[1]);
#endif
  free(cc);
}

/* What the connection may do next: write (output queued) and read (the echo backlog is not full). */
static void wants(conn *cc, int *out, int *in) {
  pthread_mutex_lock(&g_com_mu);
  *out = cc->head != NULL;
  *in = cc->echo_queued < ECHO_LIMIT;
  pthread_mutex_unlock(&g_com_mu);
}

static size_t next_chunk(conn *cc, char *buf) {
  pthread_mutex_lock(&g_com_mu);
  size_t n = chunk_locked(cc, buf, OUT_CHUNK);
  pthread_mutex_unlock(&g_com_mu);
  return n;
}

static void wrote(conn *cc, size_t n, const char *echo, size_t echo_len) {
  pthread_mutex_lock(&g_com_mu);
  if (n) advance_locked(cc, n);
  if (echo_len) queue_locked(cc, echo, echo_len, echo_len, 1);
  pthread_mutex_unlock(&g_com_mu);
}

/* The guest "runs" the line just entered: when $HAKO_STAND_IN_COM_SCRIPTS holds a file named like this
 * pipe's socket (README "Console endpoints"), the endpoint takes it (one run per file: it is renamed
 * first, so two connections cannot both play it) and queues its output to every connection of the port,
 * after the echo. The file's first line is the byte count, the rest the text repeated to make it up: how
 * a test driving a separate `hako host` makes the guest flood its serial port. A file that does not parse
 * is removed and ignored. */
static void play_script(sa_com *com) {
  char dir[1024];
  char *file = sa_console_pipe_file(sa_getenv("HAKO_STAND_IN_COM_SCRIPTS", dir, sizeof dir), com->pipe_name);
  if (!file) return;
  size_t n = strlen(file) + sizeof ".playing";
  char *taken = malloc(n);
  if (taken) snprintf(taken, n, "%s.playing", file);
  int claimed = taken && rename(file, taken) == 0;
  free(file);
  if (!claimed) {
    free(taken);
    return;
  }
  FILE *f = fopen(taken, "rb");
  char *text = malloc(SCRIPT_TEXT_LIMIT + 32);
  size_t got = f && text ? fread(text, 1, SCRIPT_TEXT_LIMIT + 31, f) : 0;
  if (f) fclose(f);
  remove(taken);
  free(taken);
  char *newline = got ? memchr(text, '\n', got) : NULL;
  char *end = NULL;
  unsigned long long total = newline ? strtoull(text, &end, 10) : 0;
  size_t len = newline ? got - (size_t)(newline + 1 - text) : 0;
  if (total > 0 && end == newline && len > 0 && len <= SCRIPT_TEXT_LIMIT) {
    pthread_mutex_lock(&g_com_mu);
    for (conn *cc = com->conns; cc; cc = cc->next) queue_locked(cc, newline + 1, len, total, 0);
    pthread_mutex_unlock(&g_com_mu);
  }
  free(text);
}

/* Input arrived: echo it, and run the script if it ends a line. */
static void received(sa_com *com, conn *cc, const char *in, size_t n) {
  wrote(cc, 0, in, n);
  if (memchr(in, '\r', n)) play_script(com);
}

#ifndef _WIN32
void sa_com_serve(sa_com *com, int fd, int wake_fd) {
  char *in = malloc(IN_CHUNK), *out = malloc(OUT_CHUNK);
  conn *cc = in && out ? attach(com) : NULL;
  while (cc) {
    int has_out, can_read;
    wants(cc, &has_out, &can_read);
    struct pollfd p[3] = {{fd, (short)((can_read ? POLLIN : 0) | (has_out ? POLLOUT : 0)), 0}, {cc->notify[0], POLLIN, 0}, {wake_fd, POLLIN, 0}};
    if (poll(p, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[2].revents) break;
    if (p[1].revents)
      while (read(cc->notify[0], in, IN_CHUNK) > 0) {
      }
    if (p[0].revents & POLLOUT) {
      size_t n = next_chunk(cc, out);
      ssize_t w = n ? send(fd, out, n, MSG_NOSIGNAL) : 0;
      if (w < 0 && errno != EAGAIN && errno != EINTR) break;
      if (w > 0) wrote(cc, (size_t)w, NULL, 0);
    }
    if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t r = read(fd, in, IN_CHUNK);
      if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) break;
      if (r > 0) received(com, cc, in, (size_t)r);
    }
  }
  if (cc) detach(com, cc);
  free(in);
  free(out);
}
#else
/* Overlapped reads and writes on the pipe at once; the endpoint's `stop` event ends the connection. */
void sa_com_serve(sa_com *com, void *pipe, void *stop) {
  char *in = malloc(IN_CHUNK), *out = malloc(OUT_CHUNK);
  OVERLAPPED rov, wov;
  memset(&rov, 0, sizeof rov);
  memset(&wov, 0, sizeof wov);
  rov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  wov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  conn *cc = in && out && rov.hEvent && wov.hEvent ? attach(com) : NULL;
  int reading = 0, writing = 0;
  while (cc) {
    int has_out, can_read;
    wants(cc, &has_out, &can_read);
    if (!reading && can_read) {
      ResetEvent(rov.hEvent);
      if (!ReadFile(pipe, in, IN_CHUNK, NULL, &rov) && GetLastError() != ERROR_IO_PENDING) break;
      reading = 1;
    }
    if (!writing && has_out) {
      DWORD n = (DWORD)next_chunk(cc, out);
      ResetEvent(wov.hEvent);
      if (!WriteFile(pipe, out, n, NULL, &wov) && GetLastError() != ERROR_IO_PENDING) break;
      writing = 1;
    }
    HANDLE hs[4] = {stop, cc->notify, NULL, NULL};
    DWORD count = 2, read_at = 9, write_at = 9, done = 0;
    if (reading) hs[read_at = count++] = rov.hEvent;
    if (writing) hs[write_at = count++] = wov.hEvent;
    DWORD w = WaitForMultipleObjects(count, hs, FALSE, INFINITE);
    if (w == WAIT_OBJECT_0 || w == WAIT_FAILED) break;
    if (w == WAIT_OBJECT_0 + read_at) {
      reading = 0;
      if (!GetOverlappedResult(pipe, &rov, &done, FALSE)) break;
      if (done) received(com, cc, in, done);
    } else if (w == WAIT_OBJECT_0 + write_at) {
      writing = 0;
      if (!GetOverlappedResult(pipe, &wov, &done, FALSE)) break;
      wrote(cc, done, NULL, 0);
    }
  }
  DWORD ignored;
  if (reading && CancelIoEx(pipe, &rov)) GetOverlappedResult(pipe, &rov, &ignored, TRUE);
  if (writing && CancelIoEx(pipe, &wov)) GetOverlappedResult(pipe, &wov, &ignored, TRUE);
  if (cc) detach(com, cc);
  if (rov.hEvent) CloseHandle(rov.hEvent);
  if (wov.hEvent) CloseHandle(wov.hEvent);
  free(in);
  free(out);
}
#endif

/* The firmware prints its boot output once, to the connections open at that moment. */
static void *boot_main(void *arg) {
  sa_com *com = arg;
  pthread_mutex_lock(&g_com_mu);
  uint64_t at = sa_now_ms() + g_boot_delay_ms;
  while (!com->stopping) {
    uint64_t now = sa_now_ms();
    if (now >= at) {
      for (conn *cc = com->conns; cc; cc = cc->next) queue_locked(cc, com->boot, strlen(com->boot), strlen(com->boot), 0);
      break;
    }
    sa_cond_wait_ms(&com->cv, &g_com_mu, at - now);
  }
  pthread_mutex_unlock(&g_com_mu);
  return NULL;
}

static void com_free(sa_com *com) {
  free(com->pipe_name);
  free(com->banner);
  free(com->boot);
  free(com);
}

sa_com *sa_com_start(const char *pipe_name, const char *banner, const char *boot) {
  sa_com *com = calloc(1, sizeof *com);
  if (!com || !(com->pipe_name = sa_strdup(pipe_name)) || !(com->banner = sa_strdup(banner ? banner : "")) ||
      (boot && !(com->boot = sa_strdup(boot)))) {
    if (com) com_free(com);
    return NULL;
  }
  sa_cond_init(&com->cv);
  pthread_mutex_lock(&g_com_mu);
  com->next = g_coms;
  g_coms = com;
  pthread_mutex_unlock(&g_com_mu);
  if (com->boot) com->has_boot_thread = sa_thread_start(&com->boot_thread, boot_main, com);
  return com;
}

void sa_com_stop(sa_com *com) {
  if (!com) return;
  pthread_mutex_lock(&g_com_mu);
  for (sa_com **at = &g_coms; *at; at = &(*at)->next)
    if (*at == com) {
      *at = com->next;
      break;
    }
  com->stopping = 1;
  pthread_cond_broadcast(&com->cv);
  pthread_mutex_unlock(&g_com_mu);
  if (com->has_boot_thread) pthread_join(com->boot_thread, NULL);
  pthread_cond_destroy(&com->cv);
  com_free(com);
}

void sa_com_reset_controls(void) {
  pthread_mutex_lock(&g_com_mu);
  g_boot_delay_ms = BOOT_DELAY_DEFAULT_MS;
  pthread_mutex_unlock(&g_com_mu);
}

/* ==== Test-only exports =========================================================================== */

static sa_com *find_locked(const char16_t *pipe_name) {
  char *name = pipe_name ? sa_u16_to_utf8(pipe_name) : NULL;
  sa_com *found = NULL;
  for (sa_com *com = g_coms; name && com && !found; com = com->next)
    if (sa_strieq(com->pipe_name, name)) found = com;
  free(name);
  return found;
}

/* Queues `totalBytes` bytes (0: `length`) made of `data` repeated for every connection of the COM
 * endpoint `pipeName`. Returns the number of connections, or an HRESULT: E_INVALIDARG, or
 * HRESULT_FROM_WIN32(ERROR_NOT_FOUND) when no running VM serves that pipe. Never waits for the client. */
SA_EXPORT int32_t SA_CALL StandInHcsComWrite(const char16_t *pipeName, const uint8_t *data, uint32_t length, uint64_t totalBytes) {
  if (!pipeName || !data || !length) return SA_E_INVALIDARG;
  pthread_mutex_lock(&g_com_mu);
  sa_com *com = find_locked(pipeName);
  int32_t count = com ? 0 : sa_hr_from_win32(SA_ERROR_NOT_FOUND);
  for (conn *cc = com ? com->conns : NULL; cc; cc = cc->next)
    if (queue_locked(cc, data, length, totalBytes ? totalBytes : length, 0)) count++;
  pthread_mutex_unlock(&g_com_mu);
  return count;
}

/* Connections open on the COM endpoint `pipeName`, or -1 when none serves it. */
SA_EXPORT int32_t SA_CALL StandInHcsComConnectionCount(const char16_t *pipeName) {
  pthread_mutex_lock(&g_com_mu);
  sa_com *com = find_locked(pipeName);
  int32_t count = com ? 0 : -1;
  for (conn *cc = com ? com->conns : NULL; cc; cc = cc->next) count++;
  pthread_mutex_unlock(&g_com_mu);
  return count;
}

/* Bytes queued on the endpoint's connections and not yet taken by their clients; -1 when none serves it. */
SA_EXPORT int64_t SA_CALL StandInHcsComPendingBytes(const char16_t *pipeName) {
  pthread_mutex_lock(&g_com_mu);
  sa_com *com = find_locked(pipeName);
  int64_t pending = com ? 0 : -1;
  for (conn *cc = com ? com->conns : NULL; cc; cc = cc->next)
    for (job *j = cc->head; j; j = j->next) pending += (int64_t)(j->total - j->done);
  pthread_mutex_unlock(&g_com_mu);
  return pending;
}

/* How long after a VM starts its firmware prints the boot output on the UEFI console's COM port
 * (default 1000 ms; StandInHcsReset restores it). */
SA_EXPORT void SA_CALL StandInHcsSetComBootDelay(uint32_t ms) {
  pthread_mutex_lock(&g_com_mu);
  g_boot_delay_ms = ms;
  pthread_mutex_unlock(&g_com_mu);
}
