/**
 * Starts `node bin/hako.js host --port 0 --data-dir <tmp>` once for the run, waits for its one line
 * `hako host: <url>`, and hands the URL (with its secret) and the temporary folder to the specs through
 * the environment. Set HAKO_E2E_URL (and HAKO_E2E_DIR) to test against a host that is already running.
 * The returned function stops the host and removes the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 30_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.HAKO_E2E_URL) {
    process.env.HAKO_E2E_DIR ??= await mkdtemp(path.join(os.tmpdir(), 'hako-e2e-'));
    return async () => undefined;
  }
  for (const built of ['out/cli/hako.js', 'out/renderer/index.html']) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`e2e: ${built} is missing; run "npm run build" first`);
  }

  const dir = await mkdtemp(path.join(os.tmpdir(), 'hako-e2e-'));
  const dataDir = path.join(dir, 'data');
  await mkdir(path.join(dir, 'vms'), { recursive: true });
  // Where a spec points a VM's session pipes at an RDP server (the console's spec; stand-in/README.md).
  const sessionTargets = path.join(dir, 'session-targets');
  await mkdir(sessionTargets, { recursive: true });
  const child = spawn(process.execPath, ['bin/hako.js', 'host', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // The stand-in's pipes in a folder of this run's own: other runs on the machine use the same VM names,
    // and the console would (rightly) refuse a pipe another process serves.
    // The external RDP client ("Open in Remote Desktop Connection"): a stand-in that connects to the
    // session bridge and stays until Hako ends it (test/support/fake-rdp-client.mjs), as no display is here.
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HAKO_STAND_IN_SESSION_TARGETS: sessionTargets,
      HAKO_STAND_IN_PIPE_DIR: path.join(dir, 'pipes'),
      HAKO_RDP_CLIENT: process.env.HAKO_RDP_CLIENT ?? `"${process.execPath}" "${path.join(ROOT, 'test', 'support', 'fake-rdp-client.mjs')}" {port} {file}`,
      FAKE_CLIENT_MODE: 'stay',
    },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (process.env.HAKO_E2E_VERBOSE) process.stderr.write(chunk);
  });

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`e2e: hako host printed no URL within ${START_TIMEOUT_MS} ms\n${stderr}`)), START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
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

  process.env.HAKO_E2E_URL = url;
  process.env.HAKO_E2E_DIR = dir;

  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (!process.env.HAKO_E2E_KEEP) await rm(dir, { recursive: true, force: true });
  };
}
