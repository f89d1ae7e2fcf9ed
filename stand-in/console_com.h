/*
 * The COM-port side of the console endpoints (README "Console endpoints"): what a connection to a VM's
 * COM pipe gets — the banner, an echo of what it sends, the firmware's boot output when the VM's UEFI
 * console is that port, and scripted output (StandInHcsComWrite, a flood included). console.c accepts the
 * connections; this file serves them. Output waits while the client does not read, as a pipe's would.
 */
#ifndef HAKO_STAND_IN_CONSOLE_COM_H
#define HAKO_STAND_IN_CONSOLE_COM_H

#include <stdint.h>

typedef struct sa_com sa_com;

/* A COM endpoint starts serving `pipe_name`: every connection gets `banner` first; `boot` (NULL: none)
 * goes to the connections open when the firmware prints it (StandInHcsSetComBootDelay after the start).
 * NULL when out of memory. */
sa_com *sa_com_start(const char *pipe_name, const char *banner, const char *boot);
/* After every connection of the endpoint has ended: stops the boot output and frees. NULL is ignored. */
void sa_com_stop(sa_com *com);

/* Serves one connection until the client goes away or the endpoint stops (`wake_fd` readable / `stop` set). */
#ifdef _WIN32
void sa_com_serve(sa_com *com, void *pipe, void *stop); /* HANDLEs (windows.h stays out of this header) */
#else
void sa_com_serve(sa_com *com, int fd, int wake_fd);
#endif

/* StandInHcsReset: the boot delay goes back to its default. */
void sa_com_reset_controls(void);

#endif
