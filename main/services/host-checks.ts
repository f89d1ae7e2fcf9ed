/**
 * Warnings about a configuration that depend on this computer and the library, for the editor: more
 * processors or memory than the host has, files that do not exist (yet), disks virtdisk cannot open, and
 * files another VM in the library uses too. Never errors: the file may be meant for another computer.
 */
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { type Finding, type FindingCode, type FindingParams, type VmConfig } from '../../app/config/index.js';
import { resolveVmPath } from '../../app/paths/resolve.js';
import { fileKey } from '../files/file-key.js';
import { type HostFacts } from './host-facts.js';
import { type VirtualDiskInfo } from './ports.js';

export interface HostCheckDeps {
  readonly facts: () => Pick<HostFacts, 'logicalProcessors' | 'memoryMb'>;
  /** Whether virtdisk can open the file as a disk: null when it can, else why not. */
  readonly diskProblem: (file: string) => Promise<string | null>;
  /** The other VMs of the library, with their configurations. */
  readonly libraryVms: () => readonly { readonly path: string; readonly config: VmConfig | null }[];
}

/**
 * `HostCheckDeps.diskProblem` from virtdisk's information about a file (DiskService.info), shared by the
 * app and `hako config check`. A differencing disk whose parent is missing still answers for information,
 * but no VM can use it.
 */
export function diskProblemFrom(info: (file: string) => Promise<VirtualDiskInfo>): (file: string) => Promise<string | null> {
  return (file) =>
    info(file).then(
      (disk) => {
        const missing = disk.parents.find((parent) => parent.missing);
        return missing ? `its parent disk ${missing.path} is missing` : null;
      },
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
}

const warning = (code: FindingCode, at: string, params: FindingParams): Finding => ({ severity: 'warning', code, path: at, params, lossy: false });

function filesOf(vmPath: string, config: VmConfig): { file: string; pointer: string; disk: boolean }[] {
  const folder = path.dirname(vmPath);
  return config.ScsiDevices.flatMap((device, index) =>
    device.Type === 'PhysicalDevice' || device.Path === '' ? [] : [{ file: resolveVmPath(folder, device.Path), pointer: `/NanaBox/ScsiDevices/${index}/Path`, disk: device.Type === 'VirtualDisk' }],
  );
}

export async function hostFindings(vmPath: string, config: VmConfig, deps: HostCheckDeps): Promise<Finding[]> {
  const findings: Finding[] = [];
  const facts = deps.facts();
  if (config.ProcessorCount > facts.logicalProcessors) findings.push(warning('host.processors', '/NanaBox/ProcessorCount', { found: config.ProcessorCount, max: facts.logicalProcessors }));
  if (config.MemorySize > facts.memoryMb) findings.push(warning('host.memory', '/NanaBox/MemorySize', { found: config.MemorySize, max: facts.memoryMb }));
  const others = deps.libraryVms().filter((vm) => fileKey(vm.path) !== fileKey(vmPath) && vm.config !== null);
  for (const { file, pointer, disk } of filesOf(vmPath, config)) {
    if ((await lstat(file).catch(() => null)) === null) {
      findings.push(warning('path.missing', pointer, { file }));
      continue;
    }
    if (disk) {
      const problem = await deps.diskProblem(file);
      if (problem !== null) findings.push(warning('disk.unreadable', pointer, { file, reason: problem }));
    }
    const user = others.find((vm) => filesOf(vm.path, vm.config!).some((other) => other.disk && fileKey(other.file) === fileKey(file)));
    if (disk && user !== undefined) findings.push(warning('disk.shared', pointer, { file, other: user.path }));
  }
  return findings;
}
