/*
 * The C side of bench/native.ts: the stand-ins' own time, with no koffi, libuv or JavaScript in the way.
 * Compiled by the bench with `cc -O2` into build/bench/native-harness (never committed).
 *
 *   native-harness <libcomputecore.so> <libcomputenetwork.so>
 *
 * loads both libraries once and then answers commands on stdin, one a line, so that the bench can
 * alternate its own runs with the harness's run by run (both then see the same machine load):
 *
 *   ffi <pairs>     HcsCreateOperation(context, callback) + HcsCloseOperation(op), `pairs` times (the
 *                   pair the binding issues synchronously for every asynchronous HCS call). Answers
 *                   `sample_ns <nanoseconds per call>` (a call is one of the two exports).
 *   script <path>   Loads a recorded start (format below). Answers `ok <steps>`.
 *   start           Replays the script once with the same arguments, waiting for each HCS operation with
 *                   HcsWaitForOperationResult, then (untimed) terminates + closes every compute system,
 *                   closes every HCN handle, calls StandInHcsReset and StandInHcnReset and deletes the
 *                   state files the run created. Answers `sample_ns <nanoseconds>`.
 *
 * Errors go to stderr with exit code 2 (bad input) or 3 (a replayed call did not give the recorded
 * result).
 *
 * Script: UTF-8 lines of tab-separated fields, `verb  expect  fields…`. `expect` is the HRESULT the call
 * gave in the recorded run (0 = success); a replay that differs (success vs failure, or another
 * failure code) stops the harness with exit code 3. A slot is the index of a handle a step produced
 * (-1 when the call failed). An empty JSON field means NULL.
 *
 *   hcs.open <expect> <slot> <id>                   HcsOpenComputeSystem
 *   hcs.grant <expect> <id> <path>                  HcsGrantVmAccess
 *   hcs.guestState <expect> <path>                  HcsCreateEmptyGuestStateFile
 *   hcs.runtimeState <expect> <path>                HcsCreateEmptyRuntimeStateFile
 *   hcs.create <expect> <slot> <id> <json>          operation + HcsCreateComputeSystem + wait
 *   hcs.onEvent <expect> <slot>                     HcsSetComputeSystemCallback (a no-op C callback)
 *   hcs.start <expect> <slot> <json>                operation + HcsStartComputeSystem + wait
 *   hcs.modify <expect> <slot> <json>               operation + HcsModifyComputeSystem + wait
 *   hcs.close <expect> <slot>                       HcsCloseComputeSystem
 *   hcn.createNetwork <expect> <slot> <guid> <json> HcnCreateNetwork
 *   hcn.openNetwork <expect> <slot> <guid>          HcnOpenNetwork
 *   hcn.createEndpoint <expect> <slot> <network slot> <guid> <json>   HcnCreateEndpoint
 *   hcn.openEndpoint <expect> <slot> <guid>         HcnOpenEndpoint
 *   hcn.properties <expect> <slot> <json>           HcnQuery{Network,Endpoint}Properties
 *   hcn.close <expect> <slot>                       HcnClose{Network,Endpoint}
 *   hcn.deleteEndpoint <expect> <guid>              HcnDeleteEndpoint
 *
 * Every result string is freed with the LocalFree / CoTaskMemFree of the library that returned it, as
 * the binding does.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>

typedef struct {
  uint32_t d1;
  uint16_t d2, d3;
  uint8_t d4[8];
} guid;

typedef void (*event_callback)(void *event, void *context);
typedef void (*operation_completion)(void *operation, void *context);

#define GENERIC_ALL 0x10000000u
#define INFINITE_WAIT 0xFFFFFFFFu

/* computecore */
static void *(*HcsCreateOperation)(const void *, operation_completion);
static void (*HcsCloseOperation)(void *);
static int32_t (*HcsWaitForOperationResult)(void *, uint32_t, char16_t **);
static int32_t (*HcsOpenComputeSystem)(const char16_t *, uint32_t, void **);
static void (*HcsCloseComputeSystem)(void *);
static int32_t (*HcsCreateComputeSystem)(const char16_t *, const char16_t *, void *, const void *, void **);
static int32_t (*HcsStartComputeSystem)(void *, void *, const char16_t *);
static int32_t (*HcsTerminateComputeSystem)(void *, void *, const char16_t *);
static int32_t (*HcsModifyComputeSystem)(void *, void *, const char16_t *, void *);
static int32_t (*HcsSetComputeSystemCallback)(void *, uint32_t, const void *, event_callback);
static int32_t (*HcsGrantVmAccess)(const char16_t *, const char16_t *);
static int32_t (*HcsCreateEmptyGuestStateFile)(const char16_t *);
static int32_t (*HcsCreateEmptyRuntimeStateFile)(const char16_t *);
static void *(*HcsLocalFree)(void *);
static void (*StandInHcsReset)(void);
/* computenetwork */
static int32_t (*HcnCreateNetwork)(const guid *, const char16_t *, void **, char16_t **);
static int32_t (*HcnOpenNetwork)(const guid *, void **, char16_t **);
static int32_t (*HcnQueryNetworkProperties)(void *, const char16_t *, char16_t **, char16_t **);
static int32_t (*HcnCloseNetwork)(void *);
static int32_t (*HcnCreateEndpoint)(void *, const guid *, const char16_t *, void **, char16_t **);
static int32_t (*HcnOpenEndpoint)(const guid *, void **, char16_t **);
static int32_t (*HcnQueryEndpointProperties)(void *, const char16_t *, char16_t **, char16_t **);
static int32_t (*HcnCloseEndpoint)(void *);
static int32_t (*HcnDeleteEndpoint)(const guid *, char16_t **);
static void (*HcnCoTaskMemFree)(void *);
static void (*StandInHcnReset)(void);

static void die(const char *what, const char *detail) {
  fprintf(stderr, "native-harness: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(2);
}

static void *open_library(const char *path) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) die("dlopen failed", dlerror());
  return lib;
}

static void *symbol(void *lib, const char *name) {
  void *p = dlsym(lib, name);
  if (!p) die("missing export", name);
  return p;
}

/* Function pointers from dlsym: the object-to-function cast POSIX guarantees. */
#define BIND(lib, name) (*(void **)(&name) = symbol(lib, #name))
#define BIND_AS(lib, var, name) (*(void **)(&var) = symbol(lib, name))

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void no_op_completion(void *operation, void *context) {
  (void)operation, (void)context;
}

static void no_op_event(void *event, void *context) {
  (void)event, (void)context;
}

/* ==== ffi ========================================================================================= */

static double ffi_round(long pairs) {
  uint64_t start = now_ns();
  for (long i = 0; i < pairs; i++) {
    void *op = HcsCreateOperation((void *)(uintptr_t)(i + 1), no_op_completion);
    if (!op) die("HcsCreateOperation returned NULL", NULL);
    HcsCloseOperation(op);
  }
  return (double)(now_ns() - start) / 2.0 / (double)pairs;
}

/* ==== start ======================================================================================= */

/* UTF-8 → NUL-terminated UTF-16 (malloc'd); exits on invalid input. */
static char16_t *to_u16(const char *s) {
  size_t n = strlen(s);
  char16_t *out = malloc((n + 1) * sizeof *out);
  if (!out) die("out of memory", NULL);
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    uint32_t c;
    int extra;
    if (*p < 0x80) c = *p, extra = 0;
    else if ((*p & 0xE0) == 0xC0) c = *p & 0x1F, extra = 1;
    else if ((*p & 0xF0) == 0xE0) c = *p & 0x0F, extra = 2;
    else if ((*p & 0xF8) == 0xF0) c = *p & 0x07, extra = 3;
    else die("invalid UTF-8 in the script", NULL);
    p++;
    for (int i = 0; i < extra; i++, p++) {
      if ((*p & 0xC0) != 0x80) die("invalid UTF-8 in the script", NULL);
      c = (c << 6) | (*p & 0x3F);
    }
    if (c >= 0x10000) {
      c -= 0x10000;
      out[o++] = (char16_t)(0xD800 + (c >> 10));
      out[o++] = (char16_t)(0xDC00 + (c & 0x3FF));
    } else out[o++] = (char16_t)c;
  }
  out[o] = 0;
  return out;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", optionally in braces → the GUID struct. */
static guid parse_guid(const char *text) {
  char digits[33];
  size_t n = 0;
  for (const char *p = text; *p; p++) {
    if (*p == '{' || *p == '}' || *p == '-') continue;
    if (hex_value(*p) < 0 || n == 32) die("not a GUID", text);
    digits[n++] = *p;
  }
  if (n != 32) die("not a GUID", text);
  uint8_t b[16];
  for (int i = 0; i < 16; i++) b[i] = (uint8_t)(hex_value(digits[2 * i]) << 4 | hex_value(digits[2 * i + 1]));
  guid g;
  g.d1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
  g.d2 = (uint16_t)(b[4] << 8 | b[5]);
  g.d3 = (uint16_t)(b[6] << 8 | b[7]);
  memcpy(g.d4, b + 8, 8);
  return g;
}

enum verb {
  V_HCS_OPEN, V_HCS_GRANT, V_HCS_GUEST_STATE, V_HCS_RUNTIME_STATE, V_HCS_CREATE, V_HCS_ON_EVENT, V_HCS_START,
  V_HCS_MODIFY, V_HCS_CLOSE, V_HCN_CREATE_NETWORK, V_HCN_OPEN_NETWORK, V_HCN_CREATE_ENDPOINT, V_HCN_OPEN_ENDPOINT,
  V_HCN_PROPERTIES, V_HCN_CLOSE, V_HCN_DELETE_ENDPOINT
};

static const struct {
  const char *name;
  enum verb verb;
  int fields; /* after verb and expect */
} verbs[] = {
  {"hcs.open", V_HCS_OPEN, 2},
  {"hcs.grant", V_HCS_GRANT, 2},
  {"hcs.guestState", V_HCS_GUEST_STATE, 1},
  {"hcs.runtimeState", V_HCS_RUNTIME_STATE, 1},
  {"hcs.create", V_HCS_CREATE, 3},
  {"hcs.onEvent", V_HCS_ON_EVENT, 1},
  {"hcs.start", V_HCS_START, 2},
  {"hcs.modify", V_HCS_MODIFY, 2},
  {"hcs.close", V_HCS_CLOSE, 1},
  {"hcn.createNetwork", V_HCN_CREATE_NETWORK, 3},
  {"hcn.openNetwork", V_HCN_OPEN_NETWORK, 2},
  {"hcn.createEndpoint", V_HCN_CREATE_ENDPOINT, 4},
  {"hcn.openEndpoint", V_HCN_OPEN_ENDPOINT, 2},
  {"hcn.properties", V_HCN_PROPERTIES, 2},
  {"hcn.close", V_HCN_CLOSE, 1},
  {"hcn.deleteEndpoint", V_HCN_DELETE_ENDPOINT, 1},
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
static struct {
  int kind;
  void *handle;
} slots[MAX_SLOTS];

static int parse_slot(const char *text) {
  int slot = atoi(text);
  if (slot < -1 || slot >= MAX_SLOTS) die("slot out of range", text);
  return slot;
}

/* Splits the script into steps; all conversions happen here, outside the timed part. */
static step *parse_script(const char *path, int *count) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open the script", path);
  step *steps = NULL;
  int n = 0, cap = 0;
  char *line = NULL;
  size_t size = 0;
  ssize_t got;
  while ((got = getline(&line, &size, f)) > 0) {
    if (line[got - 1] == '\n') line[--got] = 0;
    if (got == 0) continue;
    char *fields[2 + MAX_FIELDS + 1];
    int nf = 0;
    for (char *p = line;; ) {
      if (nf == 2 + MAX_FIELDS + 1) die("too many fields", line);
      fields[nf++] = p;
      char *tab = strchr(p, '\t');
      if (!tab) break;
      *tab = 0;
      p = tab + 1;
    }
    int known = -1;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
      if (strcmp(verbs[i].name, fields[0]) == 0) known = (int)i;
    if (known < 0) die("the script has a step the harness cannot replay", fields[0]);
    if (nf != 2 + verbs[known].fields) die("wrong number of fields", fields[0]);
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      steps = realloc(steps, (size_t)cap * sizeof *steps);
      if (!steps) die("out of memory", NULL);
    }
    step *s = &steps[n++];
    memset(s, 0, sizeof *s);
    s->verb = verbs[known].verb;
    s->name = verbs[known].name;
    s->expect = (int32_t)strtol(fields[1], NULL, 10);
    s->slot = s->ref = -1;
    for (int i = 0; i < verbs[known].fields; i++) {
      size_t len = strlen(fields[2 + i]);
      if (!(s->text[i] = malloc(len + 1))) die("out of memory", NULL);
      memcpy(s->text[i], fields[2 + i], len + 1);
      s->wide[i] = len ? to_u16(s->text[i]) : NULL;
    }
    switch (s->verb) {
      case V_HCS_OPEN: case V_HCS_CREATE: case V_HCS_ON_EVENT: case V_HCS_START: case V_HCS_MODIFY: case V_HCS_CLOSE:
      case V_HCN_PROPERTIES: case V_HCN_CLOSE:
        s->slot = parse_slot(s->text[0]);
        break;
      case V_HCN_CREATE_NETWORK: case V_HCN_OPEN_NETWORK: case V_HCN_OPEN_ENDPOINT:
        s->slot = parse_slot(s->text[0]);
        s->g = parse_guid(s->text[1]);
        break;
      case V_HCN_CREATE_ENDPOINT:
        s->slot = parse_slot(s->text[0]);
        s->ref = parse_slot(s->text[1]);
        s->g = parse_guid(s->text[2]);
        break;
      case V_HCN_DELETE_ENDPOINT:
        s->g = parse_guid(s->text[0]);
        break;
      default:
        break;
    }
  }
  free(line);
  fclose(f);
  *count = n;
  return steps;
}

/* Waits for an issued operation, frees its result and closes it; `hr` is what the call returned. */
static int32_t finish_operation(void *op, int32_t hr) {
  if (hr >= 0) {
    char16_t *result = NULL;
    hr = HcsWaitForOperationResult(op, INFINITE_WAIT, &result);
    if (result) HcsLocalFree(result);
  }
  HcsCloseOperation(op);
  return hr;
}

static void *new_operation(void) {
  void *op = HcsCreateOperation(NULL, NULL);
  if (!op) die("HcsCreateOperation returned NULL", NULL);
  return op;
}

/* One asynchronous HCS call of a step: operation, call, wait for the result, free it, close. */
static int32_t hcs_operation(const step *s, void *system, void **created) {
  void *op = new_operation();
  int32_t hr;
  switch (s->verb) {
    case V_HCS_CREATE: hr = HcsCreateComputeSystem(s->wide[1], s->wide[2], op, NULL, created); break;
    case V_HCS_START: hr = HcsStartComputeSystem(system, op, s->wide[1]); break;
    case V_HCS_MODIFY: hr = HcsModifyComputeSystem(system, op, s->wide[1], NULL); break;
    default: die("not an asynchronous step", s->name); return 0;
  }
  return finish_operation(op, hr);
}

static void terminate(void *system) {
  void *op = new_operation();
  finish_operation(op, HcsTerminateComputeSystem(system, op, NULL));
}

static void hcn_free(char16_t *text) {
  if (text) HcnCoTaskMemFree(text);
}

static void *slot_handle(const step *s, int slot, int kind) {
  if (slot < 0 || slots[slot].kind != kind) die("a step uses a handle the replay does not have", s->name);
  return slots[slot].handle;
}

static void set_slot(const step *s, int32_t hr, void *handle, int kind) {
  if (s->slot < 0) return;
  if (hr < 0 || !handle) die("a step that produced a handle in the recording produced none", s->name);
  slots[s->slot].kind = kind;
  slots[s->slot].handle = handle;
}

static int32_t run_step(const step *s) {
  int32_t hr = 0;
  void *handle = NULL;
  char16_t *error = NULL, *text = NULL;
  switch (s->verb) {
    case V_HCS_OPEN:
      hr = HcsOpenComputeSystem(s->wide[1], GENERIC_ALL, &handle);
      if (hr < 0 && handle) HcsCloseComputeSystem(handle);
      set_slot(s, hr, handle, K_SYSTEM);
      break;
    case V_HCS_GRANT: hr = HcsGrantVmAccess(s->wide[0], s->wide[1]); break;
    case V_HCS_GUEST_STATE: hr = HcsCreateEmptyGuestStateFile(s->wide[0]); break;
    case V_HCS_RUNTIME_STATE: hr = HcsCreateEmptyRuntimeStateFile(s->wide[0]); break;
    case V_HCS_CREATE:
      hr = hcs_operation(s, NULL, &handle);
      if (hr < 0 && handle) {
        HcsCloseComputeSystem(handle);
        handle = NULL;
      }
      set_slot(s, hr, handle, K_SYSTEM);
      break;
    case V_HCS_ON_EVENT:
      hr = HcsSetComputeSystemCallback(slot_handle(s, s->slot, K_SYSTEM), 0, (void *)(uintptr_t)1, no_op_event);
      break;
    case V_HCS_START:
    case V_HCS_MODIFY: hr = hcs_operation(s, slot_handle(s, s->slot, K_SYSTEM), NULL); break;
    case V_HCS_CLOSE:
      HcsCloseComputeSystem(slot_handle(s, s->slot, K_SYSTEM));
      slots[s->slot].kind = K_NONE;
      break;
    case V_HCN_CREATE_NETWORK:
      hr = HcnCreateNetwork(&s->g, s->wide[2], &handle, &error);
      set_slot(s, hr, handle, K_NETWORK);
      break;
    case V_HCN_OPEN_NETWORK:
      hr = HcnOpenNetwork(&s->g, &handle, &error);
      set_slot(s, hr, handle, K_NETWORK);
      break;
    case V_HCN_CREATE_ENDPOINT:
      hr = HcnCreateEndpoint(slot_handle(s, s->ref, K_NETWORK), &s->g, s->wide[3], &handle, &error);
      set_slot(s, hr, handle, K_ENDPOINT);
      break;
    case V_HCN_OPEN_ENDPOINT:
      hr = HcnOpenEndpoint(&s->g, &handle, &error);
      set_slot(s, hr, handle, K_ENDPOINT);
      break;
    case V_HCN_PROPERTIES:
      if (s->slot < 0) die("hcn.properties without a handle", NULL);
      if (slots[s->slot].kind == K_NETWORK) hr = HcnQueryNetworkProperties(slots[s->slot].handle, s->wide[1], &text, &error);
      else hr = HcnQueryEndpointProperties(slot_handle(s, s->slot, K_ENDPOINT), s->wide[1], &text, &error);
      break;
    case V_HCN_CLOSE:
      if (s->slot < 0) die("hcn.close without a handle", NULL);
      if (slots[s->slot].kind == K_NETWORK) hr = HcnCloseNetwork(slots[s->slot].handle);
      else hr = HcnCloseEndpoint(slot_handle(s, s->slot, K_ENDPOINT));
      slots[s->slot].kind = K_NONE;
      break;
    case V_HCN_DELETE_ENDPOINT: hr = HcnDeleteEndpoint(&s->g, &error); break;
  }
  hcn_free(text);
  hcn_free(error);
  return hr;
}

/* Untimed: leaves both stand-ins as a fresh process would find them. */
static void clean_up(const step *steps, int count) {
  for (int i = 0; i < MAX_SLOTS; i++) {
    if (slots[i].kind == K_SYSTEM) {
      terminate(slots[i].handle);
      HcsCloseComputeSystem(slots[i].handle);
    } else if (slots[i].kind == K_NETWORK) HcnCloseNetwork(slots[i].handle);
    else if (slots[i].kind == K_ENDPOINT) HcnCloseEndpoint(slots[i].handle);
    slots[i].kind = K_NONE;
  }
  StandInHcsReset();
  StandInHcnReset();
  for (int i = 0; i < count; i++)
    if (steps[i].verb == V_HCS_GUEST_STATE || steps[i].verb == V_HCS_RUNTIME_STATE) unlink(steps[i].text[0]);
}

static void bind_all(const char *computecore, const char *computenetwork) {
  void *cc = open_library(computecore);
  BIND(cc, HcsCreateOperation);
  BIND(cc, HcsCloseOperation);
  BIND(cc, HcsWaitForOperationResult);
  BIND(cc, HcsOpenComputeSystem);
  BIND(cc, HcsCloseComputeSystem);
  BIND(cc, HcsCreateComputeSystem);
  BIND(cc, HcsStartComputeSystem);
  BIND(cc, HcsTerminateComputeSystem);
  BIND(cc, HcsModifyComputeSystem);
  BIND(cc, HcsSetComputeSystemCallback);
  BIND(cc, HcsGrantVmAccess);
  BIND(cc, HcsCreateEmptyGuestStateFile);
  BIND(cc, HcsCreateEmptyRuntimeStateFile);
  BIND_AS(cc, HcsLocalFree, "LocalFree");
  BIND(cc, StandInHcsReset);
  void *cn = open_library(computenetwork);
  BIND(cn, HcnCreateNetwork);
  BIND(cn, HcnOpenNetwork);
  BIND(cn, HcnQueryNetworkProperties);
  BIND(cn, HcnCloseNetwork);
  BIND(cn, HcnCreateEndpoint);
  BIND(cn, HcnOpenEndpoint);
  BIND(cn, HcnQueryEndpointProperties);
  BIND(cn, HcnCloseEndpoint);
  BIND(cn, HcnDeleteEndpoint);
  BIND_AS(cn, HcnCoTaskMemFree, "CoTaskMemFree");
  BIND(cn, StandInHcnReset);
}

static uint64_t replay(const step *steps, int count) {
  uint64_t start = now_ns();
  for (int i = 0; i < count; i++) {
    int32_t hr = run_step(&steps[i]);
    int same = steps[i].expect == 0 ? hr >= 0 : hr == steps[i].expect;
    if (!same) {
      fprintf(stderr, "native-harness: step %d (%s) returned 0x%08x, the recorded run 0x%08x\n", i + 1, steps[i].name,
              (unsigned)hr, (unsigned)steps[i].expect);
      exit(3);
    }
  }
  uint64_t elapsed = now_ns() - start;
  clean_up(steps, count);
  return elapsed;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: native-harness <libcomputecore> <libcomputenetwork>   (commands on stdin)\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  bind_all(argv[1], argv[2]);
  step *steps = NULL;
  int count = 0;
  char *line = NULL;
  size_t size = 0;
  ssize_t got;
  while ((got = getline(&line, &size, stdin)) > 0) {
    if (line[got - 1] == '\n') line[--got] = 0;
    if (strncmp(line, "ffi ", 4) == 0) {
      long pairs = atol(line + 4);
      if (pairs <= 0) die("ffi needs a number of pairs", line);
      printf("sample_ns %.3f\n", ffi_round(pairs));
    } else if (strncmp(line, "script ", 7) == 0) {
      steps = parse_script(line + 7, &count);
      if (count == 0) die("the script is empty", line + 7);
      clean_up(steps, count);
      printf("ok %d\n", count);
    } else if (strcmp(line, "start") == 0) {
      if (!steps) die("start before script", NULL);
      printf("sample_ns %llu\n", (unsigned long long)replay(steps, count));
    } else die("unknown command", line);
  }
  free(line);
  return 0;
}
