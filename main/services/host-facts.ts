/**
 * The facts about this computer that the New VM wizard caps and warns by: how many logical processors
 * and how much memory it has, and whether it can give a VM a TPM. A virtual TPM needs Windows 11 24H2 /
 * Server 2025 (build 26100) or later and the full Hyper-V feature, not Virtual Machine Platform alone
 * (NanaBox's author's notes, MouriNaruto/MouriDocs). Hyper-V is told from Virtual Machine Platform by its
 * management service's program, `%SystemRoot%\System32\vmms.exe`, which only the Hyper-V feature installs
 * — a heuristic, unverified on every edition.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type HostInfo } from './ports.js';

export const TPM_MIN_BUILD = 26_100;

export interface HostFacts {
  /** Where new VMs go unless the user says otherwise (the preference, or a "Hako VMs" folder in Documents). */
  readonly defaultVmFolder: string;
  readonly logicalProcessors: number;
  readonly memoryMb: number;
  readonly build: number;
  /** Why a VM here cannot have a TPM, or null when it can. */
  readonly tpmUnavailable: 'older-windows' | 'no-hyper-v' | null;
}

export interface HostFactsProbe {
  readonly logicalProcessors: () => number;
  readonly memoryBytes: () => number;
  /** Whether the full Hyper-V feature is installed; null when it cannot be told. */
  readonly fullHyperV: () => boolean | null;
}

export const systemProbe: HostFactsProbe = {
  logicalProcessors: () => os.availableParallelism(),
  memoryBytes: () => os.totalmem(),
  fullHyperV: () => {
    if (process.platform !== 'win32') return process.env.HAKO_STAND_IN_HYPERV !== 'vmp';
    return existsSync(path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'vmms.exe'));
  },
};

/** The folder new VMs go into by default: `Documents/Hako VMs` under the user's home. */
export function defaultVmFolder(preferred: string, home = os.homedir()): string {
  return preferred.trim() !== '' ? preferred : path.join(home, 'Documents', 'Hako VMs');
}

/** How many logical processors and how much memory this computer has: what needs no native layer. */
export function hostCapacity(probe: HostFactsProbe = systemProbe): Pick<HostFacts, 'logicalProcessors' | 'memoryMb'> {
  return { logicalProcessors: probe.logicalProcessors(), memoryMb: Math.floor(probe.memoryBytes() / (1024 * 1024)) };
}

export function readHostFacts(host: HostInfo, preferredVmFolder = '', probe: HostFactsProbe = systemProbe): HostFacts {
  const tpmUnavailable = host.build < TPM_MIN_BUILD ? 'older-windows' : probe.fullHyperV() === false ? 'no-hyper-v' : null;
  return {
    defaultVmFolder: defaultVmFolder(preferredVmFolder),
    ...hostCapacity(probe),
    build: host.build,
    tpmUnavailable,
  };
}
