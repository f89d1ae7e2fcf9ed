/**
 * Where a VM's session pipe is on this machine: the named pipe itself on Windows; off Windows, the Unix
 * socket the stand-in serves for it (stand-in/README.md "Console endpoints").
 */
import os from 'node:os';
import path from 'node:path';

const PIPE_PREFIX = /^\\\\[.?]\\pipe\\/i;

/**
 * The stand-in's mapping (stand-in/README.md "Console endpoints"): off Windows, the pipe
 * `\\.\pipe\<rest>` is the Unix socket `$HAKO_STAND_IN_PIPE_DIR/<rest>` (`/` in rest → `_`), by default
 * in `$TMPDIR/hako-pipes`.
 */
export function standInPipePath(pipeName: string, env: NodeJS.ProcessEnv = process.env): string {
  const rest = pipeName.replace(PIPE_PREFIX, '');
  const dir = env.HAKO_STAND_IN_PIPE_DIR || path.join(os.tmpdir(), 'hako-pipes');
  return path.join(dir, rest.replaceAll('/', '_'));
}

/** Windows connects to the named pipe itself (node's net.connect takes `\\.\pipe\…` paths). */
export function hostPipePath(pipeName: string): string {
  return process.platform === 'win32' ? pipeName : standInPipePath(pipeName);
}
