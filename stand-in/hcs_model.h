/*
 * The document side of the computecore stand-in: HRESULTs and their messages, the build profile,
 * create-document validation and the Modify device model (Microsoft's HCS reference and schema reference). Pure functions on
 * parsed JSON: no locks, no threads, no handles.
 */
#ifndef HAKO_STAND_IN_HCS_MODEL_H
#define HAKO_STAND_IN_HCS_MODEL_H

#include "common.h"

#define HCS_E_INVALID_STATE ((int32_t)0x80370105u)
#define HCS_E_UNEXPECTED_EXIT ((int32_t)0x80370106u)
#define HCS_E_INVALID_JSON ((int32_t)0x8037010Du)
#define HCS_E_SYSTEM_NOT_FOUND ((int32_t)0x8037010Eu)
#define HCS_E_SYSTEM_ALREADY_EXISTS ((int32_t)0x8037010Fu)
#define HCS_E_SYSTEM_ALREADY_STOPPED ((int32_t)0x80370110u)
#define HCS_E_OPERATION_NOT_STARTED ((int32_t)0x80370115u)
#define HCS_E_OPERATION_ALREADY_STARTED ((int32_t)0x80370116u)
#define HCS_E_OPERATION_PENDING ((int32_t)0x80370117u)
#define HCS_E_OPERATION_TIMEOUT ((int32_t)0x80370118u)
#define HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET ((int32_t)0x80370119u)
#define HCS_E_OPERATION_RESULT_ALLOCATION_FAILED ((int32_t)0x8037011Au)
#define HCS_E_SYSTEM_NOT_CONFIGURED_FOR_OPERATION ((int32_t)0x80370120u)
#define HCS_E_ELEMENT_NOT_FOUND ((int32_t)0x80070490u) /* HRESULT_FROM_WIN32(ERROR_NOT_FOUND) */
#define HCS_E_ALREADY_EXISTS ((int32_t)0x800700B7u)    /* HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS) */
#define HCS_E_INVALID_DATA ((int32_t)0x8007000Du)      /* HRESULT_FROM_WIN32(ERROR_INVALID_DATA) */
#define HCS_E_ACCESS_DENIED_WIN32 ((int32_t)0x80070005u)
#define HCS_E_NOT_SUPPORTED ((int32_t)0x80070032u)       /* HRESULT_FROM_WIN32(ERROR_NOT_SUPPORTED) */
/* The stand-in's own failure for a call that waited too long for a running callback (README, "The
 * dispatch lock"): a customer-defined HRESULT (bit 29) so that it can never be mistaken for one of
 * Windows' codes. */
#define STAND_IN_E_CALLBACK_DEADLOCK ((int32_t)0xA037DEADu)

/* The Windows build being emulated: $HAKO_STAND_IN_BUILD, else 26100 (17763 for the 1809 variant). */
int hcs_build(void);
/* Highest schema 2.x minor version of a build (the schema reference's version map; 26100 is not in it,
 * 2.8 assumed). */
int hcs_schema_minor(int build);

/* A short text for ResultError.ErrorMessage. */
const char *hcs_message(int32_t hr);
/* {"Error":<hr>,"ErrorMessage":"..."} (malloc'd); `message` NULL uses hcs_message. */
char *hcs_result_error(int32_t hr, const char *message);

/* Shape checks shared by the create document's and Modify's validation (hcs_model.c): a whole number of
 * at least 1 (a size or a count), and "absent or of this type". */
int hcs_json_is_count(const sa_json *v);
int hcs_json_type_ok(const sa_json *v, sa_jtype type);

/* Schema-level checks of a parsed create document; 0 or HCS_E_INVALID_JSON with *why set. */
int32_t hcs_validate_document(const sa_json *doc, int max_minor, const char **why);

/* hcs_options.c: the option documents of Pause, Save, Crash and Shutdown, field by field against the
 * schema 2.<max_minor> of the host (NULL options are always fine here); 0 or HCS_E_INVALID_JSON. */
typedef enum { HCS_OPTIONS_PAUSE, HCS_OPTIONS_SAVE, HCS_OPTIONS_CRASH, HCS_OPTIONS_SHUTDOWN } hcs_options_kind;
int32_t hcs_check_options(hcs_options_kind kind, const sa_json *options, int max_minor, const char **why);
/* The Settings of a SCSI attachment Add/Update, field by field against schema 2.<max_minor>; 0 or
 * HCS_E_INVALID_JSON. */
int32_t hcs_check_attachment(const sa_json *settings, int max_minor, const char **why);
/* Create-document fields that arrived with a later build than `build`; 0 or HCS_E_INVALID_JSON. */
int32_t hcs_check_build_fields(const sa_json *doc, int build, const char **why);

/* Applies a ModifySettingRequest to the device model `doc` (the VM's create document, kept up to
 * date), for a host of schema 2.<max_minor>. *com_port is set to the ComPorts key (0 or 1) when a COM
 * port changed, else -1. */
int32_t hcs_modify(sa_json *doc, const sa_json *request, int max_minor, int *com_port, const char **why);

/* Checks a System_PropertyQuery (NULL = basic properties) against what `build` knows; *types gets
 * HCS_PROP_* bits. */
enum { HCS_PROP_STATISTICS = 1, HCS_PROP_TERMINATE_ON_LAST_HANDLE_CLOSED = 2, HCS_PROP_MEMORY = 4 };
int32_t hcs_check_property_query(const sa_json *query, int build, unsigned *types, const char **why);
/* "PropertyResponses" for a query's `Queries` (2.5): the stand-in answers none, each with a ResultError. */
void hcs_jb_property_responses(sa_jb *b, const sa_json *queries);

/* hcs_figures.c: the live figures of a running VM (Statistics and Memory properties). */
typedef struct {
  uint64_t start_ms, accounted_ms; /* monotonic */
  uint64_t cpu_100ns;              /* Processor.TotalRuntime100ns so far */
  uint64_t peak_commit_bytes;
  uint32_t processors, load_percent;
  int load_set; /* StandInHcsSetGuestLoad was called; until then the load is an idle guest's, varying */
  int running;  /* processor time accrues only while the VM runs */
} hcs_figures;
void hcs_figures_start(hcs_figures *f, uint32_t processors);
void hcs_figures_run(hcs_figures *f, int running);
void hcs_figures_set_load(hcs_figures *f, uint32_t percent);
/* The Statistics object (`up`: the VM runs or is paused) and the Memory object of a VM of memory_mb. */
void hcs_jb_statistics(sa_jb *b, hcs_figures *f, int up, uint64_t memory_mb);
void hcs_jb_memory(sa_jb *b, uint64_t memory_mb);

/* HcsGetServiceProperties result for a parsed Service_PropertyQuery (NULL = Basic). */
int32_t hcs_service_properties(const sa_json *query, int build, char **result, const char **why);

#endif
