/**
 * electron-vite builds the three parts of the Electron app into out/:
 * - main: main/electron/index.ts → out/main/index.js, ESM (package.json says "type": "module"; Electron
 *   runs ESM main processes). Dependencies are bundled, except koffi (a native addon, loaded from
 *   node_modules in app.asar.unpacked) and electron itself.
 * - preload: preload/index.ts → out/preload/index.cjs, one CommonJS file: sandboxed preloads cannot be
 *   ESM and can only require 'electron' (and a few built-ins), so everything else is bundled.
 * - renderer: the same build as `vite build` with renderer/vite.config.ts (root renderer/,
 *   out/renderer).
 *
 * Source files use `import.meta.dirname`, never a `__dirname` of their own (electron-vite injects one
 * into ESM output; declaring another is a SyntaxError; reference/platform.md §3).
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config.js';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
/** out/ unless HAKO_ELECTRON_OUT_DIR says otherwise (tests build into their own folder under build/). */
const out = process.env.HAKO_ELECTRON_OUT_DIR ? resolve(root, process.env.HAKO_ELECTRON_OUT_DIR) : resolve(root, 'out');

export default defineConfig({
  main: {
    // main/app-services.ts reports it (the bundle has no package.json beside it).
    define: { HAKO_VERSION: JSON.stringify(version) },
    build: {
      outDir: resolve(out, 'main'),
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      externalizeDeps: {
        include: ['koffi'],
        // FormatJS (the shell's words, app/i18n) is bundled like the rest: only koffi is packed as a module.
        exclude: ['electron-log', 'zod', 'ws', 'react', 'react-dom', 'zustand', '@formatjs/intl', '@formatjs/icu-messageformat-parser', 'intl-messageformat', 'asn1js'],
      },
      rolldownOptions: {
        input: { index: resolve(root, 'main/electron/index.ts') },
        external: ['electron', /^electron\/.+/, 'koffi', ...builtinModules.flatMap((m) => [m, `node:${m}`])],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      emptyOutDir: true,
      sourcemap: false,
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    root: resolve(root, 'renderer'),
    build: {
      ...renderer.build,
      outDir: resolve(out, 'renderer'),
      // electron-vite leaves the renderer unminified by default; `vite build` minifies it.
      minify: true,
      // The console document is an entry of its own: IronRDP loads only when a console opens.
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html'), console: resolve(root, 'renderer/console.html') } },
    },
  },
});
