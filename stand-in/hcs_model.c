/* Documents of the computecore stand-in (build profile, messages, create document, property queries);
 * see hcs_model.h. Modify requests are in hcs_modify.c. */
#include "hcs_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#endif

/* ==== Build profile =============================================================================== */

int hcs_build(void) {
#ifdef _WIN32
  /* The process's environment as it is now (node sets variables with SetEnvironmentVariableW, which the
   * C runtime's copy behind getenv does not see). */
  char buffer[32];
  DWORD n = GetEnvironmentVariableA("HAKO_STAND_IN_BUILD", buffer, sizeof buffer);
  const char *env = n > 0 && n < sizeof buffer ? buffer : NULL;
#else
  const char *env = getenv("HAKO_STAND_IN_BUILD");
#endif
  if (env && *env) {
    char *end;
    long build = strtol(env, &end, 10);
    if (!*end && build > 0 && build < 1000000) return (int)build;
  }
#ifdef STAND_IN_NO_CRASH
  return 17763;
#else
  return 26100;
#endif
}

int hcs_schema_minor(int build) {
  if (build < 18362) return 1;
  if (build < 19041) return 2;
  if (build < 20348) return 3;
  if (build < 22000) return 5;
  if (build < 22621) return 6;
  if (build < 26100) return 7;
  return 8;
}

/* ==== Messages ==================================================================================== */

const char *hcs_message(int32_t hr) {
  switch ((uint32_t)hr) {
    case 0x80370105u: return "The requested operation is not valid in the current state of the compute system.";
    case 0x80370106u: return "The compute system exited unexpectedly.";
    case 0x8037010Du: return "The virtual machine or container JSON document is invalid.";
    case 0x8037010Eu: return "A virtual machine or container with the specified identifier does not exist.";
    case 0x8037010Fu: return "A virtual machine or container with the specified identifier already exists.";
    case 0x80370110u: return "The virtual machine or container with the specified identifier is not running.";
    case 0x80370120u: return "The compute system is not configured for this operation.";
    case 0x8007000Du: return "The data is invalid.";
    case 0x80070002u: return "The system cannot find the file specified.";
    case 0x80070003u: return "The system cannot find the path specified.";
    case 0x80070005u: return "Access is denied.";
    case 0x80070490u: return "Element not found.";
    case 0x800700B7u: return "Cannot create a file when that file already exists.";
    case 0x80004001u: return "Not implemented.";
    case 0x80070057u: return "The parameter is incorrect.";
    case 0x80070032u: return "The request is not supported.";
    default: return "";
  }
}

char *hcs_result_error(int32_t hr, const char *message) {
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Error");
  sa_jb_int(&b, hr);
  sa_jb_key(&b, "ErrorMessage");
  sa_jb_str(&b, message ? message : hcs_message(hr));
  sa_jb_end_obj(&b);
  return sa_jb_finish(&b);
}

/* ==== Create document ============================================================================= */

int hcs_json_is_count(const sa_json *v) {
  return v && v->type == SA_JNUM && v->number >= 1 && v->number == floor(v->number) && v->number < 1e15;
}

int hcs_json_type_ok(const sa_json *v, sa_jtype type) { return !v || v->type == type; }

int32_t hcs_validate_document(const sa_json *doc, int max_minor, const char **why) {
  if (doc->type != SA_JOBJ) return *why = "The document is not a JSON object.", HCS_E_INVALID_JSON;
  const sa_json *version = sa_json_get(doc, "SchemaVersion");
  const sa_json *major = sa_json_get(version, "Major"), *minor = sa_json_get(version, "Minor");
  if (!major || major->type != SA_JNUM || !minor || minor->type != SA_JNUM)
    return *why = "SchemaVersion is missing.", HCS_E_INVALID_JSON;
  if (major->number != 2 || minor->number < 0 || minor->number != floor(minor->number) || minor->number > max_minor)
    return *why = "SchemaVersion is not supported by this host.", HCS_E_INVALID_JSON;
  const sa_json *vm = sa_json_get(doc, "VirtualMachine");
  if (!vm || vm->type != SA_JOBJ) return *why = "The document has no VirtualMachine.", HCS_E_INVALID_JSON;
  if (!hcs_json_is_count(sa_json_at(vm, "ComputeTopology", "Memory", "SizeInMB", NULL)))
    return *why = "VirtualMachine.ComputeTopology.Memory.SizeInMB must be a positive integer.", HCS_E_INVALID_JSON;
  if (!hcs_json_is_count(sa_json_at(vm, "ComputeTopology", "Processor", "Count", NULL)))
    return *why = "VirtualMachine.ComputeTopology.Processor.Count must be a positive integer.", HCS_E_INVALID_JSON;
  if (!hcs_json_type_ok(sa_json_get(doc, "Owner"), SA_JSTR) ||
      !hcs_json_type_ok(sa_json_get(doc, "ShouldTerminateOnLastHandleClosed"), SA_JBOOL) ||
      !hcs_json_type_ok(sa_json_get(vm, "StopOnReset"), SA_JBOOL) || !hcs_json_type_ok(sa_json_get(vm, "Devices"), SA_JOBJ) ||
      !hcs_json_type_ok(sa_json_at(vm, "RestoreState", "SaveStateFilePath", NULL), SA_JSTR))
    return *why = "A field of the document has the wrong type.", HCS_E_INVALID_JSON;
  return 0;
}

/* ==== Property queries ============================================================================ */

/* System_PropertyType (schema reference 2.1: Memory, Statistics, ProcessList, TerminateOnLastHandleClosed,
 * SharedMemoryRegion, GuestConnection; the rest from the schema assemblies and hcsshim), with the first
 * build that knows each: CpuFrequencyPowerCap arrived with 20348, MemoryTopology with 28000. */
static const struct {
  const char *name;
  int min_build;
} system_property_types[] = {
    {"Memory", 0}, {"GuestMemory", 0}, {"ContainerMemory", 0}, {"CpuGroup", 0}, {"Statistics", 0},
    {"ProcessList", 0}, {"TerminateOnLastHandleClosed", 0}, {"SystemGUID", 0}, {"SharedMemoryRegion", 0},
    {"Silo", 0}, {"GuestConnection", 0}, {"CosIndex", 0}, {"Rmid", 0}, {"CacheStats", 0}, {"IdledProcessors", 0},
    {"CpuFrequencyPowerCap", 20348}, {"MemoryTopology", 28000}, {"ICHeartbeatStatus", 0}, {"ProcessorTopology", 0},
    {"ContainerCredentialGuard", 0},
};

static int known(const char *name, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(list[i], name) == 0) return 1;
  return 0;
}

static int known_system_property(const char *name, int build) {
  for (size_t i = 0; i < sizeof system_property_types / sizeof *system_property_types; i++)
    if (strcmp(system_property_types[i].name, name) == 0) return build >= system_property_types[i].min_build;
  return 0;
}

int32_t hcs_check_property_query(const sa_json *query, int build, unsigned *types, const char **why) {
  *types = 0;
  if (!query) return 0;
  if (query->type != SA_JOBJ) return *why = "The property query is not a JSON object.", HCS_E_INVALID_JSON;
  for (size_t i = 0; i < query->count; i++) {
    /* PropertyTypes 2.1; Queries 2.5 (20348): a member the host does not know is refused. */
    int queries = strcmp(query->keys[i], "Queries") == 0;
    if ((!queries && strcmp(query->keys[i], "PropertyTypes") != 0) || (queries && build < 20348))
      return *why = "The property query names a field this host does not know.", HCS_E_INVALID_JSON;
    if (queries && query->items[i]->type != SA_JOBJ) return *why = "Queries must be an object.", HCS_E_INVALID_JSON;
  }
  const sa_json *list = sa_json_get(query, "PropertyTypes");
  if (!list) return 0;
  if (list->type != SA_JARR) return *why = "PropertyTypes must be an array.", HCS_E_INVALID_JSON;
  for (size_t i = 0; i < list->count; i++) {
    const char *name = sa_json_string(list->items[i]);
    if (!name || !known_system_property(name, build)) return *why = "Unknown property type.", HCS_E_INVALID_JSON;
    if (strcmp(name, "Statistics") == 0) *types |= HCS_PROP_STATISTICS;
    if (strcmp(name, "TerminateOnLastHandleClosed") == 0) *types |= HCS_PROP_TERMINATE_ON_LAST_HANDLE_CLOSED;
    if (strcmp(name, "Memory") == 0) *types |= HCS_PROP_MEMORY;
  }
  return 0;
}

static void jb_not_implemented(sa_jb *b) {
  sa_jb_begin_obj(b);
  sa_jb_key(b, "Error");
  sa_jb_begin_obj(b);
  sa_jb_key(b, "Error");
  sa_jb_int(b, SA_E_NOTIMPL);
  sa_jb_key(b, "ErrorMessage");
  sa_jb_str(b, hcs_message(SA_E_NOTIMPL));
  sa_jb_end_obj(b);
  sa_jb_end_obj(b);
}

void hcs_jb_property_responses(sa_jb *b, const sa_json *queries) {
  sa_jb_begin_obj(b);
  for (size_t i = 0; queries && i < queries->count; i++) {
    sa_jb_key(b, queries->keys[i]);
    jb_not_implemented(b);
  }
  sa_jb_end_obj(b);
}

static const char *const service_property_types[] = {"Basic", "CpuGroup", "ProcessorTopology",
                                                     "ContainerCredentialGuard", "QoSCapabilities"};

int32_t hcs_service_properties(const sa_json *query, int build, char **result, const char **why) {
  static const char *const basic_only[] = {"Basic"};
  const sa_json *types = NULL, *queries = NULL;
  *result = NULL;
  if (query) {
    if (query->type != SA_JOBJ) return *why = "The property query is not a JSON object.", HCS_E_INVALID_JSON;
    types = sa_json_get(query, "PropertyTypes");
    queries = sa_json_get(query, "PropertyQueries");
    if ((types && types->type != SA_JARR) || (queries && queries->type != SA_JOBJ))
      return *why = "The property query is malformed.", HCS_E_INVALID_JSON;
    /* PropertyQueries arrived with schema 2.5 (20348); older builds reject them (appsandbox logs). */
    if (queries && build < 20348) return *why = "PropertyQueries are not supported.", HCS_E_INVALID_JSON;
  }
  size_t count = types ? types->count : 1;
  sa_jb b;
  sa_jb_init(&b);
  sa_jb_begin_obj(&b);
  sa_jb_key(&b, "Properties");
  sa_jb_begin_arr(&b);
  for (size_t i = 0; i < count; i++) {
    const char *name = types ? sa_json_string(types->items[i]) : basic_only[0];
    if (!name || !known(name, service_property_types, sizeof service_property_types / sizeof *service_property_types)) {
      free(sa_jb_finish(&b));
      return *why = "Unknown property type.", HCS_E_INVALID_JSON;
    }
    sa_jb_begin_obj(&b);
    if (strcmp(name, "Basic") == 0) {
      sa_jb_key(&b, "SupportedSchemaVersions");
      sa_jb_begin_arr(&b);
      sa_jb_begin_obj(&b);
      sa_jb_key(&b, "Major");
      sa_jb_int(&b, 2);
      sa_jb_key(&b, "Minor");
      sa_jb_int(&b, hcs_schema_minor(build));
      sa_jb_end_obj(&b);
      sa_jb_end_arr(&b);
    }
    sa_jb_end_obj(&b);
  }
  sa_jb_end_arr(&b);
  if (queries) {
    /* The stand-in answers no property query; each gets its own ResultError, as HCS does per query. */
    sa_jb_key(&b, "PropertyResponses");
    hcs_jb_property_responses(&b, queries);
  }
  sa_jb_end_obj(&b);
  *result = sa_jb_finish(&b);
  return *result ? 0 : SA_E_OUTOFMEMORY;
}
