/* The strict JSON parser and the tree it builds (lookup, edits, comparison); see common.h. */
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
      size_t k = sa_utf8_decode(ps->p, &cp);
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
