/* The properties documents of networks and endpoints, enumeration with its Filter, and property queries. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "computenetwork_internal.h"

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

char *hcn_network_properties(const entity *n) {
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

char *hcn_endpoint_properties(const entity *e) {
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

int32_t hcn_enumerate(const char *function, entity *const *list, char *(*props)(const entity *),
                         const char16_t *query, char16_t **out, char16_t **errorRecord) {
  if (out) *out = NULL;
  int32_t hr = hcn_begin(function, errorRecord);
  if (hr) return hr;
  if (!out) return hcn_end(SA_E_POINTER, errorRecord, "No output.");
  int bad;
  sa_json *q = hcn_parse_object(query, &bad), *filter = NULL;
  const char *filter_text = sa_json_string(sa_json_get(q, "Filter"));
  if (filter_text && *filter_text && (!(filter = sa_json_parse(filter_text)) || filter->type != SA_JOBJ)) bad = 1;
  if (bad) {
    sa_json_free(q);
    sa_json_free(filter);
    return hcn_end(HCN_E_INVALID_JSON, errorRecord, "The query is not valid JSON.");
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
  return hcn_end(hcn_output(out, sa_jb_finish(&b)), errorRecord, NULL);
}

int32_t hcn_query_properties(const char *function, void *h, int kind, const char16_t *q, char16_t **properties,
                     char16_t **errorRecord) {
  if (properties) *properties = NULL;
  int32_t hr = hcn_begin(function, errorRecord);
  if (hr) return hr;
  handle *hd = hcn_find_handle(h, kind);
  if (!hd) return hcn_end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  if (!properties) return hcn_end(SA_E_POINTER, errorRecord, "No output.");
  int bad;
  sa_json_free(hcn_parse_object(q, &bad));
  if (bad) return hcn_end(HCN_E_INVALID_JSON, errorRecord, "The query is not valid JSON.");
  entity *e = hcn_find(kind == NETWORK ? g_networks : g_endpoints, &hd->id);
  if (!e)
    return kind == NETWORK ? hcn_end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.")
                           : hcn_end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  return hcn_end(hcn_output(properties, kind == NETWORK ? hcn_network_properties(e) : hcn_endpoint_properties(e)), errorRecord, NULL);
}
