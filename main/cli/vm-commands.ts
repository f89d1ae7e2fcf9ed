/** `hako vm create`: a new VM from a preset, as the New VM wizard makes it (one builder for both). */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { GiB } from '../../app/disks/size.js';
import { isHakoErrorCode } from '../../app/errors/codes.js';
import { HakoError } from '../../app/errors/error-info.js';
import { HcsError } from '../../app/errors/hcs-error.js';
import { localPathProblem } from '../../app/paths/local.js';
import { VM_PRESET_NAMES, VM_PRESETS, type NewVmDisk, type NewVmNetwork, type VmPresetName } from '../../app/vm/new-vm.js';
import type { CreateVmRequest } from '../services/vm-creator.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './output.js';

export const VM_HELP = `Usage: hako vm create <folder> --name <N> --preset <P> [options]

Create a VM in <folder>/<N>/: <N>.7b and, unless told otherwise, a new dynamically expanding disk
<N>.vhdx beside it. <folder> is created when missing. Prints one line, the absolute path of the new
.7b. An existing VM folder, .7b or disk is refused (exit 1); nothing is left behind on failure.

Presets: windows11 (TPM, Secure Boot, 4 processors, 8 GB, 128 GB), windows10 (2, 4 GB, 64 GB),
linux (Secure Boot with the UEFI CA template, 2, 4 GB, 32 GB), other (Secure Boot off, 2, 2 GB, 32 GB).

Options:
  --name <N>          The VM's name (also its folder's and files' names).
  --preset <P>        windows11 | windows10 | linux | other
  --cpus <N>          Processors (default: the preset's).
  --memory-mb <N>     Memory in MB (default: the preset's).
  --disk-gb <N>       Size of the new disk in GB (default: the preset's).
  --disk <PATH>       Attach an existing disk instead of creating one.
  --no-disk           No disk at all.
  --iso <PATH>        An installation image in a DVD drive.
  --switch <ID>       Connect to this virtual switch (default: NanaBox's default switch).
`;

/** What the command needs of the services; the real DiskService on the native layer by default. */
export interface VmCommandDeps {
  createVm(request: CreateVmRequest): Promise<{ path: string }>;
}

function wholeNumber(option: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${option} expects a whole number from ${min} to ${max}, got "${text}"`);
  return Number(text);
}

function absolutePath(option: string, text: string): string {
  const resolved = path.resolve(text);
  const problem = localPathProblem(resolved, process.platform === 'win32');
  if (problem !== null) throw new UsageError(`${option}: ${problem.message}`);
  return resolved;
}

async function defaultDeps(): Promise<VmCommandDeps> {
  const [{ loadNativeHost }, { DiskService }, { VmCreator }] = await Promise.all([import('../native/index.js'), import('../services/disk-service.js'), import('../services/vm-creator.js')]);
  const creator = new VmCreator(new DiskService(loadNativeHost().virtDisk));
  return { createVm: (request) => creator.create(request) };
}

export async function runVm(args: string[], io: CliIo, deps?: VmCommandDeps): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(VM_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command !== 'create') throw new UsageError(`unknown command "vm ${command}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      preset: { type: 'string' },
      cpus: { type: 'string' },
      'memory-mb': { type: 'string' },
      'disk-gb': { type: 'string' },
      disk: { type: 'string' },
      'no-disk': { type: 'boolean' },
      iso: { type: 'string' },
      switch: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`vm create expects one folder, got ${positionals.length}`);
  if (values.name === undefined) throw new UsageError('vm create needs --name');
  if (values.preset === undefined || !VM_PRESET_NAMES.includes(values.preset as VmPresetName)) {
    throw new UsageError(`--preset expects one of ${VM_PRESET_NAMES.join(', ')}, got ${values.preset === undefined ? 'nothing' : `"${values.preset}"`}`);
  }
  const diskChoices = [values['disk-gb'] !== undefined, values.disk !== undefined, values['no-disk'] === true].filter(Boolean).length;
  if (diskChoices > 1) throw new UsageError('use one of --disk-gb, --disk and --no-disk');
  if (values.switch !== undefined && !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(values.switch)) throw new UsageError(`--switch expects a switch id (a GUID), got "${values.switch}"`);
  const preset = values.preset as VmPresetName;
  const diskGb = wholeNumber('disk-gb', values['disk-gb'], 1, 64 * 1024);
  const disk: NewVmDisk =
    values['no-disk'] === true
      ? { kind: 'none' }
      : values.disk !== undefined
        ? { kind: 'existing', path: absolutePath('--disk', values.disk) }
        : { kind: 'new', sizeBytes: diskGb !== undefined ? diskGb * GiB : VM_PRESETS[preset].diskBytes, fixed: false };
  const network: NewVmNetwork = values.switch !== undefined ? { kind: 'switch', id: values.switch } : { kind: 'default' };
  const processors = wholeNumber('cpus', values.cpus, 1, 2048);
  const memoryMb = wholeNumber('memory-mb', values['memory-mb'], 1, 240 * 1024 * 1024);
  const request = {
    parent: absolutePath('<folder>', positionals[0]!),
    name: values.name,
    preset,
    disk,
    network,
    ...(processors !== undefined ? { processors } : {}),
    ...(memoryMb !== undefined ? { memoryMb } : {}),
    ...(values.iso !== undefined ? { iso: absolutePath('--iso', values.iso) } : {}),
  };
  try {
    const created = await (deps ?? (await defaultDeps())).createVm(request);
    io.stdout(`${created.path}\n`);
    return EXIT.ok;
  } catch (error) {
    // Refusals the user can act on (an existing folder, a bad name, a disk virtdisk refuses) are failures, not usage errors.
    if (error instanceof HakoError || error instanceof HcsError || isHakoErrorCode((error as { code?: unknown }).code)) {
      io.stderr(`hako: ${(error as Error).message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}
