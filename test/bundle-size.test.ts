/**
 * The renderer's initial bundle (what index.html loads before anything else: its entry script and
 * stylesheet) stays within 350 KB gzipped; languages and the pseudo-locale are chunks of their own,
 * loaded on demand, so no catalogue is in it; the console's IronRDP client is loaded by console.html only
 * (the Console tab's frame). Runs on a built renderer (`npm test` builds first).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve(import.meta.dirname, '../out/renderer');
const LIMIT = 350 * 1024;

describe.skipIf(!existsSync(path.join(OUT, 'index.html')))('the renderer bundle', () => {
  it('loads at most 350 KB gzipped at first, and no language', () => {
    const html = readFileSync(path.join(OUT, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(initial.some((file) => file.endsWith('.js'))).toBe(true);
    const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(OUT, file)), { level: 9 }).length, 0);
    console.log(`renderer initial bundle: ${(gzipped / 1024).toFixed(1)} KB gzipped (${initial.join(', ')})`);
    expect(gzipped).toBeLessThanOrEqual(LIMIT);
    // The catalogues are chunks of their own, not in the entry.
    const chunks = readdirSync(path.join(OUT, 'assets'));
    expect(chunks.some((file) => /^zh-CN-.*\.js$/.test(file))).toBe(true);
    const entry = readFileSync(path.join(OUT, initial.find((file) => file.endsWith('.js'))!), 'utf8');
    expect(entry).not.toContain('"nav.home":');
  });

  it('keeps the console’s IronRDP client (its WebAssembly inlined, megabytes) out of the app: console.html alone loads it', () => {
    const scripts = (page: string) => [...readFileSync(path.join(OUT, page), 'utf8').matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const holdsIronRdp = (file: string) => readFileSync(path.join(OUT, file), 'utf8').includes('iron-remote-desktop');
    const app = scripts('index.html');
    const console_ = scripts('console.html');
    expect(app.filter(holdsIronRdp)).toEqual([]);
    expect(console_.filter(holdsIronRdp)).toHaveLength(1);
    expect(app).not.toContain(console_.find(holdsIronRdp));
  });
});
