/**
 * The RDP client command line a user may prefer (the `rdpClientCommand` preference): how it is split
 * into a program and its arguments, and what is wrong with one. Main runs it (the session launcher);
 * the Preferences page checks it as the user types, by the same rules (and words what it finds).
 */
import { HakoError } from '../errors/error-info.js';

/** What to do when no client is found or the command is wrong. */
export const CLIENT_ADVICE =
  'Choose an RDP client in Preferences: a command line with {port} for the port or {file} for the .rdp file, for example: xfreerdp /v:127.0.0.1:{port} /cert:ignore. (HAKO_RDP_CLIENT sets one for development.)';

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

/** Why a command cannot be run as an RDP client (the Preferences page words it). */
export type RdpCommandProblem = { readonly code: 'unclosed'; readonly quote: '"' | "'" } | { readonly code: 'empty' };

/** What is wrong with `command` as an RDP client; null when it can be run. */
export function rdpCommandProblem(command: string): RdpCommandProblem | null {
  let parts: string[];
  try {
    parts = splitCommand(command);
  } catch {
    const quote = /["']/.exec(command.replace(/"[^"]*"|'[^']*'/g, ''))?.[0] === "'" ? "'" : '"';
    return { code: 'unclosed', quote };
  }
  return parts.length === 0 ? { code: 'empty' } : null;
}
