/*
 * Shared helpers of the stand-ins (computecore, computenetwork, virtdisk, cfgmgr32). Each library is
 * built from its own .c files plus the common_*.c files, so every library has its own copy of this
 * state (its own allocation counter, its own worker threads). Nothing here is exported from the
 * libraries. The helpers live in common_text.c (UTF-16, result strings), common_json.c (parser, tree),
 * common_json_builder.c, common_guid.c, common_threads.c (environment, time, threads), common_files.c
 * and common_controls.c (named test settings, stall windows).
 */
#ifndef HAKO_STAND_IN_COMMON_H
#define HAKO_STAND_IN_COMMON_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <uchar.h>

/* Exported functions: dllexport on Windows (which also turns mingw's auto-export off), default
 * visibility on Linux where the build hides everything else (-fvisibility=hidden). */
#ifdef _WIN32
#define SA_EXPORT __declspec(dllexport)
#define SA_CALL __stdcall
#else
#define SA_EXPORT __attribute__((visibility("default")))
#define SA_CALL
#endif

/* ---- Error codes shared by several libraries ---------------------------------------------------- */

#define SA_S_OK 0
#define SA_E_NOTIMPL ((int32_t)0x80004001u)
#define SA_E_POINTER ((int32_t)0x80004003u)
#define SA_E_HANDLE ((int32_t)0x80070006u)
#define SA_E_OUTOFMEMORY ((int32_t)0x8007000Eu)
#define SA_E_INVALIDARG ((int32_t)0x80070057u)
#define SA_ERROR_FILE_NOT_FOUND 2u
#define SA_ERROR_PATH_NOT_FOUND 3u
#define SA_ERROR_ACCESS_DENIED 5u
#define SA_ERROR_NOT_ENOUGH_MEMORY 8u
#define SA_ERROR_INVALID_DATA 13u
#define SA_ERROR_GEN_FAILURE 31u
#define SA_ERROR_SHARING_VIOLATION 32u
#define SA_ERROR_NOT_SUPPORTED 50u
#define SA_ERROR_FILE_EXISTS 80u
#define SA_ERROR_INVALID_PARAMETER 87u
#define SA_ERROR_DISK_FULL 112u
#define SA_ERROR_INSUFFICIENT_BUFFER 122u
#define SA_ERROR_ALREADY_EXISTS 183u
#define SA_ERROR_OPERATION_ABORTED 995u
#define SA_ERROR_IO_PENDING 997u
#define SA_ERROR_NOT_FOUND 1168u

/* HRESULT_FROM_WIN32 */
static inline int32_t sa_hr_from_win32(uint32_t error) {
  return error == 0 ? 0 : (int32_t)((error & 0xFFFFu) | 0x80070000u);
}

/* ---- UTF-16 (char16_t, never wchar_t: wchar_t is 4 bytes on Linux) ------------------------------ */

size_t sa_u16len(const char16_t *s);
/* malloc'd UTF-8 copy; NULL for NULL input, invalid UTF-16 (lone surrogates) or out of memory. */
char *sa_u16_to_utf8(const char16_t *s);
/* malloc'd NUL-terminated UTF-16 copy of valid UTF-8; NULL on invalid input or out of memory. */
char16_t *sa_utf8_to_u16(const char *s);
/* Decodes one UTF-8 sequence at s (strict: no overlongs, surrogates or values above U+10FFFF).
 * Returns its length, 0 when invalid. */
size_t sa_utf8_decode(const unsigned char *s, uint32_t *cp);
/* ASCII case-insensitive comparison (ids, GUIDs and pipe names are case-insensitive on Windows). */
int sa_strieq(const char *a, const char *b);
static inline int sa_ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
char *sa_strdup(const char *s);

/* ---- Result strings handed to the caller -------------------------------------------------------- */

/* UTF-16 copies of `utf8` the caller frees: LocalFree (HCS) or CoTaskMemFree (HCN). On Linux both are
 * malloc with a header and a counter, freed by the LocalFree/CoTaskMemFree this library exports; on
 * Windows they are real LocalAlloc/CoTaskMemAlloc blocks so kernel32's and ole32's frees work. */
char16_t *sa_result_local(const char *utf8);
char16_t *sa_result_cotaskmem(const char *utf8);
/* Live result strings (Linux); -1 on Windows, where the frees are invisible to the stand-in. */
int32_t sa_live_allocations(void);
#ifndef _WIN32
/* Frees a block from sa_result_*; ignores NULL and blocks that are not ours. */
void sa_result_free(void *p);
#endif

/* ---- JSON --------------------------------------------------------------------------------------- */

typedef enum { SA_JNULL, SA_JBOOL, SA_JNUM, SA_JSTR, SA_JARR, SA_JOBJ } sa_jtype;

typedef struct sa_json {
  sa_jtype type;
  int boolean;
  double number;
  char *string;            /* SA_JSTR: UTF-8, NUL-terminated (embedded NULs are rejected) */
  size_t count, cap;       /* SA_JARR / SA_JOBJ */
  char **keys;             /* SA_JOBJ */
  struct sa_json **items;  /* SA_JARR / SA_JOBJ */
} sa_json;

/* Strict RFC 8259 parser; NULL when the text is not exactly one JSON value (or out of memory). */
sa_json *sa_json_parse(const char *text);
void sa_json_free(sa_json *v);
sa_json *sa_json_new(sa_jtype type);
sa_json *sa_json_new_string(const char *s);
sa_json *sa_json_clone(const sa_json *v);
/* Member of an object (the last one when a key repeats); NULL when absent or `obj` is not an object. */
sa_json *sa_json_get(const sa_json *obj, const char *key);
/* Same, comparing keys ASCII case-insensitively. */
sa_json *sa_json_get_ci(const sa_json *obj, const char *key, const char **actual_key);
/* Walks a NULL-terminated list of keys. */
sa_json *sa_json_at(const sa_json *root, ...);
const char *sa_json_string(const sa_json *v); /* the string, or NULL when v is not a string */
/* Sets (replacing) or removes an object member; set takes ownership of `value`. 0 = failure. */
int sa_json_set(sa_json *obj, const char *key, sa_json *value);
int sa_json_remove(sa_json *obj, const char *key);
int sa_json_append(sa_json *arr, sa_json *value);
int sa_json_equal(const sa_json *a, const sa_json *b);

/* Builder for result documents. Commas are placed automatically; any allocation failure is sticky
 * and makes sa_jb_finish return NULL. */
typedef struct {
  char *buf;
  size_t len, cap;
  int failed;
  int depth;
  int after_key;
  unsigned char has_items[64];
} sa_jb;

void sa_jb_init(sa_jb *b);
char *sa_jb_finish(sa_jb *b); /* malloc'd text (caller frees) or NULL; the builder is reset */
void sa_jb_begin_obj(sa_jb *b);
void sa_jb_end_obj(sa_jb *b);
void sa_jb_begin_arr(sa_jb *b);
void sa_jb_end_arr(sa_jb *b);
void sa_jb_key(sa_jb *b, const char *key);
void sa_jb_str(sa_jb *b, const char *s); /* NULL writes null */
void sa_jb_int(sa_jb *b, int64_t v);
void sa_jb_uint(sa_jb *b, uint64_t v);
void sa_jb_bool(sa_jb *b, int v);
void sa_jb_null(sa_jb *b);
void sa_jb_json(sa_jb *b, const sa_json *v);

/* ---- GUIDs (same 16-byte layout as Windows' GUID) ----------------------------------------------- */

typedef struct {
  uint32_t data1;
  uint16_t data2, data3;
  uint8_t data4[8];
} sa_guid;

void sa_guid_format(const sa_guid *g, char out[37]); /* lower-case, no braces */
int sa_guid_parse(const char *s, sa_guid *g);        /* accepts braces and either case; 1 = ok */
int sa_guid_is_zero(const sa_guid *g);
void sa_guid_random(sa_guid *g);
void sa_guid_from_name(const char *name, sa_guid *g); /* stable: the same name gives the same GUID */

/* ---- The environment ---------------------------------------------------------------------------- */

/* The process's variable `name` as it is now, or NULL when unset, empty or longer than `size` - 1
 * (on Windows through GetEnvironmentVariableA: node sets variables with SetEnvironmentVariableW, which
 * the C runtime's copy behind getenv does not see). */
const char *sa_getenv(const char *name, char *buffer, size_t size);

/* ---- Time and threads --------------------------------------------------------------------------- */

uint64_t sa_now_ms(void); /* monotonic */
void sa_sleep_ms(uint32_t ms);
void sa_cond_init(pthread_cond_t *c);
/* Waits at most `ms` milliseconds; returns 0 when signalled (or spuriously woken), else ETIMEDOUT. */
int sa_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, uint64_t ms);
/* Starts a thread (detached unless `out` is given); 0 = failure. */
int sa_thread_start(pthread_t *out, void *(*fn)(void *), void *arg);

/* ---- Files (paths are opaque UTF-16 host paths; errors are Win32 codes) ------------------------- */

uint32_t sa_file_stat(const char16_t *path, int *is_dir, uint64_t *size, uint64_t *allocated);
/* Writes a whole file; `exclusive` fails with ERROR_FILE_EXISTS when it exists. */
uint32_t sa_file_write(const char16_t *path, const void *data, size_t n, int exclusive);
uint32_t sa_file_write_at(const char16_t *path, uint64_t offset, const void *data, size_t n);
uint32_t sa_file_read_at(const char16_t *path, uint64_t offset, void *data, size_t n, size_t *got);
uint32_t sa_file_set_size(const char16_t *path, uint64_t size);
uint32_t sa_file_delete(const char16_t *path);
/* 1 when the file's parent directory is the root of a drive or of the file system. */
int sa_path_parent_is_root(const char16_t *path);

/* ---- Named settings for the test controls (faults and latencies) -------------------------------- */

typedef struct sa_named {
  char *name;
  int32_t value;
  int32_t flag;
  struct sa_named *next;
} sa_named;

/* Appends (faults queue up per function). 0 = out of memory. */
int sa_named_push(sa_named **list, const char *name, int32_t value, int32_t flag);
/* Replaces the entry for `name`; value 0 removes it. */
void sa_named_put(sa_named **list, const char *name, int32_t value);
/* Removes and returns the first entry for `name`; 0 when there is none. */
int sa_named_take(sa_named **list, const char *name, int32_t *value, int32_t *flag);
int32_t sa_named_get(const sa_named *list, const char *name);
void sa_named_clear(sa_named **list);

/* ---- Stalls: a wedged service (test control) ---------------------------------------------------- */

/* From now on, and for `ms` milliseconds, every call of `function` ("*" = every export of this
 * library) waits, before it does anything, until that window has passed: what a wedged vmcompute or
 * HNS looks like to its caller. Calls arriving after the window run at once. 0 ms ends the window. */
void sa_stall_set(const char *function, uint32_t ms);
/* Forgets every stall window. */
void sa_stall_clear(void);
/* The first thing every export does (no lock held): sleeps out an open window covering `function`. */
void sa_stall_point(const char *function);

#endif
