/* The operation exports (HcsCreateOperation, results, waits, contexts, callbacks). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ==== Exports: operations ========================================================================= */

static op *op_new(const char *function, void *context, hcs_operation_completion completion) {
  op *o = hcs_api_enter(function) ? NULL : calloc(1, sizeof *o);
  if (o) {
    o->refs = 1;
    o->type = OT_NONE;
    o->id = g_next_op_id++;
    o->context = context;
    o->completion = completion;
    o->next = g_ops;
    g_ops = o;
  }
  hcs_leave();
  return o;
}

SA_EXPORT void *SA_CALL HcsCreateOperation(const void *context, hcs_operation_completion callback) {
  return op_new("HcsCreateOperation", (void *)context, callback);
}

SA_EXPORT void *SA_CALL HcsCreateOperationWithNotifications(uint32_t event_types, const void *context,
                                                            hcs_event_callback callback) {
  (void)event_types;
  (void)callback; /* progress notifications are never raised by the stand-in */
  return op_new("HcsCreateOperationWithNotifications", (void *)context, NULL);
}

SA_EXPORT void SA_CALL HcsCloseOperation(void *operation) {
  hcs_api_enter("HcsCloseOperation"); /* returns nothing to fail with: a deadlock is only counted */
  for (op **at = &g_ops; *at; at = &(*at)->next) {
    if (*at == operation) {
      op *o = *at;
      *at = o->next;
      o->closed = 1; /* a pending task keeps it alive and drops the result */
      pthread_cond_broadcast(&g_changed);
      hcs_op_unref(o);
      break;
    }
  }
  hcs_leave();
}

SA_EXPORT void *SA_CALL HcsGetOperationContext(void *operation) {
  op *o = hcs_api_enter("HcsGetOperationContext") ? NULL : hcs_find_op(operation);
  void *context = o ? o->context : NULL;
  hcs_leave();
  return context;
}

SA_EXPORT int32_t SA_CALL HcsSetOperationContext(void *operation, const void *context) {
  int32_t hr = hcs_api_enter("HcsSetOperationContext");
  op *o = hr ? NULL : hcs_find_op(operation);
  if (o) o->context = (void *)context;
  hcs_leave();
  return hr ? hr : o ? SA_S_OK : SA_E_HANDLE;
}

SA_EXPORT int32_t SA_CALL HcsSetOperationCallback(void *operation, const void *context,
                                                  hcs_operation_completion callback) {
  int32_t hr = hcs_api_enter("HcsSetOperationCallback");
  op *o = hr ? NULL : hcs_find_op(operation);
  if (!hr) hr = !o ? SA_E_HANDLE : o->status == OP_PENDING ? HCS_E_OPERATION_ALREADY_STARTED : SA_S_OK;
  if (!hr) {
    o->context = (void *)context;
    o->completion = callback;
  }
  hcs_leave();
  return hr;
}

SA_EXPORT void *SA_CALL HcsGetComputeSystemFromOperation(void *operation) {
  op *o = hcs_api_enter("HcsGetComputeSystemFromOperation") ? NULL : hcs_find_op(operation);
  void *h = o && o->status != OP_NOT_STARTED && o->h && !o->h->closed ? o->h : NULL;
  hcs_leave();
  return h;
}

SA_EXPORT void *SA_CALL HcsGetProcessFromOperation(void *operation) {
  (void)operation;
  return NULL; /* the stand-in runs no processes */
}

SA_EXPORT int32_t SA_CALL HcsGetOperationType(void *operation) {
  op *o = hcs_api_enter("HcsGetOperationType") ? NULL : hcs_find_op(operation);
  int32_t type = o ? o->type : OT_NONE;
  hcs_leave();
  return type;
}

SA_EXPORT uint64_t SA_CALL HcsGetOperationId(void *operation) {
  op *o = hcs_api_enter("HcsGetOperationId") ? NULL : hcs_find_op(operation);
  uint64_t id = o ? o->id : UINT64_MAX; /* HCS_INVALID_OPERATION_ID */
  hcs_leave();
  return id;
}

/* Shared by the Get/Wait result calls: waits up to timeout_ms (0 = poll) for the operation. */
static int32_t operation_result(const char *function, void *operation, uint32_t timeout_ms, int process_info,
                                char16_t **document) {
  if (document) *document = NULL;
  int32_t hr = hcs_api_enter(function);
  op *o = hr ? NULL : hcs_find_op(operation);
  if (!hr) hr = o ? hcs_take_fault(function, NULL) : SA_E_HANDLE;
  if (hr || o->status == OP_NOT_STARTED) {
    hcs_leave();
    return hr ? hr : HCS_E_OPERATION_NOT_STARTED;
  }
  o->refs++;
  uint64_t deadline = sa_now_ms() + timeout_ms;
  while (o->status == OP_PENDING && !o->closed && timeout_ms) {
    uint64_t now = sa_now_ms();
    if (timeout_ms == INFINITE_WAIT) pthread_cond_wait(&g_changed, &g_mu);
    else if (now >= deadline) break;
    else sa_cond_wait_ms(&g_changed, &g_mu, deadline - now);
  }
  if (o->closed) hr = SA_E_HANDLE;
  else if (o->status == OP_PENDING) hr = timeout_ms ? HCS_E_OPERATION_TIMEOUT : HCS_E_OPERATION_PENDING;
  else if (process_info && o->type != 10 && o->type != 12) hr = SA_E_INVALIDARG; /* not CreateProcess/GetProcessInfo */
  else {
    hr = o->result;
    if (document && o->doc && !(*document = sa_result_local(o->doc))) hr = HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
  }
  hcs_op_unref(o);
  hcs_leave();
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsGetOperationResult(void *operation, char16_t **resultDocument) {
  return operation_result("HcsGetOperationResult", operation, 0, 0, resultDocument);
}

SA_EXPORT int32_t SA_CALL HcsWaitForOperationResult(void *operation, uint32_t timeoutMs, char16_t **resultDocument) {
  /* A zero timeout polls, which must still report a pending operation as a timeout. */
  int32_t hr = operation_result("HcsWaitForOperationResult", operation, timeoutMs, 0, resultDocument);
  return timeoutMs == 0 && hr == HCS_E_OPERATION_PENDING ? HCS_E_OPERATION_TIMEOUT : hr;
}

SA_EXPORT int32_t SA_CALL HcsGetOperationResultAndProcessInfo(void *operation, void *processInformation,
                                                              char16_t **resultDocument) {
  (void)processInformation;
  return operation_result("HcsGetOperationResultAndProcessInfo", operation, 0, 1, resultDocument);
}

SA_EXPORT int32_t SA_CALL HcsWaitForOperationResultAndProcessInfo(void *operation, uint32_t timeoutMs,
                                                                  void *processInformation, char16_t **resultDocument) {
  (void)processInformation;
  int32_t hr = operation_result("HcsWaitForOperationResultAndProcessInfo", operation, timeoutMs, 1, resultDocument);
  return timeoutMs == 0 && hr == HCS_E_OPERATION_PENDING ? HCS_E_OPERATION_TIMEOUT : hr;
}

/* An export the stand-in does not implement still waits for the dispatch lock like every other. */
int32_t hcs_not_implemented(const char *function) {
  int32_t hr = hcs_api_enter(function);
  hcs_leave();
  return hr ? hr : SA_E_NOTIMPL;
}

SA_EXPORT int32_t SA_CALL HcsCancelOperation(void *operation) {
  (void)operation;
  return hcs_not_implemented("HcsCancelOperation"); /* documented: not implemented */
}

SA_EXPORT int32_t SA_CALL HcsAddResourceToOperation(void *operation, int32_t type, const char16_t *uri, void *h) {
  (void)operation, (void)type, (void)uri, (void)h;
  return hcs_not_implemented("HcsAddResourceToOperation");
}

SA_EXPORT int32_t SA_CALL HcsGetOperationProperties(void *operation, const char16_t *options, char16_t **result) {
  (void)operation, (void)options;
  if (result) *result = NULL;
  return hcs_not_implemented("HcsGetOperationProperties");
}
