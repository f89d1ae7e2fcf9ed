// Start-up survives a library planted with things that are not VM files.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureStandIns } from '../test/support/native/stand-ins.js';
import { createAppServices, type AppServices } from './app-services.js';

let dir: string;
let app: AppServices | null = null;

beforeAll(() => ensureStandIns(), 180_000);
afterEach(async () => {
  await app?.dispose();
  app = null;
  await rm(dir, { recursive: true, force: true });
});

describe('start-up with a hostile library', () => {
  it('a FIFO, a device, a huge file and a missing file neither block nor fill memory', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hako-startup-'));
    const fifo = path.join(dir, 'fifo.7b');
    execFileSync('mkfifo', [fifo]);
    const huge = path.join(dir, 'huge.7b');
    await writeFile(huge, '');
    await truncate(huge, 200 * 1024 * 1024);
    const files = [fifo, '/dev/zero', huge, path.join(dir, 'missing.7b')];
    await mkdir(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'data', 'library.json'), JSON.stringify({ version: 1, vms: files.map((p) => ({ path: p, preferences: {} })) }));

    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    app = await createAppServices({ dataDir: path.join(dir, 'data') });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    const errors = Object.fromEntries(app.vms.list().map((vm) => [path.basename(vm.path), vm.lastError?.code]));
    expect(errors).toEqual({ 'fifo.7b': 'NotAFile', zero: 'NotAFile', 'huge.7b': 'ConfigRefused', 'missing.7b': 'FileNotFound' });
  });
});
