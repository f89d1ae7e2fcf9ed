/**
 * Starts `node bin/hako.js host --port 0 --data-dir <tmp>` once for the run, waits for its one line
 * `hako host: <url>`, and hands the URL (with its secret) and the temporary folder to the specs through
 * the environment. Set HAKO_E2E_URL (and HAKO_E2E_DIR) to test against a host that is already running
 * (start it with HAKO_STAND_IN_RECORD_DIR=<HAKO_E2E_DIR>/hcs-documents and a disk speed, as below, for the
 * New VM journeys). The returned function stops the host and removes the folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startHostProcess } from './support/host-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const E2E_DISK_BYTES_PER_SECOND = 1024 ** 3;

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
  const hcsDocuments = path.join(dir, 'hcs-documents');
  await mkdir(hcsDocuments, { recursive: true });
  // Where a spec points a VM's session pipes at a server (the console's spec; stand-in/README.md), and
  // the stand-in's pipes in a folder of this run's own: other runs on the machine use the same VM names,
  // and the console would (rightly) refuse a pipe another process serves.
  const sessionTargets = path.join(dir, 'session-targets');
  await mkdir(sessionTargets, { recursive: true });
  const host = await startHostProcess(dataDir, 0, {
    // The stand-in records every document a create accepts, so the specs can check what HCS was asked for.
    HAKO_STAND_IN_RECORD_DIR: hcsDocuments,
    // Disk jobs run at 1 GiB/s: a dynamic disk is made at once, a fixed one takes long enough to cancel.
    HAKO_STAND_IN_DISK_BYTES_PER_SECOND: String(E2E_DISK_BYTES_PER_SECOND),
    HAKO_STAND_IN_SESSION_TARGETS: sessionTargets,
    HAKO_STAND_IN_PIPE_DIR: path.join(dir, 'pipes'),
  });
  const url = host.url;

  process.env.HAKO_E2E_URL = url;
  process.env.HAKO_E2E_DIR = dir;

  return async () => {
    await host.stop();
    if (!process.env.HAKO_E2E_KEEP) await rm(dir, { recursive: true, force: true });
  };
}
