/**
 * `hako host` as a process of its own (the built CLI, `node bin/hako.js host`), on a data folder the
 * caller prepared: for the UI benchmark and the specs that need a library of their own. Needs
 * `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface HostProcess {
  /** The address with its secret, as the host printed it. */
  readonly url: string;
  /** Process start → the `hako host:` line, in ms. */
  readonly startMs: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function startHostProcess(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<HostProcess> {
  const began = performance.now();
  const child = spawn(process.execPath, ['bin/hako.js', 'host', '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^hako host: (\S+)$/m.exec(stdout);
      if (match) resolve({ url: match[1]!, startMs: performance.now() - began, child, stop });
    });
    child.once('exit', (code) => reject(new Error(`hako host exited (${code}) before printing its URL\n${stderr}`)));
  });
}
