/* The JSON text builder for result documents; see common.h. */
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
