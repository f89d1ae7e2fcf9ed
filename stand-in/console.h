/*
 * The console endpoints a running VM serves (README "Console endpoints"): RDP session pipes that
 * forward to a TCP target, and COM-port pipes that greet, echo and print scripted output (console_com.c). Linux serves each pipe name
 * \\.\pipe\<rest> as a Unix socket in $HAKO_STAND_IN_PIPE_DIR (default $TMPDIR/hako-pipes); Windows
 * serves real named pipes. Endpoint threads never take computecore's lock, so a VM can be stopped while
 * a client is connected.
 */
#ifndef HAKO_STAND_IN_CONSOLE_H
#define HAKO_STAND_IN_CONSOLE_H

#include <stdint.h>

typedef struct sa_console sa_console;

enum { SA_CONSOLE_SESSION, SA_CONSOLE_COM };

/* Starts serving `pipe_name` (UTF-8, as written in the document). For COM endpoints `banner` is the
 * greeting and `boot` the firmware's boot output (NULL: none; console_com.h). `owner` is the serving VM's
 * runtime id (its pretend worker process, pipe_identity.c). NULL when the name is not a \\.\pipe\ name
 * or cannot be served (a warning goes to stderr). */
sa_console *sa_console_start(const char *pipe_name, int kind, const char *banner, const char *boot, const char *owner);
/* Stops serving, ends every connection and waits for the endpoint's threads. Never call it while
 * holding a lock that a caller of the API might need. NULL is ignored. */
void sa_console_stop(sa_console *c);
/* Where session endpoint `pipe_name` forwards connections; host NULL or port 0 removes it. */
int32_t sa_console_set_target(const char *pipe_name, const char *host, uint16_t port);

/* `<dir>/<rest>` for the pipe name \\.\pipe\<rest> ('/' and '\\' in <rest> replaced by '_': the name of its
 * Unix socket), malloc'd; NULL when `dir` is NULL or empty, the name is no pipe name, or out of memory. How
 * a test that drives a separate `hako host` leaves per-pipe instructions to the stand-in (README). */
char *sa_console_pipe_file(const char *dir, const char *pipe_name);

#ifndef _WIN32
/* The runtime id of the VM whose endpoint listens on the Unix socket `path` (copied into `owner`); 0 when
 * no live endpoint listens there. */
int sa_console_owner_of(const char *path, char owner[37]);
/* Whether a live endpoint is owned by `owner` (its VM still runs). */
int sa_console_owner_live(const char *owner);
#endif

#endif
