/* The harness's replay of a script: each step's call with the recorded arguments, its result checked
 * against the recorded one, and the untimed clean-up after a run. */
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

static struct {
  int kind;
  void *handle;
} slots[MAX_SLOTS];

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
  if (!op) harness_die("HcsCreateOperation returned NULL", NULL);
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
    default: harness_die("not an asynchronous step", s->name); return 0;
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
  if (slot < 0 || slots[slot].kind != kind) harness_die("a step uses a handle the replay does not have", s->name);
  return slots[slot].handle;
}

static void set_slot(const step *s, int32_t hr, void *handle, int kind) {
  if (s->slot < 0) return;
  if (hr < 0 || !handle) harness_die("a step that produced a handle in the recording produced none", s->name);
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
      hr = HcsSetComputeSystemCallback(slot_handle(s, s->slot, K_SYSTEM), 0, (void *)(uintptr_t)1, harness_no_op_event);
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
      if (s->slot < 0) harness_die("hcn.properties without a handle", NULL);
      if (slots[s->slot].kind == K_NETWORK) hr = HcnQueryNetworkProperties(slots[s->slot].handle, s->wide[1], &text, &error);
      else hr = HcnQueryEndpointProperties(slot_handle(s, s->slot, K_ENDPOINT), s->wide[1], &text, &error);
      break;
    case V_HCN_CLOSE:
      if (s->slot < 0) harness_die("hcn.close without a handle", NULL);
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
void harness_clean_up(const step *steps, int count) {
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

uint64_t harness_replay(const step *steps, int count) {
  uint64_t start = harness_now_ns();
  for (int i = 0; i < count; i++) {
    int32_t hr = run_step(&steps[i]);
    int same = steps[i].expect == 0 ? hr >= 0 : hr == steps[i].expect;
    if (!same) {
      fprintf(stderr, "native-harness: step %d (%s) returned 0x%08x, the recorded run 0x%08x\n", i + 1, steps[i].name,
              (unsigned)hr, (unsigned)steps[i].expect);
      exit(3);
    }
  }
  uint64_t elapsed = harness_now_ns() - start;
  harness_clean_up(steps, count);
  return elapsed;
}
