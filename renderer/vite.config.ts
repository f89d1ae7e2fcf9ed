/**
 * Builds the renderer into out/renderer (`npm run dev` watches it, served by a `hako host`). The output
 * must run under the app's strict CSP
 * (`default-src 'self'; script-src 'self'; style-src 'self'`): no inline scripts, styles only from
 * CSS files, no eval, every asset a file of its own.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    // Vite's polyfill is an inline script and data: URIs are blocked by the CSP.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    // The console document (IronRDP, its own CSP) is an entry of its own, loaded only when a console opens.
    rolldownOptions: { input: { index: `${root}/index.html`, console: `${root}/console.html` } },
  },
});
