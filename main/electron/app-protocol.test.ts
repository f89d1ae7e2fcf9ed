import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from './app-protocol.js';

describe('app:// requests → files of the built renderer', () => {
  for (const [platform, api, rootDir] of [
    ['posix', path.posix, '/opt/hako/resources/app.asar/out/renderer'],
    ['win32', path.win32, 'C:\\Program Files\\Hako\\resources\\app.asar\\out\\renderer'],
  ] as const) {
    describe(platform, () => {
      const resolve = (url: string, method = 'GET') => resolveAppAsset(url, method, rootDir, api);

      it('serves files under the root with their content type, and index.html for routes', () => {
        expect(resolve('app://hako/index.html')).toEqual({ status: 200, file: api.join(rootDir, 'index.html'), contentType: 'text/html; charset=utf-8' });
        expect(resolve('app://hako/assets/index-abc.js')).toMatchObject({ status: 200, file: api.join(rootDir, 'assets', 'index-abc.js'), contentType: 'text/javascript; charset=utf-8' });
        expect(resolve('app://hako/')).toMatchObject({ status: 200, file: api.join(rootDir, 'index.html') });
        expect(resolve('app://hako/vm/settings')).toMatchObject({ status: 200, file: api.join(rootDir, 'index.html') });
        expect(resolve('app://hako/assets/a%20b.css')).toMatchObject({ status: 200, file: api.join(rootDir, 'assets', 'a b.css') });
        expect(resolve('app://hako/index.html', 'HEAD')).toMatchObject({ status: 200 });
      });

      it('never resolves outside the root', () => {
        for (const url of ['app://hako/%2e%2e/%2e%2e/secret.txt', 'app://hako/../../secret.txt', 'app://hako/assets/./../../x.js', 'app://hako/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://hako/a/.%2E/.%2e/b.js']) {
          const result = resolve(url);
          if (result.status === 200) expect(api.relative(rootDir, result.file).startsWith('..'), url).toBe(false);
          else expect(result.status, url).toBe(403);
        }
      });

      it('refuses backslashes, drive letters, streams, NUL, devices, bad encodings, other origins and other methods', () => {
        for (const url of [
          'app://hako/..%5c..%5csecret.txt',
          'app://hako/assets/..%5Csecret.txt',
          'app://hako/C:%5CWindows%5Cwin.ini',
          'app://hako/C:/Windows/win.ini',
          'app://hako/index.html::$DATA',
          'app://hako/a%00.js',
          'app://hako/%E0%A4%A',
          'app://hako/nul.js',
          'app://hako/assets/CON',
          'app://other/index.html',
          'https://hako/index.html',
        ]) {
          expect(resolve(url).status, url).toBe(403);
        }
        expect(resolve('app://hako/index.html', 'POST').status).toBe(405);
      });
    });
  }
});
