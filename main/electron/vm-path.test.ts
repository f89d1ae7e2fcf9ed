import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkVmPath, validVmPaths } from './vm-path.js';

describe('.7b paths from outside', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hako-paths-'));
    writeFileSync(path.join(dir, 'a.7b'), '\uFEFF{}');
    mkdirSync(path.join(dir, 'folder.7b'));
    writeFileSync(path.join(dir, 'notes.txt'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves relative paths against the launching directory and requires a regular .7b file', async () => {
    await expect(checkVmPath('a.7b', dir)).resolves.toEqual({ ok: true, path: path.join(dir, 'a.7b') });
    await expect(checkVmPath(path.join(dir, 'folder.7b'), '/')).resolves.toEqual({ ok: false, reason: 'not a regular file' });
    await expect(checkVmPath('missing.7b', dir)).resolves.toEqual({ ok: false, reason: 'ENOENT' });
    await expect(checkVmPath('notes.txt', dir)).resolves.toEqual({ ok: false, reason: 'not a .7b path' });
    await expect(checkVmPath('-x.7b', dir)).resolves.toMatchObject({ ok: false });
  });

  it('keeps the valid ones once each', async () => {
    const rejected: string[] = [];
    const valid = await validVmPaths(['a.7b', path.join(dir, 'a.7b'), 'missing.7b', 'folder.7b'], dir, (c) => rejected.push(c));
    expect(valid).toEqual([path.join(dir, 'a.7b')]);
    expect(rejected).toEqual(['missing.7b', 'folder.7b']);
  });
});
