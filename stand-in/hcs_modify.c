/* HcsModifyComputeSystem's device model: resource paths and what each request does to the VM's
 * document; see hcs_modify in hcs_model.h. */
#include "hcs_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <windows.h>
#endif

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
      if (!hcs_json_is_count(settings)) return *why = "Settings must be the memory size in MB.", HCS_E_INVALID_JSON;
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
      if (settings && !hcs_json_type_ok(sa_json_get(settings, "NamedPipe"), SA_JSTR))
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
