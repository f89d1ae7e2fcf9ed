/*
 * Stand-in for cfgmgr32.dll, the part Hako uses to list the host's GPUs (README "cfgmgr32"):
 * CM_Get_Device_Interface_List_SizeW / CM_Get_Device_Interface_ListW, CM_Get_Device_Interface_PropertyW,
 * CM_Locate_DevNodeW and CM_Get_DevNode_PropertyW, over a small in-memory device tree: two GPUs with
 * GPU paravirtualization interfaces, one whose device node has gone (its properties fail), one that is
 * not present, and a display-adapter interface of another class. Behaviour follows Microsoft's
 * cfgmgr32 reference pages (learn.microsoft.com/windows/win32/api/cfgmgr32/); where they say nothing the
 * stand-in takes the strictest reading, marked in the README.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#define _CFGMGR32_ /* cfgmgr32.h then declares the functions without dllimport: these are the definitions */
#define INITGUID   /* devpkey.h then defines the DEVPROPKEYs, compared with this file's table below */
#include <windows.h>
#include <cfgmgr32.h>
#include <devpkey.h>
#endif

#include "cfgmgr32.h"

/* The exports' parameter types: the SDK's own on Windows, so the compiler checks the definitions below
 * against cfgmgr32.h's declarations; the same sizes elsewhere. */
#ifdef _WIN32
typedef WCHAR wch;
typedef GUID class_guid;
typedef DEVPROPKEY prop_key;
typedef DEVPROPTYPE prop_type;
typedef ULONG ulong32;
typedef DEVINST devinst;
typedef BYTE octet;
_Static_assert(CR_SUCCESS == SA_CR_SUCCESS && CR_OUT_OF_MEMORY == SA_CR_OUT_OF_MEMORY && CR_INVALID_POINTER == SA_CR_INVALID_POINTER &&
                   CR_INVALID_FLAG == SA_CR_INVALID_FLAG && CR_INVALID_DEVNODE == SA_CR_INVALID_DEVNODE &&
                   CR_NO_SUCH_DEVNODE == SA_CR_NO_SUCH_DEVNODE && CR_FAILURE == SA_CR_FAILURE && CR_BUFFER_SMALL == SA_CR_BUFFER_SMALL &&
                   CR_INVALID_DEVICE_ID == SA_CR_INVALID_DEVICE_ID && CR_NO_SUCH_VALUE == SA_CR_NO_SUCH_VALUE &&
                   CR_NO_SUCH_DEVICE_INTERFACE == SA_CR_NO_SUCH_DEVICE_INTERFACE,
               "CONFIGRET values (cfgmgr32.h)");
_Static_assert(CM_GET_DEVICE_INTERFACE_LIST_PRESENT == SA_CM_GET_DEVICE_INTERFACE_LIST_PRESENT &&
                   CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES == SA_CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES &&
                   CM_GET_DEVICE_INTERFACE_LIST_BITS == SA_CM_GET_DEVICE_INTERFACE_LIST_BITS &&
                   CM_LOCATE_DEVNODE_NORMAL == SA_CM_LOCATE_DEVNODE_NORMAL && CM_LOCATE_DEVNODE_PHANTOM == SA_CM_LOCATE_DEVNODE_PHANTOM &&
                   CM_LOCATE_DEVNODE_BITS == SA_CM_LOCATE_DEVNODE_BITS,
               "flags (cfgmgr32.h)");
_Static_assert(DEVPROP_TYPE_STRING == SA_DEVPROP_TYPE_STRING && DEVPROP_TYPE_FILETIME == SA_DEVPROP_TYPE_FILETIME, "DEVPROPTYPE (devpropdef.h)");
_Static_assert(sizeof(DEVPROPKEY) == sizeof(sa_propkey) && sizeof(DEVPROPKEY) == 20, "DEVPROPKEY (devpropdef.h)");
_Static_assert(sizeof(GUID) == sizeof(sa_guid) && sizeof(WCHAR) == sizeof(char16_t) && sizeof(ULONG) == 4, "GUID, WCHAR, ULONG");
#else
typedef char16_t wch;
typedef sa_guid class_guid;
typedef sa_propkey prop_key;
typedef uint32_t prop_type;
typedef uint32_t ulong32;
typedef uint32_t devinst;
typedef uint8_t octet;
#endif
_Static_assert(sizeof(sa_propkey) == 20, "DEVPROPKEY is 20 bytes");

/* The keys, in SA_KEY_* order (devpkey.h). */
static const sa_propkey g_keys[SA_KEY_COUNT] = {
    {{0x78c34fc8, 0x104a, 0x4aca, {0x9e, 0xa4, 0x52, 0x4d, 0x52, 0x99, 0x6e, 0x57}}, 256}, /* InstanceId */
    {{0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}}, 14},  /* FriendlyName */
    {{0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}}, 2},   /* DeviceDesc */
    {{0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}}, 13},  /* Manufacturer */
    {{0xa8b865dd, 0x2e3d, 0x4094, {0xad, 0x97, 0xe5, 0x93, 0xa7, 0x0c, 0x75, 0xd6}}, 3},   /* DriverVersion */
    {{0xa8b865dd, 0x2e3d, 0x4094, {0xad, 0x97, 0xe5, 0x93, 0xa7, 0x0c, 0x75, 0xd6}}, 2},   /* DriverDate */
    {{0xa8b865dd, 0x2e3d, 0x4094, {0xad, 0x97, 0xe5, 0x93, 0xa7, 0x0c, 0x75, 0xd6}}, 9},   /* DriverProvider */
    {{0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}}, 15},  /* LocationInfo */
};

/* The interface classes: GPU paravirtualization (the class of Get-VMHostPartitionableGpu's names and of
 * NanaBox's SelectedDevices paths) and GUID_DEVINTERFACE_DISPLAY_ADAPTER (ntddvdeo.h). */
static const sa_guid GPU_CLASS = {0x064092b3, 0x625e, 0x43bf, {0x9e, 0xb5, 0xdc, 0x84, 0x58, 0x97, 0xdd, 0x59}};
static const sa_guid DISPLAY_CLASS = {0x5b45201d, 0xf2f2, 0x4f3b, {0x85, 0xbb, 0x30, 0xff, 0x1f, 0x95, 0x35, 0x99}};

#define MAX_TEXT 160
#define MAX_DEVICES 64
#define DEVINST_BASE 0x1000u

typedef struct {
  char instance_id[MAX_TEXT];
  int present;
  int removed; /* listed, but its device node is gone: CM_Locate_DevNodeW fails */
  const char *text[SA_KEY_COUNT]; /* string properties; NULL = not set */
  uint64_t driver_date;           /* FILETIME; 0 = not set */
} device;

typedef struct {
  char path[2 * MAX_TEXT];
  sa_guid cls;
  int device;
} iface;

enum { F_SIZE, F_LIST, F_IFACE_PROP, F_LOCATE, F_NODE_PROP, F_COUNT };
static const char *const g_names[F_COUNT] = {"CM_Get_Device_Interface_List_SizeW", "CM_Get_Device_Interface_ListW",
                                             "CM_Get_Device_Interface_PropertyW", "CM_Locate_DevNodeW", "CM_Get_DevNode_PropertyW"};

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static device g_devices[MAX_DEVICES];
static iface g_ifaces[2 * MAX_DEVICES];
static int g_device_count, g_iface_count, g_initialised, g_keys_ok = -1;
static uint32_t g_grow_after_size, g_hotplugged;
static int32_t g_calls[F_COUNT];

static uint64_t filetime(int64_t unix_seconds) { return (uint64_t)(unix_seconds + 11644473600LL) * 10000000ull; }

static int add_device(const char *instance_id, int present, int removed, const char *friendly, const char *desc, const char *maker,
                      const char *version, int64_t date, const char *location) {
  if (g_device_count == MAX_DEVICES) return -1;
  device *d = &g_devices[g_device_count];
  memset(d, 0, sizeof *d);
  snprintf(d->instance_id, sizeof d->instance_id, "%s", instance_id);
  d->present = present;
  d->removed = removed;
  d->text[SA_KEY_FRIENDLY_NAME] = friendly;
  d->text[SA_KEY_DEVICE_DESC] = desc;
  d->text[SA_KEY_MANUFACTURER] = d->text[SA_KEY_DRIVER_PROVIDER] = maker;
  d->text[SA_KEY_DRIVER_VERSION] = version;
  d->text[SA_KEY_LOCATION_INFO] = location;
  d->driver_date = date ? filetime(date) : 0;
  return g_device_count++;
}

/* `\\?\` + the instance id with `\` as `#` + `#{class}` + the reference string (if any). */
static void add_iface(int dev, const sa_guid *cls, const char *reference) {
  if (dev < 0 || g_iface_count == 2 * MAX_DEVICES) return;
  iface *f = &g_ifaces[g_iface_count++];
  char id[MAX_TEXT], guid[37];
  snprintf(id, sizeof id, "%s", g_devices[dev].instance_id);
  for (char *p = id; *p; p++)
    if (*p == '\\') *p = '#';
  sa_guid_format(cls, guid);
  snprintf(f->path, sizeof f->path, "\\\\?\\%s#{%s}%s%s", id, guid, reference ? "\\" : "", reference ? reference : "");
  f->cls = *cls;
  f->device = dev;
}

static void reset_locked(void) {
  g_device_count = g_iface_count = 0;
  g_grow_after_size = g_hotplugged = 0;
  /* The NVIDIA adapter of NanaBox's example file (ConfigurationReference's SelectedDevices). */
  int nvidia = add_device("PCI\\VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1\\4&38ab2860&0&0008", 1, 0, "NVIDIA GeForce GTX 1050 Ti",
                          "NVIDIA GeForce GTX 1050 Ti", "NVIDIA", "32.0.15.6094", 1723593600 /* 2024-08-14 */, "PCI bus 1, device 0, function 0");
  add_iface(nvidia, &GPU_CLASS, "GPUPARAV");
  add_iface(nvidia, &DISPLAY_CLASS, NULL);
  /* Display adapters often have no FriendlyName, only a DeviceDesc. */
  int intel = add_device("PCI\\VEN_8086&DEV_3E92&SUBSYS_86941043&REV_00\\3&11583659&0&10", 1, 0, NULL, "Intel(R) UHD Graphics 630",
                         "Intel Corporation", "31.0.101.2127", 1706745600 /* 2024-02-01 */, "PCI bus 0, device 2, function 0");
  add_iface(intel, &GPU_CLASS, "GPUPARAV");
  /* Its device node went away after the list was read: every devnode property fails. */
  int gone = add_device("PCI\\VEN_1002&DEV_73BF&SUBSYS_0E3A1002&REV_C1\\6&2b1c9a3f&0&00000019", 1, 1, "AMD Radeon RX 6800 XT",
                        "AMD Radeon RX 6800 XT", "Advanced Micro Devices, Inc.", "31.0.24027.1012", 1700000000, NULL);
  add_iface(gone, &GPU_CLASS, "GPUPARAV");
  /* Installed but not present (unplugged): listed only with CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES. */
  int absent = add_device("PCI\\VEN_10DE&DEV_2504&SUBSYS_397D1462&REV_A1\\4&1c3f2a7b&0&0009", 0, 0, NULL, "NVIDIA GeForce RTX 3060",
                          "NVIDIA", "32.0.15.6094", 1723593600, NULL);
  add_iface(absent, &GPU_CLASS, "GPUPARAV");
  g_initialised = 1;
}

#ifdef _WIN32
static const DEVPROPKEY *const sdk_keys[SA_KEY_COUNT] = {&DEVPKEY_Device_InstanceId,    &DEVPKEY_Device_FriendlyName,
                                                         &DEVPKEY_Device_DeviceDesc,    &DEVPKEY_Device_Manufacturer,
                                                         &DEVPKEY_Device_DriverVersion, &DEVPKEY_Device_DriverDate,
                                                         &DEVPKEY_Device_DriverProvider, &DEVPKEY_Device_LocationInfo};
#endif

/* Every export starts here: the stall window, the lock, the call count, and (Windows) the check of the
 * key table against devpkey.h. Returns 0 when the stand-in cannot answer (mismatched table). */
static int enter(int function) {
  sa_stall_point(g_names[function]);
  pthread_mutex_lock(&g_mu);
  if (!g_initialised) reset_locked();
  g_calls[function]++;
  if (g_keys_ok < 0) {
    g_keys_ok = 1;
#ifdef _WIN32
    for (int i = 0; i < SA_KEY_COUNT; i++)
      if (memcmp(&g_keys[i], sdk_keys[i], sizeof g_keys[i]) != 0) g_keys_ok = 0;
    if (!g_keys_ok) fprintf(stderr, "hako stand-in cfgmgr32: the DEVPROPKEY table differs from devpkey.h\n");
#endif
  }
  return g_keys_ok;
}

static ulong32 leave(ulong32 cr) {
  pthread_mutex_unlock(&g_mu);
  return cr;
}

static int iface_listed(const iface *f, const sa_guid *cls, const char *device_id, ulong32 flags) {
  const device *d = &g_devices[f->device];
  if (memcmp(&f->cls, cls, sizeof *cls) != 0) return 0;
  if (device_id && *device_id && !sa_strieq(device_id, d->instance_id)) return 0;
  return (flags & SA_CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES) || d->present;
}

static int device_by_id(const char *id) {
  for (int i = 0; i < g_device_count; i++)
    if (sa_strieq(g_devices[i].instance_id, id)) return i;
  return -1;
}

/* The list's length in UTF-16 units, with every string's NUL and the final one. Checks the arguments. */
static ulong32 list_length(const class_guid *cls, const wch *device_id, ulong32 flags, ulong32 *length, char **id_out) {
  if (!cls) return SA_CR_INVALID_POINTER;
  if (flags & ~SA_CM_GET_DEVICE_INTERFACE_LIST_BITS) return SA_CR_INVALID_FLAG;
  char *id = device_id && *device_id ? sa_u16_to_utf8((const char16_t *)device_id) : NULL;
  if (device_id && *device_id && (!id || device_by_id(id) < 0)) {
    free(id);
    return SA_CR_INVALID_DEVICE_ID; /* stricter than known: a device id that names no device */
  }
  ulong32 n = 1;
  for (int i = 0; i < g_iface_count; i++)
    if (iface_listed(&g_ifaces[i], (const sa_guid *)cls, id, flags)) n += (ulong32)strlen(g_ifaces[i].path) + 1;
  *length = n;
  *id_out = id;
  return SA_CR_SUCCESS;
}

/* A device that appears between the size call and the list call (StandInCfgGrowAfterSizeCall). */
static void hotplug_locked(void) {
  char id[MAX_TEXT];
  uint32_t n = g_hotplugged++;
  snprintf(id, sizeof id, "PCI\\VEN_1414&DEV_008E&SUBSYS_00000000&REV_00\\5&%x&0&%02x", 0x51a7u + n, n & 0xffu);
  add_iface(add_device(id, 1, 0, NULL, "Hako stand-in hot-plugged GPU", "Hako", "1.0.0.0", 1735689600, NULL), &GPU_CLASS, "GPUPARAV");
}

SA_EXPORT ulong32 SA_CALL CM_Get_Device_Interface_List_SizeW(ulong32 *pulLen, class_guid *InterfaceClassGuid, wch *pDeviceID, ulong32 ulFlags) {
  if (!enter(F_SIZE)) return leave(SA_CR_FAILURE);
  if (!pulLen) return leave(SA_CR_INVALID_POINTER);
  char *id = NULL;
  ulong32 cr = list_length(InterfaceClassGuid, pDeviceID, ulFlags, pulLen, &id);
  free(id);
  if (cr == SA_CR_SUCCESS && g_grow_after_size > 0) {
    g_grow_after_size--;
    hotplug_locked();
  }
  return leave(cr);
}

SA_EXPORT ulong32 SA_CALL CM_Get_Device_Interface_ListW(class_guid *InterfaceClassGuid, wch *pDeviceID, wch *Buffer, ulong32 BufferLen, ulong32 ulFlags) {
  if (!enter(F_LIST)) return leave(SA_CR_FAILURE);
  if (!Buffer || BufferLen == 0) return leave(SA_CR_INVALID_POINTER);
  ulong32 needed = 0;
  char *id = NULL;
  ulong32 cr = list_length(InterfaceClassGuid, pDeviceID, ulFlags, &needed, &id);
  if (cr == SA_CR_SUCCESS && needed > BufferLen) {
    /* Stricter than known: what a too-small buffer holds afterwards is not documented, so it holds junk. */
    for (ulong32 i = 0; i < BufferLen; i++) Buffer[i] = (wch)0xFFFD;
    cr = SA_CR_BUFFER_SMALL;
  }
  if (cr == SA_CR_SUCCESS) {
    wch *out = Buffer;
    for (int i = 0; i < g_iface_count; i++) {
      if (!iface_listed(&g_ifaces[i], (const sa_guid *)InterfaceClassGuid, id, ulFlags)) continue;
      for (const char *p = g_ifaces[i].path; *p; p++) *out++ = (wch)(unsigned char)*p; /* the paths are ASCII */
      *out++ = 0;
    }
    *out = 0;
  }
  free(id);
  return leave(cr);
}

/* Copies a property out as the reference pages say: the size in bytes back, the value only when it fits. */
static ulong32 property_out(int device_index, int key, prop_type *PropertyType, octet *PropertyBuffer, ulong32 *PropertyBufferSize) {
  const device *d = &g_devices[device_index];
  uint8_t value[2 * (MAX_TEXT + 1)];
  ulong32 size = 0, type = SA_DEVPROP_TYPE_STRING;
  const char *text = key == SA_KEY_INSTANCE_ID ? d->instance_id : d->text[key];
  if (key == SA_KEY_DRIVER_DATE) {
    if (!d->driver_date) return SA_CR_NO_SUCH_VALUE;
    memcpy(value, &d->driver_date, 8);
    size = 8;
    type = SA_DEVPROP_TYPE_FILETIME;
  } else {
    if (!text) return SA_CR_NO_SUCH_VALUE;
    char16_t *u16 = sa_utf8_to_u16(text);
    if (!u16) return SA_CR_OUT_OF_MEMORY;
    size = (ulong32)((sa_u16len(u16) + 1) * sizeof *u16);
    memcpy(value, u16, size);
    free(u16);
  }
  ulong32 given = *PropertyBufferSize;
  *PropertyBufferSize = size;
  /* Stricter than known: PropertyType is written only with the value. */
  if (given < size || !PropertyBuffer) return SA_CR_BUFFER_SMALL;
  memcpy(PropertyBuffer, value, size);
  *PropertyType = type;
  return SA_CR_SUCCESS;
}

static int key_index(const prop_key *k) {
  for (int i = 0; i < SA_KEY_COUNT; i++)
    if (memcmp(k, &g_keys[i], sizeof g_keys[i]) == 0) return i;
  return -1;
}

/* The checks both property getters make (the reference pages: a NULL buffer needs a size of 0; ulFlags is
 * reserved and must be 0). */
static ulong32 property_args(const prop_key *PropertyKey, prop_type *PropertyType, octet *PropertyBuffer, ulong32 *PropertyBufferSize, ulong32 ulFlags) {
  if (!PropertyKey || !PropertyType || !PropertyBufferSize) return SA_CR_INVALID_POINTER;
  if (!PropertyBuffer && *PropertyBufferSize != 0) return SA_CR_INVALID_POINTER;
  if (ulFlags) return SA_CR_INVALID_FLAG;
  return SA_CR_SUCCESS;
}

SA_EXPORT ulong32 SA_CALL CM_Get_Device_Interface_PropertyW(const wch *pszDeviceInterface, const prop_key *PropertyKey, prop_type *PropertyType,
                                                           octet *PropertyBuffer, ulong32 *PropertyBufferSize, ulong32 ulFlags) {
  if (!enter(F_IFACE_PROP)) return leave(SA_CR_FAILURE);
  if (!pszDeviceInterface) return leave(SA_CR_INVALID_POINTER);
  ulong32 cr = property_args(PropertyKey, PropertyType, PropertyBuffer, PropertyBufferSize, ulFlags);
  if (cr) return leave(cr);
  char *path = sa_u16_to_utf8((const char16_t *)pszDeviceInterface);
  int found = -1;
  for (int i = 0; path && i < g_iface_count && found < 0; i++)
    if (sa_strieq(g_ifaces[i].path, path)) found = i;
  free(path);
  if (found < 0) return leave(SA_CR_NO_SUCH_DEVICE_INTERFACE);
  /* Of the device properties, an interface answers only the instance id of its device. */
  if (key_index(PropertyKey) != SA_KEY_INSTANCE_ID) return leave(SA_CR_NO_SUCH_VALUE);
  return leave(property_out(g_ifaces[found].device, SA_KEY_INSTANCE_ID, PropertyType, PropertyBuffer, PropertyBufferSize));
}

SA_EXPORT ulong32 SA_CALL CM_Locate_DevNodeW(devinst *pdnDevInst, wch *pDeviceID, ulong32 ulFlags) {
  if (!enter(F_LOCATE)) return leave(SA_CR_FAILURE);
  if (!pdnDevInst) return leave(SA_CR_INVALID_POINTER);
  if (ulFlags & ~SA_CM_LOCATE_DEVNODE_BITS) return leave(SA_CR_INVALID_FLAG);
  *pdnDevInst = 0;
  /* Stricter than known: the root device node (a NULL or empty id) has none of these properties, so it
   * is refused rather than served. */
  if (!pDeviceID || !*pDeviceID) return leave(SA_CR_INVALID_DEVICE_ID);
  char *id = sa_u16_to_utf8((const char16_t *)pDeviceID);
  int dev = id ? device_by_id(id) : -1;
  free(id);
  if (dev < 0 || g_devices[dev].removed) return leave(SA_CR_NO_SUCH_DEVNODE);
  /* CM_LOCATE_DEVNODE_NORMAL finds only devices that are present; PHANTOM finds the others too. */
  if (!g_devices[dev].present && !(ulFlags & SA_CM_LOCATE_DEVNODE_PHANTOM)) return leave(SA_CR_NO_SUCH_DEVNODE);
  *pdnDevInst = DEVINST_BASE + (devinst)dev;
  return leave(SA_CR_SUCCESS);
}

SA_EXPORT ulong32 SA_CALL CM_Get_DevNode_PropertyW(devinst dnDevInst, const prop_key *PropertyKey, prop_type *PropertyType, octet *PropertyBuffer,
                                                  ulong32 *PropertyBufferSize, ulong32 ulFlags) {
  if (!enter(F_NODE_PROP)) return leave(SA_CR_FAILURE);
  ulong32 cr = property_args(PropertyKey, PropertyType, PropertyBuffer, PropertyBufferSize, ulFlags);
  if (cr) return leave(cr);
  if (dnDevInst < DEVINST_BASE || dnDevInst - DEVINST_BASE >= (devinst)g_device_count || g_devices[dnDevInst - DEVINST_BASE].removed)
    return leave(SA_CR_INVALID_DEVNODE);
  int key = key_index(PropertyKey);
  if (key < 0) return leave(SA_CR_NO_SUCH_VALUE);
  return leave(property_out((int)(dnDevInst - DEVINST_BASE), key, PropertyType, PropertyBuffer, PropertyBufferSize));
}

/* ==== Test-only exports =========================================================================== */

SA_EXPORT void SA_CALL StandInCfgReset(void) {
  pthread_mutex_lock(&g_mu);
  reset_locked();
  memset(g_calls, 0, sizeof g_calls);
  pthread_mutex_unlock(&g_mu);
  sa_stall_clear();
}

/* Each of the next `times` successful size calls is followed by a new GPU appearing, so the list call
 * that uses the size finds a longer list (CR_BUFFER_SMALL). */
SA_EXPORT void SA_CALL StandInCfgGrowAfterSizeCall(uint32_t times) {
  pthread_mutex_lock(&g_mu);
  if (!g_initialised) reset_locked();
  g_grow_after_size = times;
  pthread_mutex_unlock(&g_mu);
}

/* Calls of `function` since the last reset; -1 for a name that is not an export. */
SA_EXPORT int32_t SA_CALL StandInCfgCallCount(const char16_t *function) {
  char *name = function ? sa_u16_to_utf8(function) : NULL;
  int32_t n = -1;
  pthread_mutex_lock(&g_mu);
  for (int i = 0; name && i < F_COUNT; i++)
    if (strcmp(name, g_names[i]) == 0) n = g_calls[i];
  pthread_mutex_unlock(&g_mu);
  free(name);
  return n;
}

SA_EXPORT void SA_CALL StandInCfgStall(const char16_t *function, uint32_t ms) {
  char *name = function ? sa_u16_to_utf8(function) : NULL;
  if (!name) return;
  sa_stall_set(name, ms);
  free(name);
}
