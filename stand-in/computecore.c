/*
 * Stand-in for computecore.dll (Host Compute System API v2, learn.microsoft.com/virtualization/api/hcs;
 * README.md says what it does and where it is stricter). Compute systems live in memory; asynchronous calls become tasks that a timer thread runs
 * in due-time order; completion callbacks and events are delivered by two more threads of ours.
 *
 * Locking: one mutex (g_mu) guards everything. User callbacks are never called while it is held.
 * Console endpoints are stopped (joined) only after the lock is released (see leave()).
 *
 * The dispatch lock (README "The dispatch lock"): while one of our threads runs a user callback it holds
 * the dispatch lock, and every export called from another thread waits for it, as a recursive lock held
 * by computecore's dispatching thread would make it wait. A wait longer than the deadlock timeout (2 s)
 * can only be a call made from inside a callback on another thread (koffi runs JS callbacks on the JS
 * thread while our thread waits for them): the call fails with STAND_IN_E_CALLBACK_DEADLOCK and
 * StandInHcsDeadlockCount counts it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"

/* ==== ABI types (computecore.h / computedefs.h) =================================================== */

typedef struct {
  uint32_t type; /* HCS_EVENT_TYPE */
  const char16_t *data;
  void *operation;
} hcs_event;
typedef void(SA_CALL *hcs_event_callback)(hcs_event *event, void *context);
typedef void(SA_CALL *hcs_operation_completion)(void *operation, void *context);

typedef struct {
  int32_t version; /* HcsCreateOptions_1 */
  void *user_token;
  void *security_descriptor;
  uint32_t callback_options;
  void *callback_context;
  hcs_event_callback callback;
} hcs_create_options_1;

#define GENERIC_ALL 0x10000000u
#define INFINITE_WAIT 0xFFFFFFFFu
#define HCS_CREATE_OPTIONS_1 0x00010000
#define EVENT_OPTION_OPERATION_CALLBACKS 1u

enum { EV_SYSTEM_EXITED = 1, EV_CRASH_INITIATED = 2, EV_CRASH_REPORT = 3, EV_OPERATION_CALLBACK = 0x01000000 };

enum { /* HCS_OPERATION_TYPE */
  OT_NONE = -1, OT_ENUMERATE = 0, OT_CREATE, OT_START, OT_SHUTDOWN, OT_PAUSE, OT_RESUME, OT_SAVE, OT_TERMINATE,
  OT_MODIFY, OT_GET_PROPERTIES, OT_CRASH = 15
};

/* ==== Objects ===================================================================================== */

enum { ST_CREATING, ST_CREATED, ST_RUNNING, ST_PAUSED, ST_STOPPED, ST_SAVED_AS_TEMPLATE, ST_GONE };
static const char *const state_names[] = {"Created", "Created", "Running", "Paused", "Stopped", "SavedAsTemplate",
                                          "Unknown"};
#define IN(state) (1u << (state))

typedef struct endpoint {
  char slot[16]; /* "video", "enhanced", "com0", "com1" */
  sa_console *console;
  struct endpoint *next;
} endpoint;

typedef struct sys {
  struct sys *next; /* registry (while registered) */
  int refs, registered, state, handles;
  char *id, runtime_id[37];
  sa_json *doc; /* the create document, kept up to date by Modify: the device model */
  int terminate_on_last_close, stop_on_reset;
  hcs_figures figures; /* uptime, processor time and memory: the Statistics and Memory properties */
  const char *exit_type;
  char *exit_status; /* SystemExitStatus once stopped */
  endpoint *endpoints;
  struct waiter *shutdown_waiters; /* shutdowns no guest will act on: they complete when the system stops */
} sys;

/* An operation that completes when its system stops (a reference is held on it). */
typedef struct waiter {
  struct op *o;
  struct waiter *next;
} waiter;

typedef struct handle {
  struct handle *next; /* open handles */
  int refs, closed;
  sys *system;
  hcs_event_callback callback;
  void *callback_context;
  uint32_t callback_options;
  int in_callback;
} handle;

enum { OP_NOT_STARTED, OP_PENDING, OP_COMPLETED };

typedef struct op {
  struct op *next; /* open operations */
  int refs, closed, status;
  int32_t type, result;
  uint64_t id;
  void *context;
  hcs_operation_completion completion;
  char *doc;
  handle *h; /* the handle the operation was passed with */
} op;

enum { T_CREATE, T_START, T_SHUTDOWN, T_SHUTDOWN_FINISH, T_TERMINATE, T_PAUSE, T_RESUME, T_SAVE, T_CRASH, T_MODIFY,
       T_PROPERTIES, T_ENUMERATE };

typedef struct task {
  struct task *next;
  uint64_t due, seq, epoch;
  int kind;
  op *o;
  sys *s;
  char *arg; /* the call's JSON argument, UTF-8 */
  int arg_invalid; /* the argument was not valid UTF-16 */
  int32_t fault;   /* injected failure */
} task;

/* A callback to deliver: an event for a handle, or an operation's completion. */
typedef struct item {
  struct item *next;
  handle *h;
  op *o;
  uint32_t type;
  char *data;
} item;

typedef struct {
  item *head, *tail;
  pthread_cond_t cv;
} queue;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_changed; /* an operation completed, a system stopped, a handle/callback ended */
static pthread_cond_t g_timer_cv;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static queue g_events, g_completions;
static sys *g_systems;
static handle *g_handles;
static op *g_ops;
static task *g_tasks;
static uint64_t g_task_seq, g_epoch, g_next_op_id = 1;
static sa_named *g_faults, *g_latencies, *g_grants;
static uint32_t g_shutdown_delay = 50;
static endpoint *g_reap; /* endpoints to stop once the lock is released */
static _Thread_local handle *tl_dispatching;
/* The dispatch lock: held (under g_mu) by the thread running a user callback. */
static int g_dispatching;
static pthread_t g_dispatch_owner;
static pthread_cond_t g_dispatch_cv;
#define DEADLOCK_TIMEOUT_DEFAULT_MS 2000u
static uint32_t g_deadlock_timeout_ms = DEADLOCK_TIMEOUT_DEFAULT_MS;
static int32_t g_deadlocks;

static void *timer_thread(void *arg);
static void *event_thread(void *arg);
static void *completion_thread(void *arg);

static void init_once(void) {
  sa_cond_init(&g_changed);
  sa_cond_init(&g_timer_cv);
  sa_cond_init(&g_events.cv);
  sa_cond_init(&g_completions.cv);
  sa_cond_init(&g_dispatch_cv);
  if (!sa_thread_start(NULL, timer_thread, NULL) || !sa_thread_start(NULL, event_thread, &g_events) ||
      !sa_thread_start(NULL, completion_thread, &g_completions))
    fprintf(stderr, "hako stand-in: cannot start computecore threads\n");
}

static void enter(void) {
  pthread_once(&g_once, init_once);
  pthread_mutex_lock(&g_mu);
}

/* Unlocks, then stops the console endpoints of systems that stopped meanwhile (that joins threads). */
static void leave(void) {
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
static void dispatch_begin(void) {
  while (g_dispatching) pthread_cond_wait(&g_dispatch_cv, &g_mu);
  g_dispatching = 1;
  g_dispatch_owner = pthread_self();
}

static void dispatch_end(void) {
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
 * return either way (leave() releases it). */
static int32_t api_enter(const char *function) {
  pthread_once(&g_once, init_once);
  sa_stall_point(function);
  pthread_mutex_lock(&g_mu);
  return dispatch_wait(function);
}

/* ---- Lifetimes (all under g_mu) ---- */

static void complete(op *o, int32_t hr, char *doc);

static void sys_unref(sys *s) {
  if (--s->refs > 0) return;
  free(s->id);
  free(s->exit_status);
  sa_json_free(s->doc);
  free(s);
}

static void handle_unref(handle *h) {
  if (--h->refs > 0) return;
  sys_unref(h->system);
  free(h);
}

static void op_set_handle(op *o, handle *h) {
  if (h) h->refs++;
  if (o->h) handle_unref(o->h);
  o->h = h;
}

static void op_unref(op *o) {
  if (--o->refs > 0) return;
  op_set_handle(o, NULL);
  free(o->doc);
  free(o);
}

static op *find_op(void *p) {
  for (op *o = g_ops; o; o = o->next)
    if (o == p) return o;
  return NULL;
}

static handle *find_handle(void *p) {
  for (handle *h = g_handles; h; h = h->next)
    if (h == p) return h;
  return NULL;
}

static sys *find_system(const char *id) {
  for (sys *s = g_systems; s; s = s->next)
    if (sa_strieq(s->id, id)) return s;
  return NULL;
}

static handle *handle_new(sys *s) {
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

static void unregister(sys *s) {
  for (sys **at = &g_systems; *at; at = &(*at)->next) {
    if (*at == s) {
      *at = s->next;
      s->registered = 0;
      sys_unref(s);
      return;
    }
  }
}

/* ---- Delivery queues ---- */

static void enqueue(queue *q, handle *h, op *o, uint32_t type, const char *data) {
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

static void item_free(item *it) {
  if (it->h) handle_unref(it->h);
  if (it->o) op_unref(it->o);
  free(it->data);
  free(it);
}

static void queue_clear(queue *q) {
  while (q->head) {
    item *it = q->head;
    q->head = it->next;
    item_free(it);
  }
  q->tail = NULL;
}

/* Completes the shutdowns that were waiting for the system to stop, with `hr`. */
static void complete_shutdown_waiters(sys *s, int32_t hr) {
  while (s->shutdown_waiters) {
    waiter *w = s->shutdown_waiters;
    s->shutdown_waiters = w->next;
    complete(w->o, hr, NULL);
    op_unref(w->o);
    free(w);
  }
}

static void emit(sys *s, uint32_t type, const char *data) {
  for (handle *h = g_handles; h; h = h->next)
    if (h->system == s && h->callback) enqueue(&g_events, h, NULL, type, data);
}

/* ---- Operations ---- */

static void complete(op *o, int32_t hr, char *doc) {
  o->status = OP_COMPLETED;
  o->result = hr;
  free(o->doc);
  o->doc = hr < 0 && !doc ? hcs_result_error(hr, NULL) : doc;
  pthread_cond_broadcast(&g_changed);
  if (!o->closed && o->completion) enqueue(&g_completions, NULL, o, 0, NULL);
  handle *h = o->h;
  if (h && !h->closed && h->callback && (h->callback_options & EVENT_OPTION_OPERATION_CALLBACKS))
    enqueue(&g_events, h, o, EV_OPERATION_CALLBACK, NULL);
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
  if (t->o) op_unref(t->o);
  if (t->s) sys_unref(t->s);
  free(t->arg);
  free(t);
}

static int32_t take_fault(const char *function, int *direct) {
  int32_t code = 0, flag = 0;
  if (!sa_named_take(&g_faults, function, &code, &flag)) return 0;
  if (direct) *direct = flag != 0;
  return code;
}

/*
 * Accepts an asynchronous call: validates the operation (and handle), applies an injected fault, and
 * queues the task. Must be called under the lock. Returns what the call itself returns.
 */
static int32_t submit(const char *function, void *operation, handle *h, sys *s, int kind, int32_t type,
                      const char16_t *arg) {
  op *o = find_op(operation);
  if (!o) return SA_E_HANDLE;
  if (o->status == OP_PENDING) return HCS_E_OPERATION_ALREADY_STARTED;
  if (h && h->callback && (h->callback_options & EVENT_OPTION_OPERATION_CALLBACKS) && o->completion)
    return HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET;
  int direct = 0;
  int32_t fault = take_fault(function, &direct);
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
  op_set_handle(o, h);
  schedule(t, (uint32_t)sa_named_get(g_latencies, function));
  return SA_S_OK;
}

/* Parses a task's optional JSON argument. NULL/empty means "none"; *hr is set when it is malformed. */
static sa_json *task_json(task *t, int32_t *hr) {
  *hr = 0;
  if (t->arg_invalid) return *hr = HCS_E_INVALID_DATA, NULL;
  if (!t->arg || !*t->arg) return NULL;
  sa_json *v = sa_json_parse(t->arg);
  if (!v) *hr = HCS_E_INVALID_DATA;
  return v;
}

/* ==== Compute systems ============================================================================= */

static int32_t check_state(const sys *s, unsigned allowed) {
  if (s->state == ST_CREATING || s->state == ST_GONE) return HCS_E_SYSTEM_NOT_FOUND;
  if (allowed & IN(s->state)) return 0;
  return s->state == ST_STOPPED ? HCS_E_SYSTEM_ALREADY_STOPPED : HCS_E_INVALID_STATE;
}

/* Endpoints are stopped later, by leave(), outside the lock. */
static void endpoint_stop(sys *s, const char *slot) {
  for (endpoint **at = &s->endpoints; *at; at = &(*at)->next) {
    if (strcmp((*at)->slot, slot) == 0) {
      endpoint *e = *at;
      *at = e->next;
      e->next = g_reap;
      g_reap = e;
      return;
    }
  }
}

static void endpoints_stop_all(sys *s) {
  while (s->endpoints) {
    endpoint *e = s->endpoints;
    s->endpoints = e->next;
    e->next = g_reap;
    g_reap = e;
  }
}

static void endpoint_start(sys *s, const char *slot, const sa_json *pipe, int kind, const char *banner, const char *boot) {
  const char *name = sa_json_string(pipe);
  if (!name || !*name) return; /* "" = disconnected */
  endpoint *e = calloc(1, sizeof *e);
  if (!e) return;
  snprintf(e->slot, sizeof e->slot, "%s", slot);
  if (!(e->console = sa_console_start(name, kind, banner, boot, s->runtime_id))) {
    free(e);
    return;
  }
  e->next = s->endpoints;
  s->endpoints = e;
}

/* ComPorts key 0 is COM1, 1 is COM2. At the VM's start, the port `Chipset.Uefi.Console` names
 * ("ComPort1"/"ComPort2") also gets the firmware's boot output (console_com.h). */
static void com_endpoint_start(sys *s, int index, int at_start) {
  char key[2] = {(char)('0' + index), 0}, slot[16], banner[512], boot[512], uefi_port[24];
  snprintf(slot, sizeof slot, "com%d", index);
  snprintf(banner, sizeof banner, "Hako stand-in COM%d on %s\r\n", index + 1, s->id);
  snprintf(uefi_port, sizeof uefi_port, "ComPort%d", index + 1);
  snprintf(boot, sizeof boot, "Hako stand-in UEFI firmware on %s\r\nBdsDxe: loading Boot0001 from COM%d console\r\n", s->id, index + 1);
  const char *uefi = sa_json_string(sa_json_at(s->doc, "VirtualMachine", "Chipset", "Uefi", "Console", NULL));
  const int boots_here = at_start && uefi && strcmp(uefi, uefi_port) == 0;
  const sa_json *port = sa_json_at(s->doc, "VirtualMachine", "Devices", "ComPorts", key, NULL);
  endpoint_start(s, slot, sa_json_get(port, "NamedPipe"), SA_CONSOLE_COM, banner, boots_here ? boot : NULL);
}

static void endpoints_start_all(sys *s) {
  const sa_json *devices = sa_json_at(s->doc, "VirtualMachine", "Devices", NULL);
  endpoint_start(s, "video", sa_json_at(devices, "VideoMonitor", "ConnectionOptions", "NamedPipe", NULL),
                 SA_CONSOLE_SESSION, NULL, NULL);
  endpoint_start(s, "enhanced", sa_json_at(devices, "EnhancedModeVideo", "ConnectionOptions", "NamedPipe", NULL),
                 SA_CONSOLE_SESSION, NULL, NULL);
  com_endpoint_start(s, 0, 1);
  com_endpoint_start(s, 1, 1);
}

static const uint32_t crash_parameters[] = {0x80, 0, 0, 0, 0}; /* NMI_HARDWARE_FAILURE: what CrashGuest causes */

static void jb_crash_parameters(sa_jb *b) {
  sa_jb_key(b, "CrashParameters");
  sa_jb_begin_arr(b);
  for (size_t i = 0; i < sizeof crash_parameters / sizeof *crash_parameters; i++) sa_jb_uint(b, crash_parameters[i]);
  sa_jb_end_arr(b);
}

/* SystemExitStatus (the HCS schema reference's SystemExitStatus and AttributionRecord). */
static char *exit_status(int32_t status, const char *exit_type, const char *detail, const char *initiator, int crash) {
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Status");
  sa_jb_int(&b, status);
  sa_jb_key(&b, "ExitType");
  sa_jb_str(&b, exit_type);
  sa_jb_key(&b, "Attribution");
  sa_jb_begin_arr(&b);
  if (crash) {
    sa_jb_begin_obj(&b);
    sa_jb_key(&b, "GuestCrash");
    sa_jb_begin_obj(&b);
    jb_crash_parameters(&b);
    sa_jb_end_obj(&b);
    sa_jb_end_obj(&b);
  }
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "SystemExit");
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Detail");
  sa_jb_str(&b, detail);
  sa_jb_key(&b, "Initiator");
  sa_jb_str(&b, initiator);
  sa_jb_end_obj(&b);
  sa_jb_end_obj(&b);
  sa_jb_end_arr(&b);
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

/* Every stop goes through here: state, exit status, endpoints, SystemExited, ephemeral cleanup. */
static void stop_system(sys *s, int32_t status, const char *exit_type, const char *detail, const char *initiator,
                        int crash) {
  s->state = ST_STOPPED;
  hcs_figures_run(&s->figures, 0);
  s->exit_type = exit_type;
  free(s->exit_status);
  s->exit_status = exit_status(status, exit_type, detail, initiator, crash);
  endpoints_stop_all(s);
  emit(s, EV_SYSTEM_EXITED, s->exit_status);
  complete_shutdown_waiters(s, 0); /* it is off, which is what they asked for */
  pthread_cond_broadcast(&g_changed);
  if (s->handles == 0 && s->registered) unregister(s); /* compute systems are ephemeral (the HCS overview) */
}

static void last_handle_closed(sys *s) {
  if (!s->registered) return; /* still being created (the create task decides) or already gone */
  if (s->state == ST_STOPPED) unregister(s);
  else if (s->terminate_on_last_close)
    stop_system(s, 0, "ForcedExit", "Terminate", "Client", 0); /* nobody is left to see the event */
}

static char *crash_report(const sys *s) {
  char activity[37];
  sa_guid g;
  sa_guid_random(&g);
  sa_guid_format(&g, activity);
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "SystemId");
  sa_jb_str(&b, s->id);
  sa_jb_key(&b, "ActivityId");
  sa_jb_str(&b, activity);
  jb_crash_parameters(&b);
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

static uint64_t memory_mb(const sys *s) {
  const sa_json *mb = sa_json_at(s->doc, "VirtualMachine", "ComputeTopology", "Memory", "SizeInMB", NULL);
  return mb && mb->type == SA_JNUM && mb->number > 0 ? (uint64_t)mb->number : 0;
}

static void jb_properties(sa_jb *b, sys *s, unsigned types, const sa_json *queries) {
  sa_jb_begin_obj(b);
  sa_jb_key(b, "Id");
  sa_jb_str(b, s->id);
  sa_jb_key(b, "SystemType");
  sa_jb_str(b, "VirtualMachine");
  const char *owner = sa_json_string(sa_json_get(s->doc, "Owner"));
  if (owner) {
    sa_jb_key(b, "Owner");
    sa_jb_str(b, owner);
  }
  sa_jb_key(b, "Name");
  sa_jb_str(b, s->id);
  sa_jb_key(b, "RuntimeId");
  sa_jb_str(b, s->runtime_id);
  sa_jb_key(b, "State");
  sa_jb_str(b, state_names[s->state]);
  sa_jb_key(b, "Stopped");
  sa_jb_bool(b, s->state == ST_STOPPED);
  if (s->state == ST_STOPPED) {
    sa_jb_key(b, "ExitType");
    sa_jb_str(b, s->exit_type);
  }
  if (types & HCS_PROP_TERMINATE_ON_LAST_HANDLE_CLOSED) {
    sa_jb_key(b, "TerminateOnLastHandleClosed");
    sa_jb_bool(b, s->terminate_on_last_close);
  }
  if (types & HCS_PROP_STATISTICS) {
    sa_jb_key(b, "Statistics");
    hcs_jb_statistics(b, &s->figures, s->state == ST_RUNNING || s->state == ST_PAUSED, memory_mb(s));
  }
  if (types & HCS_PROP_MEMORY) {
    sa_jb_key(b, "Memory");
    hcs_jb_memory(b, memory_mb(s));
  }
  if (queries) {
    sa_jb_key(b, "PropertyResponses");
    hcs_jb_property_responses(b, queries);
  }
  sa_jb_end_obj(b);
}

/* Does a SystemQuery filter (an array of strings, or absent) admit `value`? */
static int filter_admits(const sa_json *filter, const char *value, int ci) {
  if (!filter) return 1;
  for (size_t i = 0; filter->type == SA_JARR && i < filter->count; i++) {
    const char *s = sa_json_string(filter->items[i]);
    if (s && value && (ci ? sa_strieq(s, value) : strcmp(s, value) == 0)) return 1;
  }
  return 0;
}

/* ---- Task bodies (under the lock); each returns the operation's HRESULT and may set *doc ---- */

/* $HAKO_STAND_IN_RECORD_DIR (read on each create): every document a create accepts is written to
 * <dir>/<RuntimeId>.json as {"Id":…,"Build":…,"Document":…}, so a test in another process (the
 * end-to-end specs drive a browser host) can read what HCS was asked to create. A test aid only: Windows
 * keeps no such record. A failed write is reported on stderr and changes nothing else. */
static void record_document(const sys *s, const sa_json *doc) {
  char dir[2048];
  if (!sa_getenv("HAKO_STAND_IN_RECORD_DIR", dir, sizeof dir)) return;
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Id");
  sa_jb_str(&b, s->id);
  sa_jb_key(&b, "Build");
  sa_jb_int(&b, hcs_build());
  sa_jb_key(&b, "Document");
  sa_jb_json(&b, doc);
  sa_jb_end_obj(&b);
  char *text = sa_jb_finish(&b);
  char file[2048 + 64];
  snprintf(file, sizeof file, "%s/%s.json", dir, s->runtime_id);
  char16_t *path = sa_utf8_to_u16(file);
  uint32_t err = text && path ? sa_file_write(path, text, strlen(text), 0) : SA_ERROR_NOT_ENOUGH_MEMORY;
  if (err) fprintf(stderr, "computecore stand-in: could not record the document of %s in %s (error %u)\n", s->id, dir, err);
  free(path);
  free(text);
}

static int32_t run_create(task *t) {
  sys *s = t->s;
  int32_t hr;
  const char *why = NULL;
  sa_json *doc = task_json(t, &hr);
  if (!hr && !doc) hr = HCS_E_INVALID_DATA;
  if (!hr) hr = hcs_validate_document(doc, hcs_schema_minor(hcs_build()), &why);
  if (!hr) hr = hcs_check_build_fields(doc, hcs_build(), &why);
  if (!hr && find_system(s->id)) hr = HCS_E_SYSTEM_ALREADY_EXISTS;
  if (hr) {
    sa_json_free(doc);
    s->state = ST_GONE;
    return hr;
  }
  s->doc = doc;
  record_document(s, doc);
  const sa_json *stolhc = sa_json_get(doc, "ShouldTerminateOnLastHandleClosed");
  s->terminate_on_last_close = stolhc && stolhc->boolean;
  const sa_json *sor = sa_json_at(doc, "VirtualMachine", "StopOnReset", NULL);
  s->stop_on_reset = sor && sor->boolean;
  s->state = ST_CREATED;
  s->registered = 1;
  s->refs++;
  s->next = g_systems;
  g_systems = s;
  if (s->handles == 0) last_handle_closed(s); /* the caller closed its handle while we were creating */
  return 0;
}

static int32_t run_start(sys *s) {
  int32_t hr = check_state(s, IN(ST_CREATED));
  if (hr) return hr;
  const char *restore = sa_json_string(sa_json_at(s->doc, "VirtualMachine", "RestoreState", "SaveStateFilePath", NULL));
  if (restore && *restore) {
    char16_t *path = sa_utf8_to_u16(restore);
    uint32_t err = path ? sa_file_stat(path, NULL, NULL, NULL) : SA_ERROR_NOT_ENOUGH_MEMORY;
    free(path);
    if (err) return sa_hr_from_win32(err);
  }
  s->state = ST_RUNNING;
  const sa_json *count = sa_json_at(s->doc, "VirtualMachine", "ComputeTopology", "Processor", "Count", NULL);
  hcs_figures_start(&s->figures, count && count->type == SA_JNUM ? (uint32_t)count->number : 1);
  endpoints_start_all(s);
  return 0;
}

static int32_t run_save(sys *s, task *t) {
  int32_t hr = check_state(s, IN(ST_PAUSED));
  if (hr) return hr;
  sa_json *options = task_json(t, &hr);
  if (hr) return hr;
  const char *why = NULL;
  if ((hr = hcs_check_options(HCS_OPTIONS_SAVE, options, hcs_schema_minor(hcs_build()), &why)) != 0) {
    sa_json_free(options);
    return hr;
  }
  const char *type = options ? sa_json_string(sa_json_get(options, "SaveType")) : NULL;
  const char *path = options ? sa_json_string(sa_json_get(options, "SaveStateFilePath")) : NULL;
  if (type && strcmp(type, "AsTemplate") == 0) {
    s->state = ST_SAVED_AS_TEMPLATE;
  } else if ((type && strcmp(type, "ToFile") != 0) || !path || !*path) {
    hr = HCS_E_INVALID_JSON;
  } else {
    /* A small real file, so callers can check that the save produced something. */
    char content[512];
    snprintf(content, sizeof content, "Hako stand-in saved state of %s\n", s->id);
    char16_t *path16 = sa_utf8_to_u16(path);
    uint32_t err = path16 ? sa_file_write(path16, content, strlen(content), 0) : SA_ERROR_NOT_ENOUGH_MEMORY;
    free(path16);
    hr = sa_hr_from_win32(err); /* the system stays Paused (NanaBox terminates or resumes next) */
  }
  sa_json_free(options);
  return hr;
}

/* Parses and checks a task's option document against the host's schema. */
static int32_t task_options(task *t, hcs_options_kind kind) {
  int32_t hr;
  const char *why = NULL;
  sa_json *options = task_json(t, &hr);
  if (!hr) hr = hcs_check_options(kind, options, hcs_schema_minor(hcs_build()), &why);
  sa_json_free(options);
  return hr;
}

static int32_t run_crash(sys *s, task *t) {
  int32_t hr = check_state(s, IN(ST_RUNNING));
  if (hr) return hr;
  if ((hr = task_options(t, HCS_OPTIONS_CRASH)) != 0) return hr;
  char *report = crash_report(s);
  emit(s, EV_CRASH_INITIATED, report);
  emit(s, EV_CRASH_REPORT, report);
  free(report);
  /* The guest bugchecks and resets: a reset is a stop only with StopOnReset (VirtualMachine.StopOnReset). */
  if (s->stop_on_reset) stop_system(s, HCS_E_UNEXPECTED_EXIT, "UnexpectedExit", "UnexpectedExit", "GuestOS", 1);
  return 0;
}

/*
 * The VM worker opens the file of a SCSI attachment it is given: it must exist (else its Win32 error)
 * and must have been granted to this VM with HcsGrantVmAccess (else access denied, as a VM worker
 * without access to a VHDX or ISO gets it: reference §4.3, §8.2). Pass-through paths name devices, not
 * files, and an empty ISO path is an empty drive: neither is checked.
 */
static int32_t attachment_access(const sys *s, const sa_json *request, const char **why) {
  const char *resource = sa_json_string(sa_json_get(request, "ResourcePath"));
  const char *type = sa_json_string(sa_json_get(request, "RequestType"));
  const char *kind = sa_json_string(sa_json_at(request, "Settings", "Type", NULL));
  const char *path = sa_json_string(sa_json_at(request, "Settings", "Path", NULL));
  if (!resource || strncmp(resource, "VirtualMachine/Devices/Scsi/", 28) != 0 || !type || strcmp(type, "Remove") == 0 ||
      !kind || strcmp(kind, "PassThru") == 0 || !path || !*path)
    return 0;
  char16_t *path16 = sa_utf8_to_u16(path);
  uint32_t err = path16 ? sa_file_stat(path16, NULL, NULL, NULL) : SA_ERROR_NOT_ENOUGH_MEMORY;
  free(path16);
  if (err) return *why = "The attachment's file cannot be opened.", sa_hr_from_win32(err);
  char *key = malloc(strlen(s->id) + strlen(path) + 2);
  if (!key) return SA_E_OUTOFMEMORY;
  sprintf(key, "%s|%s", s->id, path);
  int granted = sa_named_get(g_grants, key) != 0;
  free(key);
  return granted ? 0 : (*why = "The virtual machine has no access to the attachment's file.", HCS_E_ACCESS_DENIED_WIN32);
}

static int32_t run_modify(sys *s, task *t, char **why_doc) {
  int32_t hr = check_state(s, IN(ST_CREATED) | IN(ST_RUNNING) | IN(ST_PAUSED));
  if (hr) return hr;
  sa_json *request = task_json(t, &hr);
  if (hr) return hr;
  if (!request) return HCS_E_INVALID_JSON;
  int com_port = -1;
  const char *why = NULL;
  if (s->state == ST_RUNNING || s->state == ST_PAUSED) hr = attachment_access(s, request, &why);
  if (!hr) hr = hcs_modify(s->doc, request, hcs_schema_minor(hcs_build()), &com_port, &why);
  sa_json_free(request);
  if (hr && why) *why_doc = hcs_result_error(hr, why);
  if (!hr && com_port >= 0 && (s->state == ST_RUNNING || s->state == ST_PAUSED)) {
    char slot[16];
    snprintf(slot, sizeof slot, "com%d", com_port);
    endpoint_stop(s, slot);
    com_endpoint_start(s, com_port, 0);
  }
  return hr;
}

static int32_t run_properties(sys *s, task *t, char **doc) {
  if (s->state == ST_CREATING || s->state == ST_GONE) return HCS_E_SYSTEM_NOT_FOUND;
  int32_t hr;
  unsigned types = 0;
  const char *why = NULL;
  sa_json *query = task_json(t, &hr);
  if (!hr) hr = hcs_check_property_query(query, hcs_build(), &types, &why);
  if (hr) {
    sa_json_free(query);
    if (why) *doc = hcs_result_error(hr, why);
    return hr;
  }
  sa_jb b;
  sa_jb_init(&b);
  jb_properties(&b, s, types, sa_json_get(query, "Queries"));
  sa_json_free(query);
  return (*doc = sa_jb_finish(&b)) ? 0 : HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
}

static int32_t run_enumerate(task *t, char **doc) {
  int32_t hr;
  sa_json *query = task_json(t, &hr);
  if (hr) return hr;
  if (query && query->type != SA_JOBJ) hr = HCS_E_INVALID_JSON;
  const sa_json *ids = sa_json_get(query, "Ids"), *names = sa_json_get(query, "Names");
  const sa_json *types = sa_json_get(query, "Types"), *owners = sa_json_get(query, "Owners");
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_arr(&b);
  for (sys *s = g_systems; s && !hr; s = s->next) {
    const char *owner = sa_json_string(sa_json_get(s->doc, "Owner"));
    if (filter_admits(ids, s->id, 1) && filter_admits(names, s->id, 1) && filter_admits(types, "VirtualMachine", 0) &&
        filter_admits(owners, owner, 0))
      jb_properties(&b, s, 0, NULL);
  }
  sa_jb_end_arr(&b);
  sa_json_free(query);
  char *text = sa_jb_finish(&b);
  if (hr) free(text);
  else if (!(*doc = text)) hr = HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
  return hr;
}

/*
 * Who acts on a shutdown. NULL options mean the guest connection (the mechanism the docs' tutorial
 * relies on), which only a document with VirtualMachine.GuestConnection has; "IntegrationService"
 * (schema 2.5) needs the shutdown integration component, VirtualMachine.Services.Shutdown, or fails
 * with HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION. A mechanism nobody in the guest serves leaves the
 * operation pending until the system stops (`*guest_acts` 0); a real guest without the component
 * would not answer either. Both rules are the strictest plausible reading: unverified on Windows.
 */
static int32_t shutdown_mechanism(sys *s, task *t, int *guest_acts) {
  int32_t hr;
  const char *why = NULL;
  sa_json *options = task_json(t, &hr);
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
      case T_CREATE: hr = run_create(t); break;
      case T_START: hr = run_start(s); break;
      case T_SHUTDOWN: {
        int guest_acts = 0;
        hr = check_state(s, IN(ST_RUNNING));
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
        hr = check_state(s, IN(ST_RUNNING) | IN(ST_STOPPED));
        if (hr == HCS_E_SYSTEM_ALREADY_STOPPED) hr = 0; /* terminated meanwhile: it is off either way */
        if (!hr && s->state == ST_RUNNING) stop_system(s, 0, "GracefulExit", "Shutdown", "Client", 0);
        break;
      case T_TERMINATE:
        hr = check_state(s, IN(ST_CREATED) | IN(ST_RUNNING) | IN(ST_PAUSED) | IN(ST_SAVED_AS_TEMPLATE));
        if (!hr) stop_system(s, 0, "ForcedExit", "Terminate", "Client", 0);
        break;
      case T_PAUSE:
        if (!(hr = check_state(s, IN(ST_RUNNING))) && !(hr = task_options(t, HCS_OPTIONS_PAUSE))) {
          s->state = ST_PAUSED;
          hcs_figures_run(&s->figures, 0);
        }
        break;
      case T_RESUME:
        if (!(hr = check_state(s, IN(ST_PAUSED)))) {
          s->state = ST_RUNNING;
          hcs_figures_run(&s->figures, 1);
        }
        break;
      case T_SAVE: hr = run_save(s, t); break;
      case T_CRASH: hr = run_crash(s, t); break;
      case T_MODIFY: hr = run_modify(s, t, &doc); break;
      case T_PROPERTIES: hr = run_properties(s, t, &doc); break;
      case T_ENUMERATE: hr = run_enumerate(t, &doc); break;
    }
  }
  complete(t->o, hr, doc);
}

static void *timer_thread(void *arg) {
  (void)arg;
  for (;;) {
    enter();
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
    leave();
  }
  return NULL;
}

/* Delivers events to handles' callbacks; HcsCloseComputeSystem waits while one is running. */
static void *event_thread(void *arg) {
  queue *q = arg;
  for (;;) {
    enter();
    while (!q->head) pthread_cond_wait(&q->cv, &g_mu);
    item *it = q->head;
    if (!(q->head = it->next)) q->tail = NULL;
    handle *h = it->h;
    if (!h->closed && h->callback) dispatch_begin();
    else {
      item_free(it);
      leave();
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
    dispatch_end();
    item_free(it);
    leave();
  }
  return NULL;
}

/* Calls operations' completion callbacks; the item keeps the operation alive, so the callback may
 * close it. */
static void *completion_thread(void *arg) {
  queue *q = arg;
  for (;;) {
    enter();
    while (!q->head) pthread_cond_wait(&q->cv, &g_mu);
    item *it = q->head;
    if (!(q->head = it->next)) q->tail = NULL;
    op *o = it->o;
    int dispatched = !o->closed && o->completion;
    if (dispatched) dispatch_begin();
    if (dispatched && !o->closed && o->completion) { /* checked again after the wait */
      hcs_operation_completion completion = o->completion;
      void *context = o->context;
      pthread_mutex_unlock(&g_mu);
      completion(o, context);
      pthread_mutex_lock(&g_mu);
    }
    if (dispatched) dispatch_end();
    item_free(it);
    leave();
  }
  return NULL;
}

/* ==== Exports: operations ========================================================================= */

static op *op_new(const char *function, void *context, hcs_operation_completion completion) {
  op *o = api_enter(function) ? NULL : calloc(1, sizeof *o);
  if (o) {
    o->refs = 1;
    o->type = OT_NONE;
    o->id = g_next_op_id++;
    o->context = context;
    o->completion = completion;
    o->next = g_ops;
    g_ops = o;
  }
  leave();
  return o;
}

SA_EXPORT void *SA_CALL HcsCreateOperation(const void *context, hcs_operation_completion callback) {
  return op_new("HcsCreateOperation", (void *)context, callback);
}

SA_EXPORT void *SA_CALL HcsCreateOperationWithNotifications(uint32_t event_types, const void *context,
                                                            hcs_event_callback callback) {
  (void)event_types;
  (void)callback; /* progress notifications are never raised by the stand-in */
  return op_new("HcsCreateOperationWithNotifications", (void *)context, NULL);
}

SA_EXPORT void SA_CALL HcsCloseOperation(void *operation) {
  api_enter("HcsCloseOperation"); /* returns nothing to fail with: a deadlock is only counted */
  for (op **at = &g_ops; *at; at = &(*at)->next) {
    if (*at == operation) {
      op *o = *at;
      *at = o->next;
      o->closed = 1; /* a pending task keeps it alive and drops the result */
      pthread_cond_broadcast(&g_changed);
      op_unref(o);
      break;
    }
  }
  leave();
}

SA_EXPORT void *SA_CALL HcsGetOperationContext(void *operation) {
  op *o = api_enter("HcsGetOperationContext") ? NULL : find_op(operation);
  void *context = o ? o->context : NULL;
  leave();
  return context;
}

SA_EXPORT int32_t SA_CALL HcsSetOperationContext(void *operation, const void *context) {
  int32_t hr = api_enter("HcsSetOperationContext");
  op *o = hr ? NULL : find_op(operation);
  if (o) o->context = (void *)context;
  leave();
  return hr ? hr : o ? SA_S_OK : SA_E_HANDLE;
}

SA_EXPORT int32_t SA_CALL HcsSetOperationCallback(void *operation, const void *context,
                                                  hcs_operation_completion callback) {
  int32_t hr = api_enter("HcsSetOperationCallback");
  op *o = hr ? NULL : find_op(operation);
  if (!hr) hr = !o ? SA_E_HANDLE : o->status == OP_PENDING ? HCS_E_OPERATION_ALREADY_STARTED : SA_S_OK;
  if (!hr) {
    o->context = (void *)context;
    o->completion = callback;
  }
  leave();
  return hr;
}

SA_EXPORT void *SA_CALL HcsGetComputeSystemFromOperation(void *operation) {
  op *o = api_enter("HcsGetComputeSystemFromOperation") ? NULL : find_op(operation);
  void *h = o && o->status != OP_NOT_STARTED && o->h && !o->h->closed ? o->h : NULL;
  leave();
  return h;
}

SA_EXPORT void *SA_CALL HcsGetProcessFromOperation(void *operation) {
  (void)operation;
  return NULL; /* the stand-in runs no processes */
}

SA_EXPORT int32_t SA_CALL HcsGetOperationType(void *operation) {
  op *o = api_enter("HcsGetOperationType") ? NULL : find_op(operation);
  int32_t type = o ? o->type : OT_NONE;
  leave();
  return type;
}

SA_EXPORT uint64_t SA_CALL HcsGetOperationId(void *operation) {
  op *o = api_enter("HcsGetOperationId") ? NULL : find_op(operation);
  uint64_t id = o ? o->id : UINT64_MAX; /* HCS_INVALID_OPERATION_ID */
  leave();
  return id;
}

/* Shared by the Get/Wait result calls: waits up to timeout_ms (0 = poll) for the operation. */
static int32_t operation_result(const char *function, void *operation, uint32_t timeout_ms, int process_info,
                                char16_t **document) {
  if (document) *document = NULL;
  int32_t hr = api_enter(function);
  op *o = hr ? NULL : find_op(operation);
  if (!hr) hr = o ? take_fault(function, NULL) : SA_E_HANDLE;
  if (hr || o->status == OP_NOT_STARTED) {
    leave();
    return hr ? hr : HCS_E_OPERATION_NOT_STARTED;
  }
  o->refs++;
  uint64_t deadline = sa_now_ms() + timeout_ms;
  while (o->status == OP_PENDING && !o->closed && timeout_ms) {
    uint64_t now = sa_now_ms();
    if (timeout_ms == INFINITE_WAIT) pthread_cond_wait(&g_changed, &g_mu);
    else if (now >= deadline) break;
    else sa_cond_wait_ms(&g_changed, &g_mu, deadline - now);
  }
  if (o->closed) hr = SA_E_HANDLE;
  else if (o->status == OP_PENDING) hr = timeout_ms ? HCS_E_OPERATION_TIMEOUT : HCS_E_OPERATION_PENDING;
  else if (process_info && o->type != 10 && o->type != 12) hr = SA_E_INVALIDARG; /* not CreateProcess/GetProcessInfo */
  else {
    hr = o->result;
    if (document && o->doc && !(*document = sa_result_local(o->doc))) hr = HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
  }
  op_unref(o);
  leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsGetOperationResult(void *operation, char16_t **resultDocument) {
  return operation_result("HcsGetOperationResult", operation, 0, 0, resultDocument);
}

SA_EXPORT int32_t SA_CALL HcsWaitForOperationResult(void *operation, uint32_t timeoutMs, char16_t **resultDocument) {
  /* A zero timeout polls, which must still report a pending operation as a timeout. */
  int32_t hr = operation_result("HcsWaitForOperationResult", operation, timeoutMs, 0, resultDocument);
  return timeoutMs == 0 && hr == HCS_E_OPERATION_PENDING ? HCS_E_OPERATION_TIMEOUT : hr;
}

SA_EXPORT int32_t SA_CALL HcsGetOperationResultAndProcessInfo(void *operation, void *processInformation,
                                                              char16_t **resultDocument) {
  (void)processInformation;
  return operation_result("HcsGetOperationResultAndProcessInfo", operation, 0, 1, resultDocument);
}

SA_EXPORT int32_t SA_CALL HcsWaitForOperationResultAndProcessInfo(void *operation, uint32_t timeoutMs,
                                                                  void *processInformation, char16_t **resultDocument) {
  (void)processInformation;
  int32_t hr = operation_result("HcsWaitForOperationResultAndProcessInfo", operation, timeoutMs, 1, resultDocument);
  return timeoutMs == 0 && hr == HCS_E_OPERATION_PENDING ? HCS_E_OPERATION_TIMEOUT : hr;
}

/* An export the stand-in does not implement still waits for the dispatch lock like every other. */
static int32_t not_implemented(const char *function) {
  int32_t hr = api_enter(function);
  leave();
  return hr ? hr : SA_E_NOTIMPL;
}

SA_EXPORT int32_t SA_CALL HcsCancelOperation(void *operation) {
  (void)operation;
  return not_implemented("HcsCancelOperation"); /* documented: not implemented */
}

SA_EXPORT int32_t SA_CALL HcsAddResourceToOperation(void *operation, int32_t type, const char16_t *uri, void *h) {
  (void)operation, (void)type, (void)uri, (void)h;
  return not_implemented("HcsAddResourceToOperation");
}

SA_EXPORT int32_t SA_CALL HcsGetOperationProperties(void *operation, const char16_t *options, char16_t **result) {
  (void)operation, (void)options;
  if (result) *result = NULL;
  return not_implemented("HcsGetOperationProperties");
}

/* ==== Exports: compute systems ==================================================================== */

static int32_t create_system(const char *function, const char16_t *id, const char16_t *configuration,
                             void *operation, const hcs_create_options_1 *options, void **computeSystem) {
  if (!computeSystem) return SA_E_POINTER;
  *computeSystem = NULL;
  char *id8 = sa_u16_to_utf8(id);
  if (!id8 || !*id8 || !configuration) {
    free(id8);
    return SA_E_INVALIDARG;
  }
  if (options && options->version != HCS_CREATE_OPTIONS_1) {
    free(id8);
    return SA_E_INVALIDARG;
  }
  int32_t hr = api_enter(function);
  sys *s = hr ? NULL : calloc(1, sizeof *s);
  handle *h = s ? handle_new(s) : NULL;
  if (!hr) hr = h ? SA_S_OK : SA_E_OUTOFMEMORY;
  if (h) {
    s->id = id8;
    id8 = NULL;
    s->state = ST_CREATING;
    sa_guid g;
    if (!sa_guid_parse(s->id, &g)) sa_guid_from_name(s->id, &g); /* RuntimeId = the id when it is a GUID */
    sa_guid_format(&g, s->runtime_id);
    if (options && options->callback) { /* registered atomically with the create */
      h->callback = options->callback;
      h->callback_context = options->callback_context;
      h->callback_options = options->callback_options;
    }
    hr = submit(function, operation, h, s, T_CREATE, OT_CREATE, configuration);
    if (hr) { /* not accepted: no handle comes back */
      for (handle **at = &g_handles; *at; at = &(*at)->next)
        if (*at == h) {
          *at = h->next;
          break;
        }
      handle_unref(h);
    } else *computeSystem = h;
  } else free(s);
  free(id8);
  leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsCreateComputeSystem(const char16_t *id, const char16_t *configuration, void *operation,
                                                 const void *securityDescriptor, void **computeSystem) {
  (void)securityDescriptor;
  return create_system("HcsCreateComputeSystem", id, configuration, operation, NULL, computeSystem);
}

SA_EXPORT int32_t SA_CALL HcsCreateComputeSystemInNamespace(const char16_t *idNamespace, const char16_t *id,
                                                            const char16_t *configuration, void *operation,
                                                            const hcs_create_options_1 *options, void **computeSystem) {
  (void)idNamespace; /* one namespace */
  return create_system("HcsCreateComputeSystemInNamespace", id, configuration, operation, options, computeSystem);
}

static int32_t open_system(const char *function, const char16_t *id, uint32_t access, void **computeSystem) {
  if (!computeSystem) return SA_E_POINTER;
  *computeSystem = NULL;
  if (access != GENERIC_ALL) return SA_E_INVALIDARG;
  char *id8 = sa_u16_to_utf8(id);
  if (!id8 || !*id8) {
    free(id8);
    return SA_E_INVALIDARG;
  }
  int32_t hr = api_enter(function);
  if (!hr) hr = take_fault(function, NULL);
  sys *s = hr ? NULL : find_system(id8);
  if (!hr && !s) hr = HCS_E_SYSTEM_NOT_FOUND;
  if (s && !(*computeSystem = handle_new(s))) hr = SA_E_OUTOFMEMORY;
  leave();
  free(id8);
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsOpenComputeSystem(const char16_t *id, uint32_t requestedAccess, void **computeSystem) {
  return open_system("HcsOpenComputeSystem", id, requestedAccess, computeSystem);
}

SA_EXPORT int32_t SA_CALL HcsOpenComputeSystemInNamespace(const char16_t *idNamespace, const char16_t *id,
                                                          uint32_t requestedAccess, void **computeSystem) {
  (void)idNamespace;
  return open_system("HcsOpenComputeSystemInNamespace", id, requestedAccess, computeSystem);
}

SA_EXPORT void SA_CALL HcsCloseComputeSystem(void *computeSystem) {
  /* Waits for a running callback (the dispatch lock), as documented; returns nothing to fail with, so a
   * deadlock is only counted and the handle closed anyway. */
  int deadlocked = api_enter("HcsCloseComputeSystem") != 0;
  handle **at = &g_handles;
  while (*at && *at != computeSystem) at = &(*at)->next;
  if (*at) {
    handle *h = *at;
    *at = h->next;
    h->closed = 1;
    h->callback = NULL;
    /* Drain an in-flight callback of this handle, unless we are inside it (that would never end). */
    while (h->in_callback && tl_dispatching != h && !deadlocked) pthread_cond_wait(&g_changed, &g_mu);
    sys *s = h->system;
    s->handles--;
    pthread_cond_broadcast(&g_changed);
    if (s->handles == 0) last_handle_closed(s);
    handle_unref(h);
  }
  leave();
}

/* The asynchronous calls on a handle. */
static int32_t system_call(const char *function, void *computeSystem, void *operation, int kind, int32_t type,
                           const char16_t *arg) {
  int32_t hr = api_enter(function);
  handle *h = hr ? NULL : find_handle(computeSystem);
  if (!hr) hr = h ? submit(function, operation, h, h->system, kind, type, arg) : SA_E_HANDLE;
  leave();
  return hr;
}

/*
 * An `options` parameter the docs call "Reserved for future use. Must be NULL.": anything but NULL is
 * refused by the call itself with E_INVALIDARG (the strictest plausible answer; which code Windows
 * gives is not documented). An empty string passes: hcsshim sends "" for Start, Shutdown and Terminate.
 */
static int32_t reserved_options(const char *function, const char16_t *options) {
  if (!options || !*options) return 0;
  int32_t hr = api_enter(function);
  leave();
  return hr ? hr : SA_E_INVALIDARG;
}

SA_EXPORT int32_t SA_CALL HcsStartComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  int32_t hr = reserved_options("HcsStartComputeSystem", options);
  return hr ? hr : system_call("HcsStartComputeSystem", computeSystem, operation, T_START, OT_START, NULL);
}

/* ShutdownOptions are schema 2.5 (build 20348); before that the parameter is reserved (the
 * HcsShutDownComputeSystem reference page). */
SA_EXPORT int32_t SA_CALL HcsShutDownComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  int32_t hr = hcs_schema_minor(hcs_build()) < 5 ? reserved_options("HcsShutDownComputeSystem", options) : 0;
  return hr ? hr : system_call("HcsShutDownComputeSystem", computeSystem, operation, T_SHUTDOWN, OT_SHUTDOWN, options);
}

SA_EXPORT int32_t SA_CALL HcsTerminateComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  int32_t hr = reserved_options("HcsTerminateComputeSystem", options);
  return hr ? hr : system_call("HcsTerminateComputeSystem", computeSystem, operation, T_TERMINATE, OT_TERMINATE, NULL);
}

#ifndef STAND_IN_NO_CRASH
SA_EXPORT int32_t SA_CALL HcsCrashComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  return system_call("HcsCrashComputeSystem", computeSystem, operation, T_CRASH, OT_CRASH, options);
}
#endif

SA_EXPORT int32_t SA_CALL HcsPauseComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  return system_call("HcsPauseComputeSystem", computeSystem, operation, T_PAUSE, OT_PAUSE, options);
}

SA_EXPORT int32_t SA_CALL HcsResumeComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  int32_t hr = reserved_options("HcsResumeComputeSystem", options);
  return hr ? hr : system_call("HcsResumeComputeSystem", computeSystem, operation, T_RESUME, OT_RESUME, NULL);
}

SA_EXPORT int32_t SA_CALL HcsSaveComputeSystem(void *computeSystem, void *operation, const char16_t *options) {
  return system_call("HcsSaveComputeSystem", computeSystem, operation, T_SAVE, OT_SAVE, options);
}

SA_EXPORT int32_t SA_CALL HcsGetComputeSystemProperties(void *computeSystem, void *operation,
                                                        const char16_t *propertyQuery) {
  return system_call("HcsGetComputeSystemProperties", computeSystem, operation, T_PROPERTIES, OT_GET_PROPERTIES,
                     propertyQuery);
}

SA_EXPORT int32_t SA_CALL HcsModifyComputeSystem(void *computeSystem, void *operation, const char16_t *configuration,
                                                 void *identity) {
  (void)identity;
  if (!configuration) return SA_E_INVALIDARG;
  return system_call("HcsModifyComputeSystem", computeSystem, operation, T_MODIFY, OT_MODIFY, configuration);
}

static int32_t enumerate(const char *function, const char16_t *query, void *operation) {
  int32_t hr = api_enter(function);
  if (!hr) hr = submit(function, operation, NULL, NULL, T_ENUMERATE, OT_ENUMERATE, query);
  leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsEnumerateComputeSystems(const char16_t *query, void *operation) {
  return enumerate("HcsEnumerateComputeSystems", query, operation);
}

SA_EXPORT int32_t SA_CALL HcsEnumerateComputeSystemsInNamespace(const char16_t *idNamespace, const char16_t *query,
                                                                void *operation) {
  (void)idNamespace;
  return enumerate("HcsEnumerateComputeSystemsInNamespace", query, operation);
}

SA_EXPORT int32_t SA_CALL HcsSetComputeSystemCallback(void *computeSystem, uint32_t callbackOptions,
                                                      const void *context, hcs_event_callback callback) {
  int32_t hr = api_enter("HcsSetComputeSystemCallback");
  handle *h = hr ? NULL : find_handle(computeSystem);
  if (!hr) hr = !h ? SA_E_HANDLE : take_fault("HcsSetComputeSystemCallback", NULL);
  if (!hr && h->callback) hr = HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET; /* one per handle */
  if (!hr && !callback) hr = SA_E_INVALIDARG;
  if (!hr) {
    h->callback = callback;
    h->callback_context = (void *)context;
    h->callback_options = callbackOptions;
  }
  leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsWaitForComputeSystemExit(void *computeSystem, uint32_t timeoutMs, char16_t **result) {
  if (result) *result = NULL;
  int32_t hr = api_enter("HcsWaitForComputeSystemExit");
  handle *h = hr ? NULL : find_handle(computeSystem);
  if (!hr) hr = !h ? SA_E_HANDLE : take_fault("HcsWaitForComputeSystemExit", NULL);
  if (hr) {
    leave();
    return hr;
  }
  sys *s = h->system;
  h->refs++;
  uint64_t deadline = sa_now_ms() + timeoutMs;
  while (s->state != ST_STOPPED && s->state != ST_GONE && !h->closed) {
    uint64_t now = sa_now_ms();
    if (timeoutMs == INFINITE_WAIT) pthread_cond_wait(&g_changed, &g_mu);
    else if (now >= deadline) break;
    else sa_cond_wait_ms(&g_changed, &g_mu, deadline - now);
  }
  if (h->closed) hr = SA_E_HANDLE;
  else if (s->state == ST_GONE || s->state == ST_CREATING) hr = HCS_E_SYSTEM_NOT_FOUND;
  else if (s->state != ST_STOPPED) hr = HCS_E_OPERATION_TIMEOUT;
  else if (result && !(*result = sa_result_local(s->exit_status))) hr = HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
  handle_unref(h);
  leave();
  return hr;
}

/* ==== Exports: service, files ===================================================================== */

SA_EXPORT int32_t SA_CALL HcsGetServiceProperties(const char16_t *propertyQuery, char16_t **result) {
  if (!result) return SA_E_POINTER;
  *result = NULL;
  int32_t hr = api_enter("HcsGetServiceProperties");
  if (!hr) hr = take_fault("HcsGetServiceProperties", NULL);
  leave();
  char *doc = NULL;
  const char *why = NULL;
  if (!hr) {
    char *text = propertyQuery ? sa_u16_to_utf8(propertyQuery) : NULL;
    sa_json *query = text && *text ? sa_json_parse(text) : NULL;
    if ((propertyQuery && !text) || (text && *text && !query)) hr = HCS_E_INVALID_DATA;
    else hr = hcs_service_properties(query, hcs_build(), &doc, &why);
    sa_json_free(query);
    free(text);
  }
  if (hr) doc = hcs_result_error(hr, why); /* failures carry a ResultError, like the operation results */
  if (doc && !(*result = sa_result_local(doc)) && !hr) hr = SA_E_OUTOFMEMORY;
  free(doc);
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsModifyServiceSettings(const char16_t *settings, char16_t **result) {
  (void)settings;
  if (result) *result = NULL;
  return not_implemented("HcsModifyServiceSettings");
}

SA_EXPORT int32_t SA_CALL HcsSubmitWerReport(const char16_t *settings) {
  (void)settings;
  return not_implemented("HcsSubmitWerReport");
}

/* Paths are opaque host paths; the stand-in only checks that they exist. */
static int32_t existing_file(const char *function, const char16_t *path) {
  if (!path || !*path) return SA_E_INVALIDARG;
  int32_t hr = api_enter(function);
  if (!hr) hr = take_fault(function, NULL);
  leave();
  return hr ? hr : sa_hr_from_win32(sa_file_stat(path, NULL, NULL, NULL));
}

static int32_t grant(const char *function, const char16_t *vmId, const char16_t *filePath, int add) {
  char *id = sa_u16_to_utf8(vmId), *path = sa_u16_to_utf8(filePath);
  int32_t hr = !id || !*id || !path ? SA_E_INVALIDARG : existing_file(function, filePath);
  char *key = hr ? NULL : malloc(strlen(id) + strlen(path) + 2);
  if (key) {
    sprintf(key, "%s|%s", id, path);
    enter();
    while (sa_named_take(&g_grants, key, NULL, NULL)) {
    }
    if (add && !sa_named_push(&g_grants, key, 1, 0)) hr = SA_E_OUTOFMEMORY;
    leave();
  } else if (!hr) hr = SA_E_OUTOFMEMORY;
  free(key);
  free(id);
  free(path);
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsGrantVmAccess(const char16_t *vmId, const char16_t *filePath) {
  return grant("HcsGrantVmAccess", vmId, filePath, 1);
}

SA_EXPORT int32_t SA_CALL HcsRevokeVmAccess(const char16_t *vmId, const char16_t *filePath) {
  return grant("HcsRevokeVmAccess", vmId, filePath, 0);
}

SA_EXPORT int32_t SA_CALL HcsGrantVmGroupAccess(const char16_t *filePath) {
  return existing_file("HcsGrantVmGroupAccess", filePath);
}

SA_EXPORT int32_t SA_CALL HcsRevokeVmGroupAccess(const char16_t *filePath) {
  return existing_file("HcsRevokeVmGroupAccess", filePath);
}

/* State files must not exist yet and may not sit at the root of a drive (MouriDocs MD4; NanaBox's ReadMe). */
static int32_t create_state_file(const char *function, const char16_t *path, const char *content) {
  if (!path || !*path) return SA_E_INVALIDARG;
  int32_t hr = api_enter(function);
  if (!hr) hr = take_fault(function, NULL);
  leave();
  if (hr) return hr;
  if (sa_path_parent_is_root(path)) return HCS_E_ACCESS_DENIED_WIN32;
  return sa_hr_from_win32(sa_file_write(path, content, strlen(content), 1));
}

SA_EXPORT int32_t SA_CALL HcsCreateEmptyGuestStateFile(const char16_t *guestStateFilePath) {
  return create_state_file("HcsCreateEmptyGuestStateFile", guestStateFilePath, "Hako stand-in guest state\n");
}

SA_EXPORT int32_t SA_CALL HcsCreateEmptyRuntimeStateFile(const char16_t *runtimeStateFilePath) {
  return create_state_file("HcsCreateEmptyRuntimeStateFile", runtimeStateFilePath, "Hako stand-in runtime state\n");
}

SA_EXPORT int32_t SA_CALL HcsGetProcessorCompatibilityFromSavedState(const char16_t *runtimeFileName,
                                                                     const char16_t **processorFeaturesString) {
  (void)runtimeFileName;
  if (processorFeaturesString) *processorFeaturesString = NULL;
  return not_implemented("HcsGetProcessorCompatibilityFromSavedState");
}

/* ==== Exports answered with E_NOTIMPL: processes and live migration =============================== */

SA_EXPORT int32_t SA_CALL HcsCreateProcess(void *computeSystem, const char16_t *processParameters, void *operation,
                                           const void *securityDescriptor, void **process) {
  (void)computeSystem, (void)processParameters, (void)operation, (void)securityDescriptor;
  if (process) *process = NULL;
  return not_implemented("HcsCreateProcess");
}

SA_EXPORT int32_t SA_CALL HcsOpenProcess(void *computeSystem, uint32_t processId, uint32_t requestedAccess,
                                         void **process) {
  (void)computeSystem, (void)processId, (void)requestedAccess;
  if (process) *process = NULL;
  return not_implemented("HcsOpenProcess");
}

SA_EXPORT void SA_CALL HcsCloseProcess(void *process) {
  (void)process;
  (void)not_implemented("HcsCloseProcess");
}

#define PROCESS_CALL(name)                                                                        \
  SA_EXPORT int32_t SA_CALL name(void *process, void *operation, const char16_t *options) {       \
    (void)process, (void)operation, (void)options;                                                \
    return not_implemented(#name);                                                                \
  }
PROCESS_CALL(HcsTerminateProcess)
PROCESS_CALL(HcsSignalProcess)
PROCESS_CALL(HcsGetProcessProperties)
PROCESS_CALL(HcsModifyProcess)

SA_EXPORT int32_t SA_CALL HcsGetProcessInfo(void *process, void *operation) {
  (void)process, (void)operation;
  return not_implemented("HcsGetProcessInfo");
}

SA_EXPORT int32_t SA_CALL HcsSetProcessCallback(void *process, uint32_t callbackOptions, void *context,
                                                hcs_event_callback callback) {
  (void)process, (void)callbackOptions, (void)context, (void)callback;
  return not_implemented("HcsSetProcessCallback");
}

SA_EXPORT int32_t SA_CALL HcsWaitForProcessExit(void *process, uint32_t timeoutMs, char16_t **result) {
  (void)process, (void)timeoutMs;
  if (result) *result = NULL;
  return not_implemented("HcsWaitForProcessExit");
}

#define MIGRATION_CALL(name)                                                                      \
  SA_EXPORT int32_t SA_CALL name(void *computeSystem, void *operation, const char16_t *options) { \
    (void)computeSystem, (void)operation, (void)options;                                          \
    return not_implemented(#name);                                                                \
  }
MIGRATION_CALL(HcsInitializeLiveMigrationOnSource)
MIGRATION_CALL(HcsStartLiveMigrationOnSource)
MIGRATION_CALL(HcsStartLiveMigrationTransfer)
MIGRATION_CALL(HcsFinalizeLiveMigration)
MIGRATION_CALL(HcsCancelLiveMigration)

/* ==== Frees (Linux only: Windows callers use kernel32/ole32) ====================================== */

#ifndef _WIN32
SA_EXPORT void *LocalFree(void *mem) {
  sa_result_free(mem);
  return NULL;
}

SA_EXPORT void CoTaskMemFree(void *mem) { sa_result_free(mem); }
#endif

/* ==== Test-only exports =========================================================================== */

SA_EXPORT void SA_CALL StandInHcsReset(void) {
  enter();
  g_epoch++;
  while (g_systems) {
    sys *s = g_systems;
    endpoints_stop_all(s);
    s->state = ST_GONE;
    complete_shutdown_waiters(s, HCS_E_SYSTEM_NOT_FOUND);
    unregister(s);
  }
  queue_clear(&g_events);
  sa_named_clear(&g_faults);
  sa_named_clear(&g_latencies);
  sa_named_clear(&g_grants);
  g_shutdown_delay = 50;
  g_deadlock_timeout_ms = DEADLOCK_TIMEOUT_DEFAULT_MS; /* the deadlock count is never reset */
  sa_com_reset_controls();
  sa_stall_clear();
  pthread_cond_broadcast(&g_changed); /* exit waiters see their system gone */
  leave();
}

SA_EXPORT int32_t SA_CALL StandInHcsInjectFault(const char16_t *function, int32_t hresult, int32_t direct) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return SA_E_INVALIDARG;
  enter();
  int ok = sa_named_push(&g_faults, name, hresult, direct != 0);
  leave();
  free(name);
  return ok ? SA_S_OK : SA_E_OUTOFMEMORY;
}

SA_EXPORT void SA_CALL StandInHcsSetLatency(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  enter();
  sa_named_put(&g_latencies, name, (int32_t)(ms > 0x7FFFFFFFu ? 0x7FFFFFFFu : ms));
  leave();
  free(name);
}

SA_EXPORT void SA_CALL StandInHcsSetShutdownDelay(uint32_t ms) {
  enter();
  g_shutdown_delay = ms;
  leave();
}

SA_EXPORT int32_t SA_CALL StandInHcsGuestPowerOff(const char16_t *id, int32_t unexpected) {
  char *id8 = sa_u16_to_utf8(id);
  if (!id8) return SA_E_INVALIDARG;
  enter();
  sys *s = find_system(id8);
  int32_t hr = !s ? HCS_E_SYSTEM_NOT_FOUND : check_state(s, IN(ST_RUNNING) | (unexpected ? IN(ST_PAUSED) : 0));
  if (!hr && unexpected) stop_system(s, HCS_E_UNEXPECTED_EXIT, "UnexpectedExit", "UnexpectedExit", "Internal", 0);
  else if (!hr) stop_system(s, 0, "GracefulExit", "Shutdown", "GuestOS", 0);
  leave();
  free(id8);
  return hr;
}

/* The guest's processor load across all its processors (0–100 %), which its processor time grows by
 * while it runs. Returns 0, HCS_E_SYSTEM_NOT_FOUND or E_INVALIDARG. */
SA_EXPORT int32_t SA_CALL StandInHcsSetGuestLoad(const char16_t *id, uint32_t percent) {
  char *id8 = sa_u16_to_utf8(id);
  int32_t hr = !id8 || percent > 100 ? SA_E_INVALIDARG : SA_S_OK;
  if (!hr) {
    enter();
    sys *s = find_system(id8);
    if (!s || s->state == ST_GONE || s->state == ST_CREATING) hr = HCS_E_SYSTEM_NOT_FOUND;
    else hcs_figures_set_load(&s->figures, percent);
    leave();
  }
  free(id8);
  return hr;
}

SA_EXPORT int32_t SA_CALL StandInHcsEmitEvent(const char16_t *id, uint32_t type, const char16_t *eventData) {
  char *id8 = sa_u16_to_utf8(id), *data = eventData ? sa_u16_to_utf8(eventData) : NULL;
  int32_t hr = !id8 || (eventData && !data) ? SA_E_INVALIDARG : SA_S_OK;
  if (!hr) {
    enter();
    sys *s = find_system(id8);
    if (s) emit(s, type, data);
    else hr = HCS_E_SYSTEM_NOT_FOUND;
    leave();
  }
  free(id8);
  free(data);
  return hr;
}

SA_EXPORT int32_t SA_CALL StandInHcsOpenHandleCount(void) {
  int32_t n = 0;
  enter();
  for (op *o = g_ops; o; o = o->next) n++;
  for (handle *h = g_handles; h; h = h->next) n++;
  leave();
  return n;
}

SA_EXPORT int32_t SA_CALL StandInHcsLiveAllocationCount(void) { return sa_live_allocations(); }

SA_EXPORT int32_t SA_CALL StandInHcsComputeSystemCount(void) {
  int32_t n = 0;
  enter();
  for (sys *s = g_systems; s; s = s->next) n++;
  leave();
  return n;
}

SA_EXPORT int32_t SA_CALL StandInHcsSetSessionTarget(const char16_t *pipeName, const char *host, uint16_t port) {
  char *name = sa_u16_to_utf8(pipeName);
  int32_t hr = name && *name ? sa_console_set_target(name, host, port) : SA_E_INVALIDARG;
  free(name);
  return hr;
}

SA_EXPORT void SA_CALL StandInHcsStall(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  sa_stall_set(name, ms);
  free(name);
}

SA_EXPORT int32_t SA_CALL StandInHcsDeadlockCount(void) {
  enter();
  int32_t n = g_deadlocks;
  leave();
  return n;
}

SA_EXPORT void SA_CALL StandInHcsSetDeadlockTimeout(uint32_t ms) {
  enter();
  g_deadlock_timeout_ms = ms ? ms : DEADLOCK_TIMEOUT_DEFAULT_MS;
  leave();
}
