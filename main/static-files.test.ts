import { mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentTypeOf, fileInside, isStrictlyInside, realFileInside, requestPath } from './static-files.js';

describe('content types', () => {
  it('knows the content types the renderer build uses', () => {
    expect(contentTypeOf('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.otf')).toBe('font/otf');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('/srv/out/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('LICENSE')).toBe('application/octet-stream');
    expect(contentTypeOf('C:\\a.b\\LICENSE')).toBe('application/octet-stream');
  });
});

describe('request paths', () => {
  it('decodes once into segments and notes a trailing slash', () => {
    expect(requestPath('/assets/a%20b.css')).toEqual({ segments: ['assets', 'a b.css'], trailingSlash: false });
    expect(requestPath('/')).toEqual({ segments: [], trailingSlash: true });
    expect(requestPath('//assets//')).toEqual({ segments: ['assets'], trailingSlash: true });
    expect(requestPath('/%252e%252e/x.js')).toEqual({ segments: ['%2e%2e', 'x.js'], trailingSlash: false });
  });

  it('refuses dot segments, backslashes, colons, NUL, devices and bad encodings', () => {
    for (const pathname of ['/../x', '/%2e%2e/x', '/a/.%2E/b', '/./x', '/..%5cx', '/C:/x', '/index.html::$DATA', '/a%00.js', '/%E0%A4%A', '/nul.js', '/assets/CON', '/lpt1']) {
      expect(requestPath(pathname), pathname).toBeNull();
    }
  });
});

describe('confinement to the root', () => {
  for (const [platform, api, root] of [
    ['posix', path.posix, '/srv/out/renderer'],
    ['win32', path.win32, 'C:\\Program Files\\Hako\\out\\renderer'],
  ] as const) {
    it(`maps segments to files strictly inside the root (${platform})`, () => {
      expect(fileInside(root, ['assets', 'x.js'], api)).toBe(api.join(root, 'assets', 'x.js'));
      expect(fileInside(root, ['..x.js'], api)).toBe(api.join(root, '..x.js'));
      expect(fileInside(root, [], api)).toBeNull();
      expect(fileInside(root, ['..', 'secret.txt'], api)).toBeNull();
      expect(fileInside(root, [api.resolve(root, '..', 'secret.txt')], api)).toBeNull();
      expect(isStrictlyInside(root, api.dirname(root), api)).toBe(false);
      expect(isStrictlyInside(root, `${root}-other${api.sep}x.js`, api)).toBe(false);
    });
  }

  it('compares Windows paths without regard to case', () => {
    expect(isStrictlyInside('C:\\Hako\\out', 'c:\\hako\\OUT\\index.html', path.win32)).toBe(true);
  });

  describe('on the file system', () => {
    let dir: string;
    let root: string;
    const fs = { realpath, stat };

    beforeEach(async () => {
      dir = await realpath(await mkdtemp(path.join(tmpdir(), 'hako-static-')));
      root = path.join(dir, 'static');
      await mkdir(path.join(root, 'assets'), { recursive: true });
      await writeFile(path.join(root, 'assets', 'app.js'), '');
      await writeFile(path.join(dir, 'secret.txt'), 'outside');
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('gives the real path of a file inside, and nothing for folders or missing files', async () => {
      expect(await realFileInside(root, path.join(root, 'assets', 'app.js'), path, fs)).toBe(path.join(root, 'assets', 'app.js'));
      expect(await realFileInside(root, path.join(root, 'assets'), path, fs)).toBeNull();
      expect(await realFileInside(root, path.join(root, 'missing.js'), path, fs)).toBeNull();
      expect(await realFileInside(path.join(dir, 'gone'), path.join(dir, 'gone', 'x.js'), path, fs)).toBeNull();
    });

    it.skipIf(process.platform === 'win32')('follows symbolic links, and refuses those that lead out of the root', async () => {
      await symlink(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
      await symlink(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
      expect(await realFileInside(root, path.join(root, 'link.txt'), path, fs)).toBeNull();
      expect(await realFileInside(root, path.join(root, 'alias.js'), path, fs)).toBe(path.join(root, 'assets', 'app.js'));
    });
  });
});
