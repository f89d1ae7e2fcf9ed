/** `hako hcs …`: show what Hako would send to the Host Compute Service. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildComputeSystemDocument, withStateFileDefaults, type HostFacts } from '../../app/compute/document.js';
import { readSevenB, renderFinding } from '../../app/config/index.js';
import { dumpJson } from '../../app/config/json-dump.js';
import { InputError } from './config-commands.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './output.js';

export const HCS_HELP = `Usage: hako hcs document <file> --build <N> --sid <SID> [options]

Print the HCS ComputeSystem document for the VM as JSON. Without further options it is exactly
the document NanaBox builds (Owner = Name, ShouldTerminateOnLastHandleClosed = true).

Options:
  --build <N>         Windows build number of the host (gates SystemInformation, ResolutionType,
                      GuestFeatureSet).
  --sid <SID>         SID of the user allowed to connect to the VM's console pipes.
  --base-dir <dir>    Resolve relative paths against this folder instead of the file's own.
                      A Windows folder (C:\\… or \\\\server\\share) uses Windows path rules on any OS.
  --owner <name>      HCS Owner (Hako uses "Hako/<SID>").
  --keep-running      ShouldTerminateOnLastHandleClosed = false: the VM outlives Hako's handle.

The host-driver shares of Gpu.EnableHostDriverStore are included only on Windows, for the driver
folders that exist under %SystemRoot%\\System32.
`;

export async function runHcs(args: string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(HCS_HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command !== 'document') throw new UsageError(`unknown command "hcs ${command}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      build: { type: 'string' },
      sid: { type: 'string' },
      'base-dir': { type: 'string' },
      owner: { type: 'string' },
      'keep-running': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(HCS_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`hcs document expects one file, got ${positionals.length}`);
  const build = Number(values.build);
  if (values.build === undefined || !/^\d+$/.test(values.build) || !Number.isSafeInteger(build)) {
    throw new UsageError('hcs document needs --build <N>, the host build number (for example 26100)');
  }
  if (values.sid === undefined || !/^S-\d+(-\d+)+$/i.test(values.sid)) {
    throw new UsageError('hcs document needs --sid <SID>, for example S-1-5-21-1-2-3-1001');
  }
  const file = positionals[0]!;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${(error as Error).message}`);
  }
  const result = readSevenB(bytes);
  for (const finding of result.findings.filter((f) => f.severity !== 'info')) {
    io.stderr(`${file}: ${finding.severity}${finding.path ? ` at ${finding.path}` : ''}: ${renderFinding(finding)}\n`);
  }
  if (result.file === null) return EXIT.failed;

  const host: HostFacts = {
    build,
    userSid: values.sid,
    vmFolder: values['base-dir'] ?? path.dirname(path.resolve(file)),
    hostDriverFolders: hostDriverFolders(),
  };
  const document = buildComputeSystemDocument(withStateFileDefaults(result.file.config), host, {
    ...(values.owner !== undefined ? { owner: values.owner } : {}),
    terminateOnLastHandleClosed: !values['keep-running'],
  });
  io.stdout(dumpJson(document as never) + '\n');
  return EXIT.ok;
}

/** The folders NanaBox shares for GPU-PV drivers, where they exist (Windows only). */
function hostDriverFolders(): HostFacts['hostDriverFolders'] {
  if (process.platform !== 'win32') return {};
  const system32 = path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32');
  const existing = (folder: string) => (existsSync(folder) ? folder : undefined);
  const driverStore = existing(path.win32.join(system32, 'DriverStore'));
  const fileRepository = existing(path.win32.join(system32, 'DriverStore', 'FileRepository'));
  const lxssLib = existing(path.win32.join(system32, 'lxss', 'lib'));
  return {
    ...(driverStore ? { driverStore } : {}),
    ...(fileRepository ? { fileRepository } : {}),
    ...(lxssLib ? { lxssLib } : {}),
  };
}
