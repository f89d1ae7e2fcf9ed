// Draws Hako's icons into assets/ from main/electron/icon-art.ts (the same code draws the tray icon at
// run time): icon.ico and icon.png (the app), 7b.ico (.7b files). Run after changing the art:
//   node scripts/make-icons.mjs
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const temp = await mkdtemp(path.join(tmpdir(), 'hako-icons-'));
try {
  const outfile = path.join(temp, 'art.mjs');
  await build({
    stdin: {
      contents: "export * from './main/electron/icon-art.ts'; export * from './main/electron/image-codec.ts';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const art = await import(pathToFileURL(outfile).href);
  const ico = (kind) => art.encodeIco(art.ICO_SIZES.map((size) => art.drawIcon(kind, size)));
  const files = {
    'assets/icon.ico': ico('app'),
    'assets/7b.ico': ico('document'),
    'assets/icon.png': art.encodePng(art.drawIcon('app', 512)),
  };
  for (const [file, bytes] of Object.entries(files)) {
    await writeFile(path.join(root, file), bytes);
    console.log(`${file}: ${bytes.length} bytes`);
  }
} finally {
  await rm(temp, { recursive: true, force: true });
}
