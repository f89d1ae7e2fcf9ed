/*
 * Private to computecore's own files (computecore*.c): the ABI types, the objects (compute systems,
 * handles, operations, tasks, delivery queues), the state they share under g_mu, and the helpers the
 * files call in one another. Nothing here is exported from the library (see SA_EXPORT in common.h).
 */
#ifndef HAKO_STAND_IN_COMPUTECORE_INTERNAL_H
#define HAKO_STAND_IN_COMPUTECORE_INTERNAL_H

#include <pthread.h>

#include "common.h"
#include "console.h"
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
  struct waiter *shutdown_waiters; /* shutdowns no guest will act on: they hcs_complete when the system stops */
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

#define DEADLOCK_TIMEOUT_DEFAULT_MS 2000u


/* ==== Shared state (computecore_state.c; everything under g_mu) =================================== */

extern const char *const state_names[];
extern pthread_mutex_t g_mu;
extern pthread_cond_t g_changed; /* an operation completed, a system stopped, a handle/callback ended */
extern pthread_cond_t g_timer_cv;
extern pthread_once_t g_once;
extern queue g_events, g_completions;
extern sys *g_systems;
extern handle *g_handles;
extern op *g_ops;
extern task *g_tasks;
extern uint64_t g_task_seq, g_epoch, g_next_op_id;
extern sa_named *g_faults, *g_latencies, *g_grants;
extern uint32_t g_shutdown_delay;
extern endpoint *g_reap; /* endpoints to stop once the lock is released */
extern _Thread_local handle *tl_dispatching;
/* The dispatch lock: held (under g_mu) by the thread running a user callback. */
extern int g_dispatching;
extern pthread_t g_dispatch_owner;
extern pthread_cond_t g_dispatch_cv;
extern uint32_t g_deadlock_timeout_ms;
extern int32_t g_deadlocks;

/* ==== Helpers shared between the files =========================================================== */

/* computecore_state.c */
void hcs_enter(void);
void hcs_leave(void);
void hcs_dispatch_begin(void);
void hcs_dispatch_end(void);
int32_t hcs_api_enter(const char *function);
void hcs_sys_unref(sys *s);
void hcs_handle_unref(handle *h);
void hcs_op_set_handle(op *o, handle *h);
void hcs_op_unref(op *o);
op *hcs_find_op(void *p);
handle *hcs_find_handle(void *p);
sys *hcs_find_system(const char *id);
handle *hcs_handle_new(sys *s);
void hcs_unregister(sys *s);
void hcs_enqueue(queue *q, handle *h, op *o, uint32_t type, const char *data);
void hcs_item_free(item *it);
void hcs_queue_clear(queue *q);
void hcs_complete_shutdown_waiters(sys *s, int32_t hr);
void hcs_emit(sys *s, uint32_t type, const char *data);

/* computecore_tasks.c */
void hcs_complete(op *o, int32_t hr, char *doc);
int32_t hcs_take_fault(const char *function, int *direct);
int32_t hcs_submit(const char *function, void *operation, handle *h, sys *s, int kind, int32_t type,
                      const char16_t *arg);
sa_json *hcs_task_json(task *t, int32_t *hr);
void *hcs_timer_thread(void *arg);
void *hcs_event_thread(void *arg);
void *hcs_completion_thread(void *arg);

/* computecore_systems.c */
int32_t hcs_check_state(const sys *s, unsigned allowed);
void hcs_endpoint_stop(sys *s, const char *slot);
void hcs_endpoints_stop_all(sys *s);
void hcs_com_endpoint_start(sys *s, int index, int at_start);
void hcs_endpoints_start_all(sys *s);
void hcs_stop_system(sys *s, int32_t status, const char *exit_type, const char *detail, const char *initiator,
                        int crash);
void hcs_last_handle_closed(sys *s);
char *hcs_crash_report(const sys *s);
void hcs_jb_properties(sa_jb *b, sys *s, unsigned types, const sa_json *queries);
int hcs_filter_admits(const sa_json *filter, const char *value, int ci);

/* computecore_task_bodies.c */
int32_t hcs_run_create(task *t);
int32_t hcs_run_start(sys *s);
int32_t hcs_run_save(sys *s, task *t);
int32_t hcs_task_options(task *t, hcs_options_kind kind);
int32_t hcs_run_crash(sys *s, task *t);
int32_t hcs_run_modify(sys *s, task *t, char **why_doc);
int32_t hcs_run_properties(sys *s, task *t, char **doc);
int32_t hcs_run_enumerate(task *t, char **doc);

/* computecore_operations.c */
int32_t hcs_not_implemented(const char *function);

#endif
