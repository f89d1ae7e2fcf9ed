/* computenetwork's shared state and helpers: lookups, handles, error records, and how every export
 * begins and ends (stall window, injected fault, latency). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "computenetwork_internal.h"

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
entity *g_networks, *g_endpoints;
handle *g_handles;
sa_named *g_faults, *g_latencies;

/* ==== Helpers ===================================================================================== */

int hcn_guid_eq(const sa_guid *a, const sa_guid *b) { return memcmp(a, b, sizeof *a) == 0; }

entity *hcn_find(entity *list, const sa_guid *id) {
  for (; list; list = list->next)
    if (hcn_guid_eq(&list->id, id)) return list;
  return NULL;
}

handle *hcn_find_handle(void *p, int kind) {
  for (handle *h = g_handles; h; h = h->next)
    if (h == p && h->kind == kind) return h;
  return NULL;
}

void hcn_entity_free(entity *e) {
  sa_json_free(e->settings);
  free(e);
}

void hcn_list_remove(entity **list, entity *e) {
  for (entity **at = list; *at; at = &(*at)->next)
    if (*at == e) {
      *at = e->next;
      return;
    }
}

static int32_t set_error(char16_t **errorRecord, int32_t hr, const char *message) {
  if (errorRecord) {
    sa_jb b;
    sa_jb_init(&b);
    sa_jb_begin_obj(&b);
    sa_jb_key(&b, "Success");
    sa_jb_bool(&b, 0);
    sa_jb_key(&b, "Error");
    sa_jb_str(&b, message);
    sa_jb_key(&b, "ErrorCode");
    sa_jb_uint(&b, (uint32_t)hr);
    sa_jb_end_obj(&b);
    char *text = sa_jb_finish(&b);
    *errorRecord = text ? sa_result_cotaskmem(text) : NULL;
    free(text);
  }
  return hr;
}

/* Every call starts here: clears the outputs, waits out an injected latency, takes the lock and
 * applies an injected fault (returned with an error record; the lock is released then). */
int32_t hcn_begin(const char *function, char16_t **errorRecord) {
  if (errorRecord) *errorRecord = NULL;
  sa_stall_point(function);
  pthread_mutex_lock(&g_mu);
  int32_t latency = sa_named_get(g_latencies, function), fault = 0;
  pthread_mutex_unlock(&g_mu);
  if (latency > 0) sa_sleep_ms((uint32_t)latency);
  pthread_mutex_lock(&g_mu);
  if (sa_named_take(&g_faults, function, &fault, NULL)) {
    pthread_mutex_unlock(&g_mu);
    return set_error(errorRecord, fault, "Injected fault.");
  }
  return 0;
}

/* Ends a call that began successfully: unlocks, and turns a failure into an error record. */
int32_t hcn_end(int32_t hr, char16_t **errorRecord, const char *message) {
  pthread_mutex_unlock(&g_mu);
  return hr < 0 ? set_error(errorRecord, hr, message ? message : "The operation failed.") : hr;
}

/* Optional JSON argument (query or settings): NULL/empty = none; *bad when it is not a JSON object. */
sa_json *hcn_parse_object(const char16_t *text, int *bad) {
  *bad = 0;
  if (!text || !*text) return NULL;
  char *utf8 = sa_u16_to_utf8(text);
  sa_json *v = utf8 ? sa_json_parse(utf8) : NULL;
  free(utf8);
  if (!v || v->type != SA_JOBJ) {
    sa_json_free(v);
    *bad = 1;
    return NULL;
  }
  return v;
}

int32_t hcn_output(char16_t **out, char *text) {
  if (!text) return SA_E_OUTOFMEMORY;
  *out = sa_result_cotaskmem(text);
  free(text);
  return *out ? SA_S_OK : SA_E_OUTOFMEMORY;
}

int32_t hcn_open_handle(int kind, const sa_guid *id, void **out) {
  handle *h = calloc(1, sizeof *h);
  if (!h) return SA_E_OUTOFMEMORY;
  h->kind = kind;
  h->id = *id;
  h->next = g_handles;
  g_handles = h;
  *out = h;
  return SA_S_OK;
}

int32_t hcn_close_handle(void *p, int kind) {
  sa_stall_point(kind == NETWORK ? "HcnCloseNetwork" : "HcnCloseEndpoint");
  pthread_mutex_lock(&g_mu);
  int32_t hr = SA_E_HANDLE;
  for (handle **at = &g_handles; *at; at = &(*at)->next) {
    if (*at == p && (*at)->kind == kind) {
      handle *h = *at;
      *at = h->next;
      free(h);
      hr = SA_S_OK;
      break;
    }
  }
  pthread_mutex_unlock(&g_mu);
  return hr;
}
