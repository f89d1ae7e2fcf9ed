/* computenetwork's test-only exports (StandInHcn…, README "Test-only exports"). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "computenetwork_internal.h"

/* ==== Test-only exports =========================================================================== */

static int32_t count_entities(entity *const *list) {
  int32_t n = 0;
  pthread_mutex_lock(&g_mu);
  for (const entity *e = *list; e; e = e->next) n++;
  pthread_mutex_unlock(&g_mu);
  return n;
}

SA_EXPORT void SA_CALL StandInHcnReset(void) {
  pthread_mutex_lock(&g_mu);
  for (entity **list = &g_networks;; list = &g_endpoints) {
    while (*list) {
      entity *e = *list;
      *list = e->next;
      hcn_entity_free(e);
    }
    if (list == &g_endpoints) break;
  }
  sa_named_clear(&g_faults);
  sa_named_clear(&g_latencies);
  sa_stall_clear();
  pthread_mutex_unlock(&g_mu);
}

SA_EXPORT void SA_CALL StandInHcnStall(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  sa_stall_set(name, ms);
  free(name);
}

SA_EXPORT int32_t SA_CALL StandInHcnInjectFault(const char16_t *function, int32_t hresult) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return SA_E_INVALIDARG;
  pthread_mutex_lock(&g_mu);
  int ok = sa_named_push(&g_faults, name, hresult, 1);
  pthread_mutex_unlock(&g_mu);
  free(name);
  return ok ? SA_S_OK : SA_E_OUTOFMEMORY;
}

SA_EXPORT void SA_CALL StandInHcnSetLatency(const char16_t *function, uint32_t ms) {
  char *name = sa_u16_to_utf8(function);
  if (!name) return;
  pthread_mutex_lock(&g_mu);
  sa_named_put(&g_latencies, name, (int32_t)(ms > 0x7FFFFFFFu ? 0x7FFFFFFFu : ms));
  pthread_mutex_unlock(&g_mu);
  free(name);
}

SA_EXPORT int32_t SA_CALL StandInHcnOpenHandleCount(void) {
  int32_t n = 0;
  pthread_mutex_lock(&g_mu);
  for (const handle *h = g_handles; h; h = h->next) n++;
  pthread_mutex_unlock(&g_mu);
  return n;
}

SA_EXPORT int32_t SA_CALL StandInHcnLiveAllocationCount(void) { return sa_live_allocations(); }
SA_EXPORT int32_t SA_CALL StandInHcnNetworkCount(void) { return count_entities(&g_networks); }
SA_EXPORT int32_t SA_CALL StandInHcnEndpointCount(void) { return count_entities(&g_endpoints); }
