/* What each asynchronous call does when its task runs (create, start, save, crash, modify,
 * properties, enumerate), under g_mu. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ---- Task bodies (under the lock); each returns the operation's HRESULT and may set *doc ---- */

/* $HAKO_STAND_IN_RECORD_DIR (read on each create): every document a create accepts is written to
 * <dir>/<RuntimeId>.json as {"Id":…,"Build":…,"Document":…}, so a test in another process (the
 * end-to-end specs drive a browser host) can read what HCS was asked to create. A test aid only: Windows
 * keeps no such record. A failed write is reported on stderr and changes nothing else. */
static void record_document(const sys *s, const sa_json *doc) {
  char dir[2048];
  if (!sa_getenv("HAKO_STAND_IN_RECORD_DIR", dir, sizeof dir)) return;
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Id");
  sa_jb_str(&b, s->id);
  sa_jb_key(&b, "Build");
  sa_jb_int(&b, hcs_build());
  sa_jb_key(&b, "Document");
  sa_jb_json(&b, doc);
  sa_jb_end_obj(&b);
  char *text = sa_jb_finish(&b);
  char file[2048 + 64];
  snprintf(file, sizeof file, "%s/%s.json", dir, s->runtime_id);
  char16_t *path = sa_utf8_to_u16(file);
  uint32_t err = text && path ? sa_file_write(path, text, strlen(text), 0) : SA_ERROR_NOT_ENOUGH_MEMORY;
  if (err) fprintf(stderr, "computecore stand-in: could not record the document of %s in %s (error %u)\n", s->id, dir, err);
  free(path);
  free(text);
}

int32_t hcs_run_create(task *t) {
  sys *s = t->s;
  int32_t hr;
  const char *why = NULL;
  sa_json *doc = hcs_task_json(t, &hr);
  if (!hr && !doc) hr = HCS_E_INVALID_DATA;
  if (!hr) hr = hcs_validate_document(doc, hcs_schema_minor(hcs_build()), &why);
  if (!hr) hr = hcs_check_build_fields(doc, hcs_build(), &why);
  if (!hr && hcs_find_system(s->id)) hr = HCS_E_SYSTEM_ALREADY_EXISTS;
  if (hr) {
    sa_json_free(doc);
    s->state = ST_GONE;
    return hr;
  }
  s->doc = doc;
  record_document(s, doc);
  const sa_json *stolhc = sa_json_get(doc, "ShouldTerminateOnLastHandleClosed");
  s->terminate_on_last_close = stolhc && stolhc->boolean;
  const sa_json *sor = sa_json_at(doc, "VirtualMachine", "StopOnReset", NULL);
  s->stop_on_reset = sor && sor->boolean;
  s->state = ST_CREATED;
  s->registered = 1;
  s->refs++;
  s->next = g_systems;
  g_systems = s;
  if (s->handles == 0) hcs_last_handle_closed(s); /* the caller closed its handle while we were creating */
  return 0;
}

int32_t hcs_run_start(sys *s) {
  int32_t hr = hcs_check_state(s, IN(ST_CREATED));
  if (hr) return hr;
  const char *restore = sa_json_string(sa_json_at(s->doc, "VirtualMachine", "RestoreState", "SaveStateFilePath", NULL));
  if (restore && *restore) {
    char16_t *path = sa_utf8_to_u16(restore);
    uint32_t err = path ? sa_file_stat(path, NULL, NULL, NULL) : SA_ERROR_NOT_ENOUGH_MEMORY;
    free(path);
    if (err) return sa_hr_from_win32(err);
  }
  s->state = ST_RUNNING;
  const sa_json *count = sa_json_at(s->doc, "VirtualMachine", "ComputeTopology", "Processor", "Count", NULL);
  hcs_figures_start(&s->figures, count && count->type == SA_JNUM ? (uint32_t)count->number : 1);
  hcs_endpoints_start_all(s);
  return 0;
}

int32_t hcs_run_save(sys *s, task *t) {
  int32_t hr = hcs_check_state(s, IN(ST_PAUSED));
  if (hr) return hr;
  sa_json *options = hcs_task_json(t, &hr);
  if (hr) return hr;
  const char *why = NULL;
  if ((hr = hcs_check_options(HCS_OPTIONS_SAVE, options, hcs_schema_minor(hcs_build()), &why)) != 0) {
    sa_json_free(options);
    return hr;
  }
  const char *type = options ? sa_json_string(sa_json_get(options, "SaveType")) : NULL;
  const char *path = options ? sa_json_string(sa_json_get(options, "SaveStateFilePath")) : NULL;
  if (type && strcmp(type, "AsTemplate") == 0) {
    s->state = ST_SAVED_AS_TEMPLATE;
  } else if ((type && strcmp(type, "ToFile") != 0) || !path || !*path) {
    hr = HCS_E_INVALID_JSON;
  } else {
    /* A small real file, so callers can check that the save produced something. */
    char content[512];
    snprintf(content, sizeof content, "Hako stand-in saved state of %s\n", s->id);
    char16_t *path16 = sa_utf8_to_u16(path);
    uint32_t err = path16 ? sa_file_write(path16, content, strlen(content), 0) : SA_ERROR_NOT_ENOUGH_MEMORY;
    free(path16);
    hr = sa_hr_from_win32(err); /* the system stays Paused (NanaBox terminates or resumes next) */
  }
  sa_json_free(options);
  return hr;
}

/* Parses and checks a task's option document against the host's schema. */
int32_t hcs_task_options(task *t, hcs_options_kind kind) {
  int32_t hr;
  const char *why = NULL;
  sa_json *options = hcs_task_json(t, &hr);
  if (!hr) hr = hcs_check_options(kind, options, hcs_schema_minor(hcs_build()), &why);
  sa_json_free(options);
  return hr;
}

int32_t hcs_run_crash(sys *s, task *t) {
  int32_t hr = hcs_check_state(s, IN(ST_RUNNING));
  if (hr) return hr;
  if ((hr = hcs_task_options(t, HCS_OPTIONS_CRASH)) != 0) return hr;
  char *report = hcs_crash_report(s);
  hcs_emit(s, EV_CRASH_INITIATED, report);
  hcs_emit(s, EV_CRASH_REPORT, report);
  free(report);
  /* The guest bugchecks and resets: a reset is a stop only with StopOnReset (VirtualMachine.StopOnReset). */
  if (s->stop_on_reset) hcs_stop_system(s, HCS_E_UNEXPECTED_EXIT, "UnexpectedExit", "UnexpectedExit", "GuestOS", 1);
  return 0;
}

/*
 * The VM worker opens the file of a SCSI attachment it is given: it must exist (else its Win32 error)
 * and must have been granted to this VM with HcsGrantVmAccess (else access denied, as a VM worker
 * without access to a VHDX or ISO gets it: reference §4.3, §8.2). Pass-through paths name devices, not
 * files, and an empty ISO path is an empty drive: neither is checked.
 */
static int32_t attachment_access(const sys *s, const sa_json *request, const char **why) {
  const char *resource = sa_json_string(sa_json_get(request, "ResourcePath"));
  const char *type = sa_json_string(sa_json_get(request, "RequestType"));
  const char *kind = sa_json_string(sa_json_at(request, "Settings", "Type", NULL));
  const char *path = sa_json_string(sa_json_at(request, "Settings", "Path", NULL));
  if (!resource || strncmp(resource, "VirtualMachine/Devices/Scsi/", 28) != 0 || !type || strcmp(type, "Remove") == 0 ||
      !kind || strcmp(kind, "PassThru") == 0 || !path || !*path)
    return 0;
  char16_t *path16 = sa_utf8_to_u16(path);
  uint32_t err = path16 ? sa_file_stat(path16, NULL, NULL, NULL) : SA_ERROR_NOT_ENOUGH_MEMORY;
  free(path16);
  if (err) return *why = "The attachment's file cannot be opened.", sa_hr_from_win32(err);
  char *key = malloc(strlen(s->id) + strlen(path) + 2);
  if (!key) return SA_E_OUTOFMEMORY;
  sprintf(key, "%s|%s", s->id, path);
  int granted = sa_named_get(g_grants, key) != 0;
  free(key);
  return granted ? 0 : (*why = "The virtual machine has no access to the attachment's file.", HCS_E_ACCESS_DENIED_WIN32);
}

int32_t hcs_run_modify(sys *s, task *t, char **why_doc) {
  int32_t hr = hcs_check_state(s, IN(ST_CREATED) | IN(ST_RUNNING) | IN(ST_PAUSED));
  if (hr) return hr;
  sa_json *request = hcs_task_json(t, &hr);
  if (hr) return hr;
  if (!request) return HCS_E_INVALID_JSON;
  int com_port = -1;
  const char *why = NULL;
  if (s->state == ST_RUNNING || s->state == ST_PAUSED) hr = attachment_access(s, request, &why);
  if (!hr) hr = hcs_modify(s->doc, request, hcs_schema_minor(hcs_build()), &com_port, &why);
  sa_json_free(request);
  if (hr && why) *why_doc = hcs_result_error(hr, why);
  if (!hr && com_port >= 0 && (s->state == ST_RUNNING || s->state == ST_PAUSED)) {
    char slot[16];
    snprintf(slot, sizeof slot, "com%d", com_port);
    hcs_endpoint_stop(s, slot);
    hcs_com_endpoint_start(s, com_port, 0);
  }
  return hr;
}

int32_t hcs_run_properties(sys *s, task *t, char **doc) {
  if (s->state == ST_CREATING || s->state == ST_GONE) return HCS_E_SYSTEM_NOT_FOUND;
  int32_t hr;
  unsigned types = 0;
  const char *why = NULL;
  sa_json *query = hcs_task_json(t, &hr);
  if (!hr) hr = hcs_check_property_query(query, hcs_build(), &types, &why);
  if (hr) {
    sa_json_free(query);
    if (why) *doc = hcs_result_error(hr, why);
    return hr;
  }
  sa_jb b;
  sa_jb_init(&b);
  hcs_jb_properties(&b, s, types, sa_json_get(query, "Queries"));
  sa_json_free(query);
  return (*doc = sa_jb_finish(&b)) ? 0 : HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
}

int32_t hcs_run_enumerate(task *t, char **doc) {
  int32_t hr;
  sa_json *query = hcs_task_json(t, &hr);
  if (hr) return hr;
  if (query && query->type != SA_JOBJ) hr = HCS_E_INVALID_JSON;
  const sa_json *ids = sa_json_get(query, "Ids"), *names = sa_json_get(query, "Names");
  const sa_json *types = sa_json_get(query, "Types"), *owners = sa_json_get(query, "Owners");
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_arr(&b);
  for (sys *s = g_systems; s && !hr; s = s->next) {
    const char *owner = sa_json_string(sa_json_get(s->doc, "Owner"));
    if (hcs_filter_admits(ids, s->id, 1) && hcs_filter_admits(names, s->id, 1) && hcs_filter_admits(types, "VirtualMachine", 0) &&
        hcs_filter_admits(owners, owner, 0))
      hcs_jb_properties(&b, s, 0, NULL);
  }
  sa_jb_end_arr(&b);
  sa_json_free(query);
  char *text = sa_jb_finish(&b);
  if (hr) free(text);
  else if (!(*doc = text)) hr = HCS_E_OPERATION_RESULT_ALLOCATION_FAILED;
  return hr;
}

/*
 * Who acts on a shutdown. NULL options mean the guest connection (the mechanism the docs' tutorial
 * relies on), which only a document with VirtualMachine.GuestConnection has; "IntegrationService"
 * (schema 2.5) needs the shutdown integration component, VirtualMachine.Services.Shutdown, or fails
 * with HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION. A mechanism nobody in the guest serves leaves the
 * operation pending until the system stops (`*guest_acts` 0); a real guest without the component
 * would not answer either. Both rules are the strictest plausible reading: unverified on Windows.
 */
