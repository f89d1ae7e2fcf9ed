/**
 * Which RDP client shows a session, and how it is started: the preference's command line (with `{port}`
 * / `{file}` placeholders), else `HAKO_RDP_CLIENT`, else mstsc on Windows or xfreerdp elsewhere.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HakoError } from '../../../app/errors/error-info.js';
import { CLIENT_ADVICE, splitCommand } from '../../../app/session/rdp-command.js';

/** What SessionService needs of a started client: a ChildProcess fits. */
export interface SessionClientProcess {
  readonly pid?: number | undefined;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  readonly stdout?: NodeJS.ReadableStream | null;
  readonly stderr?: NodeJS.ReadableStream | null;
  kill(signal?: NodeJS.Signals | number): boolean;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  once(event: 'error', listener: (error: Error) => void): this;
}

/** Starts the RDP client on a `.rdp` file for the bridge on 127.0.0.1:`port`. */
export type LaunchClient = (rdpFilePath: string, port: number) => SessionClientProcess;

/** Runs `template` (see `splitCommand`) with `{port}` and `{file}` replaced; no placeholder → the file is appended. */
export function commandClient(template: string): LaunchClient {
  const parts = splitCommand(template);
  if (parts.length === 0) throw new HakoError('NoRdpClient', 'The RDP client command is empty.', {}, undefined, CLIENT_ADVICE);
  return (file, port) => {
    const fill = (arg: string) => arg.replaceAll('{port}', String(port)).replaceAll('{file}', file);
    const placeholders = parts.some((arg) => arg.includes('{port}') || arg.includes('{file}'));
    const [command, ...args] = parts.map(fill);
    return spawn(command!, placeholders ? args : [...args, file], { stdio: ['ignore', 'pipe', 'pipe'] });
  };
}

/** FreeRDP's X11 client with the bridge's address; the VM console's certificate is self-signed (VMMS). */
export const XFREERDP_COMMAND = 'xfreerdp /v:127.0.0.1:{port} /cert:ignore';

/** The first `name` on the PATH, or null. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** The program a command line runs, by its file name (the whole line when it does not split). */
function programName(command: string): string {
  try {
    const program = splitCommand(command)[0] ?? command;
    return path.win32.basename(path.posix.basename(program));
  } catch {
    return command;
  }
}

/** The client an empty preference stands for, as the Preferences page names it. */
export interface DefaultRdpClient {
  /** The program's name: `mstsc`, `xfreerdp`, or the first word of HAKO_RDP_CLIENT. */
  readonly name: string;
  /** The command line Hako runs. */
  readonly command: string;
  /** Found on this computer, or set by HAKO_RDP_CLIENT (development and tests). */
  readonly source: 'system' | 'environment';
}

/**
 * The client Hako uses when the preference is empty: `HAKO_RDP_CLIENT` (for development and tests), else
 * mstsc on Windows, else xfreerdp when it is installed; null when none. `system32` is the System32 folder
 * as Windows reports it (GetSystemDirectoryW); without it `SystemRoot` names it. The packaged app passes
 * no environment and the real folder: an elevated Hako must not run a program that a user variable
 * (HKCU\Environment, which a non-elevated process can write) names.
 */
export function defaultRdpClient(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, system32?: string | null): DefaultRdpClient | null {
  const configured = env.HAKO_RDP_CLIENT?.trim();
  if (configured) return { name: programName(configured), command: configured, source: 'environment' };
  if (platform === 'win32') {
    const mstsc = path.win32.join(system32 ?? path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32'), 'mstsc.exe');
    return { name: 'mstsc', command: `"${mstsc}" {file}`, source: 'system' };
  }
  const xfreerdp = onPath('xfreerdp', env);
  if (xfreerdp !== null) return { name: 'xfreerdp', command: XFREERDP_COMMAND.replace(/^xfreerdp/, `"${xfreerdp}"`), source: 'system' };
  return null;
}

/** The client for this machine: the command in the preferences when set, else {@link defaultRdpClient}. */
export function rdpClientLauncher(preferred = '', platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, system32?: string | null): LaunchClient | null {
  if (preferred.trim()) return commandClient(preferred.trim());
  const found = defaultRdpClient(platform, env, system32);
  if (found === null) return null;
  if (platform === 'win32' && found.source === 'system') {
    const mstsc = splitCommand(found.command)[0]!;
    return (file) => spawn(mstsc, [file], { stdio: 'ignore', windowsHide: false });
  }
  return commandClient(found.command);
}

/**
 * The preferred client command an elevated, packaged Hako may run: only a program in a folder that only
 * administrators can write (Program Files, the Windows folder). The preferences file lives in the user's
 * profile, which programs without elevation can change, so anything else would let them run a program as
 * administrator. Elsewhere (development, the browser host) the preference is used as it is.
 * `protectedFolders` come from the system (SHGetKnownFolderPath), never from the environment.
 */
export function trustedClientCommand(command: string, packaged: boolean, protectedFolders: readonly string[]): string {
  if (!packaged || command.trim() === '') return command;
  const program = splitCommand(command)[0] ?? '';
  const lower = path.win32.normalize(program).toLowerCase();
  const safe = path.win32.isAbsolute(program) && protectedFolders.some((folder) => lower.startsWith(`${path.win32.normalize(folder).replace(/\\+$/, '').toLowerCase()}\\`));
  return safe ? command : '';
}
