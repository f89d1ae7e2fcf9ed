/* The test controls' named settings (faults, latencies) and stall windows; see common.h. */
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

/* ==== Named settings ============================================================================== */

int sa_named_push(sa_named **list, const char *name, int32_t value, int32_t flag) {
  sa_named *n = calloc(1, sizeof *n);
  if (!n || !(n->name = sa_strdup(name))) {
    free(n);
    return 0;
  }
  n->value = value;
  n->flag = flag;
  while (*list) list = &(*list)->next;
  *list = n;
  return 1;
}

static void named_unlink(sa_named **at) {
  sa_named *n = *at;
  *at = n->next;
  free(n->name);
  free(n);
}

void sa_named_put(sa_named **list, const char *name, int32_t value) {
  for (sa_named **at = list; *at; at = &(*at)->next) {
    if (strcmp((*at)->name, name) == 0) {
      if (value) (*at)->value = value;
      else named_unlink(at);
      return;
    }
  }
  if (value) sa_named_push(list, name, value, 0);
}

int sa_named_take(sa_named **list, const char *name, int32_t *value, int32_t *flag) {
  for (sa_named **at = list; *at; at = &(*at)->next) {
    if (strcmp((*at)->name, name) == 0) {
      if (value) *value = (*at)->value;
      if (flag) *flag = (*at)->flag;
      named_unlink(at);
      return 1;
    }
  }
  return 0;
}

int32_t sa_named_get(const sa_named *list, const char *name) {
  for (; list; list = list->next)
    if (strcmp(list->name, name) == 0) return list->value;
  return 0;
}

void sa_named_clear(sa_named **list) {
  while (*list) named_unlink(list);
}

/* ==== Stalls ====================================================================================== */

/* Its own small lock: a stall is entered before the library takes any lock of its own. */
static pthread_mutex_t stall_mu = PTHREAD_MUTEX_INITIALIZER;
typedef struct stall {
  char *name;
  uint64_t until_ms;
  struct stall *next;
} stall;
static stall *stalls;

void sa_stall_set(const char *function, uint32_t ms) {
  pthread_mutex_lock(&stall_mu);
  stall **at = &stalls;
  while (*at && strcmp((*at)->name, function) != 0) at = &(*at)->next;
  if (!*at && ms) {
    stall *s = calloc(1, sizeof *s);
    if (s && (s->name = sa_strdup(function))) *at = s;
    else free(s);
  }
  if (*at) {
    if (ms) (*at)->until_ms = sa_now_ms() + ms;
    else {
      stall *s = *at;
      *at = s->next;
      free(s->name);
      free(s);
    }
  }
  pthread_mutex_unlock(&stall_mu);
}

void sa_stall_clear(void) {
  pthread_mutex_lock(&stall_mu);
  while (stalls) {
    stall *s = stalls;
    stalls = s->next;
    free(s->name);
    free(s);
  }
  pthread_mutex_unlock(&stall_mu);
}

void sa_stall_point(const char *function) {
  uint64_t until = 0;
  pthread_mutex_lock(&stall_mu);
  for (stall *s = stalls; s; s = s->next)
    if ((strcmp(s->name, "*") == 0 || strcmp(s->name, function) == 0) && s->until_ms > until) until = s->until_ms;
  pthread_mutex_unlock(&stall_mu);
  for (uint64_t now = sa_now_ms(); now < until; now = sa_now_ms()) sa_sleep_ms((uint32_t)(until - now));
}
