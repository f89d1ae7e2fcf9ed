import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { waitFor } from '../../test/support/wait.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileWriteError,
  WriteConflictError,
  defaultFs,
  readFileWithStamp,
  STALE_TEMP_AGE_MS,
  sweepStaleTemps,
  writeFileAtomic,
  type AtomicFileHandle,
  type AtomicFs,
} from './atomic.js';

const encoder = new TextEncoder();
const text = (s: string): Uint8Array => encoder.encode(s);

let dir: string;
let target: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-atomic-'));
  target = path.join(dir, 'Demo.7b');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listing(): Promise<string[]> {
  return (await readdir(dir)).sort();
}

function errnoError(code: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated`);
  error.code = code;
  return error;
}

/** Node's fs with one handle or fs call replaced; everything else is real. */
function faultyFs(overrides: {
  fs?: Partial<AtomicFs>;
  handle?: (real: AtomicFileHandle, openedPath: string) => Partial<AtomicFileHandle>;
}): AtomicFs {
  return {
    ...defaultFs,
    ...overrides.fs,
    async open(p, flags, mode) {
      const real = await (overrides.fs?.open ?? defaultFs.open)(p, flags, mode);
      const replaced = overrides.handle?.(real, p) ?? {};
      return {
        write: replaced.write ?? real.write.bind(real),
        readFile: replaced.readFile ?? real.readFile.bind(real),
        stat: replaced.stat ?? real.stat.bind(real),
        chmod: replaced.chmod ?? real.chmod.bind(real),
        sync: replaced.sync ?? real.sync.bind(real),
        close: replaced.close ?? real.close.bind(real),
      };
    },
  };
}

describe('readFileWithStamp', () => {
  it('returns the bytes with their size, time and SHA-256', async () => {
    await writeFile(target, 'abc');
    const { bytes, stamp } = await readFileWithStamp(target);
    expect(Buffer.from(bytes).toString()).toBe('abc');
    expect(stamp.size).toBe(3);
    expect(stamp.mtimeMs).toBe((await stat(target)).mtimeMs);
    expect(stamp.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('rejects with ENOENT for a missing file', async () => {
    await expect(readFileWithStamp(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeFileAtomic', () => {
  it('creates a file and reads back the same bytes, leaving no temp file', async () => {
    await writeFileAtomic(target, text('{"NanaBox":{}}'));
    expect(await readFile(target, 'utf8')).toBe('{"NanaBox":{}}');
    expect(await listing()).toEqual(['Demo.7b']);
  });

  it('replaces an existing file', async () => {
    await writeFile(target, 'old content that is longer');
    await writeFileAtomic(target, text('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('writes an empty file', async () => {
    await writeFile(target, 'x');
    await writeFileAtomic(target, new Uint8Array(0));
    expect((await stat(target)).size).toBe(0);
  });

  it('works without fsync', async () => {
    await writeFileAtomic(target, text('quick'), { fsync: false });
    expect(await readFile(target, 'utf8')).toBe('quick');
  });

  it.skipIf(process.platform === 'win32')('keeps the mode of the file it replaces', async () => {
    await writeFile(target, 'old');
    await chmod(target, 0o640);
    await writeFileAtomic(target, text('new'));
    expect((await stat(target)).mode & 0o777).toBe(0o640);
  });

  it('writes when the file is unchanged since the read', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    await writeFileAtomic(target, text('v2'), { expected: stamp });
    expect(await readFile(target, 'utf8')).toBe('v2');
  });

  it('refuses when the content changed since the read, and keeps the other writer’s content', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    await writeFile(target, 'v9');
    const attempt = writeFileAtomic(target, text('mine'), { expected: stamp });
    await expect(attempt).rejects.toBeInstanceOf(WriteConflictError);
    await expect(attempt).rejects.toMatchObject({ file: target, reason: 'changed', code: 'Conflict' });
    await expect(attempt).rejects.toThrow(target);
    expect(await readFile(target, 'utf8')).toBe('v9');
    expect(await listing()).toEqual(['Demo.7b']);
  });

  it('refuses when the size changed', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    await writeFile(target, 'version 2');
    await expect(writeFileAtomic(target, text('mine'), { expected: stamp })).rejects.toMatchObject({
      reason: 'changed',
    });
  });

  it('does not count a touch without a content change as a conflict', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    const later = new Date(stamp.mtimeMs + 60_000);
    await utimes(target, later, later);
    expect((await stat(target)).mtimeMs).not.toBe(stamp.mtimeMs);
    await writeFileAtomic(target, text('v2'), { expected: stamp });
    expect(await readFile(target, 'utf8')).toBe('v2');
  });

  it('writes over a changed file when forced', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    await writeFile(target, 'v9');
    await writeFileAtomic(target, text('mine'), { expected: stamp, force: true });
    expect(await readFile(target, 'utf8')).toBe('mine');
  });

  it('refuses when the file vanished since the read, and does not re-create it', async () => {
    await writeFile(target, 'v1');
    const { stamp } = await readFileWithStamp(target);
    await rm(target);
    await expect(writeFileAtomic(target, text('mine'), { expected: stamp })).rejects.toMatchObject({
      reason: 'vanished',
      file: target,
    });
    expect(await listing()).toEqual([]);
  });

  it('with expected null, creates a new file', async () => {
    await writeFileAtomic(target, text('fresh'), { expected: null });
    expect(await readFile(target, 'utf8')).toBe('fresh');
  });

  it('with expected null, refuses when the file exists', async () => {
    await writeFile(target, 'someone else');
    await expect(writeFileAtomic(target, text('fresh'), { expected: null })).rejects.toMatchObject({
      reason: 'appeared',
    });
    expect(await readFile(target, 'utf8')).toBe('someone else');
    expect(await listing()).toEqual(['Demo.7b']);
  });

  it('with expected null and force, overwrites', async () => {
    await writeFile(target, 'someone else');
    await writeFileAtomic(target, text('fresh'), { expected: null, force: true });
    expect(await readFile(target, 'utf8')).toBe('fresh');
  });

  describe('failures leave the original byte-identical and no temp file', () => {
    const original = Buffer.from('original \u00e9 content\r\n'.repeat(100));
    const replacement = text('replacement '.repeat(1000));

    beforeEach(async () => {
      await writeFile(target, original);
    });

    async function expectUntouched(attempt: Promise<unknown>, causeCode: string): Promise<void> {
      await expect(attempt).rejects.toBeInstanceOf(FileWriteError);
      await expect(attempt).rejects.toMatchObject({
        file: target,
        code: 'FileWriteFailed',
        cause: { code: causeCode },
      });
      await expect(attempt).rejects.toThrow(target);
      expect(Buffer.compare(await readFile(target), original)).toBe(0);
      expect(await listing()).toEqual(['Demo.7b']);
    }

    it('when the disk fills up half-way through the write', async () => {
      const fs = faultyFs({
        handle: (real) => {
          let calls = 0;
          return {
            async write(buffer, offset, length, position) {
              calls += 1;
              if (calls > 1) throw errnoError('ENOSPC');
              // A short write, so the loop has to come back for the rest.
              return real.write(buffer, offset, Math.min(length, 100), position);
            },
          };
        },
      });
      await expectUntouched(writeFileAtomic(target, replacement, { fs }), 'ENOSPC');
    });

    it('when the flush fails', async () => {
      const fs = faultyFs({
        handle: (real, opened) => (opened === dir ? {} : { sync: () => Promise.reject(errnoError('EIO')) }),
      });
      await expectUntouched(writeFileAtomic(target, replacement, { fs }), 'EIO');
    });

    it('when the rename fails', async () => {
      const fs = faultyFs({ fs: { rename: () => Promise.reject(errnoError('EXDEV')) } });
      await expectUntouched(writeFileAtomic(target, replacement, { fs }), 'EXDEV');
    });

    it('when the temp file cannot be created', async () => {
      const fs: AtomicFs = {
        ...defaultFs,
        open: (p, flags, mode) =>
          flags === 'wx' ? Promise.reject(errnoError('EACCES')) : defaultFs.open(p, flags, mode),
      };
      await expectUntouched(writeFileAtomic(target, replacement, { fs }), 'EACCES');
    });
  });

  it('retries a rename that is briefly refused, as on Windows while a scanner holds the file', async () => {
    await writeFile(target, 'old');
    let refusals = 2;
    const fs: AtomicFs = {
      ...defaultFs,
      rename: (from, to) => (refusals-- > 0 ? Promise.reject(errnoError('EPERM')) : defaultFs.rename(from, to)),
    };
    await writeFileAtomic(target, text('new'), { fs });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(refusals).toBe(-1);
  });

  it('ignores a folder that cannot be flushed', async () => {
    const fs = faultyFs({
      fs: {
        open: (p, flags, mode) => (p === dir ? Promise.reject(errnoError('EISDIR')) : defaultFs.open(p, flags, mode)),
      },
    });
    await writeFileAtomic(target, text('ok'), { fs });
    expect(await readFile(target, 'utf8')).toBe('ok');
  });

  it('reports a folder flush that fails for a real reason, with the new content in place', async () => {
    const fs = faultyFs({
      handle: (_real, opened) => (opened === dir ? { sync: () => Promise.reject(errnoError('EIO')) } : {}),
    });
    await expect(writeFileAtomic(target, text('ok'), { fs })).rejects.toBeInstanceOf(FileWriteError);
    expect(await readFile(target, 'utf8')).toBe('ok');
    expect(await listing()).toEqual(['Demo.7b']);
  });

  it('concurrent writers never produce a mixed file', async () => {
    const size = 256 * 1024;
    const contents = Array.from({ length: 12 }, (_, i) => new Uint8Array(size).fill(0x41 + i));
    await Promise.all(contents.map((bytes) => writeFileAtomic(target, bytes)));
    const result = await readFile(target);
    expect(result.length).toBe(size);
    const first = result[0];
    expect(first).toBeGreaterThanOrEqual(0x41);
    expect(result.every((b) => b === first)).toBe(true);
    expect(await listing()).toEqual(['Demo.7b']);
  });

  it('of concurrent writers starting from the same read, exactly one wins', async () => {
    await writeFile(target, 'base');
    const { stamp } = await readFileWithStamp(target);
    const results = await Promise.allSettled(
      ['one', 'two', 'three', 'four'].map((s) => writeFileAtomic(target, text(s), { expected: stamp })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    for (const r of lost) expect(r.reason).toBeInstanceOf(WriteConflictError);
    expect(await readFile(target, 'utf8')).toBe('one');
    expect(await listing()).toEqual(['Demo.7b']);
  });
});

it('returns the stamp of what it wrote, equal to what a read then reports', async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'hako-stamp-'));
  try {
    const file = path.join(folder, 'vm.7b');
    const written = await writeFileAtomic(file, new TextEncoder().encode('hello'));
    const read = await readFileWithStamp(file);
    expect(written).toEqual(read.stamp);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

describe('stale temp files of killed writes', () => {
  it('sweeps only Hako’s own temp names, and only old ones', async () => {
    const old = path.join(dir, '.Demo.7b.0123456789ab.tmp');
    const fresh = path.join(dir, '.Demo.7b.ba9876543210.tmp');
    const foreign = path.join(dir, '.other.tmp');
    for (const file of [old, fresh, foreign]) await writeFile(file, 'x');
    const longAgo = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    await utimes(old, longAgo, longAgo);
    await utimes(foreign, longAgo, longAgo);
    expect(await sweepStaleTemps(dir)).toEqual([old]);
    expect(await listing()).toEqual(['.Demo.7b.ba9876543210.tmp', '.other.tmp']);
  });

  it('the next write into the folder sweeps them', async () => {
    const old = path.join(dir, '.Lab.7b.0123456789ab.tmp');
    await writeFile(old, 'x');
    const longAgo = (Date.now() - STALE_TEMP_AGE_MS - 60_000) / 1000;
    await utimes(old, longAgo, longAgo);
    await writeFileAtomic(target, text('v1'));
    await waitFor(() => !existsSync(old), 2_000, 'the sweep');
    expect(await listing()).toEqual(['Demo.7b']);
  });
});
