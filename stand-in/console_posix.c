/* Console endpoints on Linux (console.h): each pipe name served as a Unix socket in
 * $HAKO_STAND_IN_PIPE_DIR; session endpoints relay to their TCP target, COM endpoints run console_com.c. */
#define _POSIX_C_SOURCE 200809L
#include "console_internal.h"
#include "console_com.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

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
  if (!sa_console_lookup_target(c->pipe_name, host, sizeof host, &port)) return;
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
  sa_conns_add(&a->c->cc, -1);
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
    sa_conns_add(&c->cc, 1);
    if (!sa_thread_start(NULL, conn_thread, a)) {
      sa_conns_add(&c->cc, -1);
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
  const char *rest = sa_console_pipe_rest(pipe_name);
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
  sa_conns_init(&c->cc);
  if (!sa_thread_start(&c->thread, server_thread, c)) {
    unlink(c->path);
    sa_conns_drain(&c->cc);
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
  sa_conns_drain(&c->cc);
  unlink(c->path);
  console_free(c);
}

#endif
