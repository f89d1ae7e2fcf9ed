/* GUIDs in Windows' layout: formatting, parsing, random and name-derived ones; see common.h. */
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

/* ==== GUIDs ======================================================================================= */

void sa_guid_format(const sa_guid *g, char out[37]) {
  snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned)g->data1, (unsigned)g->data2,
           (unsigned)g->data3, g->data4[0], g->data4[1], g->data4[2], g->data4[3], g->data4[4], g->data4[5],
           g->data4[6], g->data4[7]);
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = sa_ascii_lower(c);
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
