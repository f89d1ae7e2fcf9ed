/* computecore's test-only exports (StandInHcs…, README "Test-only exports"); they take no dispatch
 * lock. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ==== Test-only exports =========================================================================== */

SA_EXPORT void SA_CALL StandInHcsReset(void) {
  hcs_enter();
  g_epoch++;
  while (g_systems) {
    sys *s = g_systems;
    hcs_endpoints_stop_all(s);
    s->state = ST_GONE;
    hcs_complete_shutdown_waiters(s, HCS_E_SYSTEM_NOT_FOUND);
    hcs_unregister(s);
  }
  hcs_queue_clear(&g_events);
  sa_named_clear(&g_faults);
  sa_named_clear(&g_latencies);
  sa_named_clear(&g_grants);
  g_shutdown_delay = 50;
  g_deadlock_timeout_ms = DEADLOCK_TIMEOUT_DEFAULT_MS; /* the deadlock count is never reset */
  sa_com_reset_controls();
  sa_stall_clear();
  pthread_cond_broadcast(&g_changed); /* exit waiters see their system gone */
  hcs_leave();
}

SA_EXPORT int32_t SA_CALL StandInHcsInjectFault(const char16_t *function, int32_t hresult, int32_t direct) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return SA_E_INVALIDARG;
  hcs_enter();
  int ok = sa_named_push(&g_faults, name, hresult, direct != 0);
  hcs_leave();
  free(name);
  return ok ? SA_S_OK : SA_E_OUTOFMEMORY;
}

SA_EXPORT void SA_CALL StandInHcsSetLatency(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  hcs_enter();
  sa_named_put(&g_latencies, name, (int32_t)(ms > 0x7FFFFFFFu ? 0x7FFFFFFFu : ms));
  hcs_leave();
  free(name);
}

SA_EXPORT void SA_CALL StandInHcsSetShutdownDelay(uint32_t ms) {
  hcs_enter();
  g_shutdown_delay = ms;
  hcs_leave();
}

SA_EXPORT int32_t SA_CALL StandInHcsGuestPowerOff(const char16_t *id, int32_t unexpected) {
  char *id8 = sa_u16_to_utf8(id);
  if (!id8) return SA_E_INVALIDARG;
  hcs_enter();
  sys *s = hcs_find_system(id8);
  int32_t hr = !s ? HCS_E_SYSTEM_NOT_FOUND : hcs_check_state(s, IN(ST_RUNNING) | (unexpected ? IN(ST_PAUSED) : 0));
  if (!hr && unexpected) hcs_stop_system(s, HCS_E_UNEXPECTED_EXIT, "UnexpectedExit", "UnexpectedExit", "Internal", 0);
  else if (!hr) hcs_stop_system(s, 0, "GracefulExit", "Shutdown", "GuestOS", 0);
  hcs_leave();
  free(id8);
  return hr;
}

/* The guest's processor load across all its processors (0–100 %), which its processor time grows by
 * while it runs. Returns 0, HCS_E_SYSTEM_NOT_FOUND or E_INVALIDARG. */
SA_EXPORT int32_t SA_CALL StandInHcsSetGuestLoad(const char16_t *id, uint32_t percent) {
  char *id8 = sa_u16_to_utf8(id);
  int32_t hr = !id8 || percent > 100 ? SA_E_INVALIDARG : SA_S_OK;
  if (!hr) {
    hcs_enter();
    sys *s = hcs_find_system(id8);
    if (!s || s->state == ST_GONE || s->state == ST_CREATING) hr = HCS_E_SYSTEM_NOT_FOUND;
    else hcs_figures_set_load(&s->figures, percent);
    hcs_leave();
  }
  free(id8);
  return hr;
}

SA_EXPORT int32_t SA_CALL StandInHcsEmitEvent(const char16_t *id, uint32_t type, const char16_t *eventData) {
  char *id8 = sa_u16_to_utf8(id), *data = eventData ? sa_u16_to_utf8(eventData) : NULL;
  int32_t hr = !id8 || (eventData && !data) ? SA_E_INVALIDARG : SA_S_OK;
  if (!hr) {
    hcs_enter();
    sys *s = hcs_find_system(id8);
    if (s) hcs_emit(s, type, data);
    else hr = HCS_E_SYSTEM_NOT_FOUND;
    hcs_leave();
  }
  free(id8);
  free(data);
  return hr;
}

SA_EXPORT int32_t SA_CALL StandInHcsOpenHandleCount(void) {
  int32_t n = 0;
  hcs_enter();
  for (op *o = g_ops; o; o = o->next) n++;
  for (handle *h = g_handles; h; h = h->next) n++;
  hcs_leave();
  return n;
}

SA_EXPORT int32_t SA_CALL StandInHcsLiveAllocationCount(void) { return sa_live_allocations(); }

SA_EXPORT int32_t SA_CALL StandInHcsComputeSystemCount(void) {
  int32_t n = 0;
  hcs_enter();
  for (sys *s = g_systems; s; s = s->next) n++;
  hcs_leave();
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
  hcs_enter();
  int32_t n = g_deadlocks;
  hcs_leave();
  return n;
}

SA_EXPORT void SA_CALL StandInHcsSetDeadlockTimeout(uint32_t ms) {
  hcs_enter();
  g_deadlock_timeout_ms = ms ? ms : DEADLOCK_TIMEOUT_DEFAULT_MS;
  hcs_leave();
}
