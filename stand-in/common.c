/* Shared helpers of the stand-ins; see common.h. */
#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
#include <windows.h>
#include <objbase.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

/* ==== UTF-16 ====================================================================================== */

size_t sa_u16len(const char16_t *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

char *sa_u16_to_utf8(const char16_t *s) {
  if (!s) return NULL;
  size_t n = 0;
  for (size_t i = 0; s[i]; i++) {
    uint32_t c = s[i];
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xD800 && c <= 0xDBFF) {
      if (s[i + 1] < 0xDC00 || s[i + 1] > 0xDFFF) return NULL; /* lone high surrogate */
      n += 4;
      i++;
    } else if (c >= 0xDC00 && c <= 0xDFFF) return NULL; /* lone low surrogate */
    else n += 3;
  }
  char *out = malloc(n + 1);
  if (!out) return NULL;
  char *p = out;
  for (size_t i = 0; s[i]; i++) {
    uint32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (uint32_t)(s[i + 1] - 0xDC00);
      i++;
    }
    if (c < 0x80) *p++ = (char)c;
    else if (c < 0x800) {
      *p++ = (char)(0xC0 | (c >> 6));
      *p++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *p++ = (char)(0xE0 | (c >> 12));
      *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
      *p++ = (char)(0x80 | (c & 0x3F));
    } else {
      *p++ = (char)(0xF0 | (c >> 18));
      *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
      *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
      *p++ = (char)(0x80 | (c & 0x3F));
    }
  }
  *p = 0;
  return out;
}

/* Decodes one UTF-8 sequence at s (strict: no overlongs, surrogates or values above U+10FFFF).
 * Returns its length, 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp) {
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  size_t len;
  uint32_t c, min;
  if ((s[0] & 0xE0) == 0xC0) len = 2, c = s[0] & 0x1Fu, min = 0x80;
  else if ((s[0] & 0xF0) == 0xE0) len = 3, c = s[0] & 0x0Fu, min = 0x800;
  else if ((s[0] & 0xF8) == 0xF0) len = 4, c = s[0] & 0x07u, min = 0x10000;
  else return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3Fu);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

char16_t *sa_utf8_to_u16(const char *str) {
  if (!str) return NULL;
  const unsigned char *s = (const unsigned char *)str;
  size_t units = 0;
  for (size_t i = 0; s[i];) {
    uint32_t c;
    size_t k = utf8_decode(s + i, &c);
    if (!k) return NULL;
    units += c >= 0x10000 ? 2 : 1;
    i += k;
  }
  char16_t *out = malloc((units + 1) * sizeof(char16_t));
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; s[i];) {
    uint32_t c;
    i += utf8_decode(s + i, &c);
    if (c >= 0x10000) {
      c -= 0x10000;
      out[o++] = (char16_t)(0xD800 + (c >> 10));
      out[o++] = (char16_t)(0xDC00 + (c & 0x3FF));
    } else out[o++] = (char16_t)c;
  }
  out[o] = 0;
  return out;
}

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

int sa_strieq(const char *a, const char *b) {
  if (!a || !b) return a == b;
  for (; *a && *b; a++, b++)
    if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b)) return 0;
  return *a == *b;
}

char *sa_strdup(const char *s) {
  if (!s) return NULL;
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

/* ==== Result strings ============================================================================== */

#ifdef _WIN32

static char16_t *result_alloc(const char *utf8, int cotaskmem) {
  char16_t *tmp = sa_utf8_to_u16(utf8);
  if (!tmp) return NULL;
  size_t bytes = (sa_u16len(tmp) + 1) * sizeof(char16_t);
  char16_t *out = cotaskmem ? CoTaskMemAlloc(bytes) : (char16_t *)LocalAlloc(LMEM_FIXED, bytes);
  if (out) memcpy(out, tmp, bytes);
  free(tmp);
  return out;
}

int32_t sa_live_allocations(void) { return -1; }

#else

/* Each block starts with a header whose tag is derived from the address of this library's counter, so
 * the LocalFree of one stand-in never frees (or counts) a block of another. */
typedef struct {
  uintptr_t tag;
  uintptr_t pad; /* keeps the string 16-byte aligned like malloc's own blocks */
} result_header;

static atomic_int live_results;

static uintptr_t result_tag(void) { return (uintptr_t)&live_results ^ (uintptr_t)0x48414B4F53494E00ull; }

static char16_t *result_alloc(const char *utf8, int cotaskmem) {
  (void)cotaskmem; /* one allocator on Linux: the exported frees are interchangeable */
  char16_t *tmp = sa_utf8_to_u16(utf8);
  if (!tmp) return NULL;
  size_t bytes = (sa_u16len(tmp) + 1) * sizeof(char16_t);
  result_header *h = malloc(sizeof *h + bytes);
  if (h) {
    h->tag = result_tag();
    h->pad = 0;
    memcpy(h + 1, tmp, bytes);
    atomic_fetch_add(&live_results, 1);
  }
  free(tmp);
  return h ? (char16_t *)(h + 1) : NULL;
}

void sa_result_free(void *p) {
  if (!p) return;
  result_header *h = (result_header *)p - 1;
  if (h->tag != result_tag()) return; /* not ours: leave it alone (the real frees would crash) */
  h->tag = 0;
  free(h);
  atomic_fetch_sub(&live_results, 1);
}

int32_t sa_live_allocations(void) { return atomic_load(&live_results); }

#endif

char16_t *sa_result_local(const char *utf8) { return result_alloc(utf8, 0); }
char16_t *sa_result_cotaskmem(const char *utf8) { return result_alloc(utf8, 1); }

/* ==== JSON parser ================================================================================= */

#define JSON_MAX_DEPTH 256

typedef struct {
  const unsigned char *p;
  int depth;
} jparser;

static void skip_ws(jparser *ps) {
  while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') ps->p++;
}

sa_json *sa_json_new(sa_jtype type) {
  sa_json *v = calloc(1, sizeof *v);
  if (v) v->type = type;
  return v;
}

sa_json *sa_json_new_string(const char *s) {
  sa_json *v = sa_json_new(SA_JSTR);
  if (v && !(v->string = sa_strdup(s))) {
    free(v);
    return NULL;
  }
  return v;
}

void sa_json_free(sa_json *v) {
  if (!v) return;
  for (size_t i = 0; i < v->count; i++) {
    sa_json_free(v->items[i]);
    if (v->keys) free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->string);
  free(v);
}

/* Adds a member/element; for arrays `key` is NULL. Takes ownership of key and value (even on failure). */
static int container_add(sa_json *c, char *key, sa_json *value) {
  if (c->count == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 4;
    sa_json **items = realloc(c->items, cap * sizeof *items);
    if (items) c->items = items;
    char **keys = c->type == SA_JOBJ ? realloc(c->keys, cap * sizeof *keys) : NULL;
    if (keys) c->keys = keys;
    if (!items || (c->type == SA_JOBJ && !keys)) {
      free(key);
      sa_json_free(value);
      return 0;
    }
    c->cap = cap;
  }
  if (c->type == SA_JOBJ) c->keys[c->count] = key;
  c->items[c->count++] = value;
  return 1;
}

static int hex4(const unsigned char *p, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int c = p[i], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return 0;
    v = v << 4 | (uint32_t)d;
  }
  *out = v;
  return 1;
}

static char *parse_string_raw(jparser *ps) {
  /* The decoded string is never longer than its escaped source. */
  const unsigned char *start = ++ps->p;
  size_t max = 0;
  while (start[max] && start[max] != '"') max += start[max] == '\\' && start[max + 1] ? 2 : 1;
  char *out = malloc(max + 1), *o = out;
  if (!out) return NULL;
  for (;;) {
    unsigned char c = *ps->p;
    if (c == '"') break;
    if (c < 0x20) goto fail; /* includes the terminating NUL: unterminated string */
    if (c != '\\') {
      uint32_t cp;
      size_t k = utf8_decode(ps->p, &cp);
      if (!k) goto fail;
      memcpy(o, ps->p, k);
      o += k;
      ps->p += k;
      continue;
    }
    c = *++ps->p;
    ps->p++;
    switch (c) {
      case '"': *o++ = '"'; break;
      case '\\': *o++ = '\\'; break;
      case '/': *o++ = '/'; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        uint32_t cp, lo;
        if (!hex4(ps->p, &cp)) goto fail;
        ps->p += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (ps->p[0] != '\\' || ps->p[1] != 'u' || !hex4(ps->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) goto fail;
          ps->p += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) goto fail;
        /* An embedded NUL cannot be represented in the C strings every document field ends up in. */
        if (cp == 0) goto fail;
        if (cp < 0x80) *o++ = (char)cp;
        else if (cp < 0x800) {
          *o++ = (char)(0xC0 | (cp >> 6));
          *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
          *o++ = (char)(0xE0 | (cp >> 12));
          *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
          *o++ = (char)(0x80 | (cp & 0x3F));
        } else {
          *o++ = (char)(0xF0 | (cp >> 18));
          *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
          *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
          *o++ = (char)(0x80 | (cp & 0x3F));
        }
        break;
      }
      default: goto fail;
    }
  }
  ps->p++;
  *o = 0;
  return out;
fail:
  free(out);
  return NULL;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

static sa_json *parse_number(jparser *ps) {
  const unsigned char *s = ps->p;
  if (*s == '-') s++;
  if (*s == '0') s++;
  else if (is_digit(*s)) while (is_digit(*s)) s++;
  else return NULL;
  if (*s == '.') {
    s++;
    if (!is_digit(*s)) return NULL;
    while (is_digit(*s)) s++;
  }
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!is_digit(*s)) return NULL;
    while (is_digit(*s)) s++;
  }
  /* strtod follows the C locale's decimal point, which the host process may have changed. */
  size_t n = (size_t)(s - ps->p);
  char buf[64], *text = n < sizeof buf ? buf : malloc(n + 1);
  if (!text) return NULL;
  memcpy(text, ps->p, n);
  text[n] = 0;
  const char *point = localeconv()->decimal_point;
  char *dot = strchr(text, '.');
  if (dot && point && point[0] && point[0] != '.' && !point[1]) *dot = point[0];
  sa_json *v = sa_json_new(SA_JNUM);
  if (v) v->number = strtod(text, NULL);
  if (text != buf) free(text);
  ps->p = s;
  return v;
}

static sa_json *parse_value(jparser *ps);

static sa_json *parse_container(jparser *ps, sa_jtype type) {
  if (++ps->depth > JSON_MAX_DEPTH) return NULL;
  sa_json *c = sa_json_new(type);
  if (!c) return NULL;
  char close = type == SA_JOBJ ? '}' : ']';
  ps->p++;
  skip_ws(ps);
  if (*ps->p == close) {
    ps->p++;
    ps->depth--;
    return c;
  }
  for (;;) {
    char *key = NULL;
    skip_ws(ps);
    if (type == SA_JOBJ) {
      if (*ps->p != '"' || !(key = parse_string_raw(ps))) goto fail;
      skip_ws(ps);
      if (*ps->p != ':') {
        free(key);
        goto fail;
      }
      ps->p++;
    }
    sa_json *v = parse_value(ps);
    if (!v) {
      free(key);
      goto fail;
    }
    if (!container_add(c, key, v)) goto fail;
    skip_ws(ps);
    if (*ps->p == ',') {
      ps->p++;
      continue;
    }
    if (*ps->p == close) {
      ps->p++;
      ps->depth--;
      return c;
    }
    goto fail;
  }
fail:
  sa_json_free(c);
  return NULL;
}

static sa_json *parse_literal(jparser *ps, const char *word, sa_jtype type, int boolean) {
  size_t n = strlen(word);
  if (strncmp((const char *)ps->p, word, n) != 0) return NULL;
  ps->p += n;
  sa_json *v = sa_json_new(type);
  if (v) v->boolean = boolean;
  return v;
}

static sa_json *parse_value(jparser *ps) {
  skip_ws(ps);
  switch (*ps->p) {
    case '{': return parse_container(ps, SA_JOBJ);
    case '[': return parse_container(ps, SA_JARR);
    case '"': {
      char *s = parse_string_raw(ps);
      if (!s) return NULL;
      sa_json *v = sa_json_new(SA_JSTR);
      if (!v) free(s);
      else v->string = s;
      return v;
    }
    case 't': return parse_literal(ps, "true", SA_JBOOL, 1);
    case 'f': return parse_literal(ps, "false", SA_JBOOL, 0);
    case 'n': return parse_literal(ps, "null", SA_JNULL, 0);
    default: return parse_number(ps);
  }
}

sa_json *sa_json_parse(const char *text) {
  if (!text) return NULL;
  jparser ps = {(const unsigned char *)text, 0};
  sa_json *v = parse_value(&ps);
  if (!v) return NULL;
  skip_ws(&ps);
  if (*ps.p) {
    sa_json_free(v);
    return NULL;
  }
  return v;
}

sa_json *sa_json_clone(const sa_json *v) {
  if (!v) return NULL;
  sa_json *c = sa_json_new(v->type);
  if (!c) return NULL;
  c->boolean = v->boolean;
  c->number = v->number;
  if (v->string && !(c->string = sa_strdup(v->string))) goto fail;
  for (size_t i = 0; i < v->count; i++) {
    char *key = NULL;
    if (v->type == SA_JOBJ && !(key = sa_strdup(v->keys[i]))) goto fail;
    sa_json *item = sa_json_clone(v->items[i]);
    if (!item) {
      free(key);
      goto fail;
    }
    if (!container_add(c, key, item)) goto fail;
  }
  return c;
fail:
  sa_json_free(c);
  return NULL;
}

static sa_json *get_impl(const sa_json *obj, const char *key, int ci, const char **actual) {
  if (!obj || obj->type != SA_JOBJ || !key) return NULL;
  for (size_t i = obj->count; i-- > 0;) {
    if (ci ? sa_strieq(obj->keys[i], key) : strcmp(obj->keys[i], key) == 0) {
      if (actual) *actual = obj->keys[i];
      return obj->items[i];
    }
  }
  return NULL;
}

sa_json *sa_json_get(const sa_json *obj, const char *key) { return get_impl(obj, key, 0, NULL); }

sa_json *sa_json_get_ci(const sa_json *obj, const char *key, const char **actual_key) {
  return get_impl(obj, key, 1, actual_key);
}

sa_json *sa_json_at(const sa_json *root, ...) {
  va_list ap;
  va_start(ap, root);
  const sa_json *v = root;
  for (const char *key; v && (key = va_arg(ap, const char *)) != NULL;) v = sa_json_get(v, key);
  va_end(ap);
  return (sa_json *)v;
}

const char *sa_json_string(const sa_json *v) { return v && v->type == SA_JSTR ? v->string : NULL; }

int sa_json_remove(sa_json *obj, const char *key) {
  if (!obj || obj->type != SA_JOBJ) return 0;
  int removed = 0;
  for (size_t i = 0; i < obj->count;) {
    if (strcmp(obj->keys[i], key) == 0) {
      free(obj->keys[i]);
      sa_json_free(obj->items[i]);
      memmove(obj->keys + i, obj->keys + i + 1, (obj->count - i - 1) * sizeof *obj->keys);
      memmove(obj->items + i, obj->items + i + 1, (obj->count - i - 1) * sizeof *obj->items);
      obj->count--;
      removed = 1;
    } else i++;
  }
  return removed;
}

int sa_json_set(sa_json *obj, const char *key, sa_json *value) {
  if (!obj || obj->type != SA_JOBJ || !value) {
    sa_json_free(value);
    return 0;
  }
  for (size_t i = obj->count; i-- > 0;) {
    if (strcmp(obj->keys[i], key) == 0) {
      sa_json_free(obj->items[i]);
      obj->items[i] = value;
      return 1;
    }
  }
  char *k = sa_strdup(key);
  if (!k) {
    sa_json_free(value);
    return 0;
  }
  return container_add(obj, k, value);
}

int sa_json_append(sa_json *arr, sa_json *value) {
  if (!arr || arr->type != SA_JARR || !value) {
    sa_json_free(value);
    return 0;
  }
  return container_add(arr, NULL, value);
}

int sa_json_equal(const sa_json *a, const sa_json *b) {
  if (!a || !b || a->type != b->type) return a == b;
  switch (a->type) {
    case SA_JNULL: return 1;
    case SA_JBOOL: return a->boolean == b->boolean;
    case SA_JNUM: return a->number == b->number;
    case SA_JSTR: return strcmp(a->string, b->string) == 0;
    case SA_JARR:
      if (a->count != b->count) return 0;
      for (size_t i = 0; i < a->count; i++)
        if (!sa_json_equal(a->items[i], b->items[i])) return 0;
      return 1;
    case SA_JOBJ:
      if (a->count != b->count) return 0;
      for (size_t i = 0; i < a->count; i++)
        if (!sa_json_equal(a->items[i], sa_json_get(b, a->keys[i]))) return 0;
      return 1;
  }
  return 0;
}

/* ==== JSON builder ================================================================================ */

void sa_jb_init(sa_jb *b) { memset(b, 0, sizeof *b); }

static void jb_put(sa_jb *b, const char *s, size_t n) {
  if (b->failed) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->len + n + 1) cap *= 2;
    char *buf = realloc(b->buf, cap);
    if (!buf) {
      b->failed = 1;
      return;
    }
    b->buf = buf;
    b->cap = cap;
  }
  memcpy(b->buf + b->len, s, n);
  b->len += n;
  b->buf[b->len] = 0;
}

static void jb_puts(sa_jb *b, const char *s) { jb_put(b, s, strlen(s)); }

/* Comma before a value, unless it follows its key or is the first element of its container. */
static void jb_before_value(sa_jb *b) {
  if (b->after_key) {
    b->after_key = 0;
    return;
  }
  if (b->depth > 0 && b->depth < 64) {
    if (b->has_items[b->depth]) jb_put(b, ",", 1);
    b->has_items[b->depth] = 1;
  }
}

char *sa_jb_finish(sa_jb *b) {
  char *out = b->failed || b->depth != 0 ? NULL : b->buf;
  if (!out) free(b->buf);
  sa_jb_init(b);
  return out;
}

static void jb_open(sa_jb *b, const char *c) {
  jb_before_value(b);
  jb_puts(b, c);
  if (++b->depth >= 64) b->failed = 1;
  else b->has_items[b->depth] = 0;
}

static void jb_close(sa_jb *b, const char *c) {
  jb_puts(b, c);
  if (b->depth > 0) b->depth--;
}

void sa_jb_begin_obj(sa_jb *b) { jb_open(b, "{"); }
void sa_jb_end_obj(sa_jb *b) { jb_close(b, "}"); }
void sa_jb_begin_arr(sa_jb *b) { jb_open(b, "["); }
void sa_jb_end_arr(sa_jb *b) { jb_close(b, "]"); }

static void jb_quoted(sa_jb *b, const char *s) {
  jb_put(b, "\"", 1);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    switch (*p) {
      case '"': jb_puts(b, "\\\""); break;
      case '\\': jb_puts(b, "\\\\"); break;
      case '\n': jb_puts(b, "\\n"); break;
      case '\r': jb_puts(b, "\\r"); break;
      case '\t': jb_puts(b, "\\t"); break;
      case '\b': jb_puts(b, "\\b"); break;
      case '\f': jb_puts(b, "\\f"); break;
      default:
        if (*p < 0x20) {
          snprintf(esc, sizeof esc, "\\u%04x", *p);
          jb_puts(b, esc);
        } else jb_put(b, (const char *)p, 1);
    }
  }
  jb_put(b, "\"", 1);
}

void sa_jb_key(sa_jb *b, const char *key) {
  jb_before_value(b);
  jb_quoted(b, key);
  jb_put(b, ":", 1);
  b->after_key = 1;
}

void sa_jb_str(sa_jb *b, const char *s) {
  if (!s) {
    sa_jb_null(b);
    return;
  }
  jb_before_value(b);
  jb_quoted(b, s);
}

void sa_jb_int(sa_jb *b, int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)v);
  jb_before_value(b);
  jb_puts(b, buf);
}

void sa_jb_uint(sa_jb *b, uint64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
  jb_before_value(b);
  jb_puts(b, buf);
}

void sa_jb_bool(sa_jb *b, int v) {
  jb_before_value(b);
  jb_puts(b, v ? "true" : "false");
}

void sa_jb_null(sa_jb *b) {
  jb_before_value(b);
  jb_puts(b, "null");
}

static void jb_number(sa_jb *b, double d) {
  if (d == floor(d) && fabs(d) < 9007199254740992.0) {
    sa_jb_int(b, (int64_t)d);
    return;
  }
  char buf[40];
  if (!isfinite(d)) snprintf(buf, sizeof buf, "null"); /* cannot come from the parser */
  else snprintf(buf, sizeof buf, "%.17g", d);
  for (char *p = buf; *p; p++)
    if (*p == ',') *p = '.'; /* locale decimal comma */
  jb_before_value(b);
  jb_puts(b, buf);
}

void sa_jb_json(sa_jb *b, const sa_json *v) {
  if (!v) {
    sa_jb_null(b);
    return;
  }
  switch (v->type) {
    case SA_JNULL: sa_jb_null(b); break;
    case SA_JBOOL: sa_jb_bool(b, v->boolean); break;
    case SA_JNUM: jb_number(b, v->number); break;
    case SA_JSTR: sa_jb_str(b, v->string); break;
    case SA_JARR:
      sa_jb_begin_arr(b);
      for (size_t i = 0; i < v->count; i++) sa_jb_json(b, v->items[i]);
      sa_jb_end_arr(b);
      break;
    case SA_JOBJ:
      sa_jb_begin_obj(b);
      for (size_t i = 0; i < v->count; i++) {
        sa_jb_key(b, v->keys[i]);
        sa_jb_json(b, v->items[i]);
      }
      sa_jb_end_obj(b);
      break;
  }
}

/* ==== GUIDs ======================================================================================= */

void sa_guid_format(const sa_guid *g, char out[37]) {
  snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned)g->data1, (unsigned)g->data2,
           (unsigned)g->data3, g->data4[0], g->data4[1], g->data4[2], g->data4[3], g->data4[4], g->data4[5],
           g->data4[6], g->data4[7]);
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int sa_guid_parse(const char *s, sa_guid *g) {
  if (!s) return 0;
  size_t n = strlen(s);
  if (n == 38 && s[0] == '{' && s[37] == '}') s++, n = 36;
  if (n != 36) return 0;
  uint8_t bytes[16];
  size_t b = 0;
  for (size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return 0;
      i++;
      continue;
    }
    int hi = hexval((unsigned char)s[i]), lo = hexval((unsigned char)s[i + 1]);
    if (hi < 0 || lo < 0) return 0;
    bytes[b++] = (uint8_t)(hi << 4 | lo);
    i += 2;
  }
  g->data1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
  g->data2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
  g->data3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
  memcpy(g->data4, bytes + 8, 8);
  return 1;
}

int sa_guid_is_zero(const sa_guid *g) {
  static const sa_guid zero;
  return memcmp(g, &zero, sizeof zero) == 0;
}

static void guid_from_bytes(const uint8_t b[16], unsigned version, sa_guid *g) {
  g->data1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
  g->data2 = (uint16_t)(b[4] << 8 | b[5]);
  g->data3 = (uint16_t)(((b[6] << 8 | b[7]) & 0x0FFF) | (version << 12));
  memcpy(g->data4, b + 8, 8);
  g->data4[0] = (uint8_t)((g->data4[0] & 0x3F) | 0x80); /* RFC 4122 variant */
}

static uint64_t splitmix(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void sa_guid_random(sa_guid *g) {
  /* Not cryptographic; unique enough for test ids. */
  static atomic_ullong counter;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  uint64_t state = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
  state ^= atomic_fetch_add(&counter, 1) * 0xD1B54A32D192ED03ull ^ (uint64_t)(uintptr_t)g;
  uint8_t b[16];
  uint64_t x = splitmix(&state), y = splitmix(&state);
  memcpy(b, &x, 8);
  memcpy(b + 8, &y, 8);
  guid_from_bytes(b, 4, g);
}

void sa_guid_from_name(const char *name, sa_guid *g) {
  uint64_t h1 = 0xCBF29CE484222325ull, h2 = 0x84222325CBF29CE4ull;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    h1 = (h1 ^ *p) * 0x100000001B3ull;
    h2 = (h2 ^ *p) * 0x100000001B3ull;
    h2 ^= h2 >> 29;
  }
  uint8_t b[16];
  for (int i = 0; i < 8; i++) {
    b[i] = (uint8_t)(h1 >> (56 - 8 * i));
    b[8 + i] = (uint8_t)(h2 >> (56 - 8 * i));
  }
  guid_from_bytes(b, 5, g);
}

/* ==== The environment ============================================================================= */

const char *sa_getenv(const char *name, char *buffer, size_t size) {
#ifdef _WIN32
  DWORD n = GetEnvironmentVariableA(name, buffer, (DWORD)size);
  return n > 0 && n < size ? buffer : NULL;
#else
  const char *value = getenv(name);
  if (!value || !*value || strlen(value) >= size) return NULL;
  memcpy(buffer, value, strlen(value) + 1);
  return buffer;
#endif
}

/* ==== Time and threads ============================================================================ */

uint64_t sa_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void sa_sleep_ms(uint32_t ms) {
#ifdef _WIN32
  Sleep(ms);
#else
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
#endif
}

/* Linux waits on the monotonic clock (immune to wall-clock changes); winpthreads only honours the
 * real-time clock reliably, so Windows uses that. */
#ifdef _WIN32
#define SA_COND_CLOCK CLOCK_REALTIME
#else
#define SA_COND_CLOCK CLOCK_MONOTONIC
#endif

void sa_cond_init(pthread_cond_t *c) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
#ifndef _WIN32
  pthread_condattr_setclock(&attr, SA_COND_CLOCK);
#endif
  pthread_cond_init(c, &attr);
  pthread_condattr_destroy(&attr);
}

int sa_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, uint64_t ms) {
  if (ms > 86400000ull) ms = 86400000ull; /* keeps tv_sec arithmetic far from overflow */
  struct timespec ts;
  clock_gettime(SA_COND_CLOCK, &ts);
  ts.tv_sec += (time_t)(ms / 1000);
  ts.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  return pthread_cond_timedwait(c, m, &ts);
}

#ifdef _WIN32
/* koffi frees the libraries it loaded when the process exits; our threads would then run unmapped code.
 * Pinning keeps the DLL loaded for the life of the process (on Linux the build links with -z nodelete). */
static void pin_module(void) {
  HMODULE self;
  GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS, (LPCWSTR)(void *)pin_module,
                     &self);
}
static pthread_once_t pin_once = PTHREAD_ONCE_INIT;
#endif

int sa_thread_start(pthread_t *out, void *(*fn)(void *), void *arg) {
#ifdef _WIN32
  pthread_once(&pin_once, pin_module);
#endif
  pthread_t t;
  if (pthread_create(&t, NULL, fn, arg) != 0) return 0;
  if (out) *out = t;
  else pthread_detach(t);
  return 1;
}

/* ==== Files ======================================================================================= */

#ifdef _WIN32

static const wchar_t *wpath(const char16_t *p) { return (const wchar_t *)p; /* both 16-bit on Windows */ }

uint32_t sa_file_stat(const char16_t *path, int *is_dir, uint64_t *size, uint64_t *allocated) {
  WIN32_FILE_ATTRIBUTE_DATA data;
  if (!GetFileAttributesExW(wpath(path), GetFileExInfoStandard, &data)) return GetLastError();
  if (is_dir) *is_dir = (data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0;
  if (size) *size = (uint64_t)data.nFileSizeHigh << 32 | data.nFileSizeLow;
  if (allocated) {
    DWORD high = 0, low = GetCompressedFileSizeW(wpath(path), &high);
    *allocated = low == INVALID_FILE_SIZE && GetLastError() != NO_ERROR ? 0 : (uint64_t)high << 32 | low;
  }
  return 0;
}

static HANDLE open_file(const char16_t *path, DWORD access, DWORD disposition, uint32_t *err) {
  HANDLE h = CreateFileW(wpath(path), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                         disposition, FILE_ATTRIBUTE_NORMAL, NULL);
  *err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
  return h;
}

static uint32_t write_all(HANDLE h, uint64_t offset, const void *data, size_t n) {
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)offset;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN)) return GetLastError();
  const char *p = data;
  while (n > 0) {
    DWORD chunk = n > 0x10000000 ? 0x10000000 : (DWORD)n, done = 0;
    if (!WriteFile(h, p, chunk, &done, NULL)) return GetLastError();
    p += done;
    n -= done;
  }
  return 0;
}

uint32_t sa_file_write(const char16_t *path, const void *data, size_t n, int exclusive) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, exclusive ? CREATE_NEW : CREATE_ALWAYS, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  err = write_all(h, 0, data, n);
  CloseHandle(h);
  return err;
}

uint32_t sa_file_write_at(const char16_t *path, uint64_t offset, const void *data, size_t n) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  err = write_all(h, offset, data, n);
  CloseHandle(h);
  return err;
}

uint32_t sa_file_read_at(const char16_t *path, uint64_t offset, void *data, size_t n, size_t *got) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_READ, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)offset;
  DWORD done = 0;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN) || !ReadFile(h, data, (DWORD)n, &done, NULL)) err = GetLastError();
  CloseHandle(h);
  *got = done;
  return err;
}

uint32_t sa_file_set_size(const char16_t *path, uint64_t size) {
  uint32_t err;
  HANDLE h = open_file(path, GENERIC_WRITE, OPEN_EXISTING, &err);
  if (h == INVALID_HANDLE_VALUE) return err;
  LARGE_INTEGER pos;
  pos.QuadPart = (LONGLONG)size;
  if (!SetFilePointerEx(h, pos, NULL, FILE_BEGIN) || !SetEndOfFile(h)) err = GetLastError();
  CloseHandle(h);
  return err;
}

uint32_t sa_file_delete(const char16_t *path) { return DeleteFileW(wpath(path)) ? 0 : GetLastError(); }

int sa_path_parent_is_root(const char16_t *path) {
  const char16_t *p = path;
  if (p[0] == '\\' && p[1] == '\\' && (p[2] == '?' || p[2] == '.') && p[3] == '\\') p += 4;
  if (!p[0] || p[1] != ':' || (p[2] != '\\' && p[2] != '/')) return 0;
  for (p += 3; *p; p++)
    if (*p == '\\' || *p == '/') return 0;
  return 1;
}

#else

/* ENOENT means "path not found" on Windows when the parent directory is missing too. */
static uint32_t errno_to_win32(int e, const char *path) {
  switch (e) {
    case ENOENT: {
      char *copy = sa_strdup(path);
      char *slash = copy ? strrchr(copy, '/') : NULL;
      uint32_t code = SA_ERROR_FILE_NOT_FOUND;
      if (slash && slash != copy) {
        struct stat st;
        *slash = 0;
        if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) code = SA_ERROR_PATH_NOT_FOUND;
      }
      free(copy);
      return code;
    }
    case ENOTDIR: return SA_ERROR_PATH_NOT_FOUND;
    case EEXIST: return SA_ERROR_FILE_EXISTS;
    case EACCES:
    case EPERM:
    case EISDIR:
    case EROFS: return SA_ERROR_ACCESS_DENIED;
    case ENOSPC: return SA_ERROR_DISK_FULL;
    case ENOMEM: return SA_ERROR_NOT_ENOUGH_MEMORY;
    case ENAMETOOLONG:
    case EINVAL: return SA_ERROR_INVALID_PARAMETER;
    default: return SA_ERROR_GEN_FAILURE;
  }
}

/* Opens `path` (UTF-16) with open(2) flags; returns the fd or -1 with *err set. */
static int open_u16(const char16_t *path, int flags, uint32_t *err) {
  char *p = sa_u16_to_utf8(path);
  if (!p || !*p) {
    free(p);
    *err = SA_ERROR_INVALID_PARAMETER;
    return -1;
  }
  int fd = open(p, flags | O_CLOEXEC, 0644);
  *err = fd < 0 ? errno_to_win32(errno, p) : 0;
  free(p);
  return fd;
}

uint32_t sa_file_stat(const char16_t *path, int *is_dir, uint64_t *size, uint64_t *allocated) {
  char *p = sa_u16_to_utf8(path);
  if (!p || !*p) {
    free(p);
    return SA_ERROR_INVALID_PARAMETER;
  }
  struct stat st;
  uint32_t err = stat(p, &st) == 0 ? 0 : errno_to_win32(errno, p);
  free(p);
  if (err) return err;
  if (is_dir) *is_dir = S_ISDIR(st.st_mode);
  if (size) *size = (uint64_t)st.st_size;
  if (allocated) *allocated = (uint64_t)st.st_blocks * 512u;
  return 0;
}

static uint32_t pwrite_all(int fd, uint64_t offset, const void *data, size_t n) {
  const char *p = data;
  while (n > 0) {
    ssize_t w = pwrite(fd, p, n, (off_t)offset);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno_to_win32(errno, "");
    }
    p += w;
    n -= (size_t)w;
    offset += (uint64_t)w;
  }
  return 0;
}

uint32_t sa_file_write(const char16_t *path, const void *data, size_t n, int exclusive) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC), &err);
  if (fd < 0) return err;
  err = pwrite_all(fd, 0, data, n);
  close(fd);
  return err;
}

uint32_t sa_file_write_at(const char16_t *path, uint64_t offset, const void *data, size_t n) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY, &err);
  if (fd < 0) return err;
  err = pwrite_all(fd, offset, data, n);
  close(fd);
  return err;
}

uint32_t sa_file_read_at(const char16_t *path, uint64_t offset, void *data, size_t n, size_t *got) {
  uint32_t err;
  *got = 0;
  int fd = open_u16(path, O_RDONLY, &err);
  if (fd < 0) return err;
  ssize_t r;
  do r = pread(fd, data, n, (off_t)offset);
  while (r < 0 && errno == EINTR);
  if (r < 0) err = errno_to_win32(errno, "");
  else *got = (size_t)r;
  close(fd);
  return err;
}

uint32_t sa_file_set_size(const char16_t *path, uint64_t size) {
  uint32_t err;
  int fd = open_u16(path, O_WRONLY, &err);
  if (fd < 0) return err;
  if (ftruncate(fd, (off_t)size) != 0) err = errno_to_win32(errno, "");
  close(fd);
  return err;
}

uint32_t sa_file_delete(const char16_t *path) {
  char *p = sa_u16_to_utf8(path);
  if (!p) return SA_ERROR_INVALID_PARAMETER;
  uint32_t err = unlink(p) == 0 ? 0 : errno_to_win32(errno, p);
  free(p);
  return err;
}

int sa_path_parent_is_root(const char16_t *path) {
  if (path[0] != '/') return 0;
  for (const char16_t *p = path + 1; *p; p++)
    if (*p == '/') return 0;
  return 1;
}

#endif

/* ==== Named settings ============================================================================== */

int sa_named_push(sa_named **list, const char *name, int32_t value, int32_t flag) {
  sa_named *n = calloc(1, sizeof *n);
  if (!n || !(n->name = sa_strdup(name))) {
    free(n);
    return 0;
  }
  n->value = value;
  n->flag = flag;
  while (*list) list = &(*list)->next;
  *list = n;
  return 1;
}

static void named_unlink(sa_named **at) {
  sa_named *n = *at;
  *at = n->next;
  free(n->name);
  free(n);
}

void sa_named_put(sa_named **list, const char *name, int32_t value) {
  for (sa_named **at = list; *at; at = &(*at)->next) {
    if (strcmp((*at)->name, name) == 0) {
      if (value) (*at)->value = value;
      else named_unlink(at);
      return;
    }
  }
  if (value) sa_named_push(list, name, value, 0);
}

int sa_named_take(sa_named **list, const char *name, int32_t *value, int32_t *flag) {
  for (sa_named **at = list; *at; at = &(*at)->next) {
    if (strcmp((*at)->name, name) == 0) {
      if (value) *value = (*at)->value;
      if (flag) *flag = (*at)->flag;
      named_unlink(at);
      return 1;
    }
  }
  return 0;
}

int32_t sa_named_get(const sa_named *list, const char *name) {
  for (; list; list = list->next)
    if (strcmp(list->name, name) == 0) return list->value;
  return 0;
}

void sa_named_clear(sa_named **list) {
  while (*list) named_unlink(list);
}

/* ==== Stalls ====================================================================================== */

/* Its own small lock: a stall is entered before the library takes any lock of its own. */
static pthread_mutex_t stall_mu = PTHREAD_MUTEX_INITIALIZER;
typedef struct stall {
  char *name;
  uint64_t until_ms;
  struct stall *next;
} stall;
static stall *stalls;

void sa_stall_set(const char *function, uint32_t ms) {
  pthread_mutex_lock(&stall_mu);
  stall **at = &stalls;
  while (*at && strcmp((*at)->name, function) != 0) at = &(*at)->next;
  if (!*at && ms) {
    stall *s = calloc(1, sizeof *s);
    if (s && (s->name = sa_strdup(function))) *at = s;
    else free(s);
  }
  if (*at) {
    if (ms) (*at)->until_ms = sa_now_ms() + ms;
    else {
      stall *s = *at;
      *at = s->next;
      free(s->name);
      free(s);
    }
  }
  pthread_mutex_unlock(&stall_mu);
}

void sa_stall_clear(void) {
  pthread_mutex_lock(&stall_mu);
  while (stalls) {
    stall *s = stalls;
    stalls = s->next;
    free(s->name);
    free(s);
  }
  pthread_mutex_unlock(&stall_mu);
}

void sa_stall_point(const char *function) {
  uint64_t until = 0;
  pthread_mutex_lock(&stall_mu);
  for (stall *s = stalls; s; s = s->next)
    if ((strcmp(s->name, "*") == 0 || strcmp(s->name, function) == 0) && s->until_ms > until) until = s->until_ms;
  pthread_mutex_unlock(&stall_mu);
  for (uint64_t now = sa_now_ms(); now < until; now = sa_now_ms()) sa_sleep_ms((uint32_t)(until - now));
}
