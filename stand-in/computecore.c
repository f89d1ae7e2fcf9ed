/*
 * Stand-in for computecore.dll (Host Compute System API v2, learn.microsoft.com/virtualization/api/hcs;
 * README.md says what it does and where it is stricter). Compute systems live in memory; asynchronous calls become tasks that a timer thread runs
 * in due-time order; completion callbacks and events are delivered by two more threads of ours.
 *
 * Locking: one mutex (g_mu) guards everything. User callbacks are never called while it is held.
 * Console endpoints are stopped (joined) only after the lock is released (see hcs_leave()).
 *
 * The dispatch lock (README "The dispatch lock"): while one of our threads runs a user callback it holds
 * the dispatch lock, and every export called from another thread waits for it, as a recursive lock held
 * by computecore's dispatching thread would make it wait. A wait longer than the deadlock timeout (2 s)
 * can only be a call made from inside a callback on another thread (koffi runs JS callbacks on the JS
 * thread while our thread waits for them): the call fails with STAND_IN_E_CALLBACK_DEADLOCK and
 * StandInHcsDeadlockCount counts it.
 */
/* This file: the compute-system exports (create, open, close, state changes, properties, modify,
 * enumerate, callbacks, waiting for exit). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

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
  int32_t hr = hcs_api_enter(function);
  sys *s = hr ? NULL : calloc(1, sizeof *s);
  handle *h = s ? hcs_handle_new(s) : NULL;
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
    hr = hcs_submit(function, operation, h, s, T_CREATE, OT_CREATE, configuration);
    if (hr) { /* not accepted: no handle comes back */
      for (handle **at = &g_handles; *at; at = &(*at)->next)
        if (*at == h) {
          *at = h->next;
          break;
        }
      hcs_handle_unref(h);
    } else *computeSystem = h;
  } else free(s);
  free(id8);
  hcs_leave();
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
  int32_t hr = hcs_api_enter(function);
  if (!hr) hr = hcs_take_fault(function, NULL);
  sys *s = hr ? NULL : hcs_find_system(id8);
  if (!hr && !s) hr = HCS_E_SYSTEM_NOT_FOUND;
  if (s && !(*computeSystem = hcs_handle_new(s))) hr = SA_E_OUTOFMEMORY;
  hcs_leave();
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
  int deadlocked = hcs_api_enter("HcsCloseComputeSystem") != 0;
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
    if (s->handles == 0) hcs_last_handle_closed(s);
    hcs_handle_unref(h);
  }
  hcs_leave();
}

/* The asynchronous calls on a handle. */
static int32_t system_call(const char *function, void *computeSystem, void *operation, int kind, int32_t type,
                           const char16_t *arg) {
  int32_t hr = hcs_api_enter(function);
  handle *h = hr ? NULL : hcs_find_handle(computeSystem);
  if (!hr) hr = h ? hcs_submit(function, operation, h, h->system, kind, type, arg) : SA_E_HANDLE;
  hcs_leave();
  return hr;
}

/*
 * An `options` parameter the docs call "Reserved for future use. Must be NULL.": anything but NULL is
 * refused by the call itself with E_INVALIDARG (the strictest plausible answer; which code Windows
 * gives is not documented). An empty string passes: hcsshim sends "" for Start, Shutdown and Terminate.
 */
static int32_t reserved_options(const char *function, const char16_t *options) {
  if (!options || !*options) return 0;
  int32_t hr = hcs_api_enter(function);
  hcs_leave();
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
  int32_t hr = hcs_api_enter(function);
  if (!hr) hr = hcs_submit(function, operation, NULL, NULL, T_ENUMERATE, OT_ENUMERATE, query);
  hcs_leave();
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
  int32_t hr = hcs_api_enter("HcsSetComputeSystemCallback");
  handle *h = hr ? NULL : hcs_find_handle(computeSystem);
  if (!hr) hr = !h ? SA_E_HANDLE : hcs_take_fault("HcsSetComputeSystemCallback", NULL);
  if (!hr && h->callback) hr = HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET; /* one per handle */
  if (!hr && !callback) hr = SA_E_INVALIDARG;
  if (!hr) {
    h->callback = callback;
    h->callback_context = (void *)context;
    h->callback_options = callbackOptions;
  }
  hcs_leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsWaitForComputeSystemExit(void *computeSystem, uint32_t timeoutMs, char16_t **result) {
  if (result) *result = NULL;
  int32_t hr = hcs_api_enter("HcsWaitForComputeSystemExit");
  handle *h = hr ? NULL : hcs_find_handle(computeSystem);
  if (!hr) hr = !h ? SA_E_HANDLE : hcs_take_fault("HcsWaitForComputeSystemExit", NULL);
  if (hr) {
    hcs_leave();
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
  hcs_handle_unref(h);
  hcs_leave();
  return hr;
}
