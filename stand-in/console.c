/* Console endpoints of running VMs; see console.h. */
#define _POSIX_C_SOURCE 200809L
#include "console.h"

#include "common.h"
#include "console_com.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#endif

#define PIPE_PREFIX "\\\\.\\pipe\\"

/* ==== Session targets (shared by both platforms) ================================================= */

typedef struct target {
  char *pipe_name, *host;
  uint16_t port;
  struct target *next;
} target;

static pthread_mutex_t targets_mu = PTHREAD_MUTEX_INITIALIZER;
static target *targets;

int32_t sa_console_set_target(const char *pipe_name, const char *host, uint16_t port) {
  pthread_mutex_lock(&targets_mu);
  for (target **at = &targets; *at; at = &(*at)->next) {
    if (sa_strieq((*at)->pipe_name, pipe_name)) {
      target *t = *at;
      *at = t->next;
      free(t->pipe_name);
      free(t->host);
      free(t);
      break;
    }
  }
  int32_t hr = SA_S_OK;
  if (host && port) {
    target *t = calloc(1, sizeof *t);
    if (t && (t->pipe_name = sa_strdup(pipe_name)) && (t->host = sa_strdup(host))) {
      t->port = port;
      t->next = targets;
      targets = t;
    } else {
      if (t) free(t->pipe_name);
      free(t);
      hr = SA_E_OUTOFMEMORY;
    }
  }
  pthread_mutex_unlock(&targets_mu);
  return hr;
}

/* Pipe names are case-insensitive: accept any case of the \\.\pipe\ prefix. */
static const char *pipe_rest(const char *name) {
  size_t n = strlen(PIPE_PREFIX);
  if (strlen(name) <= n) return NULL;
  for (size_t i = 0; i < n; i++) {
    char a = name[i], b = PIPE_PREFIX[i];
    if (a >= 'A' && a <= 'Z') a = (char)(a + 32);
    if (a != b) return NULL;
  }
  return name + n;
}

char *sa_console_pipe_file(const char *dir, const char *pipe_name) {
  const char *rest = pipe_rest(pipe_name);
  if (!dir || !*dir || !rest) return NULL;
  size_t n = strlen(dir) + strlen(rest) + 2;
  char *file = malloc(n);
  if (!file) return NULL;
  snprintf(file, n, "%s/%s", dir, rest);
  for (char *p = file + strlen(dir) + 1; *p; p++)
    if (*p == '/' || *p == '\\') *p = '_';
  return file;
}

/* The target file of $HAKO_STAND_IN_SESSION_TARGETS for `pipe_name` ("host:port" in the file named like
 * the pipe's Unix socket): how a process that cannot call StandInHcsSetSessionTarget (a test driving a
 * `hako host`) points a VM's session pipe at a server. 0 when there is none or it does not parse. */
static int target_from_file(const char *pipe_name, char *host, size_t host_size, uint16_t *port) {
  char *file = sa_console_pipe_file(getenv("HAKO_STAND_IN_SESSION_TARGETS"), pipe_name);
  if (!file) return 0;
  FILE *f = fopen(file, "r");
  free(file);
  if (!f) return 0;
  char line[300] = {0};
  int ok = fgets(line, sizeof line, f) != NULL;
  fclose(f);
  char *colon = ok ? strrchr(line, ':') : NULL;
  if (!colon || (size_t)(colon - line) >= host_size || colon == line) return 0;
  long value = strtol(colon + 1, NULL, 10);
  if (value <= 0 || value > 65535) return 0;
  memcpy(host, line, (size_t)(colon - line));
  host[colon - line] = 0;
  *port = (uint16_t)value;
  return 1;
}

/* Copies the target of `pipe_name` into host/port; 0 when none is set. */
static int lookup_target(const char *pipe_name, char *host, size_t host_size, uint16_t *port) {
  int found = 0;
  pthread_mutex_lock(&targets_mu);
  for (target *t = targets; t; t = t->next) {
    if (sa_strieq(t->pipe_name, pipe_name) && strlen(t->host) < host_size) {
      strcpy(host, t->host);
      *port = t->port;
      found = 1;
      break;
    }
  }
  pthread_mutex_unlock(&targets_mu);
  return found || target_from_file(pipe_name, host, host_size, port);
}

/* Common endpoint state: live connections are counted so stop can wait for them. */
typedef struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int conns;
} conn_count;

static void conns_init(conn_count *cc) {
  pthread_mutex_init(&cc->mu, NULL);
  pthread_cond_init(&cc->cv, NULL);
  cc->conns = 0;
}

static void conns_add(conn_count *cc, int delta) {
  pthread_mutex_lock(&cc->mu);
  cc->conns += delta;
  pthread_cond_broadcast(&cc->cv);
  pthread_mutex_unlock(&cc->mu);
}

static void conns_drain(conn_count *cc) {
  pthread_mutex_lock(&cc->mu);
  while (cc->conns > 0) pthread_cond_wait(&cc->cv, &cc->mu);
  pthread_mutex_unlock(&cc->mu);
  pthread_cond_destroy(&cc->cv);
  pthread_mutex_destroy(&cc->mu);
}

#ifndef _WIN32
/* ==== Linux: Unix sockets ========================================================================= */

struct sa_console {
  int kind;
  char *pipe_name, *path;
  sa_com *com; /* COM endpoints: what their connections get (console_com.c) */
  char owner[37];
  dev_t dev; /* the socket file as bound: a file another process puts at the path later is not ours */
  ino_t ino;
  int listen_fd;
  int wake[2]; /* written once on stop; stays readable so every poll sees it */
  pthread_t thread;
  conn_count cc;
  struct sa_console *next_live; /* in `live` while it serves */
};

/* The endpoints serving now, for sa_console_owner_of. */
static pthread_mutex_t live_mu = PTHREAD_MUTEX_INITIALIZER;
static sa_console *live;

int sa_console_owner_of(const char *path, char owner[37]) {
  struct stat st;
  if (stat(path, &st) != 0) return 0;
  int found = 0;
  pthread_mutex_lock(&live_mu);
  for (sa_console *c = live; c; c = c->next_live) {
    if (strcmp(c->path, path) == 0 && c->dev == st.st_dev && c->ino == st.st_ino) {
      memcpy(owner, c->owner, 37);
      found = 1;
      break;
    }
  }
  pthread_mutex_unlock(&live_mu);
  return found;
}

int sa_console_owner_live(const char *owner) {
  int found = 0;
  pthread_mutex_lock(&live_mu);
  for (sa_console *c = live; c && !found; c = c->next_live) found = *owner && sa_strieq(c->owner, owner);
  pthread_mutex_unlock(&live_mu);
  return found;
}

static void live_remove(sa_console *c) {
  pthread_mutex_lock(&live_mu);
  for (sa_console **at = &live; *at; at = &(*at)->next_live)
    if (*at == c) {
      *at = c->next_live;
      break;
    }
  pthread_mutex_unlock(&live_mu);
}

typedef struct {
  sa_console *c;
  int fd;
} conn_arg;

static int set_nonblocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

/* Non-blocking connect that gives up when the endpoint stops or after 5 s. */
static int connect_target(sa_console *c, const char *host, uint16_t port) {
  char service[8];
  snprintf(service, sizeof service, "%u", (unsigned)port);
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, service, &hints, &res) != 0) return -1;
  int fd = -1;
  for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    if (!set_nonblocking(fd)) goto next;
    /* A VM's session pipe has no Nagle delay: the TCP hop that stands in for it must not add one
     * (a keystroke written while an earlier write awaits its ACK would wait for the peer's delayed ACK). */
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) goto next;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
    if (errno != EINPROGRESS) goto next;
    struct pollfd p[2] = {{fd, POLLOUT, 0}, {c->wake[0], POLLIN, 0}};
    int err = 0;
    socklen_t len = sizeof err;
    if (poll(p, 2, 5000) > 0 && !p[1].revents && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
      break;
  next:
    close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  return fd;
}

/* One direction of the relay: bytes read from `from`, waiting to be written to `to`. 64 KiB, the size of
 * the Windows build's pipe buffers: at 16 KiB the relay's own syscalls showed in the console bench's
 * plaintext throughput (median 113 → 172 MiB/s over 15 alternated runs on a loaded 2-core machine). */
typedef struct {
  char buf[65536];
  size_t off, len;
} relay_buf;

static int relay_read(int from, relay_buf *rb) {
  ssize_t r = read(from, rb->buf, sizeof rb->buf);
  if (r < 0) return errno == EAGAIN || errno == EINTR;
  rb->off = 0;
  rb->len = (size_t)r;
  return r > 0;
}

static int relay_write(int to, relay_buf *rb) {
  ssize_t w = write(to, rb->buf + rb->off, rb->len - rb->off);
  if (w < 0) return errno == EAGAIN || errno == EINTR;
  rb->off += (size_t)w;
  if (rb->off == rb->len) rb->off = rb->len = 0;
  return 1;
}

/* Reads when the poll said so; a hang-up while our buffer is still full ends the relay. 0 = stop. */
static int relay_poll_in(int fd, short revents, relay_buf *rb) {
  const short hup = POLLHUP | POLLERR | POLLNVAL;
  if (!(revents & (POLLIN | hup))) return 1;
  if (rb->len) return !(revents & hup);
  return relay_read(fd, rb);
}

/* Forwards both ways until either side closes or the endpoint stops. */
static void serve_session(sa_console *c, int fd) {
  char host[256];
  uint16_t port;
  if (!lookup_target(c->pipe_name, host, sizeof host, &port)) return;
  int tcp = connect_target(c, host, port);
  if (tcp < 0) return;
  relay_buf *up = calloc(1, sizeof *up), *down = calloc(1, sizeof *down);
  while (up && down) {
    struct pollfd p[3] = {
        {fd, (short)((up->len ? 0 : POLLIN) | (down->len ? POLLOUT : 0)), 0},
        {tcp, (short)((down->len ? 0 : POLLIN) | (up->len ? POLLOUT : 0)), 0},
        {c->wake[0], POLLIN, 0},
    };
    if (poll(p, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[2].revents) break;
    if ((p[0].revents & POLLOUT) && !relay_write(fd, down)) break;
    if ((p[1].revents & POLLOUT) && !relay_write(tcp, up)) break;
    if (!relay_poll_in(fd, p[0].revents, up) || !relay_poll_in(tcp, p[1].revents, down)) break;
  }
  /* Hand over what is already read before closing (best effort, never blocking). */
  if (up && up->len) relay_write(tcp, up);
  if (down && down->len) relay_write(fd, down);
  free(up);
  free(down);
  close(tcp);
}

static void *conn_thread(void *arg) {
  conn_arg *a = arg;
  if (a->c->kind == SA_CONSOLE_COM) sa_com_serve(a->c->com, a->fd, a->c->wake[0]);
  else serve_session(a->c, a->fd);
  close(a->fd);
  conns_add(&a->c->cc, -1);
  free(a);
  return NULL;
}

static void *server_thread(void *arg) {
  sa_console *c = arg;
  for (;;) {
    struct pollfd p[2] = {{c->listen_fd, POLLIN, 0}, {c->wake[0], POLLIN, 0}};
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (p[1].revents) break;
    int fd = accept(c->listen_fd, NULL, NULL);
    if (fd < 0) continue;
    conn_arg *a = malloc(sizeof *a);
    if (!a || fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || !set_nonblocking(fd)) {
      free(a);
      close(fd);
      continue;
    }
    a->c = c;
    a->fd = fd;
    conns_add(&c->cc, 1);
    if (!sa_thread_start(NULL, conn_thread, a)) {
      conns_add(&c->cc, -1);
      close(fd);
      free(a);
    }
  }
  return NULL;
}

static char *socket_dir(void) {
  const char *dir = getenv("HAKO_STAND_IN_PIPE_DIR");
  if (dir && *dir) return sa_strdup(dir);
  const char *tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  size_t n = strlen(tmp) + sizeof "/hako-pipes";
  char *d = malloc(n);
  if (d) snprintf(d, n, "%s/hako-pipes", tmp);
  return d;
}

/* mkdir -p */
static int make_dirs(char *dir) {
  for (char *p = dir + 1;; p++) {
    if (*p == '/' || !*p) {
      char saved = *p;
      *p = 0;
      int ok = mkdir(dir, 0700) == 0 || errno == EEXIST;
      *p = saved;
      if (!ok) return 0;
      if (!saved) return 1;
    }
  }
}

static void console_free(sa_console *c) {
  if (c->listen_fd >= 0) close(c->listen_fd);
  if (c->wake[0] >= 0) close(c->wake[0]);
  if (c->wake[1] >= 0) close(c->wake[1]);
  sa_com_stop(c->com);
  free(c->pipe_name);
  free(c->path);
  free(c);
}

sa_console *sa_console_start(const char *pipe_name, int kind, const char *banner, const char *boot, const char *owner) {
  const char *rest = pipe_rest(pipe_name);
  if (!rest) return NULL;
  sa_console *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->kind = kind;
  snprintf(c->owner, sizeof c->owner, "%s", owner ? owner : "");
  c->listen_fd = c->wake[0] = c->wake[1] = -1;
  char *dir = socket_dir();
  if (!dir || !(c->pipe_name = sa_strdup(pipe_name)) || (kind == SA_CONSOLE_COM && !(c->com = sa_com_start(pipe_name, banner, boot))) ||
      !make_dirs(dir) || !(c->path = malloc(strlen(dir) + strlen(rest) + 2)))
    goto fail;
  sprintf(c->path, "%s/%s", dir, rest);
  for (char *p = c->path + strlen(dir) + 1; *p; p++)
    if (*p == '/') *p = '_';
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(c->path) >= sizeof addr.sun_path) {
    fprintf(stderr, "hako stand-in: socket path too long for %s\n", pipe_name);
    goto fail;
  }
  strcpy(addr.sun_path, c->path);
  if (pipe(c->wake) != 0) goto fail;
  fcntl(c->wake[0], F_SETFD, FD_CLOEXEC);
  fcntl(c->wake[1], F_SETFD, FD_CLOEXEC);
  c->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c->listen_fd < 0) goto fail;
  unlink(c->path); /* a stale socket from an earlier run */
  struct stat bound;
  if (bind(c->listen_fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(c->listen_fd, 16) != 0 ||
      !set_nonblocking(c->listen_fd) || stat(c->path, &bound) != 0) {
    fprintf(stderr, "hako stand-in: cannot serve %s at %s: %s\n", pipe_name, c->path, strerror(errno));
    goto fail;
  }
  c->dev = bound.st_dev;
  c->ino = bound.st_ino;
  conns_init(&c->cc);
  if (!sa_thread_start(&c->thread, server_thread, c)) {
    unlink(c->path);
    conns_drain(&c->cc);
    goto fail;
  }
  pthread_mutex_lock(&live_mu);
  c->next_live = live;
  live = c;
  pthread_mutex_unlock(&live_mu);
  free(dir);
  return c;
fail:
  free(dir);
  console_free(c);
  return NULL;
}

void sa_console_stop(sa_console *c) {
  if (!c) return;
  live_remove(c);
  ssize_t ignored = write(c->wake[1], "x", 1);
  (void)ignored;
  pthread_join(c->thread, NULL);
  conns_drain(&c->cc);
  unlink(c->path);
  console_free(c);
}

#else
/* ==== Windows: named pipes ======================================================================== */

struct sa_console {
  int kind;
  char *pipe_name;
  sa_com *com; /* COM endpoints: what their connections get (console_com.c) */
  wchar_t *wname;
  HANDLE stop; /* manual-reset event */
  pthread_t thread;
  conn_count cc;
};

typedef struct {
  sa_console *c;
  HANDLE pipe;
} conn_arg;

static int stopping(sa_console *c) { return WaitForSingleObject(c->stop, 0) == WAIT_OBJECT_0; }

/* Waits for an overlapped pipe operation that `ok`/GetLastError() say was started; cancels it when the
 * endpoint stops. Returns the bytes transferred, or -1. */
static long finish_io(sa_console *c, HANDLE pipe, OVERLAPPED *ov, BOOL ok) {
  DWORD n = 0;
  if (!ok && GetLastError() != ERROR_IO_PENDING) return -1;
  HANDLE hs[2] = {ov->hEvent, c->stop};
  if (WaitForMultipleObjects(2, hs, FALSE, INFINITE) != WAIT_OBJECT_0) {
    CancelIoEx(pipe, ov);
    GetOverlappedResult(pipe, ov, &n, TRUE); /* the OVERLAPPED must outlive the cancelled I/O */
    return -1;
  }
  return GetOverlappedResult(pipe, ov, &n, FALSE) ? (long)n : -1;
}

static int pipe_write(sa_console *c, HANDLE pipe, const char *buf, DWORD n) {
  OVERLAPPED ov;
  int ok = 1;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!ov.hEvent) return 0;
  while (ok && n > 0) {
    long w = finish_io(c, pipe, &ov, WriteFile(pipe, buf, n, NULL, &ov));
    if (w <= 0) ok = 0;
    else buf += w, n -= (DWORD)w;
    ResetEvent(ov.hEvent);
  }
  CloseHandle(ov.hEvent);
  return ok;
}

static SOCKET connect_target(const char *host, uint16_t port) {
  char service[8];
  snprintf(service, sizeof service, "%u", (unsigned)port);
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, service, &hints, &res) != 0) return INVALID_SOCKET;
  SOCKET s = INVALID_SOCKET;
  for (struct addrinfo *ai = res; ai && s == INVALID_SOCKET; ai = ai->ai_next) {
    s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    BOOL one = TRUE; /* no Nagle delay on the hop that stands in for the pipe (see the Linux side) */
    if (s != INVALID_SOCKET && (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one) != 0 ||
                                connect(s, ai->ai_addr, (int)ai->ai_addrlen) != 0)) {
      closesocket(s);
      s = INVALID_SOCKET;
    }
  }
  freeaddrinfo(res);
  return s;
}

/* Sends everything on a non-blocking socket (WSAEventSelect made it so), retrying while it is full. */
static int send_all(sa_console *c, SOCKET s, const char *buf, long n) {
  while (n > 0) {
    int w = send(s, buf, (int)n, 0);
    if (w > 0) {
      buf += w;
      n -= w;
    } else if (w == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK && !stopping(c)) Sleep(1);
    else return 0;
  }
  return 1;
}

static void serve_session(sa_console *c, HANDLE pipe) {
  char host[256], buf[16384];
  uint16_t port;
  if (!lookup_target(c->pipe_name, host, sizeof host, &port)) return;
  SOCKET s = connect_target(host, port);
  if (s == INVALID_SOCKET) return;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  WSAEVENT sock_ev = WSACreateEvent();
  int reading = 0;
  if (!ov.hEvent || sock_ev == WSA_INVALID_EVENT || WSAEventSelect(s, sock_ev, FD_READ | FD_CLOSE) != 0) goto done;
  for (int alive = 1; alive;) {
    if (!reading) {
      ResetEvent(ov.hEvent);
      if (!ReadFile(pipe, buf, sizeof buf, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) break;
      reading = 1;
    }
    HANDLE hs[3] = {ov.hEvent, sock_ev, c->stop};
    DWORD w = WaitForMultipleObjects(3, hs, FALSE, INFINITE);
    if (w == WAIT_OBJECT_0) {
      DWORD n = 0;
      reading = 0;
      if (!GetOverlappedResult(pipe, &ov, &n, FALSE) || !send_all(c, s, buf, (long)n)) break;
    } else if (w == WAIT_OBJECT_0 + 1) {
      WSANETWORKEVENTS ne;
      char in[16384];
      if (WSAEnumNetworkEvents(s, sock_ev, &ne) != 0) break;
      for (;;) {
        int r = recv(s, in, sizeof in, 0);
        if (r > 0) {
          if (pipe_write(c, pipe, in, (DWORD)r)) continue;
          alive = 0;
        } else if (r == 0 || WSAGetLastError() != WSAEWOULDBLOCK) alive = 0;
        break;
      }
      if (ne.lNetworkEvents & FD_CLOSE) alive = 0;
    } else break;
  }
done:
  if (reading) {
    DWORD n;
    CancelIoEx(pipe, &ov);
    GetOverlappedResult(pipe, &ov, &n, TRUE);
  }
  if (ov.hEvent) CloseHandle(ov.hEvent);
  if (sock_ev != WSA_INVALID_EVENT) WSACloseEvent(sock_ev);
  closesocket(s);
}

static void *conn_thread(void *arg) {
  conn_arg *a = arg;
  if (a->c->kind == SA_CONSOLE_COM) sa_com_serve(a->c->com, a->pipe, a->c->stop);
  else serve_session(a->c, a->pipe);
  DisconnectNamedPipe(a->pipe);
  CloseHandle(a->pipe);
  conns_add(&a->c->cc, -1);
  free(a);
  return NULL;
}

static void *server_thread(void *arg) {
  sa_console *c = arg;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  while (ov.hEvent && !stopping(c)) {
    HANDLE pipe = CreateNamedPipeW(c->wname, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                   PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, PIPE_UNLIMITED_INSTANCES, 65536,
                                   65536, 0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) {
      WaitForSingleObject(c->stop, 100); /* e.g. the name is still held by a stopping VM */
      continue;
    }
    ResetEvent(ov.hEvent);
    /* A client that connected between CreateNamedPipeW and ConnectNamedPipe gives ERROR_PIPE_CONNECTED
     * without signalling the event. */
    BOOL ok = ConnectNamedPipe(pipe, &ov);
    BOOL connected = !ok && GetLastError() == ERROR_PIPE_CONNECTED;
    if (!connected) connected = finish_io(c, pipe, &ov, ok) >= 0;
    conn_arg *a = connected ? malloc(sizeof *a) : NULL;
    if (!a) {
      CloseHandle(pipe);
      continue;
    }
    a->c = c;
    a->pipe = pipe;
    conns_add(&c->cc, 1);
    if (!sa_thread_start(NULL, conn_thread, a)) {
      conns_add(&c->cc, -1);
      CloseHandle(pipe);
      free(a);
    }
  }
  if (ov.hEvent) CloseHandle(ov.hEvent);
  return NULL;
}

static pthread_once_t wsa_once = PTHREAD_ONCE_INIT;
static void wsa_init(void) {
  WSADATA data;
  WSAStartup(MAKEWORD(2, 2), &data);
}

sa_console *sa_console_start(const char *pipe_name, int kind, const char *banner, const char *boot, const char *owner) {
  (void)owner; /* under wine the real kernel32 answers who serves a pipe: this process */
  if (!pipe_rest(pipe_name)) return NULL;
  pthread_once(&wsa_once, wsa_init);
  sa_console *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->kind = kind;
  if (!(c->pipe_name = sa_strdup(pipe_name)) || (kind == SA_CONSOLE_COM && !(c->com = sa_com_start(pipe_name, banner, boot))) ||
      !(c->wname = (wchar_t *)sa_utf8_to_u16(pipe_name)) || !(c->stop = CreateEventW(NULL, TRUE, FALSE, NULL)))
    goto fail;
  conns_init(&c->cc);
  if (sa_thread_start(&c->thread, server_thread, c)) return c;
  conns_drain(&c->cc);
fail:
  if (c->stop) CloseHandle(c->stop);
  sa_com_stop(c->com);
  free(c->pipe_name);
  free(c->wname);
  free(c);
  return NULL;
}

void sa_console_stop(sa_console *c) {
  if (!c) return;
  SetEvent(c->stop);
  pthread_join(c->thread, NULL);
  conns_drain(&c->cc);
  CloseHandle(c->stop);
  sa_com_stop(c->com);
  free(c->pipe_name);
  free(c->wname);
  free(c);
}

#endif
