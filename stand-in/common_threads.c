/* The environment, monotonic time, timed condition waits and the stand-ins' threads; see common.h. */
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

/* ==== The environment ============================================================================= */

const char *sa_getenv(const char *name, char *buffer, size_t size) {
#ifdef _WIN32
  DWORD n = GetEnvironmentVariableA(name, buffer, (DWORD)size);
  return n > 0 && n < size ? buffer : NULL;
#else
  const char *value = getenv(name);
  if (!value || !*value || strlen(value) >= size) return NULL;
  memcpy(buffer, value, strlen(value) + 1);
  return buffer;
#endif
}

/* ==== Time and threads ============================================================================ */

uint64_t sa_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void sa_sleep_ms(uint32_t ms) {
#ifdef _WIN32
  Sleep(ms);
#else
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
#endif
}

/* Linux waits on the monotonic clock (immune to wall-clock changes); winpthreads only honours the
 * real-time clock reliably, so Windows uses that. */
#ifdef _WIN32
#define SA_COND_CLOCK CLOCK_REALTIME
#else
#define SA_COND_CLOCK CLOCK_MONOTONIC
#endif

void sa_cond_init(pthread_cond_t *c) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
#ifndef _WIN32
  pthread_condattr_setclock(&attr, SA_COND_CLOCK);
#endif
  pthread_cond_init(c, &attr);
  pthread_condattr_destroy(&attr);
}

int sa_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, uint64_t ms) {
  if (ms > 86400000ull) ms = 86400000ull; /* keeps tv_sec arithmetic far from overflow */
  struct timespec ts;
  clock_gettime(SA_COND_CLOCK, &ts);
  ts.tv_sec += (time_t)(ms / 1000);
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  return pthread_cond_timedwait(c, m, &ts);
}

#ifdef _WIN32
/* koffi frees the libraries it loaded when the process exits; our threads would then run unmapped code.
 * Pinning keeps the DLL loaded for the life of the process (on Linux the build links with -z nodelete). */
static void pin_module(void) {
  HMODULE self;
  GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCWSTR)(void *)pin_module,
                     &self);
}
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;
#endif

int sa_thread_start(pthread_t *out, void *(*fn)(void *), void *arg) {
#ifdef _WIN32
  pthread_once(&pin_once, pin_module);
#endif
  pthread_t t;
  if (pthread_create(&t, NULL, fn, arg) != 0) return 0;
  if (out) *out = t;
  else pthread_detach(t);
  return 1;
}
