/* Service and file exports, the exports answered with E_NOTIMPL (processes, live migration), and
 * the Linux frees. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ==== Exports: service, files ===================================================================== */

SA_EXPORT int32_t SA_CALL HcsGetServiceProperties(const char16_t *propertyQuery, char16_t **result) {
  if (!result) return SA_E_POINTER;
  *result = NULL;
  int32_t hr = hcs_api_enter("HcsGetServiceProperties");
  if (!hr) hr = hcs_take_fault("HcsGetServiceProperties", NULL);
  hcs_leave();
  char *doc = NULL;
  const char *why = NULL;
  if (!hr) {
    char *text = propertyQuery ? sa_u16_to_utf8(propertyQuery) : NULL;
    sa_json *query = text && *text ? sa_json_parse(text) : NULL;
    if ((propertyQuery && !text) || (text && *text && !query)) hr = HCS_E_INVALID_DATA;
    else hr = hcs_service_properties(query, hcs_build(), &doc, &why);
    sa_json_free(query);
    free(text);
  }
  if (hr) doc = hcs_result_error(hr, why); /* failures carry a ResultError, like the operation results */
  if (doc && !(*result = sa_result_local(doc)) && !hr) hr = SA_E_OUTOFMEMORY;
  free(doc);
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsModifyServiceSettings(const char16_t *settings, char16_t **result) {
  (void)settings;
  if (result) *result = NULL;
  return hcs_not_implemented("HcsModifyServiceSettings");
}

SA_EXPORT int32_t SA_CALL HcsSubmitWerReport(const char16_t *settings) {
  (void)settings;
  return hcs_not_implemented("HcsSubmitWerReport");
}

/* Paths are opaque host paths; the stand-in only checks that they exist. */
static int32_t existing_file(const char *function, const char16_t *path) {
  if (!path || !*path) return SA_E_INVALIDARG;
  int32_t hr = hcs_api_enter(function);
  if (!hr) hr = hcs_take_fault(function, NULL);
  hcs_leave();
  return hr ? hr : sa_hr_from_win32(sa_file_stat(path, NULL, NULL, NULL));
}

static int32_t grant(const char *function, const char16_t *vmId, const char16_t *filePath, int add) {
  char *id = sa_u16_to_utf8(vmId), *path = sa_u16_to_utf8(filePath);
  int32_t hr = !id || !*id || !path ? SA_E_INVALIDARG : existing_file(function, filePath);
  char *key = hr ? NULL : malloc(strlen(id) + strlen(path) + 2);
  if (key) {
    sprintf(key, "%s|%s", id, path);
    hcs_enter();
    while (sa_named_take(&g_grants, key, NULL, NULL)) {
    }
    if (add && !sa_named_push(&g_grants, key, 1, 0)) hr = SA_E_OUTOFMEMORY;
    hcs_leave();
  } else if (!hr) hr = SA_E_OUTOFMEMORY;
  free(key);
  free(id);
  free(path);
  return hr;
}

SA_EXPORT int32_t SA_CALL HcsGrantVmAccess(const char16_t *vmId, const char16_t *filePath) {
  return grant("HcsGrantVmAccess", vmId, filePath, 1);
}

SA_EXPORT int32_t SA_CALL HcsRevokeVmAccess(const char16_t *vmId, const char16_t *filePath) {
  return grant("HcsRevokeVmAccess", vmId, filePath, 0);
}

SA_EXPORT int32_t SA_CALL HcsGrantVmGroupAccess(const char16_t *filePath) {
  return existing_file("HcsGrantVmGroupAccess", filePath);
}

SA_EXPORT int32_t SA_CALL HcsRevokeVmGroupAccess(const char16_t *filePath) {
  return existing_file("HcsRevokeVmGroupAccess", filePath);
}

/* State files must not exist yet and may not sit at the root of a drive (MouriDocs MD4; NanaBox's ReadMe). */
static int32_t create_state_file(const char *function, const char16_t *path, const char *content) {
  if (!path || !*path) return SA_E_INVALIDARG;
  int32_t hr = hcs_api_enter(function);
  if (!hr) hr = hcs_take_fault(function, NULL);
  hcs_leave();
  if (hr) return hr;
  if (sa_path_parent_is_root(path)) return HCS_E_ACCESS_DENIED_WIN32;
  return sa_hr_from_win32(sa_file_write(path, content, strlen(content), 1));
}

SA_EXPORT int32_t SA_CALL HcsCreateEmptyGuestStateFile(const char16_t *guestStateFilePath) {
  return create_state_file("HcsCreateEmptyGuestStateFile", guestStateFilePath, "Hako stand-in guest state\n");
}

SA_EXPORT int32_t SA_CALL HcsCreateEmptyRuntimeStateFile(const char16_t *runtimeStateFilePath) {
  return create_state_file("HcsCreateEmptyRuntimeStateFile", runtimeStateFilePath, "Hako stand-in runtime state\n");
}

SA_EXPORT int32_t SA_CALL HcsGetProcessorCompatibilityFromSavedState(const char16_t *runtimeFileName,
                                                                     const char16_t **processorFeaturesString) {
  (void)runtimeFileName;
  if (processorFeaturesString) *processorFeaturesString = NULL;
  return hcs_not_implemented("HcsGetProcessorCompatibilityFromSavedState");
}

/* ==== Exports answered with E_NOTIMPL: processes and live migration =============================== */

SA_EXPORT int32_t SA_CALL HcsCreateProcess(void *computeSystem, const char16_t *processParameters, void *operation,
                                           const void *securityDescriptor, void **process) {
  (void)computeSystem, (void)processParameters, (void)operation, (void)securityDescriptor;
  if (process) *process = NULL;
  return hcs_not_implemented("HcsCreateProcess");
}

SA_EXPORT int32_t SA_CALL HcsOpenProcess(void *computeSystem, uint32_t processId, uint32_t requestedAccess,
                                         void **process) {
  (void)computeSystem, (void)processId, (void)requestedAccess;
  if (process) *process = NULL;
  return hcs_not_implemented("HcsOpenProcess");
}

SA_EXPORT void SA_CALL HcsCloseProcess(void *process) {
  (void)process;
  (void)hcs_not_implemented("HcsCloseProcess");
}

#define PROCESS_CALL(name)                                                                        \
  SA_EXPORT int32_t SA_CALL name(void *process, void *operation, const char16_t *options) {       \
    (void)process, (void)operation, (void)options;                                                \
    return hcs_not_implemented(#name);                                                                \
  }
PROCESS_CALL(HcsTerminateProcess)
PROCESS_CALL(HcsSignalProcess)
PROCESS_CALL(HcsGetProcessProperties)
PROCESS_CALL(HcsModifyProcess)

SA_EXPORT int32_t SA_CALL HcsGetProcessInfo(void *process, void *operation) {
  (void)process, (void)operation;
  return hcs_not_implemented("HcsGetProcessInfo");
}

SA_EXPORT int32_t SA_CALL HcsSetProcessCallback(void *process, uint32_t callbackOptions, void *context,
                                                hcs_event_callback callback) {
  (void)process, (void)callbackOptions, (void)context, (void)callback;
  return hcs_not_implemented("HcsSetProcessCallback");
}

SA_EXPORT int32_t SA_CALL HcsWaitForProcessExit(void *process, uint32_t timeoutMs, char16_t **result) {
  (void)process, (void)timeoutMs;
  if (result) *result = NULL;
  return hcs_not_implemented("HcsWaitForProcessExit");
}

#define MIGRATION_CALL(name)                                                                      \
  SA_EXPORT int32_t SA_CALL name(void *computeSystem, void *operation, const char16_t *options) { \
    (void)computeSystem, (void)operation, (void)options;                                          \
    return hcs_not_implemented(#name);                                                                \
  }
MIGRATION_CALL(HcsInitializeLiveMigrationOnSource)
MIGRATION_CALL(HcsStartLiveMigrationOnSource)
MIGRATION_CALL(HcsStartLiveMigrationTransfer)
MIGRATION_CALL(HcsFinalizeLiveMigration)
MIGRATION_CALL(HcsCancelLiveMigration)

/* ==== Frees (Linux only: Windows callers use kernel32/ole32) ====================================== */

#ifndef _WIN32
SA_EXPORT void *LocalFree(void *mem) {
  sa_result_free(mem);
  return NULL;
}

SA_EXPORT void CoTaskMemFree(void *mem) { sa_result_free(mem); }
#endif
