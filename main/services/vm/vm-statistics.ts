/**
 * A running VM's live figures, read when asked (the UI polls only while a VM's Overview is visible):
 * HcsGetComputeSystemProperties with the property types "Statistics" and "Memory", both schema 2.1, so
 * every build Hako supports knows them (Microsoft's HCS schema reference; hcsshim's VM statistics ask
 * for the same two). Hako keeps no timer: only each compute system's previous sample, so the processor
 * use covers the time since the last read.
 *
 * - uptimeMs: Statistics.Uptime100ns.
 * - cpuPercent: the growth of Statistics.Processor.TotalRuntime100ns (the time all the VM's processors
 *   ran; hcsshim reports it as the VM's total processor time) over the growth of the uptime times the
 *   VM's processor count; the first read covers the time since the start.
 * - memoryAssignedMb: Memory.VirtualMachineMemory.AssignedMemory, which hcsshim reads as a count of
 *   4 KiB pages; the configured size when HCS does not report it.
 * - memoryUsedMb: Statistics.Memory.MemoryUsagePrivateWorkingSetBytes when present. The schema documents
 *   these as a container's statistics; for a VM backed by virtual memory (NanaBox's AllowOvercommit)
 *   hcsshim says HCS does not report enough and reads the vmmem process instead, so it may be absent.
 *
 * Not through the VM's queue: a read must not wait behind a shutdown that takes a minute. It reads the
 * handle the record holds and answers VmNotRunning when the VM has stopped meanwhile.
 */
import { HakoError } from '../../../app/errors/error-info.js';
import { type ComputeSystem, type ComputeSystemProperties } from '../ports.js';
import { type VmRecord } from './vm-record.js';

export interface VmStatistics {
  readonly uptimeMs: number;
  /** Of all the VM's processors together, 0–100, over the time since the last read. */
  readonly cpuPercent: number;
  readonly memoryAssignedMb: number;
  readonly memoryUsedMb?: number;
}

export const STATISTICS_QUERY = { PropertyTypes: ['Statistics', 'Memory'] } as const;

const PAGE_BYTES = 4096;
const MiB = 1024 * 1024;

interface Sample {
  readonly uptime100ns: number;
  readonly runtime100ns: number;
}

/** The previous sample of each live compute system; a new start is a new system, so it starts afresh. */
const samples = new WeakMap<ComputeSystem, Sample>();

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** The figures in a Properties document, given the previous sample (or none) and the processor count. */
export function figuresOf(properties: ComputeSystemProperties, previous: Sample | undefined, processors: number, configuredMb: number): { figures: VmStatistics; sample: Sample } {
  const uptime = count(at(properties, 'Statistics', 'Uptime100ns')) ?? 0;
  const runtime = count(at(properties, 'Statistics', 'Processor', 'TotalRuntime100ns')) ?? 0;
  const pages = count(at(properties, 'Memory', 'VirtualMachineMemory', 'AssignedMemory'));
  const usedBytes = count(at(properties, 'Statistics', 'Memory', 'MemoryUsagePrivateWorkingSetBytes'));
  const since = previous !== undefined && uptime > previous.uptime100ns && runtime >= previous.runtime100ns ? previous : { uptime100ns: 0, runtime100ns: 0 };
  const elapsed = (uptime - since.uptime100ns) * Math.max(1, processors);
  const percent = elapsed > 0 ? ((runtime - since.runtime100ns) / elapsed) * 100 : 0;
  return {
    figures: {
      uptimeMs: Math.floor(uptime / 10_000),
      cpuPercent: Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10,
      memoryAssignedMb: pages !== null ? Math.round((pages * PAGE_BYTES) / MiB) : configuredMb,
      ...(usedBytes !== null ? { memoryUsedMb: Math.round(usedBytes / MiB) } : {}),
    },
    sample: { uptime100ns: uptime, runtime100ns: runtime },
  };
}

export async function readVmStatistics(record: VmRecord): Promise<VmStatistics> {
  const system = record.system;
  const notRunning = () => new HakoError('VmNotRunning', 'The VM is not running.', { path: record.path });
  if (system === null || (record.state !== 'Running' && record.state !== 'Paused')) throw notRunning();
  let properties: ComputeSystemProperties;
  try {
    properties = await system.properties(STATISTICS_QUERY);
  } catch (error) {
    if (record.system !== system) throw notRunning();
    throw error;
  }
  if (record.system !== system) throw notRunning();
  const config = record.running ?? record.config;
  const { figures, sample } = figuresOf(properties, samples.get(system), config?.ProcessorCount ?? 1, config?.MemorySize ?? 0);
  samples.set(system, sample);
  return figures;
}
