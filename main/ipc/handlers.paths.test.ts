// IPC handlers given paths that are not ordinary files (a FIFO in the library) or that try to plant a path in the library.
import { execFileSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useHandlersRig } from '../../test/support/handlers-rig.js';

const rig = useHandlersRig();
const { call, value, vmFile } = rig;

describe('files that are not files', () => {
  it('a library VM replaced by a FIFO: load and save answer at once, and the host keeps serving', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    const loaded = await value<{ file: unknown; stamp: unknown }>('config.load', { path: file });
    await rm(file);
    execFileSync('mkfifo', [file]);
    const started = Date.now();
    expect(await call('config.load', { path: file })).toMatchObject({ ok: false, error: { code: 'NotAFile' } });
    for (let i = 0; i < 4; i++) {
      expect(await call('config.save', { path: file, file: loaded.file, expected: loaded.stamp, force: true })).toMatchObject({ ok: false, error: { code: 'NotAFile' } });
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await call('app.version')).toMatchObject({ ok: true });
  });

  it('session.setMode cannot plant a path in the library', async () => {
    expect(await call('session.setMode', { path: path.join(rig.dir, 'fifo.7b'), mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });
    expect(await call('session.setMode', { path: '\\\\server\\share\\x.7b', mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'PathNotLocal' } });
    expect(await value('library.list')).toEqual([]);
    expect(await readFile(path.join(rig.dir, 'data', 'library.json'), 'utf8').catch(() => 'none')).not.toContain('fifo');
  });
});
