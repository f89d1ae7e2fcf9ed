import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSevenB } from '../../app/config/index.js';
import { ConfigService } from './config-service.js';
import { VmCloner } from './vm-cloner.js';

let dir: string;
let source: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-clone-'));
  source = path.join(dir, 'Lab', 'Lab.7b');
  await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(source)));
  await writeFile(path.join(dir, 'Lab', 'Lab.vhdx'), Buffer.alloc(3 * 1024 * 1024, 7));
  await writeFile(
    source,
    '\uFEFF' +
      JSON.stringify({
        NanaBox: {
          Type: 'VirtualMachine',
          Version: 1,
          Name: 'Lab',
          ProcessorCount: 2,
          MemorySize: 2048,
          GuestStateFile: 'Lab.vmgs',
          NetworkAdapters: [{ Connected: true, MacAddress: '00-15-5D-00-00-01', EndpointId: 'f2288275-6c30-47d4-bc24-293fa9c9cb12' }],
          ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Lab.vhdx' }],
        },
      }),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VmCloner', () => {
  it('copies the disks into the clone’s folder with progress, and the clone is a new machine', async () => {
    const progress: number[] = [];
    const cloner = new VmCloner({ files: new ConfigService() });
    const { path: clone } = await cloner.clone({ source, name: 'Lab 2', parent: dir, disks: 'copy', macs: 'new-static' }, { onProgress: (p) => progress.push(p.completed / p.total) });
    expect(clone).toBe(path.join(dir, 'Lab 2', 'Lab 2.7b'));
    expect((await readdir(path.dirname(clone))).sort()).toEqual(['Lab 2.7b', 'Lab.vhdx']);
    // Buffer.equals: a deep toEqual walks 3 MiB byte by byte and takes seconds on a busy machine.
    expect((await readFile(path.join(dir, 'Lab 2', 'Lab.vhdx'))).equals(await readFile(path.join(dir, 'Lab', 'Lab.vhdx')))).toBe(true);
    expect(progress.at(-1)).toBe(1);
    const config = readSevenB(await readFile(clone)).file!.config;
    expect(config).toMatchObject({ Name: 'Lab 2', GuestStateFile: '', ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Lab.vhdx' }] });
    expect(config.NetworkAdapters[0]!.EndpointId).toBe('');
    expect(config.NetworkAdapters[0]!.MacAddress).not.toBe('00-15-5D-00-00-01');
  });

  it('a cancel mid-copy removes everything the clone made', async () => {
    const controller = new AbortController();
    const cloner = new VmCloner({ files: new ConfigService() });
    await expect(cloner.clone({ source, name: 'Gone', parent: path.join(dir, 'new'), disks: 'copy', macs: 'dynamic' }, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow();
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
  });

  it('makes differencing disks on the original’s when asked, and refuses when it cannot', async () => {
    const made: [string, string][] = [];
    const cloner = new VmCloner({ files: new ConfigService(), createDifferencing: async (child, parent) => void made.push([child, parent]) });
    await cloner.clone({ source, name: 'Diff', parent: dir, disks: 'differencing', macs: 'dynamic' });
    expect(made).toEqual([[path.join(dir, 'Diff', 'Lab.vhdx'), path.join(dir, 'Lab', 'Lab.vhdx')]]);
    await expect(new VmCloner({ files: new ConfigService() }).clone({ source, name: 'No', parent: dir, disks: 'differencing', macs: 'dynamic' })).rejects.toMatchObject({ code: 'NotSupported' });
    await expect(cloner.clone({ source, name: 'Diff', parent: dir, disks: 'copy', macs: 'dynamic' })).rejects.toMatchObject({ code: 'FileExists' });
  });
});
