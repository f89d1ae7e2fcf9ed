/* Private to the native bench's harness (harness*.c, see harness.c): the ABI types it calls the
 * stand-ins with, their entry points (bound with dlsym by harness.c), a recorded script's steps, and
 * the helpers the files call in one another. */
#ifndef HAKO_BENCH_NATIVE_HARNESS_H
#define HAKO_BENCH_NATIVE_HARNESS_H

#include <stdint.h>
#include <uchar.h>

typedef struct {
  uint32_t d1;
  uint16_t d2, d3;
  uint8_t d4[8];
} guid;

typedef void (*event_callback)(void *event, void *context);
typedef void (*operation_completion)(void *operation, void *context);

#define GENERIC_ALL 0x10000000u
#define INFINITE_WAIT 0xFFFFFFFFu
enum verb {
  V_HCS_OPEN, V_HCS_GRANT, V_HCS_GUEST_STATE, V_HCS_RUNTIME_STATE, V_HCS_CREATE, V_HCS_ON_EVENT, V_HCS_START,
  V_HCS_MODIFY, V_HCS_CLOSE, V_HCN_CREATE_NETWORK, V_HCN_OPEN_NETWORK, V_HCN_CREATE_ENDPOINT, V_HCN_OPEN_ENDPOINT,
  V_HCN_PROPERTIES, V_HCN_CLOSE, V_HCN_DELETE_ENDPOINT
};

#define MAX_FIELDS 4
#define MAX_SLOTS 64

typedef struct {
  enum verb verb;
  const char *name;
  int32_t expect;
  char *text[MAX_FIELDS];    /* UTF-8 fields */
  char16_t *wide[MAX_FIELDS]; /* UTF-16 copies; NULL for an empty field (NULL argument) */
  guid g;                    /* the GUID field of HCN steps */
  int slot, ref;             /* handle produced; handle used (HCN endpoint create: the network) */
} step;

enum { K_NONE, K_SYSTEM, K_NETWORK, K_ENDPOINT };


/* The stand-ins' entry points (harness.c binds them). */
/* computecore */
extern void *(*HcsCreateOperation)(const void *, operation_completion);
extern void (*HcsCloseOperation)(void *);
extern int32_t (*HcsWaitForOperationResult)(void *, uint32_t, char16_t **);
extern int32_t (*HcsOpenComputeSystem)(const char16_t *, uint32_t, void **);
extern void (*HcsCloseComputeSystem)(void *);
extern int32_t (*HcsCreateComputeSystem)(const char16_t *, const char16_t *, void *, const void *, void **);
extern int32_t (*HcsStartComputeSystem)(void *, void *, const char16_t *);
extern int32_t (*HcsTerminateComputeSystem)(void *, void *, const char16_t *);
extern int32_t (*HcsModifyComputeSystem)(void *, void *, const char16_t *, void *);
extern int32_t (*HcsSetComputeSystemCallback)(void *, uint32_t, const void *, event_callback);
extern int32_t (*HcsGrantVmAccess)(const char16_t *, const char16_t *);
extern int32_t (*HcsCreateEmptyGuestStateFile)(const char16_t *);
extern int32_t (*HcsCreateEmptyRuntimeStateFile)(const char16_t *);
extern void *(*HcsLocalFree)(void *);
extern void (*StandInHcsReset)(void);
/* computenetwork */
extern int32_t (*HcnCreateNetwork)(const guid *, const char16_t *, void **, char16_t **);
extern int32_t (*HcnOpenNetwork)(const guid *, void **, char16_t **);
extern int32_t (*HcnQueryNetworkProperties)(void *, const char16_t *, char16_t **, char16_t **);
extern int32_t (*HcnCloseNetwork)(void *);
extern int32_t (*HcnCreateEndpoint)(void *, const guid *, const char16_t *, void **, char16_t **);
extern int32_t (*HcnOpenEndpoint)(const guid *, void **, char16_t **);
extern int32_t (*HcnQueryEndpointProperties)(void *, const char16_t *, char16_t **, char16_t **);
extern int32_t (*HcnCloseEndpoint)(void *);
extern int32_t (*HcnDeleteEndpoint)(const guid *, char16_t **);
extern void (*HcnCoTaskMemFree)(void *);
extern void (*StandInHcnReset)(void);

/* ==== Helpers shared between the files =========================================================== */

/* harness.c */
_Noreturn void harness_die(const char *what, const char *detail);
uint64_t harness_now_ns(void);
void harness_no_op_event(void *event, void *context);

/* harness_script.c */
step *harness_parse_script(const char *path, int *count);

/* harness_replay.c */
void harness_clean_up(const step *steps, int count);
uint64_t harness_replay(const step *steps, int count);

#endif
