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
/* This file: loading the libraries, the ffi measurement and the command loop; harness_script.c reads
 * a script, harness_replay.c replays it. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>

#include "harness.h"

/* computecore */
void *(*HcsCreateOperation)(const void *, operation_completion);
void (*HcsCloseOperation)(void *);
int32_t (*HcsWaitForOperationResult)(void *, uint32_t, char16_t **);
int32_t (*HcsOpenComputeSystem)(const char16_t *, uint32_t, void **);
void (*HcsCloseComputeSystem)(void *);
int32_t (*HcsCreateComputeSystem)(const char16_t *, const char16_t *, void *, const void *, void **);
int32_t (*HcsStartComputeSystem)(void *, void *, const char16_t *);
int32_t (*HcsTerminateComputeSystem)(void *, void *, const char16_t *);
int32_t (*HcsModifyComputeSystem)(void *, void *, const char16_t *, void *);
int32_t (*HcsSetComputeSystemCallback)(void *, uint32_t, const void *, event_callback);
int32_t (*HcsGrantVmAccess)(const char16_t *, const char16_t *);
int32_t (*HcsCreateEmptyGuestStateFile)(const char16_t *);
int32_t (*HcsCreateEmptyRuntimeStateFile)(const char16_t *);
void *(*HcsLocalFree)(void *);
void (*StandInHcsReset)(void);
/* computenetwork */
int32_t (*HcnCreateNetwork)(const guid *, const char16_t *, void **, char16_t **);
int32_t (*HcnOpenNetwork)(const guid *, void **, char16_t **);
int32_t (*HcnQueryNetworkProperties)(void *, const char16_t *, char16_t **, char16_t **);
int32_t (*HcnCloseNetwork)(void *);
int32_t (*HcnCreateEndpoint)(void *, const guid *, const char16_t *, void **, char16_t **);
int32_t (*HcnOpenEndpoint)(const guid *, void **, char16_t **);
int32_t (*HcnQueryEndpointProperties)(void *, const char16_t *, char16_t **, char16_t **);
int32_t (*HcnCloseEndpoint)(void *);
int32_t (*HcnDeleteEndpoint)(const guid *, char16_t **);
void (*HcnCoTaskMemFree)(void *);
void (*StandInHcnReset)(void);

_Noreturn void harness_die(const char *what, const char *detail) {
  fprintf(stderr, "native-harness: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(2);
}

static void *open_library(const char *path) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) harness_die("dlopen failed", dlerror());
  return lib;
}

static void *symbol(void *lib, const char *name) {
  void *p = dlsym(lib, name);
  if (!p) harness_die("missing export", name);
  return p;
}

/* Function pointers from dlsym: the object-to-function cast POSIX guarantees. */
#define BIND(lib, name) (*(void **)(&name) = symbol(lib, #name))
#define BIND_AS(lib, var, name) (*(void **)(&var) = symbol(lib, name))

uint64_t harness_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void no_op_completion(void *operation, void *context) {
  (void)operation, (void)context;
}

void harness_no_op_event(void *event, void *context) {
  (void)event, (void)context;
}

/* ==== ffi ========================================================================================= */

static double ffi_round(long pairs) {
  uint64_t start = harness_now_ns();
  for (long i = 0; i < pairs; i++) {
    void *op = HcsCreateOperation((void *)(uintptr_t)(i + 1), no_op_completion);
    if (!op) harness_die("HcsCreateOperation returned NULL", NULL);
    HcsCloseOperation(op);
  }
  return (double)(harness_now_ns() - start) / 2.0 / (double)pairs;
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
      if (pairs <= 0) harness_die("ffi needs a number of pairs", line);
      printf("sample_ns %.3f\n", ffi_round(pairs));
    } else if (strncmp(line, "script ", 7) == 0) {
      steps = harness_parse_script(line + 7, &count);
      if (count == 0) harness_die("the script is empty", line + 7);
      harness_clean_up(steps, count);
      printf("ok %d\n", count);
    } else if (strcmp(line, "start") == 0) {
      if (!steps) harness_die("start before script", NULL);
      printf("sample_ns %llu\n", (unsigned long long)harness_replay(steps, count));
    } else harness_die("unknown command", line);
  }
  free(line);
  return 0;
}
