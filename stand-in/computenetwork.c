/*
 * Stand-in for computenetwork.dll (Host Compute Network API, learn.microsoft.com/virtualization/api/hcn): networks and endpoints
 * in memory, keyed by GUID. Every call is synchronous. Failures return an HRESULT and an error record
 * {"Success":false,"Error":"...","ErrorCode":<uint>}; result strings are freed with CoTaskMemFree.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define HCN_E_NETWORK_NOT_FOUND ((int32_t)0x803B0001u)
#define HCN_E_ENDPOINT_NOT_FOUND ((int32_t)0x803B0002u)
#define HCN_E_INVALID_NETWORK ((int32_t)0x803B000Au)
#define HCN_E_INVALID_NETWORK_TYPE ((int32_t)0x803B000Bu)
#define HCN_E_INVALID_ENDPOINT ((int32_t)0x803B000Cu)
#define HCN_E_NETWORK_ALREADY_EXISTS ((int32_t)0x803B0010u)
#define HCN_E_INVALID_JSON ((int32_t)0x803B001Bu)
#define HCN_E_ENTITY_HAS_REFERENCES ((int32_t)0x803B002Cu)
#define HCN_E_ENDPOINT_ALREADY_EXISTS ((int32_t)0x800700B7u) /* HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS) */

typedef struct entity {
  struct entity *next;
  sa_guid id;
  sa_guid network; /* endpoints: the network they belong to */
  sa_json *settings;
} entity;

enum { NETWORK, ENDPOINT };

typedef struct handle {
  struct handle *next;
  int kind;
  sa_guid id; /* handles name their object by id: a deleted object makes them stale, not dangling */
} handle;

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static entity *g_networks, *g_endpoints;
static handle *g_handles;
static sa_named *g_faults, *g_latencies;

static const char *const network_types[] = {"NAT", "ICS", "Transparent", "L2Bridge", "L2Tunnel", "Overlay",
                                            "Private", "Internal", "Mirrored", "Infiniband", "ConstrainedICS"};

/* ==== Helpers ===================================================================================== */

static int guid_eq(const sa_guid *a, const sa_guid *b) { return memcmp(a, b, sizeof *a) == 0; }

static entity *find(entity *list, const sa_guid *id) {
  for (; list; list = list->next)
    if (guid_eq(&list->id, id)) return list;
  return NULL;
}

static handle *find_handle(void *p, int kind) {
  for (handle *h = g_handles; h; h = h->next)
    if (h == p && h->kind == kind) return h;
  return NULL;
}

static void entity_free(entity *e) {
  sa_json_free(e->settings);
  free(e);
}

static void list_remove(entity **list, entity *e) {
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
static int32_t begin(const char *function, char16_t **errorRecord) {
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
static int32_t end(int32_t hr, char16_t **errorRecord, const char *message) {
  pthread_mutex_unlock(&g_mu);
  return hr < 0 ? set_error(errorRecord, hr, message ? message : "The operation failed.") : hr;
}

/* Optional JSON argument (query or settings): NULL/empty = none; *bad when it is not a JSON object. */
static sa_json *parse_object(const char16_t *text, int *bad) {
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

static int32_t output(char16_t **out, char *text) {
  if (!text) return SA_E_OUTOFMEMORY;
  *out = sa_result_cotaskmem(text);
  free(text);
  return *out ? SA_S_OK : SA_E_OUTOFMEMORY;
}

static int32_t open_handle(int kind, const sa_guid *id, void **out) {
  handle *h = calloc(1, sizeof *h);
  if (!h) return SA_E_OUTOFMEMORY;
  h->kind = kind;
  h->id = *id;
  h->next = g_handles;
  g_handles = h;
  *out = h;
  return SA_S_OK;
}

static int32_t close_handle(void *p, int kind) {
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

/* ==== Properties ================================================================================== */

static void jb_guid(sa_jb *b, const sa_guid *g) {
  char text[37];
  sa_guid_format(g, text);
  sa_jb_str(b, text);
}

static int listed(const char *key, const char *const *keys, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(keys[i], key) == 0) return 1;
  return 0;
}

static char *network_properties(const entity *n) {
  static const char *const own[] = {"ID", "Name", "Type", "Flags", "Subnets"};
  const sa_json *s = n->settings;
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "ID");
  jb_guid(&b, &n->id);
  if (sa_json_get(s, "Name")) {
    sa_jb_key(&b, "Name");
    sa_jb_json(&b, sa_json_get(s, "Name"));
  }
  sa_jb_key(&b, "Type");
  const sa_json *type = sa_json_get(s, "Type");
  if (type) sa_jb_json(&b, type);
  else sa_jb_str(&b, "NAT"); /* HNS's default type */
  sa_jb_key(&b, "Flags");
  if (sa_json_get(s, "Flags")) sa_jb_json(&b, sa_json_get(s, "Flags"));
  else sa_jb_int(&b, 0);
  sa_jb_key(&b, "Subnets");
  if (sa_json_get(s, "Subnets")) sa_jb_json(&b, sa_json_get(s, "Subnets"));
  else {
    sa_jb_begin_arr(&b);
    sa_jb_end_arr(&b);
  }
  for (size_t i = 0; i < s->count; i++) /* everything else the caller sent, echoed */
    if (!listed(s->keys[i], own, sizeof own / sizeof *own) && sa_json_get(s, s->keys[i]) == s->items[i]) {
      sa_jb_key(&b, s->keys[i]);
      sa_jb_json(&b, s->items[i]);
    }
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

static char *endpoint_properties(const entity *e) {
  static const char *const own[] = {"ID", "HostComputeNetwork", "MacAddress", "Owner"};
  const sa_json *s = e->settings;
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "ID");
  jb_guid(&b, &e->id);
  sa_jb_key(&b, "HostComputeNetwork");
  jb_guid(&b, &e->network);
  sa_jb_key(&b, "MacAddress");
  sa_jb_json(&b, sa_json_get(s, "MacAddress"));
  if (sa_json_get(s, "Owner")) {
    sa_jb_key(&b, "Owner");
    sa_jb_json(&b, sa_json_get(s, "Owner"));
  }
  for (size_t i = 0; i < s->count; i++)
    if (!listed(s->keys[i], own, sizeof own / sizeof *own) && sa_json_get(s, s->keys[i]) == s->items[i]) {
      sa_jb_key(&b, s->keys[i]);
      sa_jb_json(&b, s->items[i]);
    }
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

/* HostComputeQuery "Filter": a JSON object whose members must all equal the object's properties
 * (strings compared case-insensitively, as HNS does for names and ids). */
static int filter_admits(const sa_json *filter, const sa_json *props) {
  for (size_t i = 0; filter && i < filter->count; i++) {
    const sa_json *want = filter->items[i], *have = sa_json_get(props, filter->keys[i]);
    if (want->type == SA_JSTR && have && have->type == SA_JSTR) {
      if (!sa_strieq(want->string, have->string)) return 0;
    } else if (!sa_json_equal(want, have)) return 0;
  }
  return 1;
}

static int32_t enumerate(const char *function, entity *const *list, char *(*props)(const entity *),
                         const char16_t *query, char16_t **out, char16_t **errorRecord) {
  if (out) *out = NULL;
  int32_t hr = begin(function, errorRecord);
  if (hr) return hr;
  if (!out) return end(SA_E_POINTER, errorRecord, "No output.");
  int bad;
  sa_json *q = parse_object(query, &bad), *filter = NULL;
  const char *filter_text = sa_json_string(sa_json_get(q, "Filter"));
  if (filter_text && *filter_text && (!(filter = sa_json_parse(filter_text)) || filter->type != SA_JOBJ)) bad = 1;
  if (bad) {
    sa_json_free(q);
    sa_json_free(filter);
    return end(HCN_E_INVALID_JSON, errorRecord, "The query is not valid JSON.");
  }
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_arr(&b);
  for (entity *e = *list; e; e = e->next) {
    char *text = filter ? props(e) : NULL;
    sa_json *p = text ? sa_json_parse(text) : NULL;
    if (!filter || (p && filter_admits(filter, p))) jb_guid(&b, &e->id);
    sa_json_free(p);
    free(text);
  }
  sa_jb_end_arr(&b);
  sa_json_free(q);
  sa_json_free(filter);
  return end(output(out, sa_jb_finish(&b)), errorRecord, NULL);
}

static int32_t query_properties(const char *function, void *h, int kind, const char16_t *q, char16_t **properties,
                     char16_t **errorRecord) {
  if (properties) *properties = NULL;
  int32_t hr = begin(function, errorRecord);
  if (hr) return hr;
  handle *hd = find_handle(h, kind);
  if (!hd) return end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  if (!properties) return end(SA_E_POINTER, errorRecord, "No output.");
  int bad;
  sa_json_free(parse_object(q, &bad));
  if (bad) return end(HCN_E_INVALID_JSON, errorRecord, "The query is not valid JSON.");
  entity *e = find(kind == NETWORK ? g_networks : g_endpoints, &hd->id);
  if (!e)
    return kind == NETWORK ? end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.")
                           : end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  return end(output(properties, kind == NETWORK ? network_properties(e) : endpoint_properties(e)), errorRecord, NULL);
}

/* ==== Networks ==================================================================================== */

static int32_t check_network(const sa_json *s, const char **why) {
  const sa_json *type = sa_json_get(s, "Type"), *flags = sa_json_get(s, "Flags"), *name = sa_json_get(s, "Name");
  if (type) {
    size_t i = 0;
    while (i < sizeof network_types / sizeof *network_types && !sa_strieq(sa_json_string(type), network_types[i])) i++;
    if (i == sizeof network_types / sizeof *network_types)
      return *why = "The network type is not valid.", HCN_E_INVALID_NETWORK_TYPE;
  }
  if ((flags && flags->type != SA_JNUM) || (name && name->type != SA_JSTR))
    return *why = "The network document is not valid.", HCN_E_INVALID_NETWORK;
  const char *n = sa_json_string(name);
  for (entity *e = g_networks; n && *n && e; e = e->next)
    if (sa_strieq(n, sa_json_string(sa_json_get(e->settings, "Name"))))
      return *why = "A network with this name already exists.", HCN_E_NETWORK_ALREADY_EXISTS;
  return 0;
}

SA_EXPORT int32_t SA_CALL HcnEnumerateNetworks(const char16_t *query, char16_t **networks, char16_t **errorRecord) {
  return enumerate("HcnEnumerateNetworks", &g_networks, network_properties, query, networks, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnCreateNetwork(const sa_guid *id, const char16_t *settings, void **network,
                                           char16_t **errorRecord) {
  if (network) *network = NULL;
  int32_t hr = begin("HcnCreateNetwork", errorRecord);
  if (hr) return hr;
  if (!id || !network) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  int bad;
  sa_json *s = parse_object(settings, &bad);
  if (!s) return end(HCN_E_INVALID_JSON, errorRecord, "The network settings are not valid JSON.");
  sa_guid gid = *id;
  if (sa_guid_is_zero(&gid)) sa_guid_random(&gid); /* a zero id lets HNS choose (hcsshim) */
  const char *why = NULL;
  if (find(g_networks, &gid)) hr = HCN_E_NETWORK_ALREADY_EXISTS, why = "A network with this id already exists.";
  else hr = check_network(s, &why);
  entity *n = hr ? NULL : calloc(1, sizeof *n);
  if (!hr && !n) hr = SA_E_OUTOFMEMORY;
  if (!hr && (hr = open_handle(NETWORK, &gid, network)) != 0) free(n);
  if (hr) {
    sa_json_free(s);
    return end(hr, errorRecord, why);
  }
  n->id = gid;
  n->settings = s;
  n->next = g_networks;
  g_networks = n;
  return end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnOpenNetwork(const sa_guid *id, void **network, char16_t **errorRecord) {
  if (network) *network = NULL;
  int32_t hr = begin("HcnOpenNetwork", errorRecord);
  if (hr) return hr;
  if (!id || !network) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  if (!find(g_networks, id)) return end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  return end(open_handle(NETWORK, id, network), errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnModifyNetwork(void *network, const char16_t *settings, char16_t **errorRecord) {
  (void)settings;
  int32_t hr = begin("HcnModifyNetwork", errorRecord);
  if (hr) return hr;
  if (!find_handle(network, NETWORK)) return end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  return end(SA_E_NOTIMPL, errorRecord, "The stand-in does not modify networks.");
}

SA_EXPORT int32_t SA_CALL HcnQueryNetworkProperties(void *network, const char16_t *query, char16_t **properties,
                                                    char16_t **errorRecord) {
  return query_properties("HcnQueryNetworkProperties", network, NETWORK, query, properties, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnDeleteNetwork(const sa_guid *id, char16_t **errorRecord) {
  int32_t hr = begin("HcnDeleteNetwork", errorRecord);
  if (hr) return hr;
  if (!id) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  entity *n = find(g_networks, id);
  if (!n) return end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  for (entity *e = g_endpoints; e; e = e->next)
    if (guid_eq(&e->network, id)) return end(HCN_E_ENTITY_HAS_REFERENCES, errorRecord, "The network has endpoints.");
  list_remove(&g_networks, n);
  entity_free(n);
  return end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnCloseNetwork(void *network) { return close_handle(network, NETWORK); }

/* ==== Endpoints =================================================================================== */

/* "00-15-5D-xx-xx-xx" (Hyper-V's OUI), derived from the endpoint id so it is stable. */
static sa_json *assigned_mac(const sa_guid *id) {
  char text[37], mac[18];
  sa_guid_format(id, text);
  uint32_t h = 2166136261u;
  for (const char *p = text; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
  snprintf(mac, sizeof mac, "00-15-5D-%02X-%02X-%02X", (unsigned)(h >> 16) & 0xFF, (unsigned)(h >> 8) & 0xFF,
           (unsigned)h & 0xFF);
  return sa_json_new_string(mac);
}

static int valid_mac(const char *s) {
  if (!s || strlen(s) != 17) return 0;
  for (int i = 0; i < 17; i++) {
    char c = s[i];
    int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (i % 3 == 2 ? c != '-' && c != ':' : !hex) return 0;
  }
  return 1;
}

SA_EXPORT int32_t SA_CALL HcnEnumerateEndpoints(const char16_t *query, char16_t **endpoints, char16_t **errorRecord) {
  return enumerate("HcnEnumerateEndpoints", &g_endpoints, endpoint_properties, query, endpoints, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnCreateEndpoint(void *network, const sa_guid *id, const char16_t *settings,
                                            void **endpoint, char16_t **errorRecord) {
  if (endpoint) *endpoint = NULL;
  int32_t hr = begin("HcnCreateEndpoint", errorRecord);
  if (hr) return hr;
  if (!id || !endpoint) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  handle *nh = find_handle(network, NETWORK);
  if (!nh) return end(SA_E_HANDLE, errorRecord, "The network handle is invalid.");
  if (!find(g_networks, &nh->id)) return end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  int bad;
  sa_json *s = parse_object(settings, &bad);
  if (!s) return end(HCN_E_INVALID_JSON, errorRecord, "The endpoint settings are not valid JSON.");
  sa_guid gid = *id, named;
  if (sa_guid_is_zero(&gid)) sa_guid_random(&gid);
  const sa_json *hcn = sa_json_get(s, "HostComputeNetwork"), *mac = sa_json_get(s, "MacAddress");
  const char *why = NULL;
  if (find(g_endpoints, &gid)) hr = HCN_E_ENDPOINT_ALREADY_EXISTS, why = "An endpoint with this id already exists.";
  else if (hcn && (!sa_guid_parse(sa_json_string(hcn), &named) || !guid_eq(&named, &nh->id)))
    hr = HCN_E_INVALID_ENDPOINT, why = "HostComputeNetwork does not name the network the endpoint is created in.";
  else if (mac && mac->type != SA_JNULL && !valid_mac(sa_json_string(mac)))
    hr = HCN_E_INVALID_ENDPOINT, why = "MacAddress is not valid.";
  else if (!mac || mac->type == SA_JNULL) hr = sa_json_set(s, "MacAddress", assigned_mac(&gid)) ? 0 : SA_E_OUTOFMEMORY;
  entity *e = hr ? NULL : calloc(1, sizeof *e);
  if (!hr && !e) hr = SA_E_OUTOFMEMORY;
  if (!hr && (hr = open_handle(ENDPOINT, &gid, endpoint)) != 0) free(e);
  if (hr) {
    sa_json_free(s);
    return end(hr, errorRecord, why);
  }
  e->id = gid;
  e->network = nh->id;
  e->settings = s;
  e->next = g_endpoints;
  g_endpoints = e;
  return end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnOpenEndpoint(const sa_guid *id, void **endpoint, char16_t **errorRecord) {
  if (endpoint) *endpoint = NULL;
  int32_t hr = begin("HcnOpenEndpoint", errorRecord);
  if (hr) return hr;
  if (!id || !endpoint) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  if (!find(g_endpoints, id)) return end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  return end(open_handle(ENDPOINT, id, endpoint), errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnModifyEndpoint(void *endpoint, const char16_t *settings, char16_t **errorRecord) {
  (void)settings;
  int32_t hr = begin("HcnModifyEndpoint", errorRecord);
  if (hr) return hr;
  if (!find_handle(endpoint, ENDPOINT)) return end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  return end(SA_E_NOTIMPL, errorRecord, "The stand-in does not modify endpoints.");
}

SA_EXPORT int32_t SA_CALL HcnQueryEndpointProperties(void *endpoint, const char16_t *query, char16_t **properties,
                                                     char16_t **errorRecord) {
  return query_properties("HcnQueryEndpointProperties", endpoint, ENDPOINT, query, properties, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnDeleteEndpoint(const sa_guid *id, char16_t **errorRecord) {
  int32_t hr = begin("HcnDeleteEndpoint", errorRecord);
  if (hr) return hr;
  if (!id) return end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  entity *e = find(g_endpoints, id);
  if (!e) return end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  list_remove(&g_endpoints, e);
  entity_free(e);
  return end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnCloseEndpoint(void *endpoint) { return close_handle(endpoint, ENDPOINT); }

/* ==== Frees (Linux only: Windows callers use ole32/kernel32) ====================================== */

#ifndef _WIN32
SA_EXPORT void CoTaskMemFree(void *mem) { sa_result_free(mem); }

SA_EXPORT void *LocalFree(void *mem) {
  sa_result_free(mem);
  return NULL;
}
#endif

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
      entity_free(e);
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
