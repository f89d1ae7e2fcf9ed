/**
 * A `hako host` process of the specs' own: `node bin/hako.js host --port 0 --data-dir <dir>`, started and
 * waited for until it prints `hako host: <url>`. The run's shared host (global-setup.ts) is one; specs
 * that stop or kill a host (restarts, host loss) start their own, so the other specs keep theirs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;

export interface HostProcess {
  /** The address with its secret, as the host printed it. */
  readonly url: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** What the host wrote to stderr so far. */
  stderr(): string;
  /** The host process's resident set size now, in bytes (VmRSS of /proc/<pid>/status: Linux only). */
  rss(): Promise<number>;
  /** SIGTERM (a clean stop: the host closes its sockets with "Hako is closing"), SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL: the host is gone at once, as after a crash. */
  kill(): Promise<void>;
}

/** Starts a host on `port` (0: any free port) with its library and preferences in `dataDir`; `env` adds to the environment (the stand-ins' settings). */
export async function startHostProcess(dataDir: string, port = 0, env: Readonly<Record<string, string>> = {}): Promise<HostProcess> {
  const child = spawn(process.execPath, ['bin/hako.js', 'host', '--port', String(port), '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test', ...env },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (process.env.HAKO_E2E_VERBOSE) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`e2e: hako host printed no URL within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^hako host: (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`e2e: hako host exited (${signal ?? code}) before printing its URL\n${stderr}`));
    });
  });

  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    dataDir,
    child,
    stderr: () => stderr,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
      if (!match) throw new Error(`e2e: no VmRSS in /proc/${child.pid}/status`);
      return Number(match[1]) * 1024;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
