/* Console endpoints of running VMs (console.h): what both platforms share — the session targets, the
 * pipe-name helpers and the connection count. The endpoints themselves: console_posix.c, console_win.c. */
#define _POSIX_C_SOURCE 200809L
#include "console_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
const char *sa_console_pipe_rest(const char *name) {
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
  const char *rest = sa_console_pipe_rest(pipe_name);
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
int sa_console_lookup_target(const char *pipe_name, char *host, size_t host_size, uint16_t *port) {
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

/* Counting an endpoint's live connections (console_internal.h). */
void sa_conns_init(conn_count *cc) {
  pthread_mutex_init(&cc->mu, NULL);
  pthread_cond_init(&cc->cv, NULL);
  cc->conns = 0;
}

void sa_conns_add(conn_count *cc, int delta) {
  pthread_mutex_lock(&cc->mu);
  cc->conns += delta;
  pthread_cond_broadcast(&cc->cv);
  pthread_mutex_unlock(&cc->mu);
}

void sa_conns_drain(conn_count *cc) {
  pthread_mutex_lock(&cc->mu);
  while (cc->conns > 0) pthread_cond_wait(&cc->cv, &cc->mu);
  pthread_mutex_unlock(&cc->mu);
  pthread_cond_destroy(&cc->cv);
  pthread_mutex_destroy(&cc->mu);
}
