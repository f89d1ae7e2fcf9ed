/**
 * The `hako` command line: for scripts, CI and support. Exit codes: 0 success, 1 a file is refused
 * or a check failed, 2 usage or I/O error.
 */
import { FileWriteError, WriteConflictError } from '../files/atomic.js';
import { CONFIG_HELP, InputError, runConfig } from './config-commands.js';
import { runHcs } from './hcs-commands.js';
import { runHost } from './host-command.js';
import { runVm } from './vm-commands.js';
import { EXIT, UsageError, processIo, type CliIo, type ExitCode } from './output.js';

declare const HAKO_VERSION: string | undefined;

const HELP = `Usage: hako <command> …

Commands:
  config check|print|format|schema   Work with NanaBox .7b files (hako config --help)
  hcs document                       Show the HCS document for a VM (hako hcs --help)
  vm create <folder> --name N …      Create a VM from a preset (hako vm --help)
  host [--port N] [--data-dir D]     Serve Hako's UI to a browser on this machine (hako host --help)
  --version                          Print Hako's version

${CONFIG_HELP.split('\n').slice(-2).join('\n')}`;

export async function runCli(args: string[], io: CliIo = processIo): Promise<ExitCode> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'config':
        return await runConfig(rest, io);
      case 'hcs':
        return await runHcs(rest, io);
      case 'host':
        return await runHost(rest, io);
      case 'vm':
        return await runVm(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${typeof HAKO_VERSION === 'string' ? HAKO_VERSION : 'dev'}\n`);
        return EXIT.ok;
      case '--help':
      case '-h':
        io.stdout(HELP);
        return EXIT.ok;
      case undefined:
        io.stderr(HELP);
        return EXIT.usage;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof UsageError || isParseArgsError(error)) {
    io.stderr(`hako: ${(error as Error).message}\nRun "hako --help" for usage.\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError || error instanceof FileWriteError) {
    io.stderr(`hako: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof WriteConflictError) {
    io.stderr(`hako: ${error.message}\n`);
    return EXIT.failed;
  }
  throw error;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
