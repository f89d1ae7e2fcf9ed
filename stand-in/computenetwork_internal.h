/*
 * Private to computenetwork's own files (computenetwork*.c): its HRESULTs, networks, endpoints and
 * handles, the state they share under g_mu, and the helpers the files call in one another. Nothing here
 * is exported from the library (see SA_EXPORT in common.h).
 */
#ifndef HAKO_STAND_IN_COMPUTENETWORK_INTERNAL_H
#define HAKO_STAND_IN_COMPUTENETWORK_INTERNAL_H

#include <pthread.h>

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


/* ==== Shared state (computenetwork_state.c; everything under g_mu) ================================ */

extern pthread_mutex_t g_mu;
extern entity *g_networks, *g_endpoints;
extern handle *g_handles;
extern sa_named *g_faults, *g_latencies;

/* ==== Helpers shared between the files =========================================================== */

/* computenetwork_state.c */
int hcn_guid_eq(const sa_guid *a, const sa_guid *b);
entity *hcn_find(entity *list, const sa_guid *id);
handle *hcn_find_handle(void *p, int kind);
void hcn_entity_free(entity *e);
void hcn_list_remove(entity **list, entity *e);
int32_t hcn_begin(const char *function, char16_t **errorRecord);
int32_t hcn_end(int32_t hr, char16_t **errorRecord, const char *message);
sa_json *hcn_parse_object(const char16_t *text, int *bad);
int32_t hcn_output(char16_t **out, char *text);
int32_t hcn_open_handle(int kind, const sa_guid *id, void **out);
int32_t hcn_close_handle(void *p, int kind);

/* computenetwork_properties.c */
char *hcn_network_properties(const entity *n);
char *hcn_endpoint_properties(const entity *e);
int32_t hcn_enumerate(const char *function, entity *const *list, char *(*props)(const entity *),
                         const char16_t *query, char16_t **out, char16_t **errorRecord);
int32_t hcn_query_properties(const char *function, void *h, int kind, const char16_t *q, char16_t **properties,
                     char16_t **errorRecord);

#endif
