/* computecore's asynchronous work: operations complete through tasks that the timer thread runs in
 * due-time order; the event and completion threads deliver the callbacks (never under g_mu). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ---- Operations ---- */

void hcs_complete(op *o, int32_t hr, char *doc) {
  o->status = OP_COMPLETED;
  o->result = hr;
  free(o->doc);
  o->doc = hr < 0 && !doc ? hcs_result_error(hr, NULL) : doc;
  pthread_cond_broadcast(&g_changed);
  if (!o->closed && o->completion) hcs_enqueue(&g_completions, NULL, o, 0, NULL);
  handle *h = o->h;
  if (h && !h->closed && h->callback && (h->callback_options & EVENT_OPTION_OPERATION_CALLBACKS))
    hcs_enqueue(&g_events, h, o, EV_OPERATION_CALLBACK, NULL);
}

static void schedule(task *t, uint32_t delay_ms) {
  t->due = sa_now_ms() + delay_ms;
  t->seq = g_task_seq++;
  task **at = &g_tasks;
  while (*at && (*at)->due <= t->due) at = &(*at)->next;
  t->next = *at;
  *at = t;
  pthread_cond_signal(&g_timer_cv);
}

static void task_free(task *t) {
  if (t->o) hcs_op_unref(t->o);
  if (t->s) hcs_sys_unref(t->s);
  free(t->arg);
  free(t);
}

int32_t hcs_take_fault(const char *function, int *direct) {
  int32_t code = 0, flag = 0;
  if (!sa_named_take(&g_faults, function, &code, &flag)) return 0;
  if (direct) *direct = flag != 0;
  return code;
}

/*
 * Accepts an asynchronous call: validates the operation (and handle), applies an injected fault, and
 * queues the task. Must be called under the lock. Returns what the call itself returns.
 */
int32_t hcs_submit(const char *function, void *operation, handle *h, sys *s, int kind, int32_t type,
                      const char16_t *arg) {
  op *o = hcs_find_op(operation);
  if (!o) return SA_E_HANDLE;
  if (o->status == OP_PENDING) return HCS_E_OPERATION_ALREADY_STARTED;
  if (h && h->callback && (h->callback_options & EVENT_OPTION_OPERATION_CALLBACKS) && o->completion)
    return HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET;
  int direct = 0;
  int32_t fault = hcs_take_fault(function, &direct);
  if (fault && direct) return fault;
  task *t = calloc(1, sizeof *t);
  if (!t) return SA_E_OUTOFMEMORY;
  if (arg && !(t->arg = sa_u16_to_utf8(arg))) t->arg_invalid = 1;
  t->kind = kind;
  t->fault = fault;
  t->epoch = g_epoch;
  t->o = o;
  o->refs++;
  if ((t->s = s)) s->refs++;
  o->status = OP_PENDING;
  o->type = type;
  o->result = 0;
  free(o->doc);
  o->doc = NULL;
  hcs_op_set_handle(o, h);
  schedule(t, (uint32_t)sa_named_get(g_latencies, function));
  return SA_S_OK;
}

/* Parses a task's optional JSON argument. NULL/empty means "none"; *hr is set when it is malformed. */
sa_json *hcs_task_json(task *t, int32_t *hr) {
  *hr = 0;
  if (t->arg_invalid) return *hr = HCS_E_INVALID_DATA, NULL;
  if (!t->arg || !*t->arg) return NULL;
  sa_json *v = sa_json_parse(t->arg);
  if (!v) *hr = HCS_E_INVALID_DATA;
  return v;
}

static int32_t shutdown_mechanism(sys *s, task *t, int *guest_acts) {
  int32_t hr;
  const char *why = NULL;
  sa_json *options = hcs_task_json(t, &hr);
  if (!hr) hr = hcs_check_options(HCS_OPTIONS_SHUTDOWN, options, hcs_schema_minor(hcs_build()), &why);
  const char *mechanism = options ? sa_json_string(sa_json_get(options, "Mechanism")) : NULL;
  const char *type = options ? sa_json_string(sa_json_get(options, "Type")) : NULL;
  if (!hr && type && strcmp(type, "Shutdown") != 0) hr = SA_E_NOTIMPL; /* no hibernating or rebooting guests here */
  if (!hr && mechanism && strcmp(mechanism, "IntegrationService") == 0) {
    if (!sa_json_at(s->doc, "VirtualMachine", "Services", "Shutdown", NULL)) hr = HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION;
    else *guest_acts = 1;
  } else if (!hr) {
    *guest_acts = sa_json_get(sa_json_get(s->doc, "VirtualMachine"), "GuestConnection") != NULL;
  }
  sa_json_free(options);
  return hr;
}

/* Runs one task under the lock and completes its operation (unless it continues as another task). */
static void run_task(task *t) {
  sys *s = t->s;
  char *doc = NULL;
  int32_t hr = t->fault;
  if (!hr && t->epoch != g_epoch && t->kind == T_CREATE) {
    hr = HCS_E_SYSTEM_NOT_FOUND; /* StandInHcsReset ran while this create was pending */
    s->state = ST_GONE;
  } else if (hr && t->kind == T_CREATE) {
    s->state = ST_GONE;
  } else if (!hr) {
    switch (t->kind) {
      case T_CREATE: hr = hcs_run_create(t); break;
      case T_START: hr = hcs_run_start(s); break;
      case T_SHUTDOWN: {
        int guest_acts = 0;
        hr = hcs_check_state(s, IN(ST_RUNNING));
        if (!hr) hr = shutdown_mechanism(s, t, &guest_acts);
        if (!hr && !guest_acts) { /* nothing in the guest listens: done when the system stops otherwise */
          waiter *w = calloc(1, sizeof *w);
          if (!w) {
            hr = SA_E_OUTOFMEMORY;
            break;
          }
          w->o = t->o;
          t->o->refs++;
          w->next = s->shutdown_waiters;
          s->shutdown_waiters = w;
          return;
        }
        if (!hr) { /* the guest takes a while; the operation completes when it is off */
          task *next = calloc(1, sizeof *next);
          if (!next) {
            hr = SA_E_OUTOFMEMORY;
            break;
          }
          *next = *t;
          next->kind = T_SHUTDOWN_FINISH;
          next->arg = NULL;
          t->o = NULL;
          t->s = NULL; /* references move to the follow-up task */
          schedule(next, g_shutdown_delay);
          return;
        }
        break;
      }
      case T_SHUTDOWN_FINISH:
        hr = hcs_check_state(s, IN(ST_RUNNING) | IN(ST_STOPPED));
        if (hr == HCS_E_SYSTEM_ALREADY_STOPPED) hr = 0; /* terminated meanwhile: it is off either way */
        if (!hr && s->state == ST_RUNNING) hcs_stop_system(s, 0, "GracefulExit", "Shutdown", "Client", 0);
        break;
      case T_TERMINATE:
        hr = hcs_check_state(s, IN(ST_CREATED) | IN(ST_RUNNING) | IN(ST_PAUSED) | IN(ST_SAVED_AS_TEMPLATE));
        if (!hr) hcs_stop_system(s, 0, "ForcedExit", "Terminate", "Client", 0);
        break;
      case T_PAUSE:
        if (!(hr = hcs_check_state(s, IN(ST_RUNNING))) && !(hr = hcs_task_options(t, HCS_OPTIONS_PAUSE))) {
          s->state = ST_PAUSED;
          hcs_figures_run(&s->figures, 0);
        }
        break;
      case T_RESUME:
        if (!(hr = hcs_check_state(s, IN(ST_PAUSED)))) {
          s->state = ST_RUNNING;
          hcs_figures_run(&s->figures, 1);
        }
        break;
      case T_SAVE: hr = hcs_run_save(s, t); break;
      case T_CRASH: hr = hcs_run_crash(s, t); break;
      case T_MODIFY: hr = hcs_run_modify(s, t, &doc); break;
      case T_PROPERTIES: hr = hcs_run_properties(s, t, &doc); break;
      case T_ENUMERATE: hr = hcs_run_enumerate(t, &doc); break;
    }
  }
  hcs_complete(t->o, hr, doc);
}

void *hcs_timer_thread(void *arg) {
  (void)arg;
  for (;;) {
    hcs_enter();
    for (;;) {
      uint64_t now = sa_now_ms();
      if (g_tasks && g_tasks->due <= now) break;
      if (g_tasks) sa_cond_wait_ms(&g_timer_cv, &g_mu, g_tasks->due - now);
      else pthread_cond_wait(&g_timer_cv, &g_mu);
    }
    task *t = g_tasks;
    g_tasks = t->next;
    run_task(t);
    task_free(t);
    hcs_leave();
  }
  return NULL;
}

/* Delivers events to handles' callbacks; HcsCloseComputeSystem waits while one is running. */
void *hcs_event_thread(void *arg) {
  queue *q = arg;
  for (;;) {
    hcs_enter();
    while (!q->head) pthread_cond_wait(&q->cv, &g_mu);
    item *it = q->head;
    if (!(q->head = it->next)) q->tail = NULL;
    handle *h = it->h;
    if (!h->closed && h->callback) hcs_dispatch_begin();
    else {
      hcs_item_free(it);
      hcs_leave();
      continue;
    }
    if (!h->closed && h->callback) { /* checked again: the handle may have closed while we waited */
      hcs_event_callback callback = h->callback;
      void *context = h->callback_context;
      h->in_callback++;
      tl_dispatching = h;
      pthread_mutex_unlock(&g_mu);
      char16_t *data = it->data ? sa_utf8_to_u16(it->data) : NULL;
      hcs_event event = {it->type, data, it->o};
      callback(&event, context);
      free(data);
      pthread_mutex_lock(&g_mu);
      tl_dispatching = NULL;
      h->in_callback--;
      pthread_cond_broadcast(&g_changed);
    }
    hcs_dispatch_end();
    hcs_item_free(it);
    hcs_leave();
  }
  return NULL;
}

/* Calls operations' completion callbacks; the item keeps the operation alive, so the callback may
 * close it. */
void *hcs_completion_thread(void *arg) {
  queue *q = arg;
  for (;;) {
    hcs_enter();
    while (!q->head) pthread_cond_wait(&q->cv, &g_mu);
    item *it = q->head;
    if (!(q->head = it->next)) q->tail = NULL;
    op *o = it->o;
    int dispatched = !o->closed && o->completion;
    if (dispatched) hcs_dispatch_begin();
    if (dispatched && !o->closed && o->completion) { /* checked again after the wait */
      hcs_operation_completion completion = o->completion;
      void *context = o->context;
      pthread_mutex_unlock(&g_mu);
      completion(o, context);
      pthread_mutex_lock(&g_mu);
    }
    if (dispatched) hcs_dispatch_end();
    hcs_item_free(it);
    hcs_leave();
  }
  return NULL;
}
