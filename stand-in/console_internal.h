/* What console.c shares with the platform endpoints (console_posix.c, console_win.c). Private to computecore. */
#ifndef HAKO_STAND_IN_CONSOLE_INTERNAL_H
#define HAKO_STAND_IN_CONSOLE_INTERNAL_H

#include "common.h"
#include "console.h"

#include <stddef.h>
#include <stdint.h>

#define PIPE_PREFIX "\\\\.\\pipe\\"

/* The part of a pipe name after any case of \\.\pipe\ (pipe names are case-insensitive); NULL when it is none. */
const char *sa_console_pipe_rest(const char *name);
/* Copies the target of session pipe `pipe_name` into host/port (set by StandInHcsSetSessionTarget or a
 * $HAKO_STAND_IN_SESSION_TARGETS file); 0 when none is set. */
int sa_console_lookup_target(const char *pipe_name, char *host, size_t host_size, uint16_t *port);

/* An endpoint's live connections, counted so stop can wait for them. */
typedef struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int conns;
} conn_count;

void sa_conns_init(conn_count *cc);
void sa_conns_add(conn_count *cc, int delta);
/* Waits until no connection is left, then frees the count's lock. */
void sa_conns_drain(conn_count *cc);

#endif
