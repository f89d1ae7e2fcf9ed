/**
 * The renderer's initial bundle (what index.html loads before anything else: its entry script and
 * stylesheet) stays within 350 KB gzipped; languages and the pseudo-locale are chunks of their own,
 * loaded on demand, so no catalogue is in it. Runs on a built renderer (`npm test` builds first).
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
});
