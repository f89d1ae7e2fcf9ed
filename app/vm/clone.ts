/**
 * A clone's `.7b`, from the original's. The clone is a new machine: a new Name, and none of what makes
 * the original itself — its guest state file (which holds its vTPM identity: BitLocker keys sealed to it
 * do not carry over), its runtime and saved state, its network endpoints, its static MAC addresses (new
 * ones are generated when asked, else the adapter gets a dynamic one). Its disks become files in its own
 * folder (copies, or differencing disks on the original's), named relative to the new `.7b`; every other
 * path (images, shares) is made absolute, so it still names the original's file from the new folder.
 */
import { type SevenBFile } from '../config/model.js';
import { HakoError } from '../errors/error-info.js';
import { baseName } from '../paths/parts.js';
import { resolveVmPath } from '../paths/resolve.js';
import { locallyAdministeredMac } from '../network/mac.js';
import { describeVmNameProblem, vmNameProblem } from './name.js';

export type CloneMacs = 'dynamic' | 'new-static';

export interface CloneOptions {
  readonly name: string;
  /** What adapters with a static MAC get: a dynamic one, or a new static one each. */
  readonly macs: CloneMacs;
  /** Six random bytes per generated MAC. */
  readonly random: () => Uint8Array;
}

export interface ClonedVm {
  readonly file: SevenBFile;
  /** Each disk of the original (absolute) and the file name it gets in the clone's folder. */
  readonly disks: readonly { readonly from: string; readonly to: string }[];
}

/** `name.vhdx`, `name-2.vhdx`, …: a file name not yet taken (case-insensitively, as Windows compares). */
function uniqueName(wanted: string, taken: Set<string>): string {
  const dot = wanted.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? wanted : `${stem}-${n}${extension}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

export function cloneVmFile(original: SevenBFile, originalFolder: string, options: CloneOptions): ClonedVm {
  const problem = vmNameProblem(options.name);
  if (problem !== null) throw new HakoError('InvalidName', `"${options.name.slice(0, 120)}" cannot name a VM: ${describeVmNameProblem(problem)}`, { name: options.name.slice(0, 120), problem });
  const file = structuredClone(original);
  const config = file.config;
  const absolute = (p: string) => (p === '' ? '' : resolveVmPath(originalFolder, p));
  config.Name = options.name;
  config.GuestStateFile = '';
  config.RuntimeStateFile = '';
  config.SaveStateFile = '';
  for (const adapter of config.NetworkAdapters) {
    adapter.EndpointId = '';
    adapter.MacAddress = adapter.MacAddress !== '' && options.macs === 'new-static' ? locallyAdministeredMac(options.random()) : '';
  }
  const taken = new Set<string>([`${options.name}.7b`.toLowerCase()]);
  const disks: { from: string; to: string }[] = [];
  for (const device of config.ScsiDevices) {
    if (device.Path === '') continue;
    if (device.Type === 'VirtualDisk') {
      const from = absolute(device.Path);
      const to = uniqueName(baseName(from), taken);
      disks.push({ from, to });
      device.Path = to;
    } else {
      device.Path = absolute(device.Path);
    }
  }
  for (const share of [...config.Plan9Shares, ...config.VirtualSmbShares]) share.Path = absolute(share.Path);
  return { file, disks };
}
