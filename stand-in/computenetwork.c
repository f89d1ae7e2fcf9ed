/*
 * Stand-in for computenetwork.dll (Host Compute Network API, learn.microsoft.com/virtualization/api/hcn): networks and endpoints
 * in memory, keyed by GUID. Every call is synchronous. Failures return an HRESULT and an error record
 * {"Success":false,"Error":"...","ErrorCode":<uint>}; result strings are freed with CoTaskMemFree.
 */
/* This file: the network and endpoint exports, and the Linux frees. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "computenetwork_internal.h"

static const char *const network_types[] = {"NAT", "ICS", "Transparent", "L2Bridge", "L2Tunnel", "Overlay",
                                            "Private", "Internal", "Mirrored", "Infiniband", "ConstrainedICS"};

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
  return hcn_enumerate("HcnEnumerateNetworks", &g_networks, hcn_network_properties, query, networks, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnCreateNetwork(const sa_guid *id, const char16_t *settings, void **network,
                                           char16_t **errorRecord) {
  if (network) *network = NULL;
  int32_t hr = hcn_begin("HcnCreateNetwork", errorRecord);
  if (hr) return hr;
  if (!id || !network) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  int bad;
  sa_json *s = hcn_parse_object(settings, &bad);
  if (!s) return hcn_end(HCN_E_INVALID_JSON, errorRecord, "The network settings are not valid JSON.");
  sa_guid gid = *id;
  if (sa_guid_is_zero(&gid)) sa_guid_random(&gid); /* a zero id lets HNS choose (hcsshim) */
  const char *why = NULL;
  if (hcn_find(g_networks, &gid)) hr = HCN_E_NETWORK_ALREADY_EXISTS, why = "A network with this id already exists.";
  else hr = check_network(s, &why);
  entity *n = hr ? NULL : calloc(1, sizeof *n);
  if (!hr && !n) hr = SA_E_OUTOFMEMORY;
  if (!hr && (hr = hcn_open_handle(NETWORK, &gid, network)) != 0) free(n);
  if (hr) {
    sa_json_free(s);
    return hcn_end(hr, errorRecord, why);
  }
  n->id = gid;
  n->settings = s;
  n->next = g_networks;
  g_networks = n;
  return hcn_end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnOpenNetwork(const sa_guid *id, void **network, char16_t **errorRecord) {
  if (network) *network = NULL;
  int32_t hr = hcn_begin("HcnOpenNetwork", errorRecord);
  if (hr) return hr;
  if (!id || !network) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  if (!hcn_find(g_networks, id)) return hcn_end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  return hcn_end(hcn_open_handle(NETWORK, id, network), errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnModifyNetwork(void *network, const char16_t *settings, char16_t **errorRecord) {
  (void)settings;
  int32_t hr = hcn_begin("HcnModifyNetwork", errorRecord);
  if (hr) return hr;
  if (!hcn_find_handle(network, NETWORK)) return hcn_end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  return hcn_end(SA_E_NOTIMPL, errorRecord, "The stand-in does not modify networks.");
}

SA_EXPORT int32_t SA_CALL HcnQueryNetworkProperties(void *network, const char16_t *query, char16_t **properties,
                                                    char16_t **errorRecord) {
  return hcn_query_properties("HcnQueryNetworkProperties", network, NETWORK, query, properties, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnDeleteNetwork(const sa_guid *id, char16_t **errorRecord) {
  int32_t hr = hcn_begin("HcnDeleteNetwork", errorRecord);
  if (hr) return hr;
  if (!id) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  entity *n = hcn_find(g_networks, id);
  if (!n) return hcn_end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  for (entity *e = g_endpoints; e; e = e->next)
    if (hcn_guid_eq(&e->network, id)) return hcn_end(HCN_E_ENTITY_HAS_REFERENCES, errorRecord, "The network has endpoints.");
  hcn_list_remove(&g_networks, n);
  hcn_entity_free(n);
  return hcn_end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnCloseNetwork(void *network) { return hcn_close_handle(network, NETWORK); }

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
  return hcn_enumerate("HcnEnumerateEndpoints", &g_endpoints, hcn_endpoint_properties, query, endpoints, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnCreateEndpoint(void *network, const sa_guid *id, const char16_t *settings,
                                            void **endpoint, char16_t **errorRecord) {
  if (endpoint) *endpoint = NULL;
  int32_t hr = hcn_begin("HcnCreateEndpoint", errorRecord);
  if (hr) return hr;
  if (!id || !endpoint) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  handle *nh = hcn_find_handle(network, NETWORK);
  if (!nh) return hcn_end(SA_E_HANDLE, errorRecord, "The network handle is invalid.");
  if (!hcn_find(g_networks, &nh->id)) return hcn_end(HCN_E_NETWORK_NOT_FOUND, errorRecord, "The network was not found.");
  int bad;
  sa_json *s = hcn_parse_object(settings, &bad);
  if (!s) return hcn_end(HCN_E_INVALID_JSON, errorRecord, "The endpoint settings are not valid JSON.");
  sa_guid gid = *id, named;
  if (sa_guid_is_zero(&gid)) sa_guid_random(&gid);
  const sa_json *hcn = sa_json_get(s, "HostComputeNetwork"), *mac = sa_json_get(s, "MacAddress");
  const char *why = NULL;
  if (hcn_find(g_endpoints, &gid)) hr = HCN_E_ENDPOINT_ALREADY_EXISTS, why = "An endpoint with this id already exists.";
  else if (hcn && (!sa_guid_parse(sa_json_string(hcn), &named) || !hcn_guid_eq(&named, &nh->id)))
    hr = HCN_E_INVALID_ENDPOINT, why = "HostComputeNetwork does not name the network the endpoint is created in.";
  else if (mac && mac->type != SA_JNULL && !valid_mac(sa_json_string(mac)))
    hr = HCN_E_INVALID_ENDPOINT, why = "MacAddress is not valid.";
  else if (!mac || mac->type == SA_JNULL) hr = sa_json_set(s, "MacAddress", assigned_mac(&gid)) ? 0 : SA_E_OUTOFMEMORY;
  entity *e = hr ? NULL : calloc(1, sizeof *e);
  if (!hr && !e) hr = SA_E_OUTOFMEMORY;
  if (!hr && (hr = hcn_open_handle(ENDPOINT, &gid, endpoint)) != 0) free(e);
  if (hr) {
    sa_json_free(s);
    return hcn_end(hr, errorRecord, why);
  }
  e->id = gid;
  e->network = nh->id;
  e->settings = s;
  e->next = g_endpoints;
  g_endpoints = e;
  return hcn_end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnOpenEndpoint(const sa_guid *id, void **endpoint, char16_t **errorRecord) {
  if (endpoint) *endpoint = NULL;
  int32_t hr = hcn_begin("HcnOpenEndpoint", errorRecord);
  if (hr) return hr;
  if (!id || !endpoint) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  if (!hcn_find(g_endpoints, id)) return hcn_end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  return hcn_end(hcn_open_handle(ENDPOINT, id, endpoint), errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnModifyEndpoint(void *endpoint, const char16_t *settings, char16_t **errorRecord) {
  (void)settings;
  int32_t hr = hcn_begin("HcnModifyEndpoint", errorRecord);
  if (hr) return hr;
  if (!hcn_find_handle(endpoint, ENDPOINT)) return hcn_end(SA_E_HANDLE, errorRecord, "The handle is invalid.");
  return hcn_end(SA_E_NOTIMPL, errorRecord, "The stand-in does not modify endpoints.");
}

SA_EXPORT int32_t SA_CALL HcnQueryEndpointProperties(void *endpoint, const char16_t *query, char16_t **properties,
                                                     char16_t **errorRecord) {
  return hcn_query_properties("HcnQueryEndpointProperties", endpoint, ENDPOINT, query, properties, errorRecord);
}

SA_EXPORT int32_t SA_CALL HcnDeleteEndpoint(const sa_guid *id, char16_t **errorRecord) {
  int32_t hr = hcn_begin("HcnDeleteEndpoint", errorRecord);
  if (hr) return hr;
  if (!id) return hcn_end(SA_E_POINTER, errorRecord, "A required pointer is NULL.");
  entity *e = hcn_find(g_endpoints, id);
  if (!e) return hcn_end(HCN_E_ENDPOINT_NOT_FOUND, errorRecord, "The endpoint was not found.");
  hcn_list_remove(&g_endpoints, e);
  hcn_entity_free(e);
  return hcn_end(SA_S_OK, errorRecord, NULL);
}

SA_EXPORT int32_t SA_CALL HcnCloseEndpoint(void *endpoint) { return hcn_close_handle(endpoint, ENDPOINT); }

/* ==== Frees (Linux only: Windows callers use ole32/kernel32) ====================================== */

#ifndef _WIN32
SA_EXPORT void CoTaskMemFree(void *mem) { sa_result_free(mem); }

SA_EXPORT void *LocalFree(void *mem) {
  sa_result_free(mem);
  return NULL;
}
#endif
