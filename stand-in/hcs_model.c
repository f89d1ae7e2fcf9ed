/* Documents of the computecore stand-in; see hcs_model.h. */
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

static int is_count(const sa_json *v) {
  return v && v->type == SA_JNUM && v->number >= 1 && v->number == floor(v->number) && v->number < 1e15;
}

static int type_ok(const sa_json *v, sa_jtype type) { return !v || v->type == type; }

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
  if (!is_count(sa_json_at(vm, "ComputeTopology", "Memory", "SizeInMB", NULL)))
    return *why = "VirtualMachine.ComputeTopology.Memory.SizeInMB must be a positive integer.", HCS_E_INVALID_JSON;
  if (!is_count(sa_json_at(vm, "ComputeTopology", "Processor", "Count", NULL)))
    return *why = "VirtualMachine.ComputeTopology.Processor.Count must be a positive integer.", HCS_E_INVALID_JSON;
  if (!type_ok(sa_json_get(doc, "Owner"), SA_JSTR) ||
      !type_ok(sa_json_get(doc, "ShouldTerminateOnLastHandleClosed"), SA_JBOOL) ||
      !type_ok(sa_json_get(vm, "StopOnReset"), SA_JBOOL) || !type_ok(sa_json_get(vm, "Devices"), SA_JOBJ) ||
      !type_ok(sa_json_at(vm, "RestoreState", "SaveStateFilePath", NULL), SA_JSTR))
    return *why = "A field of the document has the wrong type.", HCS_E_INVALID_JSON;
  return 0;
}

/* ==== Modify: resource paths (HcsModifyComputeSystem reference; hcsshim's resourcepaths) ========== */

enum { R_ADD = 1, R_REMOVE = 2, R_UPDATE = 4, R_ANY = 7 };

enum {
  K_SETTING,         /* a value at the path */
  K_MEMORY,          /* Memory/SizeInMB */
  K_MAP,             /* a keyed device; the map is created on demand */
  K_MAP_IN_EXISTING, /* a keyed entry inside a device that must already exist (Scsi controller, PMem) */
  K_COMPORT,         /* ComPorts/<0|1> */
  K_SHARES,          /* an array of shares keyed by Name */
  K_SHARES_EXISTING, /* same, but the device had to be in the create document (Plan9) */
};

static const struct {
  const char *pattern;
  unsigned requests;
  int kind;
  int needs_settings; /* Add/Update must carry an object */
} paths[] = {
    {"VirtualMachine/ComputeTopology/Memory/SizeInMB", R_UPDATE, K_MEMORY, 0},
    {"VirtualMachine/ComputeTopology/Processor/CpuGroup", R_ANY, K_SETTING, 0},
    {"VirtualMachine/ComputeTopology/Processor/IdledProcessors", R_UPDATE, K_SETTING, 0},
    {"VirtualMachine/ComputeTopology/Processor/CpuFrequencyPowerCap", R_ANY, K_SETTING, 0},
    {"VirtualMachine/ComputeTopology/Processor/Limits", R_UPDATE, K_SETTING, 0},
    {"VirtualMachine/ComputeTopology/Gpu", R_UPDATE, K_SETTING, 1},
    {"VirtualMachine/Devices/NetworkAdapters/*", R_ADD | R_REMOVE, K_MAP, 1},
    {"VirtualMachine/Devices/Scsi/*/Attachments/*", R_ANY, K_MAP_IN_EXISTING, 1},
    {"VirtualMachine/Devices/ComPorts/*", R_ANY, K_COMPORT, 1},
    {"VirtualMachine/Devices/Plan9/Shares", R_ADD | R_REMOVE, K_SHARES_EXISTING, 1},
    {"VirtualMachine/Devices/VirtualSmb/Shares", R_ANY, K_SHARES, 1},
    {"VirtualMachine/Devices/SharedMemory/Regions", R_ANY, K_SETTING, 0},
    {"VirtualMachine/Devices/VirtualPMem/Devices/*", R_ADD | R_REMOVE, K_MAP, 1},
    {"VirtualMachine/Devices/VirtualPMem/Devices/*/Mappings/*", R_ADD | R_REMOVE, K_MAP_IN_EXISTING, 1},
    {"VirtualMachine/Devices/VirtualPci/*", R_ADD | R_REMOVE, K_MAP, 1},
    {"VirtualMachine/Devices/FlexibleIov/*", R_ADD, K_MAP, 1},
    {"VirtualMachine/Devices/MappedPipes/*", R_ADD | R_REMOVE, K_MAP, 0},
    {"VirtualMachine/Devices/HvSocket/HvSocketConfig/ServiceTable/*", R_ADD | R_UPDATE, K_MAP, 1},
    {"VirtualMachine/Devices/Licensing", R_ANY, K_SETTING, 0},
};

#define MAX_SEGMENTS 12

/* Splits `path` in place at '/'; 0 when it has empty segments or too many. */
static size_t split(char *path, char **segs) {
  size_t n = 0;
  for (char *p = path;;) {
    char *slash = strchr(p, '/');
    if (slash) *slash = 0;
    if (!*p || n == MAX_SEGMENTS) return 0;
    segs[n++] = p;
    if (!slash) return n;
    p = slash + 1;
  }
}

static int matches(const char *pattern, char **segs, size_t n) {
  char copy[128], *pat[MAX_SEGMENTS];
  if (strlen(pattern) >= sizeof copy) return 0;
  strcpy(copy, pattern);
  size_t m = split(copy, pat);
  if (m != n) return 0;
  for (size_t i = 0; i < n; i++)
    if (strcmp(pat[i], "*") != 0 && strcmp(pat[i], segs[i]) != 0) return 0;
  return 1;
}

/* Follows segs[0..n) from root; creates missing objects when `create`. NULL when absent or not an
 * object. */
static sa_json *walk(sa_json *root, char **segs, size_t n, int create) {
  sa_json *cur = root;
  for (size_t i = 0; i < n && cur; i++) {
    sa_json *next = sa_json_get(cur, segs[i]);
    if ((!next || next->type == SA_JNULL) && create) { /* NanaBox sends "ComPorts": null */
      next = sa_json_new(SA_JOBJ);
      if (!next || !sa_json_set(cur, segs[i], next)) return NULL;
    }
    cur = next && next->type == SA_JOBJ ? next : NULL;
  }
  return cur;
}

static unsigned request_bit(const char *type) {
  if (!type) return 0;
  if (strcmp(type, "Add") == 0) return R_ADD;
  if (strcmp(type, "Remove") == 0) return R_REMOVE;
  if (strcmp(type, "Update") == 0) return R_UPDATE;
  return 0;
}

/* Add/Remove/Update of `key` in `map`; map keys compare case-insensitively (they are GUIDs, LUNs, …). */
static int32_t modify_map(sa_json *map, const char *key, unsigned request, const sa_json *settings, const char **why) {
  const char *actual = NULL;
  sa_json *existing = sa_json_get_ci(map, key, &actual);
  if (request == R_ADD && existing) return *why = "The device already exists.", HCS_E_ALREADY_EXISTS;
  if (request != R_ADD && !existing) return *why = "The device does not exist.", HCS_E_ELEMENT_NOT_FOUND;
  if (request == R_REMOVE) return sa_json_remove(map, actual), 0;
  sa_json *value = settings ? sa_json_clone(settings) : sa_json_new(SA_JOBJ);
  return sa_json_set(map, actual ? actual : key, value) ? 0 : SA_E_OUTOFMEMORY;
}

static int share_matches(const sa_json *share, const sa_json *settings) {
  const char *name = sa_json_string(sa_json_get(settings, "Name"));
  if (name) return sa_strieq(name, sa_json_string(sa_json_get(share, "Name")));
  /* WSL removes Plan9 shares by AccessName + Port. */
  const char *access = sa_json_string(sa_json_get(settings, "AccessName"));
  const sa_json *port = sa_json_get(settings, "Port");
  return access && sa_strieq(access, sa_json_string(sa_json_get(share, "AccessName"))) &&
         sa_json_equal(port, sa_json_get(share, "Port"));
}

static int32_t modify_shares(sa_json *device, unsigned request, const sa_json *settings, const char **why) {
  if (!settings || settings->type != SA_JOBJ) return *why = "Settings must describe a share.", HCS_E_INVALID_JSON;
  sa_json *shares = sa_json_get(device, "Shares");
  if (!shares) {
    shares = sa_json_new(SA_JARR);
    if (!shares || !sa_json_set(device, "Shares", shares)) return SA_E_OUTOFMEMORY;
  }
  if (shares->type != SA_JARR) return *why = "Shares is not an array.", HCS_E_INVALID_JSON;
  size_t i = 0;
  while (i < shares->count && !share_matches(shares->items[i], settings)) i++;
  if (request == R_ADD) {
    if (!sa_json_string(sa_json_get(settings, "Name"))) return *why = "A share needs a Name.", HCS_E_INVALID_JSON;
    if (i < shares->count) return *why = "A share with this name exists.", HCS_E_ALREADY_EXISTS;
    return sa_json_append(shares, sa_json_clone(settings)) ? 0 : SA_E_OUTOFMEMORY;
  }
  if (i == shares->count) return *why = "The share does not exist.", HCS_E_ELEMENT_NOT_FOUND;
  if (request == R_REMOVE) {
    sa_json_free(shares->items[i]);
    memmove(shares->items + i, shares->items + i + 1, (shares->count - i - 1) * sizeof *shares->items);
    shares->count--;
    return 0;
  }
  sa_json *copy = sa_json_clone(settings);
  if (!copy) return SA_E_OUTOFMEMORY;
  sa_json_free(shares->items[i]);
  shares->items[i] = copy;
  return 0;
}

/* A SCSI attachment: checked field by field, and an Update keeps the attachment's Type (NanaBox changes
 * only the path of an attachment; turning a disk into a DVD drive live is refused, *stricter than
 * known*, with HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED)). */
static int32_t check_scsi_attachment(sa_json *map, const char *lun, unsigned request, const sa_json *settings,
                                     int max_minor, const char **why) {
  if (request == R_REMOVE) return 0;
  int32_t hr = hcs_check_attachment(settings, max_minor, why);
  if (hr || request != R_UPDATE) return hr;
  const sa_json *existing = map ? sa_json_get_ci(map, lun, NULL) : NULL;
  const char *before = existing ? sa_json_string(sa_json_get(existing, "Type")) : NULL;
  if (before && strcmp(before, sa_json_string(sa_json_get(settings, "Type"))) != 0)
    return *why = "An attachment's type cannot change while the system runs.", HCS_E_NOT_SUPPORTED;
  return 0;
}

int32_t hcs_modify(sa_json *doc, const sa_json *request, int max_minor, int *com_port, const char **why) {
  *com_port = -1;
  if (request->type != SA_JOBJ) return *why = "The request is not a JSON object.", HCS_E_INVALID_JSON;
  const char *path = sa_json_string(sa_json_get(request, "ResourcePath"));
  unsigned req = request_bit(sa_json_string(sa_json_get(request, "RequestType")));
  const sa_json *settings = sa_json_get(request, "Settings");
  if (settings && settings->type == SA_JNULL) settings = NULL;
  if (!path || !req) return *why = "ResourcePath and RequestType are required.", HCS_E_INVALID_JSON;
  char buf[512], *segs[MAX_SEGMENTS];
  size_t n = strlen(path) < sizeof buf ? (strcpy(buf, path), split(buf, segs)) : 0;
  size_t p = 0;
  while (p < sizeof paths / sizeof paths[0] && !(n && matches(paths[p].pattern, segs, n))) p++;
  if (p == sizeof paths / sizeof paths[0]) return *why = "The resource path is not supported.", HCS_E_INVALID_JSON;
  if (!(paths[p].requests & req)) return *why = "The request type is not supported for this resource.", SA_E_NOTIMPL;
  if (req != R_REMOVE && paths[p].needs_settings && (!settings || settings->type != SA_JOBJ))
    return *why = "Settings are required.", HCS_E_INVALID_JSON;

  switch (paths[p].kind) {
    case K_MEMORY: {
      if (!is_count(settings)) return *why = "Settings must be the memory size in MB.", HCS_E_INVALID_JSON;
      sa_json *memory = walk(doc, segs, n - 1, 1);
      return memory && sa_json_set(memory, segs[n - 1], sa_json_clone(settings)) ? 0 : SA_E_OUTOFMEMORY;
    }
    case K_SETTING: {
      sa_json *parent = walk(doc, segs, n - 1, 1);
      if (!parent) return *why = "The resource path does not lead to an object.", HCS_E_INVALID_JSON;
      if (req == R_REMOVE) return sa_json_remove(parent, segs[n - 1]), 0;
      sa_json *value = settings ? sa_json_clone(settings) : sa_json_new(SA_JNULL);
      return sa_json_set(parent, segs[n - 1], value) ? 0 : SA_E_OUTOFMEMORY;
    }
    case K_COMPORT: {
      if (strcmp(segs[n - 1], "0") != 0 && strcmp(segs[n - 1], "1") != 0)
        return *why = "Only COM ports 0 and 1 exist.", HCS_E_INVALID_JSON;
      if (settings && !type_ok(sa_json_get(settings, "NamedPipe"), SA_JSTR))
        return *why = "NamedPipe must be a string.", HCS_E_INVALID_JSON;
      sa_json *map = walk(doc, segs, n - 1, req == R_ADD);
      if (!map) return *why = "The device does not exist.", HCS_E_ELEMENT_NOT_FOUND;
      int32_t hr = modify_map(map, segs[n - 1], req, settings, why);
      if (hr == 0) *com_port = segs[n - 1][0] - '0';
      return hr;
    }
    case K_MAP:
    case K_MAP_IN_EXISTING: {
      int in_existing = paths[p].kind == K_MAP_IN_EXISTING;
      sa_json *owner = walk(doc, segs, in_existing ? n - 2 : n - 1, !in_existing && req == R_ADD);
      if (!owner) return *why = "The device does not exist.", HCS_E_ELEMENT_NOT_FOUND;
      sa_json *map = in_existing ? walk(owner, segs + n - 2, 1, req == R_ADD) : owner;
      if (!map) return *why = "The device does not exist.", HCS_E_ELEMENT_NOT_FOUND;
      if (strcmp(segs[2], "Scsi") == 0) {
        int32_t hr = check_scsi_attachment(map, segs[n - 1], req, settings, max_minor, why);
        if (hr) return hr;
      }
      return modify_map(map, segs[n - 1], req, settings, why);
    }
    case K_SHARES:
    case K_SHARES_EXISTING: {
      int existing = paths[p].kind == K_SHARES_EXISTING;
      sa_json *device = walk(doc, segs, n - 1, !existing);
      if (!device)
        return *why = "The device was not part of the compute system when it was created.",
               HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION;
      return modify_shares(device, req, settings, why);
    }
  }
  return HCS_E_INVALID_JSON;
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
