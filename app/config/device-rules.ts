/**
 * What Hako checks in a configuration beyond what NanaBox reads: values Hyper-V would refuse when the VM
 * starts, and paths that cannot work. NanaBox accepts such files, so these are warnings — `hako config
 * check`'s exit code, `accepted` and the JSON Schema do not change — but the ones marked as blocking stop
 * Start, with the same words, before Hyper-V is asked.
 *
 * Limits: 2,048 virtual processors and 240 TB of memory per (generation 2) VM on the newest hosts
 * (learn.microsoft.com, "Plan for Hyper-V scalability in Windows Server", Windows Server 2025).
 */
import { type Finding, type FindingCode, type FindingParams } from './findings.js';
import { type VmConfig } from './model.js';
import { pathHasForbiddenCharacter } from '../paths/file-names.js';

export const MAX_VM_PROCESSORS = 2048;
export const MAX_VM_MEMORY_MB = 240 * 1024 * 1024;

/** Codes that make Start refuse (Hyper-V would refuse the VM). */
export const START_BLOCKING_CODES: ReadonlySet<FindingCode> = new Set(['limits.processors', 'limits.memory', 'comport.not-pipe', 'path.forbidden-character', 'disk.attached-twice']);

const PIPE = /^\\\\\.\\pipe\\[^\\/]+$/i;

/** Whether `text` is a named pipe a COM port may name (`\\.\pipe\<name>`). */
export function isComPortPipe(text: string): boolean {
  return PIPE.test(text);
}

const warning = (code: FindingCode, path: string, params: FindingParams): Finding => ({ severity: 'warning', code, path, params, lossy: false });

/**
 * The device rules that need nothing but the file. `samePath` says when two paths of the file name one
 * file (the caller resolves them against the `.7b` folder); by default they are compared as written,
 * case-insensitively.
 */
export function deviceFindings(config: VmConfig, samePath: (a: string, b: string) => boolean = (a, b) => a.toLowerCase() === b.toLowerCase()): Finding[] {
  const findings: Finding[] = [];
  if (config.ProcessorCount > MAX_VM_PROCESSORS) findings.push(warning('limits.processors', '/NanaBox/ProcessorCount', { found: config.ProcessorCount, max: MAX_VM_PROCESSORS }));
  if (config.MemorySize > MAX_VM_MEMORY_MB) findings.push(warning('limits.memory', '/NanaBox/MemorySize', { found: config.MemorySize, max: MAX_VM_MEMORY_MB }));
  for (const port of ['ComPort1', 'ComPort2'] as const) {
    const pipe = config.ComPorts[port];
    if (pipe !== '' && !PIPE.test(pipe)) findings.push(warning('comport.not-pipe', `/NanaBox/ComPorts/${port}`, { found: pipe }));
  }
  config.ScsiDevices.forEach((device, index) => {
    if (device.Type === 'PhysicalDevice' || device.Path === '') return;
    if (pathHasForbiddenCharacter(device.Path)) findings.push(warning('path.forbidden-character', `/NanaBox/ScsiDevices/${index}/Path`, { found: device.Path }));
    const earlier = config.ScsiDevices.findIndex((other, i) => i < index && other.Type !== 'PhysicalDevice' && other.Path !== '' && samePath(other.Path, device.Path));
    if (earlier >= 0) findings.push(warning('disk.attached-twice', `/NanaBox/ScsiDevices/${index}/Path`, { file: device.Path, other: `/NanaBox/ScsiDevices/${earlier}` }));
  });
  return findings;
}

/** The first finding that stops Start, or null. */
export function startBlocker(findings: readonly Finding[]): Finding | null {
  return findings.find((f) => START_BLOCKING_CODES.has(f.code)) ?? null;
}
