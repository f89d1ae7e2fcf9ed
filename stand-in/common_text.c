/* UTF-16 and ASCII string helpers, and the result strings handed to the caller; see common.h. */
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
size_t sa_utf8_decode(const unsigned char *s, uint32_t *cp) {
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
    size_t k = sa_utf8_decode(s + i, &c);
    if (!k) return NULL;
    units += c >= 0x10000 ? 2 : 1;
    i += k;
  }
  char16_t *out = malloc((units + 1) * sizeof(char16_t));
  if (!out) return NULL;
  size_t o = 0;
  for (size_t i = 0; s[i];) {
    uint32_t c;
    i += sa_utf8_decode(s + i, &c);
    if (c >= 0x10000) {
      c -= 0x10000;
      out[o++] = (char16_t)(0xD800 + (c >> 10));
      out[o++] = (char16_t)(0xDC00 + (c & 0x3FF));
    } else out[o++] = (char16_t)c;
  }
  out[o] = 0;
  return out;
}


int sa_strieq(const char *a, const char *b) {
  if (!a || !b) return a == b;
  for (; *a && *b; a++, b++)
    if (sa_ascii_lower((unsigned char)*a) != sa_ascii_lower((unsigned char)*b)) return 0;
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
