/* The harness's script reader: a recorded start's lines into steps, with every conversion (UTF-16,
 * GUIDs, slots) done here, outside the timed part. */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uchar.h>
#include <unistd.h>

#include "harness.h"

/* ==== start ======================================================================================= */

/* UTF-8 → NUL-terminated UTF-16 (malloc'd); exits on invalid input. */
static char16_t *to_u16(const char *s) {
  size_t n = strlen(s);
  char16_t *out = malloc((n + 1) * sizeof *out);
  if (!out) harness_die("out of memory", NULL);
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    uint32_t c;
    int extra;
    if (*p < 0x80) c = *p, extra = 0;
    else if ((*p & 0xE0) == 0xC0) c = *p & 0x1F, extra = 1;
    else if ((*p & 0xF0) == 0xE0) c = *p & 0x0F, extra = 2;
    else if ((*p & 0xF8) == 0xF0) c = *p & 0x07, extra = 3;
    else harness_die("invalid UTF-8 in the script", NULL);
    p++;
    for (int i = 0; i < extra; i++, p++) {
      if ((*p & 0xC0) != 0x80) harness_die("invalid UTF-8 in the script", NULL);
      c = (c << 6) | (*p & 0x3F);
    }
    if (c >= 0x10000) {
      c -= 0x10000;
      out[o++] = (char16_t)(0xD800 + (c >> 10));
      out[o++] = (char16_t)(0xDC00 + (c & 0x3FF));
    } else out[o++] = (char16_t)c;
  }
  out[o] = 0;
  return out;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", optionally in braces → the GUID struct. */
static guid parse_guid(const char *text) {
  char digits[33];
  size_t n = 0;
  for (const char *p = text; *p; p++) {
    if (*p == '{' || *p == '}' || *p == '-') continue;
    if (hex_value(*p) < 0 || n == 32) harness_die("not a GUID", text);
    digits[n++] = *p;
  }
  if (n != 32) harness_die("not a GUID", text);
  uint8_t b[16];
  for (int i = 0; i < 16; i++) b[i] = (uint8_t)(hex_value(digits[2 * i]) << 4 | hex_value(digits[2 * i + 1]));
  guid g;
  g.d1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
  g.d2 = (uint16_t)(b[4] << 8 | b[5]);
  g.d3 = (uint16_t)(b[6] << 8 | b[7]);
  memcpy(g.d4, b + 8, 8);
  return g;
}

static const struct {
  const char *name;
  enum verb verb;
  int fields; /* after verb and expect */
} verbs[] = {
  {"hcs.open", V_HCS_OPEN, 2},
  {"hcs.grant", V_HCS_GRANT, 2},
  {"hcs.guestState", V_HCS_GUEST_STATE, 1},
  {"hcs.runtimeState", V_HCS_RUNTIME_STATE, 1},
  {"hcs.create", V_HCS_CREATE, 3},
  {"hcs.onEvent", V_HCS_ON_EVENT, 1},
  {"hcs.start", V_HCS_START, 2},
  {"hcs.modify", V_HCS_MODIFY, 2},
  {"hcs.close", V_HCS_CLOSE, 1},
  {"hcn.createNetwork", V_HCN_CREATE_NETWORK, 3},
  {"hcn.openNetwork", V_HCN_OPEN_NETWORK, 2},
  {"hcn.createEndpoint", V_HCN_CREATE_ENDPOINT, 4},
  {"hcn.openEndpoint", V_HCN_OPEN_ENDPOINT, 2},
  {"hcn.properties", V_HCN_PROPERTIES, 2},
  {"hcn.close", V_HCN_CLOSE, 1},
  {"hcn.deleteEndpoint", V_HCN_DELETE_ENDPOINT, 1},
};

static int parse_slot(const char *text) {
  int slot = atoi(text);
  if (slot < -1 || slot >= MAX_SLOTS) harness_die("slot out of range", text);
  return slot;
}

/* Splits the script into steps; all conversions happen here, outside the timed part. */
step *harness_parse_script(const char *path, int *count) {
  FILE *f = fopen(path, "rb");
  if (!f) harness_die("cannot open the script", path);
  step *steps = NULL;
  int n = 0, cap = 0;
  char *line = NULL;
  size_t size = 0;
  ssize_t got;
  while ((got = getline(&line, &size, f)) > 0) {
    if (line[got - 1] == '\n') line[--got] = 0;
    if (got == 0) continue;
    char *fields[2 + MAX_FIELDS + 1];
    int nf = 0;
    for (char *p = line;; ) {
      if (nf == 2 + MAX_FIELDS + 1) harness_die("too many fields", line);
      fields[nf++] = p;
      char *tab = strchr(p, '\t');
      if (!tab) break;
      *tab = 0;
      p = tab + 1;
    }
    int known = -1;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
      if (strcmp(verbs[i].name, fields[0]) == 0) known = (int)i;
    if (known < 0) harness_die("the script has a step the harness cannot replay", fields[0]);
    if (nf != 2 + verbs[known].fields) harness_die("wrong number of fields", fields[0]);
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      steps = realloc(steps, (size_t)cap * sizeof *steps);
      if (!steps) harness_die("out of memory", NULL);
    }
    step *s = &steps[n++];
    memset(s, 0, sizeof *s);
    s->verb = verbs[known].verb;
    s->name = verbs[known].name;
    s->expect = (int32_t)strtol(fields[1], NULL, 10);
    s->slot = s->ref = -1;
    for (int i = 0; i < verbs[known].fields; i++) {
      size_t len = strlen(fields[2 + i]);
      if (!(s->text[i] = malloc(len + 1))) harness_die("out of memory", NULL);
      memcpy(s->text[i], fields[2 + i], len + 1);
      s->wide[i] = len ? to_u16(s->text[i]) : NULL;
    }
    switch (s->verb) {
      case V_HCS_OPEN: case V_HCS_CREATE: case V_HCS_ON_EVENT: case V_HCS_START: case V_HCS_MODIFY: case V_HCS_CLOSE:
      case V_HCN_PROPERTIES: case V_HCN_CLOSE:
        s->slot = parse_slot(s->text[0]);
        break;
      case V_HCN_CREATE_NETWORK: case V_HCN_OPEN_NETWORK: case V_HCN_OPEN_ENDPOINT:
        s->slot = parse_slot(s->text[0]);
        s->g = parse_guid(s->text[1]);
        break;
      case V_HCN_CREATE_ENDPOINT:
        s->slot = parse_slot(s->text[0]);
        s->ref = parse_slot(s->text[1]);
        s->g = parse_guid(s->text[2]);
        break;
      case V_HCN_DELETE_ENDPOINT:
        s->g = parse_guid(s->text[0]);
        break;
      default:
        break;
    }
  }
  free(line);
  fclose(f);
  *count = n;
  return steps;
}

/* Waits for an issued operation, frees its result and closes it; `hr` is what the call returned. */
