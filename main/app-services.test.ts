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
    await app.readLibrary();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    const errors = Object.fromEntries(app.vms.list().map((vm) => [path.basename(vm.path), vm.lastError?.code]));
    expect(errors).toEqual({ 'fifo.7b': 'NotAFile', zero: 'NotAFile', 'huge.7b': 'ConfigRefused', 'missing.7b': 'FileNotFound' });
  });
});

describe('start-up with a large library', () => {
  it('answers at once with every entry marked loading, reads them afterwards, and holds actions until then', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hako-startup-'));
    const files: string[] = [];
    for (let i = 0; i < 200; i++) {
      const file = path.join(dir, `vm${i}.7b`);
      const config = { Type: 'VirtualMachine', Version: 1, Name: `Startup ${i}`, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 };
      await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: config }));
      files.push(file);
    }
    await mkdir(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'data', 'library.json'), JSON.stringify({ version: 1, vms: files.map((p) => ({ path: p, preferences: {} })) }));

    app = await createAppServices({ dataDir: path.join(dir, 'data') });
    const listed = await app.dispatch('library.list', undefined);
    if (!listed.ok) throw new Error(listed.error.message);
    const first = listed.value as { path: string; loading: boolean; name: string }[];
    expect(first.map((vm) => vm.path)).toEqual(files);
    expect(first.every((vm) => vm.loading)).toBe(true);
    // Nothing is read until the shell says it is up; an action asked for then waits for the reads (and
    // the re-attach), and runs.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.vms.summaries().every((vm) => vm.loading)).toBe(true);
    const reading = app.readLibrary();
    const started = app.dispatch('vm.start', { path: files[150] });
    await reading;
    expect(await started).toEqual({ ok: true, value: undefined });
    const after = await app.dispatch('library.list', undefined);
    expect((after as { value: { loading: boolean; name: string }[] }).value.map((vm) => [vm.loading, vm.name])).toEqual(files.map((_, i) => [false, `Startup ${i}`]));
    await app.vms.powerOff(files[150]!);
  });

  it('a VM page asked for during the start-up reads its file first', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hako-startup-'));
    const file = path.join(dir, 'page.7b');
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: 'Page', GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 } }));
    await mkdir(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'data', 'library.json'), JSON.stringify({ version: 1, vms: [{ path: file, preferences: {} }] }));
    app = await createAppServices({ dataDir: path.join(dir, 'data') });
    expect(await app.dispatch('vm.get', { path: file })).toMatchObject({ ok: true, value: { loading: false, config: { Name: 'Page' } } });
  });
});
