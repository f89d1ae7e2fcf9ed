/*
 * The live figures of a stand-in VM (hcs_model.h): what HcsGetComputeSystemProperties answers for the
 * property types "Statistics" and "Memory" (Microsoft's HCS schema reference, types Statistics,
 * ProcessorStats, MemoryStats, MemoryInformationForVm and VmMemory, all schema 2.1).
 *
 * - Uptime100ns grows with the wall clock from the start; Processor.TotalRuntime100ns grows, while the
 *   VM runs (not while it is paused), by the elapsed time times its processor count times the guest's
 *   load, split 70/30 into user and kernel time. The load is what StandInHcsSetGuestLoad set; until a
 *   test sets one, an idle guest's: 2–10 % each second, with a short burst of up to 25 % now and then, so
 *   a chart of a stand-in VM moves as one of a real idle guest does.
 * - Memory.VirtualMachineMemory.AssignedMemory is the memory size in 4 KiB pages: hcsshim's VM
 *   statistics (internal/controller/vm/vm.go) read it as "the number of 4KB pages". The fields whose
 *   units nobody documents (AvailableMemory, AvailableMemoryBuffer, ReservedMemory) are left out.
 * - Statistics.Memory (bytes) is documented for "a container"; whether HCS fills it for a VM is not
 *   known (hcsshim reads a VA-backed VM's working set from its vmmem process instead). The stand-in
 *   reports a plausible working set that grows towards a share of the memory with uptime and load.
 */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L
#endif
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hcs_model.h"

#ifdef _WIN32
#include <windows.h>
#endif

#define DEFAULT_LOAD_PERCENT 3u

/* The wall clock now, as an ISO 8601 UTC time with milliseconds (a DateTime in the schema). */
static void iso_now(char out[64]) {
#ifdef _WIN32
  SYSTEMTIME st;
  GetSystemTime(&st);
  snprintf(out, 64, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", st.wYear, st.wMonth, st.wDay, st.wHour, st.wMinute,
           st.wSecond, st.wMilliseconds);
#else
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
           tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000L);
#endif
}

/* An idle guest's load (%) in second `second` of its run: a hash of the second, so it is the same
 * whoever reads it and whenever, with a burst in 3 of every 17 seconds. */
static uint32_t idle_load(uint64_t second) {
  uint64_t x = (second + 1u) * 0x9E3779B97F4A7C15ull;
  x ^= x >> 29;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 32;
  uint32_t load = 2u + (uint32_t)(x % 9u);
  if (second % 17u < 3u) load += 8u + (uint32_t)((x >> 8) % 8u);
  return load;
}

/* Adds the processor time used since the last account, while the VM runs: at the load set, or second
 * by second at the idle guest's. */
static void account(hcs_figures *f, uint64_t now) {
  if (f->running && now > f->accounted_ms) {
    if (f->load_set) {
      f->cpu_100ns += (now - f->accounted_ms) * 10000u * f->processors * f->load_percent / 100u;
    } else {
      for (uint64_t t = f->accounted_ms; t < now;) {
        uint64_t second = (t - f->start_ms) / 1000u;
        uint64_t end = f->start_ms + (second + 1u) * 1000u;
        if (end > now) end = now;
        f->cpu_100ns += (end - t) * 10000u * f->processors * idle_load(second) / 100u;
        t = end;
      }
    }
  }
  f->accounted_ms = now;
}

void hcs_figures_start(hcs_figures *f, uint32_t processors) {
  memset(f, 0, sizeof *f);
  f->start_ms = f->accounted_ms = sa_now_ms();
  f->processors = processors ? processors : 1;
  f->load_percent = DEFAULT_LOAD_PERCENT;
  f->running = 1;
}

void hcs_figures_run(hcs_figures *f, int running) {
  account(f, sa_now_ms());
  f->running = running;
}

void hcs_figures_set_load(hcs_figures *f, uint32_t percent) {
  account(f, sa_now_ms());
  f->load_percent = percent;
  f->load_set = 1;
}

void hcs_jb_statistics(sa_jb *b, hcs_figures *f, int up, uint64_t memory_mb) {
  uint64_t now = sa_now_ms();
  account(f, now);
  uint64_t uptime_ms = up && f->start_ms ? now - f->start_ms : 0;
  char timestamp[64];
  iso_now(timestamp);
  sa_jb_begin_obj(b);
  sa_jb_key(b, "Timestamp");
  sa_jb_str(b, timestamp);
  sa_jb_key(b, "Uptime100ns");
  sa_jb_uint(b, uptime_ms * 10000u);
  sa_jb_key(b, "Processor");
  sa_jb_begin_obj(b);
  sa_jb_key(b, "TotalRuntime100ns");
  sa_jb_uint(b, f->cpu_100ns);
  sa_jb_key(b, "RuntimeUser100ns");
  sa_jb_uint(b, f->cpu_100ns / 10u * 7u);
  sa_jb_key(b, "RuntimeKernel100ns");
  sa_jb_uint(b, f->cpu_100ns - f->cpu_100ns / 10u * 7u);
  sa_jb_end_obj(b);
  /* The working set: a quarter of the memory at boot, growing over ten minutes towards 60 %, plus up to
   * 30 % more under load; never more than 90 %. */
  uint64_t bytes = memory_mb << 20;
  uint64_t permille = 250u + (uptime_ms >= 600000u ? 350u : uptime_ms * 350u / 600000u) + f->load_percent * 3u;
  if (permille > 900u) permille = 900u;
  uint64_t working_set = up ? bytes / 1000u * permille : 0;
  uint64_t commit = working_set + working_set / 10u;
  if (commit > bytes) commit = bytes;
  if (commit > f->peak_commit_bytes) f->peak_commit_bytes = commit;
  sa_jb_key(b, "Memory");
  sa_jb_begin_obj(b);
  sa_jb_key(b, "MemoryUsageCommitBytes");
  sa_jb_uint(b, commit);
  sa_jb_key(b, "MemoryUsageCommitPeakBytes");
  sa_jb_uint(b, f->peak_commit_bytes);
  sa_jb_key(b, "MemoryUsagePrivateWorkingSetBytes");
  sa_jb_uint(b, working_set);
  sa_jb_end_obj(b);
  sa_jb_end_obj(b);
}

void hcs_jb_memory(sa_jb *b, uint64_t memory_mb) {
  sa_jb_begin_obj(b);
  sa_jb_key(b, "VirtualNodeCount");
  sa_jb_uint(b, 1);
  sa_jb_key(b, "VirtualMachineMemory");
  sa_jb_begin_obj(b);
  sa_jb_key(b, "AssignedMemory");
  sa_jb_uint(b, memory_mb * 256u); /* 4 KiB pages */
  sa_jb_key(b, "SlpActive");
  sa_jb_bool(b, 0);
  sa_jb_key(b, "BalancingEnabled");
  sa_jb_bool(b, 0);
  sa_jb_key(b, "DmOperationInProgress");
  sa_jb_bool(b, 0);
  sa_jb_end_obj(b);
  sa_jb_end_obj(b);
}
