import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { samePath } from '../../app/paths/identity.js';
import { JsonStore, type StoreFs as LibraryFs } from '../files/json-store.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LIBRARY_FILE_NAME,
  LIBRARY_VERSION,
  Library,
  LibraryError,
  MAX_RECENT,
  decodeLibraryDocument,
} from './library.js';

let dir: string;
let file: string;
const fixedNow = (): Date => new Date('2026-11-27T10:15:30.123Z');

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-library-'));
  file = path.join(dir, LIBRARY_FILE_NAME);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(options: { fs?: LibraryFs; now?: () => Date } = {}): Library {
  return new Library(dir, { fsync: false, now: fixedNow, ...options });
}

async function stored(): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function listing(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('Library', () => {
  it('starts empty without a file and writes nothing until a change', async () => {
    const library = open();
    expect(await library.load()).toEqual({ status: 'new' });
    expect(await library.snapshot()).toEqual({ files: [], recent: [], running: [] });
    expect(await listing()).toEqual([]);
  });

  it('creates the data folder on the first write', async () => {
    const nested = path.join(dir, 'a', 'b');
    const library = new Library(nested, { fsync: false });
    await library.add('/vms/one.7b');
    expect(JSON.parse(await readFile(path.join(nested, LIBRARY_FILE_NAME), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('keeps known files, recent list, preferences and running ids across instances as versioned JSON', async () => {
    const library = open();
    await library.add('C:\\VMs\\One.7b');
    await library.markOpened('C:\\VMs\\Two.7b');
    await library.markOpened('C:\\VMs\\One.7b');
    await library.setPreferences('C:\\VMs\\Two.7b', { sessionMode: 'enhanced' });
    await library.rememberRunning('Two', 'C:\\VMs\\Two.7b');

    expect(await stored()).toEqual({
      version: LIBRARY_VERSION,
      vms: [
        { path: 'C:\\VMs\\One.7b', preferences: {} },
        { path: 'C:\\VMs\\Two.7b', preferences: { sessionMode: 'enhanced' } },
      ],
      recent: ['C:\\VMs\\One.7b', 'C:\\VMs\\Two.7b'],
      running: [{ id: 'Two', path: 'C:\\VMs\\Two.7b' }],
    });

    const again = open();
    expect(await again.load()).toEqual({ status: 'loaded', fromVersion: 1 });
    expect(await again.files()).toEqual(['C:\\VMs\\One.7b', 'C:\\VMs\\Two.7b']);
    expect(await again.recent()).toEqual(['C:\\VMs\\One.7b', 'C:\\VMs\\Two.7b']);
    expect(await again.preferences('c:\\vms\\two.7b')).toEqual({ sessionMode: 'enhanced' });
    expect(await again.fileForId('Two')).toBe('C:\\VMs\\Two.7b');
  });

  it('de-duplicates Windows paths by case and keeps the newest spelling', async () => {
    const library = open();
    await library.markOpened('C:\\VMs\\Demo.7b');
    await library.markOpened('c:/vms/demo.7b');
    expect(await library.files()).toEqual(['c:/vms/demo.7b']);
    expect(await library.recent()).toEqual(['c:/vms/demo.7b']);
    expect(await library.has('C:\\VMS\\DEMO.7B')).toBe(true);
  });

  it('treats POSIX paths that differ in case as different files', async () => {
    const library = open();
    await library.markOpened('/vms/Demo.7b');
    await library.markOpened('/vms/demo.7b');
    expect(await library.recent()).toEqual(['/vms/demo.7b', '/vms/Demo.7b']);
  });

  it('bounds the recent list to 20, most recent first', async () => {
    const library = open();
    for (let i = 0; i < 25; i++) await library.markOpened(`/vms/${i}.7b`);
    await library.markOpened('/vms/10.7b');
    const recent = await library.recent();
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe('/vms/10.7b');
    expect(recent[1]).toBe('/vms/24.7b');
    expect(recent.filter((p) => p === '/vms/10.7b')).toHaveLength(1);
    expect(recent).not.toContain('/vms/4.7b');
    // The library still knows every file.
    expect(await library.files()).toHaveLength(25);
  });

  it('removes a file with its recent entry and preferences but keeps running ids', async () => {
    const library = open();
    await library.markOpened('/vms/a.7b');
    await library.setPreferences('/vms/a.7b', { sessionMode: 'enhanced' });
    await library.rememberRunning('a', '/vms/a.7b');
    await library.remove('/vms/a.7b');
    expect(await library.snapshot()).toEqual({ files: [], recent: [], running: [{ id: 'a', path: '/vms/a.7b' }] });
    expect(await library.preferences('/vms/a.7b')).toEqual({ sessionMode: 'basic' });
  });

  it('applies preference defaults and patches, for library VMs only', async () => {
    const library = open();
    expect(await library.preferences('/vms/x.7b')).toEqual({ sessionMode: 'basic' });
    await expect(library.setPreferences('/vms/x.7b', { sessionMode: 'enhanced' })).rejects.toMatchObject({ code: 'VmUnknown' });
    expect(await library.files()).toEqual([]);
    await library.add('/vms/x.7b');
    expect(await library.setPreferences('/vms/x.7b', {})).toEqual({ sessionMode: 'basic' });
    expect(await library.setPreferences('/vms/x.7b', { sessionMode: 'enhanced' })).toEqual({ sessionMode: 'enhanced' });
    expect(await library.files()).toEqual(['/vms/x.7b']);
  });

  it('drops the window bounds older versions stored', async () => {
    await writeFile(file, JSON.stringify({ version: 1, vms: [{ path: '/vms/x.7b', preferences: { sessionMode: 'enhanced', lastWindowBounds: { x: 0, y: 0, width: 8, height: 6 } } }] }));
    const library = open();
    expect(await library.load()).toMatchObject({ status: 'loaded' });
    expect(await library.preferences('/vms/x.7b')).toEqual({ sessionMode: 'enhanced' });
  });

  it('is bounded: paths as long as Windows allows, and at most 10,000 VMs', async () => {
    const library = open();
    await expect(library.add(`/${'a'.repeat(40_000)}.7b`)).rejects.toMatchObject({ code: 'InvalidPath' });
    const many = { version: 1, vms: Array.from({ length: 10_000 }, (_, i) => ({ path: `/vms/${i}.7b`, preferences: {} })) };
    await writeFile(file, JSON.stringify(many));
    const full = open();
    expect(await full.load()).toMatchObject({ status: 'loaded' });
    await expect(full.add('/vms/one-more.7b')).rejects.toMatchObject({ code: 'LibraryFull' });
    await full.add('/vms/9999.7b');
    await writeFile(file, JSON.stringify({ ...many, vms: [...many.vms, { path: '/vms/x.7b', preferences: {} }] }));
    expect(await open().load()).toMatchObject({ status: 'recovered' });
  });

  it('rejects bad input with typed errors', async () => {
    const library = open();
    await expect(library.add('relative\\Demo.7b')).rejects.toMatchObject({ code: 'InvalidPath' });
    await expect(library.markOpened('C:Demo.7b')).rejects.toBeInstanceOf(LibraryError);
    await expect(
      library.setPreferences('/vms/a.7b', { sessionMode: 'fancy' as 'basic' }),
    ).rejects.toMatchObject({ code: 'InvalidPreferences' });
    await expect(library.rememberRunning('', '/vms/a.7b')).rejects.toMatchObject({ code: 'InvalidId' });
    expect(await library.files()).toEqual([]);
  });

  it('maps running ids to files exactly', async () => {
    const library = open();
    await library.rememberRunning('Demo', '/vms/demo.7b');
    expect(await library.fileForId('Demo')).toBe('/vms/demo.7b');
    expect(await library.fileForId('Other')).toBeNull();
    await library.rememberRunning('Demo', '/vms/moved.7b');
    expect(await library.fileForId('Demo')).toBe('/vms/moved.7b');
    await library.forgetRunning('Demo');
    expect(await library.fileForId('Demo')).toBeNull();
    expect((await library.snapshot()).running).toEqual([]);
  });

  it('serialises concurrent mutations: every one lands, in call order', async () => {
    const library = open();
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      calls.push(library.markOpened(`/vms/${i}.7b`));
      calls.push(library.rememberRunning(`id${i}`, `/vms/${i}.7b`));
      calls.push(library.setPreferences(`/vms/${i}.7b`, { sessionMode: i % 2 === 0 ? 'enhanced' : 'basic' }));
    }
    await Promise.all(calls);
    const again = open();
    const snapshot = await again.snapshot();
    expect(snapshot.files).toHaveLength(30);
    expect(snapshot.running).toHaveLength(30);
    expect(snapshot.recent[0]).toBe('/vms/29.7b');
    expect(await again.preferences('/vms/28.7b')).toEqual({ sessionMode: 'enhanced' });
    // No temp files left behind by overlapping writes.
    expect(await listing()).toEqual([LIBRARY_FILE_NAME]);
  });

  it('keeps going after a failed call', async () => {
    const library = open();
    const failing = library.add('nope');
    const next = library.add('/vms/ok.7b');
    await expect(failing).rejects.toMatchObject({ code: 'InvalidPath' });
    await next;
    expect(await library.files()).toEqual(['/vms/ok.7b']);
  });

  it('reads a file with a UTF-8 BOM (edited in Notepad)', async () => {
    await writeFile(file, `\uFEFF${JSON.stringify({ version: 1, vms: [{ path: '/vms/a.7b' }] })}`);
    const library = open();
    expect(await library.load()).toEqual({ status: 'loaded', fromVersion: 1 });
    expect(await library.snapshot()).toEqual({ files: ['/vms/a.7b'], recent: [], running: [] });
  });

  it('normalises duplicates and overlong recent lists on load', async () => {
    const recent = Array.from({ length: 30 }, (_, i) => `C:\\VMs\\${i}.7b`);
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        vms: [{ path: 'C:\\VMs\\0.7b', preferences: { sessionMode: 'enhanced' } }, { path: 'c:\\vms\\0.7B' }],
        recent: ['c:\\VMS\\0.7b', ...recent],
        running: [],
      }),
    );
    const library = open();
    const snapshot = await library.snapshot();
    expect(snapshot.recent).toHaveLength(MAX_RECENT);
    expect(snapshot.recent[0]).toBe('C:\\VMs\\0.7b');
    expect(snapshot.files.filter((p) => samePath(p, 'C:\\VMs\\0.7b'))).toHaveLength(1);
    expect(await library.preferences('C:\\VMs\\0.7b')).toEqual({ sessionMode: 'enhanced' });
  });
});

describe('one write per change', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opening a new file adds it and makes it the most recent in one write', async () => {
    const library = open();
    await library.load();
    const saves = vi.spyOn(JsonStore.prototype, 'save');
    await library.markOpened('/vms/new.7b');
    expect(saves).toHaveBeenCalledTimes(1);
    expect(await library.files()).toEqual(['/vms/new.7b']);
    expect(await library.recent()).toEqual(['/vms/new.7b']);
  });

  it('a start records the running id and when it started in one write, kept per user across instances', async () => {
    const library = open();
    await library.add('/vms/a.7b');
    await library.add('/vms/b.7b');
    const saves = vi.spyOn(JsonStore.prototype, 'save');
    await library.rememberRunning('A', '/vms/a.7b', 1_700_000_000_123);
    expect(saves).toHaveBeenCalledTimes(1);
    expect(await library.entries()).toEqual([
      { path: '/vms/a.7b', lastStartedAt: 1_700_000_000_123 },
      { path: '/vms/b.7b', lastStartedAt: null },
    ]);
    expect(await stored()).toMatchObject({ vms: [{ path: '/vms/a.7b', lastStartedAt: 1_700_000_000_123 }, { path: '/vms/b.7b' }] });
    expect(await open().entries()).toEqual(await library.entries());
    expect(await open().fileForId('A')).toBe('/vms/a.7b');
  });

  it('a file outside the library gets its running id but no start time (nothing of it is kept)', async () => {
    const library = open();
    await library.rememberRunning('X', '/elsewhere/x.7b', 1_700_000_000_000);
    expect(await library.fileForId('X')).toBe('/elsewhere/x.7b');
    expect(await library.entries()).toEqual([]);
  });

  it('refuses a start time that is not a time', async () => {
    await writeFile(file, JSON.stringify({ version: 1, vms: [{ path: '/vms/a.7b', preferences: {}, lastStartedAt: 'yesterday' }] }));
    const library = open();
    expect((await library.load()).status).toBe('recovered');
    expect(await library.entries()).toEqual([]);
  });
});

describe('migrations', () => {
  it('migrates v0 (a bare array of paths, most recent first) to v1 and keeps a backup', async () => {
    const v0 = ['C:\\VMs\\Newest.7b', '/vms/older.7b', 'C:\\VMs\\Oldest.7b'];
    await writeFile(file, JSON.stringify(v0));
    const library = open();
    expect(await library.load()).toEqual({ status: 'migrated', fromVersion: 0 });
    expect(await library.recent()).toEqual(v0);
    expect(await library.files()).toEqual(v0);
    expect(await stored()).toEqual({
      version: 1,
      vms: v0.map((p) => ({ path: p, preferences: {} })),
      recent: v0,
      running: [],
    });
    expect(JSON.parse(await readFile(`${file}.v0.bak`, 'utf8'))).toEqual(v0);
    // And the second start reads v1 directly.
    expect(await open().load()).toEqual({ status: 'loaded', fromVersion: 1 });
  });

  it('bounds the migrated recent list', () => {
    const v0 = Array.from({ length: 25 }, (_, i) => `/vms/${i}.7b`);
    const decoded = decodeLibraryDocument(v0);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.fromVersion).toBe(0);
    expect(decoded.document).toMatchObject({ recent: expect.any(Array) as unknown[] });
    const document = decoded.document as { recent: string[]; vms: unknown[] };
    expect(document.recent).toHaveLength(MAX_RECENT);
    expect(document.vms).toHaveLength(25);
  });

  it('validates each version before migrating it', () => {
    expect(decodeLibraryDocument(['relative.7b'])).toMatchObject({ ok: false });
    expect(decodeLibraryDocument([1, 2])).toMatchObject({ ok: false });
    expect(decodeLibraryDocument({ version: 1, vms: 'no' })).toMatchObject({ ok: false });
    expect(decodeLibraryDocument({ version: 0 })).toMatchObject({ ok: false });
    expect(decodeLibraryDocument({ vms: [] })).toMatchObject({ ok: false });
    expect(decodeLibraryDocument(null)).toMatchObject({ ok: false });
  });
});

describe('recovery', () => {
  const aside = (): string => `${LIBRARY_FILE_NAME}.corrupt-2026-11-27T10-15-30-123Z`;

  it.each([
    ['not JSON', '{"version": 1, "vms": ['],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['the wrong shape', JSON.stringify({ version: 1, vms: [{ path: 42 }] })],
    ['a relative path', JSON.stringify({ version: 1, vms: [{ path: 'Demo.7b' }] })],
    ['a bad preference', JSON.stringify({ version: 1, vms: [{ path: '/a.7b', preferences: { sessionMode: 'x' } }] })],
    ['a newer version', JSON.stringify({ version: LIBRARY_VERSION + 1, vms: [], future: true })],
    ['a bare string', '"hello"'],
  ])('moves aside a file with %s and starts empty', async (_label, content) => {
    await writeFile(file, content);
    const library = open();
    const report = await library.load();
    expect(report.status).toBe('recovered');
    expect(report.movedAsideTo).toBe(path.join(dir, aside()));
    expect(report.problem).toBeTruthy();
    expect(await library.snapshot()).toEqual({ files: [], recent: [], running: [] });
    expect(await listing()).toEqual([aside()]);
    expect(await readFile(path.join(dir, aside()))).toEqual(Buffer.from(content));

    // The next change writes a fresh file and the bad copy stays.
    await library.add('/vms/new.7b');
    expect(await listing()).toEqual([LIBRARY_FILE_NAME, aside()].sort());
    expect(await stored()).toMatchObject({ version: 1, vms: [{ path: '/vms/new.7b' }] });
  });

  it('never overwrites an earlier corrupt copy', async () => {
    await writeFile(path.join(dir, aside()), 'first');
    await writeFile(file, 'second');
    const report = await open().load();
    expect(report.movedAsideTo).toBe(path.join(dir, `${aside()}-2`));
    expect(await readFile(path.join(dir, aside()), 'utf8')).toBe('first');
    expect(await readFile(path.join(dir, `${aside()}-2`), 'utf8')).toBe('second');
  });

  it('moves aside a file that cannot be read', async () => {
    // A folder where the file should be: reading fails with EISDIR on every OS and for every user.
    await mkdir(file);
    const library = open();
    const report = await library.load();
    expect(report.status).toBe('recovered');
    expect(report.problem).toMatch(/could not be read/);
    await library.add('/vms/a.7b');
    expect(await stored()).toMatchObject({ version: 1 });
  });

  it('copies the bad bytes aside when the rename fails', async () => {
    await writeFile(file, 'garbage');
    const fs = await import('node:fs/promises');
    const failingRename: LibraryFs = {
      readFile: (p) => fs.readFile(p),
      rename: () => Promise.reject(Object.assign(new Error('EBUSY: simulated'), { code: 'EBUSY' })),
      mkdir: (p, o) => fs.mkdir(p, o),
      writeFile: (p, d, o) => fs.writeFile(p, d, o),
      stat: (p) => fs.stat(p),
    };
    const library = open({ fs: failingRename });
    expect((await library.load()).status).toBe('recovered');
    expect(await readFile(path.join(dir, aside()), 'utf8')).toBe('garbage');
  });

  it('refuses to write when the bad file can be neither read nor moved aside', async () => {
    await writeFile(file, 'keep me');
    const fs = await import('node:fs/promises');
    const stuck: LibraryFs = {
      readFile: () => Promise.reject(Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' })),
      rename: () => Promise.reject(Object.assign(new Error('EACCES: simulated'), { code: 'EACCES' })),
      mkdir: (p, o) => fs.mkdir(p, o),
      writeFile: (p, d, o) => fs.writeFile(p, d, o),
      stat: (p) => fs.stat(p),
    };
    const library = open({ fs: stuck });
    const report = await library.load();
    expect(report.status).toBe('unpersisted');
    await expect(library.add('/vms/a.7b')).rejects.toMatchObject({ code: 'NotPersisted' });
    // In memory for this run, but the file on disk is untouched.
    expect(await library.files()).toEqual(['/vms/a.7b']);
    expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('reports a failed save with a typed error and keeps the change in memory', async () => {
    const library = open();
    await library.load();
    // A file where the data folder should be: mkdir and the write fail.
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a folder');
    try {
      await expect(library.add('/vms/a.7b')).rejects.toMatchObject({ code: 'SaveFailed' });
      expect(await library.files()).toEqual(['/vms/a.7b']);
    } finally {
      await rm(dir, { force: true });
      await mkdir(dir);
    }
  });
});
