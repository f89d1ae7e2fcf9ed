/**
 * Which RDP client shows a session, and how it is started: the preference's command line (with `{port}`
 * / `{file}` placeholders), else `HAKO_RDP_CLIENT`, else mstsc on Windows or xfreerdp elsewhere.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HakoError } from '../../../app/errors/error-info.js';

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

/**
 * Splits a command line into arguments: whitespace separates, "…" and '…' group, nothing else is
 * special (so Windows paths keep their backslashes).
 */
export function splitCommand(command: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inArg = false;
  for (const ch of command) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inArg = true;
    } else if (/\s/.test(ch)) {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote !== null) throw new HakoError('NoRdpClient', `The RDP client command has an unclosed ${quote}: ${command}`, {}, undefined, CLIENT_ADVICE);
  if (inArg) args.push(current);
  return args;
}

export const CLIENT_ADVICE =
  'Set HAKO_RDP_CLIENT to the RDP client command, with {port} for the port or {file} for the .rdp file, for example: xfreerdp /v:127.0.0.1:{port} /cert:ignore /sec:tls';

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

/**
 * The client for this machine: the command in the preferences when set, else `HAKO_RDP_CLIENT` (for
 * development and tests), else mstsc on Windows, else xfreerdp when it is installed; null when none.
 * `system32` is the System32 folder as Windows reports it (GetSystemDirectoryW); without it `SystemRoot`
 * names it. The packaged app passes no environment and the real folder: an elevated Hako must not run a
 * program that a user variable (HKCU\Environment, which a non-elevated process can write) names.
 */
export function rdpClientLauncher(preferred = '', platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, system32?: string | null): LaunchClient | null {
  const configured = preferred.trim() || env.HAKO_RDP_CLIENT?.trim();
  if (configured) return commandClient(configured);
  if (platform === 'win32') {
    const mstsc = path.win32.join(system32 ?? path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32'), 'mstsc.exe');
    return (file) => spawn(mstsc, [file], { stdio: 'ignore', windowsHide: false });
  }
  if (onPath('xfreerdp', env) !== null) return commandClient(XFREERDP_COMMAND);
  return null;
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
