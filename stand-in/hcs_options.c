/*
 * What a build of HCS knows (computecore stand-in, see hcs_model.h): the option documents of Pause,
 * Save, Crash and Shutdown field by field with the schema version that introduced each field, and the
 * create-document fields that arrived with a later build. Microsoft's HCS schema reference
 * (learn.microsoft.com/virtualization/api/hcs/schemareference, "NewInVersion" and "Schema Version
 * Map") gives the versions; the fields it does not list come from the build-by-build schema notes the
 * document builder follows (app/compute/gates.ts). A field the build does not know is refused, as the
 * strictest plausible reading of "a field the schema does not know is invalid".
 */
#include <string.h>

#include "hcs_model.h"

typedef struct {
  const char *name;
  int minor;              /* schema 2.<minor> introduced the field */
  sa_jtype type;          /* SA_JSTR, SA_JBOOL or SA_JOBJ */
  const char *const *values; /* enum spellings for strings, NULL = any string */
} field;

static const char *const suspension_levels[] = {"Suspend", "MemoryLow", "MemoryMedium", "MemoryHigh", NULL};
static const char *const save_types[] = {"ToFile", "AsTemplate", NULL};
static const char *const crash_types[] = {"CrashGuest", NULL};
static const char *const mechanisms[] = {"GuestConnection", "IntegrationService", NULL};
static const char *const shutdown_types[] = {"Shutdown", "Hibernate", "Reboot", NULL};
static const char *const pause_reasons[] = {"None", "Save", "Template", NULL};

static const field pause_fields[] = {
    {"SuspensionLevel", 0, SA_JSTR, suspension_levels}, {"HostedNotification", 1, SA_JOBJ, NULL}, {NULL, 0, 0, NULL}};
static const field notification_fields[] = {{"Reason", 1, SA_JSTR, pause_reasons}, {NULL, 0, 0, NULL}};
static const field save_fields[] = {
    {"SaveType", 1, SA_JSTR, save_types}, {"SaveStateFilePath", 1, SA_JSTR, NULL}, {NULL, 0, 0, NULL}};
static const field crash_fields[] = {{"Type", 3, SA_JSTR, crash_types}, {NULL, 0, 0, NULL}};
static const field shutdown_fields[] = {{"Mechanism", 5, SA_JSTR, mechanisms},
                                        {"Type", 5, SA_JSTR, shutdown_types},
                                        {"Force", 5, SA_JBOOL, NULL},
                                        {"Reason", 5, SA_JSTR, NULL},
                                        {NULL, 0, 0, NULL}};

static int one_of(const char *value, const char *const *values) {
  for (; *values; values++)
    if (strcmp(value, *values) == 0) return 1;
  return 0;
}

static int32_t check_fields(const sa_json *object, const field *fields, int max_minor, const char **why) {
  if (object->type != SA_JOBJ) return *why = "The options are not a JSON object.", HCS_E_INVALID_JSON;
  for (size_t i = 0; i < object->count; i++) {
    const field *f = fields;
    while (f->name && strcmp(f->name, object->keys[i]) != 0) f++;
    if (!f->name || f->minor > max_minor) return *why = "The options name a field this host does not know.", HCS_E_INVALID_JSON;
    const sa_json *v = object->items[i];
    if (v->type != f->type) return *why = "A field of the options has the wrong type.", HCS_E_INVALID_JSON;
    if (f->type == SA_JSTR && f->values && !one_of(v->string, f->values))
      return *why = "A field of the options has a value this host does not know.", HCS_E_INVALID_JSON;
    if (f->type == SA_JOBJ) {
      int32_t hr = check_fields(v, notification_fields, max_minor, why);
      if (hr) return hr;
    }
  }
  return 0;
}

int32_t hcs_check_options(hcs_options_kind kind, const sa_json *options, int max_minor, const char **why) {
  if (!options) return 0;
  switch (kind) {
    case HCS_OPTIONS_PAUSE: return check_fields(options, pause_fields, max_minor, why);
    case HCS_OPTIONS_SAVE: return check_fields(options, save_fields, max_minor, why);
    case HCS_OPTIONS_CRASH: return check_fields(options, crash_fields, max_minor, why);
    case HCS_OPTIONS_SHUTDOWN:
      if (max_minor < 5) return *why = "This host takes no shutdown options.", HCS_E_INVALID_JSON;
      return check_fields(options, shutdown_fields, max_minor, why);
  }
  return *why = "Unknown options.", HCS_E_INVALID_JSON;
}

/* A SCSI Attachment (schema reference "Attachment"): Type 2.0, Path 2.0, ReadOnly 2.0, CachingMode 2.1,
 * SupportCompressedVolumes 2.3, AlwaysAllowSparseFiles and SupportEncryptedFiles 2.6. */
static const char *const attachment_types[] = {"VirtualDisk", "Iso", "PassThru", NULL};
static const char *const caching_modes[] = {"Uncached", "Cached", "ReadOnlyCached", NULL};
static const field attachment_fields[] = {{"Type", 0, SA_JSTR, attachment_types},
                                          {"Path", 0, SA_JSTR, NULL},
                                          {"ReadOnly", 0, SA_JBOOL, NULL},
                                          {"CachingMode", 1, SA_JSTR, caching_modes},
                                          {"SupportCompressedVolumes", 3, SA_JBOOL, NULL},
                                          {"AlwaysAllowSparseFiles", 6, SA_JBOOL, NULL},
                                          {"SupportEncryptedFiles", 6, SA_JBOOL, NULL},
                                          {NULL, 0, 0, NULL}};

int32_t hcs_check_attachment(const sa_json *settings, int max_minor, const char **why) {
  int32_t hr = check_fields(settings, attachment_fields, max_minor, why);
  if (hr) return hr;
  const char *type = sa_json_string(sa_json_get(settings, "Type"));
  const char *path = sa_json_string(sa_json_get(settings, "Path"));
  /* The strictest plausible reading: a request names what it attaches. An empty Path is an empty DVD
   * drive (NanaBox sends "" for a VirtualImage without a file); a disk without a file is refused. */
  if (!type || !path) return *why = "An attachment needs a Type and a Path.", HCS_E_INVALID_JSON;
  if (!*path && strcmp(type, "Iso") != 0) return *why = "Only an Iso attachment may be empty.", HCS_E_INVALID_JSON;
  return 0;
}

/* Create-document fields that a later build brought, each refused before it. */
static const struct {
  const char *path[5];
  int min_build;
} build_fields[] = {
    {{"VirtualMachine", "Services", NULL}, 20348},                          /* schema 2.5 */
    {{"VirtualMachine", "SecuritySettings", NULL}, 20348},                  /* schema assembly of 20348 */
    {{"VirtualMachine", "Chipset", "SystemInformation", NULL}, 20348},      /* idem */
    {{"VirtualMachine", "Devices", "VideoMonitor", "ResolutionType", NULL}, 20348},
    {{"VirtualMachine", "ComputeTopology", "Compatibility", NULL}, 26100},  /* schema assembly of 26100 */
};

static const char *const service_names[] = {"Heartbeat", "Shutdown", "Timesync", "KvpExchange", NULL};

int32_t hcs_check_build_fields(const sa_json *doc, int build, const char **why) {
  for (size_t i = 0; i < sizeof build_fields / sizeof *build_fields; i++) {
    const sa_json *v = doc;
    for (int k = 0; v && build_fields[i].path[k]; k++) v = sa_json_get(v, build_fields[i].path[k]);
    if (v && build < build_fields[i].min_build) return *why = "The document names a field this host does not know.", HCS_E_INVALID_JSON;
  }
  const sa_json *services = sa_json_at(doc, "VirtualMachine", "Services", NULL);
  if (services) {
    if (services->type != SA_JOBJ) return *why = "VirtualMachine.Services is not an object.", HCS_E_INVALID_JSON;
    for (size_t i = 0; i < services->count; i++)
      if (!one_of(services->keys[i], service_names) || services->items[i]->type != SA_JOBJ)
        return *why = "VirtualMachine.Services names an unknown integration service.", HCS_E_INVALID_JSON;
  }
  return 0;
}
