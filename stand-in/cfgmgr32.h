/*
 * The ABI of the cfgmgr32 stand-in (README "cfgmgr32"): the CONFIGRET codes, flags, property types
 * and DEVPROPKEYs it answers with, as Microsoft's cfgmgr32.h, devpropdef.h and devpkey.h define them.
 * The Windows build includes the SDK headers (mingw-w64's copies) and checks every value here against
 * them at compile time (constants) and when it loads (the DEVPROPKEY structures), so a binding that
 * passes this stand-in under wine passes the headers' values.
 */
#ifndef HAKO_STAND_IN_CFGMGR32_H
#define HAKO_STAND_IN_CFGMGR32_H

#include <stdint.h>

#include "common.h"

/* CONFIGRET (cfgmgr32.h) */
#define SA_CR_SUCCESS 0x00u
#define SA_CR_OUT_OF_MEMORY 0x02u
#define SA_CR_INVALID_POINTER 0x03u
#define SA_CR_INVALID_FLAG 0x04u
#define SA_CR_INVALID_DEVNODE 0x05u
#define SA_CR_NO_SUCH_DEVNODE 0x0Du
#define SA_CR_FAILURE 0x13u
#define SA_CR_BUFFER_SMALL 0x1Au
#define SA_CR_INVALID_DEVICE_ID 0x1Eu
#define SA_CR_NO_SUCH_VALUE 0x25u
#define SA_CR_NO_SUCH_DEVICE_INTERFACE 0x37u

/* Flags (cfgmgr32.h) */
#define SA_CM_GET_DEVICE_INTERFACE_LIST_PRESENT 0x0u
#define SA_CM_GET_DEVICE_INTERFACE_LIST_ALL_DEVICES 0x1u
#define SA_CM_GET_DEVICE_INTERFACE_LIST_BITS 0x1u
#define SA_CM_LOCATE_DEVNODE_NORMAL 0x0u
#define SA_CM_LOCATE_DEVNODE_PHANTOM 0x1u
#define SA_CM_LOCATE_DEVNODE_BITS 0x7u

/* DEVPROPTYPE (devpropdef.h) */
#define SA_DEVPROP_TYPE_FILETIME 0x10u
#define SA_DEVPROP_TYPE_STRING 0x12u

/* DEVPROPKEY: { GUID fmtid; DEVPROPID pid; } — 20 bytes, 4-aligned. */
typedef struct {
  sa_guid fmtid;
  uint32_t pid;
} sa_propkey;

/* The properties the stand-in knows, in the order of its key table (cfgmgr32.c). */
enum {
  SA_KEY_INSTANCE_ID,     /* DEVPKEY_Device_InstanceId */
  SA_KEY_FRIENDLY_NAME,   /* DEVPKEY_Device_FriendlyName */
  SA_KEY_DEVICE_DESC,     /* DEVPKEY_Device_DeviceDesc */
  SA_KEY_MANUFACTURER,    /* DEVPKEY_Device_Manufacturer */
  SA_KEY_DRIVER_VERSION,  /* DEVPKEY_Device_DriverVersion */
  SA_KEY_DRIVER_DATE,     /* DEVPKEY_Device_DriverDate (FILETIME) */
  SA_KEY_DRIVER_PROVIDER, /* DEVPKEY_Device_DriverProvider */
  SA_KEY_LOCATION_INFO,   /* DEVPKEY_Device_LocationInfo */
  SA_KEY_COUNT
};

#endif
