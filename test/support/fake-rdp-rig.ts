/**
 * The console proxy tests' fake RDP server (the VM's pipe): one per test at most, in a folder of the
 * test's own, closed and removed after it. Returns `serve`, which starts it with the given answer.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startFakeRdpServer, type FakeRdpServer, type ServerAnswer } from './console.js';

export function useFakeRdpServer(prefix: string): (answer: ServerAnswer) => Promise<FakeRdpServer> {
  let dir = '';
  let server: FakeRdpServer | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    server = null;
  });
  afterEach(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return async (answer) => {
    server = await startFakeRdpServer(path.join(dir, 'pipe'), answer);
    return server;
  };
}
