/* The compute-system model: state checks, console endpoints, stopping and exit status, crash reports
 * and the properties documents. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "console.h"
#include "console_com.h"
#include "hcs_model.h"
#include "computecore_internal.h"

/* ==== Compute systems ============================================================================= */

int32_t hcs_check_state(const sys *s, unsigned allowed) {
  if (s->state == ST_CREATING || s->state == ST_GONE) return HCS_E_SYSTEM_NOT_FOUND;
  if (allowed & IN(s->state)) return 0;
  return s->state == ST_STOPPED ? HCS_E_SYSTEM_ALREADY_STOPPED : HCS_E_INVALID_STATE;
}

/* Endpoints are stopped later, by hcs_leave(), outside the lock. */
void hcs_endpoint_stop(sys *s, const char *slot) {
  for (endpoint **at = &s->endpoints; *at; at = &(*at)->next) {
    if (strcmp((*at)->slot, slot) == 0) {
      endpoint *e = *at;
      *at = e->next;
      e->next = g_reap;
      g_reap = e;
      return;
    }
  }
}

void hcs_endpoints_stop_all(sys *s) {
  while (s->endpoints) {
    endpoint *e = s->endpoints;
    s->endpoints = e->next;
    e->next = g_reap;
    g_reap = e;
  }
}

static void endpoint_start(sys *s, const char *slot, const sa_json *pipe, int kind, const char *banner, const char *boot) {
  const char *name = sa_json_string(pipe);
  if (!name || !*name) return; /* "" = disconnected */
  endpoint *e = calloc(1, sizeof *e);
  if (!e) return;
  snprintf(e->slot, sizeof e->slot, "%s", slot);
  if (!(e->console = sa_console_start(name, kind, banner, boot, s->runtime_id))) {
    free(e);
    return;
  }
  e->next = s->endpoints;
  s->endpoints = e;
}

/* ComPorts key 0 is COM1, 1 is COM2. At the VM's start, the port `Chipset.Uefi.Console` names
 * ("ComPort1"/"ComPort2") also gets the firmware's boot output (console_com.h). */
void hcs_com_endpoint_start(sys *s, int index, int at_start) {
  char key[2] = {(char)('0' + index), 0}, slot[16], banner[512], boot[512], uefi_port[24];
  snprintf(slot, sizeof slot, "com%d", index);
  snprintf(banner, sizeof banner, "Hako stand-in COM%d on %s\r\n", index + 1, s->id);
  snprintf(uefi_port, sizeof uefi_port, "ComPort%d", index + 1);
  snprintf(boot, sizeof boot, "Hako stand-in UEFI firmware on %s\r\nBdsDxe: loading Boot0001 from COM%d console\r\n", s->id, index + 1);
  const char *uefi = sa_json_string(sa_json_at(s->doc, "VirtualMachine", "Chipset", "Uefi", "Console", NULL));
  const int boots_here = at_start && uefi && strcmp(uefi, uefi_port) == 0;
  const sa_json *port = sa_json_at(s->doc, "VirtualMachine", "Devices", "ComPorts", key, NULL);
  endpoint_start(s, slot, sa_json_get(port, "NamedPipe"), SA_CONSOLE_COM, banner, boots_here ? boot : NULL);
}

void hcs_endpoints_start_all(sys *s) {
  const sa_json *devices = sa_json_at(s->doc, "VirtualMachine", "Devices", NULL);
  endpoint_start(s, "video", sa_json_at(devices, "VideoMonitor", "ConnectionOptions", "NamedPipe", NULL),
                 SA_CONSOLE_SESSION, NULL, NULL);
  endpoint_start(s, "enhanced", sa_json_at(devices, "EnhancedModeVideo", "ConnectionOptions", "NamedPipe", NULL),
                 SA_CONSOLE_SESSION, NULL, NULL);
  hcs_com_endpoint_start(s, 0, 1);
  hcs_com_endpoint_start(s, 1, 1);
}

static const uint32_t crash_parameters[] = {0x80, 0, 0, 0, 0}; /* NMI_HARDWARE_FAILURE: what CrashGuest causes */

static void jb_crash_parameters(sa_jb *b) {
  sa_jb_key(b, "CrashParameters");
  sa_jb_begin_arr(b);
  for (size_t i = 0; i < sizeof crash_parameters / sizeof *crash_parameters; i++) sa_jb_uint(b, crash_parameters[i]);
  sa_jb_end_arr(b);
}

/* SystemExitStatus (the HCS schema reference's SystemExitStatus and AttributionRecord). */
static char *exit_status(int32_t status, const char *exit_type, const char *detail, const char *initiator, int crash) {
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Status");
  sa_jb_int(&b, status);
  sa_jb_key(&b, "ExitType");
  sa_jb_str(&b, exit_type);
  sa_jb_key(&b, "Attribution");
  sa_jb_begin_arr(&b);
  if (crash) {
    sa_jb_begin_obj(&b);
    sa_jb_key(&b, "GuestCrash");
    sa_jb_begin_obj(&b);
    jb_crash_parameters(&b);
    sa_jb_end_obj(&b);
    sa_jb_end_obj(&b);
  }
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "SystemExit");
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Detail");
  sa_jb_str(&b, detail);
  sa_jb_key(&b, "Initiator");
  sa_jb_str(&b, initiator);
  sa_jb_end_obj(&b);
  sa_jb_end_obj(&b);
  sa_jb_end_arr(&b);
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

/* Every stop goes through here: state, exit status, endpoints, SystemExited, ephemeral cleanup. */
void hcs_stop_system(sys *s, int32_t status, const char *exit_type, const char *detail, const char *initiator,
                        int crash) {
  s->state = ST_STOPPED;
  hcs_figures_run(&s->figures, 0);
  s->exit_type = exit_type;
  free(s->exit_status);
  s->exit_status = exit_status(status, exit_type, detail, initiator, crash);
  hcs_endpoints_stop_all(s);
  hcs_emit(s, EV_SYSTEM_EXITED, s->exit_status);
  hcs_complete_shutdown_waiters(s, 0); /* it is off, which is what they asked for */
  pthread_cond_broadcast(&g_changed);
  if (s->handles == 0 && s->registered) hcs_unregister(s); /* compute systems are ephemeral (the HCS overview) */
}

void hcs_last_handle_closed(sys *s) {
  if (!s->registered) return; /* still being created (the create task decides) or already gone */
  if (s->state == ST_STOPPED) hcs_unregister(s);
  else if (s->terminate_on_last_close)
    hcs_stop_system(s, 0, "ForcedExit", "Terminate", "Client", 0); /* nobody is left to see the event */
}

char *hcs_crash_report(const sys *s) {
  char activity[37];
  sa_guid g;
  sa_guid_random(&g);
  sa_guid_format(&g, activity);
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "SystemId");
  sa_jb_str(&b, s->id);
  sa_jb_key(&b, "ActivityId");
  sa_jb_str(&b, activity);
  jb_crash_parameters(&b);
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

static uint64_t memory_mb(const sys *s) {
  const sa_json *mb = sa_json_at(s->doc, "VirtualMachine", "ComputeTopology", "Memory", "SizeInMB", NULL);
  return mb && mb->type == SA_JNUM && mb->number > 0 ? (uint64_t)mb->number : 0;
}

void hcs_jb_properties(sa_jb *b, sys *s, unsigned types, const sa_json *queries) {
  sa_jb_begin_obj(b);
  sa_jb_key(b, "Id");
  sa_jb_str(b, s->id);
  sa_jb_key(b, "SystemType");
  sa_jb_str(b, "VirtualMachine");
  const char *owner = sa_json_string(sa_json_get(s->doc, "Owner"));
  if (owner) {
    sa_jb_key(b, "Owner");
    sa_jb_str(b, owner);
  }
  sa_jb_key(b, "Name");
  sa_jb_str(b, s->id);
  sa_jb_key(b, "RuntimeId");
  sa_jb_str(b, s->runtime_id);
  sa_jb_key(b, "State");
  sa_jb_str(b, state_names[s->state]);
  sa_jb_key(b, "Stopped");
  sa_jb_bool(b, s->state == ST_STOPPED);
  if (s->state == ST_STOPPED) {
    sa_jb_key(b, "ExitType");
    sa_jb_str(b, s->exit_type);
  }
  if (types & HCS_PROP_TERMINATE_ON_LAST_HANDLE_CLOSED) {
    sa_jb_key(b, "TerminateOnLastHandleClosed");
    sa_jb_bool(b, s->terminate_on_last_close);
  }
  if (types & HCS_PROP_STATISTICS) {
    sa_jb_key(b, "Statistics");
    hcs_jb_statistics(b, &s->figures, s->state == ST_RUNNING || s->state == ST_PAUSED, memory_mb(s));
  }
  if (types & HCS_PROP_MEMORY) {
    sa_jb_key(b, "Memory");
    hcs_jb_memory(b, memory_mb(s));
  }
  if (queries) {
    sa_jb_key(b, "PropertyResponses");
    hcs_jb_property_responses(b, queries);
  }
  sa_jb_end_obj(b);
}

/* Does a SystemQuery filter (an array of strings, or absent) admit `value`? */
int hcs_filter_admits(const sa_json *filter, const char *value, int ci) {
  if (!filter) return 1;
  for (size_t i = 0; filter->type == SA_JARR && i < filter->count; i++) {
    const char *s = sa_json_string(filter->items[i]);
    if (s && value && (ci ? sa_strieq(s, value) : strcmp(s, value) == 0)) return 1;
  }
  return 0;
}
