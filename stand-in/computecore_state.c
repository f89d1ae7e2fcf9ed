/* computecore's shared state: the lock and its threads' start, the dispatch lock (README "The dispatch
 * lock"), object lifetimes and the callback delivery queues. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

const char *const state_names[] = {"Created", "Created", "Running", "Paused", "Stopped", "SavedAsTemplate",
                                          "Unknown"};
pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t g_changed; /* an operation completed, a system stopped, a handle/callback ended */
pthread_cond_t g_timer_cv;
pthread_once_t g_once = PTHREAD_ONCE_INIT;
queue g_events, g_completions;
sys *g_systems;
handle *g_handles;
op *g_ops;
task *g_tasks;
uint64_t g_task_seq, g_epoch, g_next_op_id = 1;
sa_named *g_faults, *g_latencies, *g_grants;
uint32_t g_shutdown_delay = 50;
endpoint *g_reap; /* endpoints to stop once the lock is released */
_Thread_local handle *tl_dispatching;
/* The dispatch lock: held (under g_mu) by the thread running a user callback. */
int g_dispatching;
pthread_t g_dispatch_owner;
pthread_cond_t g_dispatch_cv;
uint32_t g_deadlock_timeout_ms = DEADLOCK_TIMEOUT_DEFAULT_MS;
int32_t g_deadlocks;


static void init_once(void) {
  sa_cond_init(&g_changed);
  sa_cond_init(&g_timer_cv);
  sa_cond_init(&g_events.cv);
  sa_cond_init(&g_completions.cv);
  sa_cond_init(&g_dispatch_cv);
  if (!sa_thread_start(NULL, hcs_timer_thread, NULL) || !sa_thread_start(NULL, hcs_event_thread, &g_events) ||
      !sa_thread_start(NULL, hcs_completion_thread, &g_completions))
    fprintf(stderr, "hako stand-in: cannot start computecore threads\n");
}

void hcs_enter(void) {
  pthread_once(&g_once, init_once);
  pthread_mutex_lock(&g_mu);
}

/* Unlocks, then stops the console endpoints of systems that stopped meanwhile (that joins threads). */
void hcs_leave(void) {
  endpoint *reap = g_reap;
  g_reap = NULL;
  pthread_mutex_unlock(&g_mu);
  while (reap) {
    endpoint *next = reap->next;
    sa_console_stop(reap->console);
    free(reap);
    reap = next;
  }
}

/* ---- The dispatch lock (under g_mu) ---- */

/* A dispatcher thread takes the dispatch lock before it calls a user callback (one at a time). */
void hcs_dispatch_begin(void) {
  while (g_dispatching) pthread_cond_wait(&g_dispatch_cv, &g_mu);
  g_dispatching = 1;
  g_dispatch_owner = pthread_self();
}

void hcs_dispatch_end(void) {
  g_dispatching = 0;
  pthread_cond_broadcast(&g_dispatch_cv);
}

/* An export called while another thread dispatches waits for the dispatch lock; 0 once it is free (or
 * ours), else the deadlock: counted, reported on stderr, and answered with the distinctive HRESULT. */
static int32_t dispatch_wait(const char *function) {
  if (!g_dispatching || pthread_equal(g_dispatch_owner, pthread_self())) return 0;
  uint64_t deadline = sa_now_ms() + g_deadlock_timeout_ms;
  while (g_dispatching) {
    uint64_t now = sa_now_ms();
    if (now >= deadline) {
      g_deadlocks++;
      fprintf(stderr,
              "hako stand-in: %s waited %u ms for a running callback to return: a call into computecore made from "
              "inside a callback (deadlock %d)\n",
              function, (unsigned)g_deadlock_timeout_ms, (int)g_deadlocks);
      return STAND_IN_E_CALLBACK_DEADLOCK;
    }
    sa_cond_wait_ms(&g_dispatch_cv, &g_mu, deadline - now);
  }
  return 0;
}

/* How every export begins: a stall window, the lock, then the dispatch lock. The lock is held on
 * return either way (hcs_leave() releases it). */
int32_t hcs_api_enter(const char *function) {
  pthread_once(&g_once, init_once);
  sa_stall_point(function);
  pthread_mutex_lock(&g_mu);
  return dispatch_wait(function);
}

/* ---- Lifetimes (all under g_mu) ---- */


void hcs_sys_unref(sys *s) {
  if (--s->refs > 0) return;
  free(s->id);
  free(s->exit_status);
  sa_json_free(s->doc);
  free(s);
}

void hcs_handle_unref(handle *h) {
  if (--h->refs > 0) return;
  hcs_sys_unref(h->system);
  free(h);
}

void hcs_op_set_handle(op *o, handle *h) {
  if (h) h->refs++;
  if (o->h) hcs_handle_unref(o->h);
  o->h = h;
}

void hcs_op_unref(op *o) {
  if (--o->refs > 0) return;
  hcs_op_set_handle(o, NULL);
  free(o->doc);
  free(o);
}

op *hcs_find_op(void *p) {
  for (op *o = g_ops; o; o = o->next)
    if (o == p) return o;
  return NULL;
}

handle *hcs_find_handle(void *p) {
  for (handle *h = g_handles; h; h = h->next)
    if (h == p) return h;
  return NULL;
}

sys *hcs_find_system(const char *id) {
  for (sys *s = g_systems; s; s = s->next)
    if (sa_strieq(s->id, id)) return s;
  return NULL;
}

handle *hcs_handle_new(sys *s) {
  handle *h = calloc(1, sizeof *h);
  if (!h) return NULL;
  h->refs = 1;
  h->system = s;
  s->refs++;
  s->handles++;
  h->next = g_handles;
  g_handles = h;
  return h;
}

void hcs_unregister(sys *s) {
  for (sys **at = &g_systems; *at; at = &(*at)->next) {
    if (*at == s) {
      *at = s->next;
      s->registered = 0;
      hcs_sys_unref(s);
      return;
    }
  }
}

/* ---- Delivery queues ---- */

void hcs_enqueue(queue *q, handle *h, op *o, uint32_t type, const char *data) {
  item *it = calloc(1, sizeof *it);
  if (!it || (data && !(it->data = sa_strdup(data)))) {
    free(it);
    return; /* out of memory: the callback is lost, as it would be if HCS ran out */
  }
  if ((it->h = h)) h->refs++;
  if ((it->o = o)) o->refs++;
  it->type = type;
  if (q->tail) q->tail->next = it;
  else q->head = it;
  q->tail = it;
  pthread_cond_signal(&q->cv);
}

void hcs_item_free(item *it) {
  if (it->h) hcs_handle_unref(it->h);
  if (it->o) hcs_op_unref(it->o);
  free(it->data);
  free(it);
}

void hcs_queue_clear(queue *q) {
  while (q->head) {
    item *it = q->head;
    q->head = it->next;
    hcs_item_free(it);
  }
  q->tail = NULL;
}

/* Completes the shutdowns that were waiting for the system to stop, with `hr`. */
void hcs_complete_shutdown_waiters(sys *s, int32_t hr) {
  while (s->shutdown_waiters) {
    waiter *w = s->shutdown_waiters;
    s->shutdown_waiters = w->next;
    hcs_complete(w->o, hr, NULL);
    hcs_op_unref(w->o);
    free(w);
  }
}

void hcs_emit(sys *s, uint32_t type, const char *data) {
  for (handle *h = g_handles; h; h = h->next)
    if (h->system == s && h->callback) hcs_enqueue(&g_events, h, NULL, type, data);
}
