// Lint rules, including the layer arrows of DESIGN.md: imports only point downwards.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import hako from './scripts/eslint/no-literal-ui-text.js';

const nodeBuiltinNames = ['fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'url', 'util', 'stream', 'events', 'worker_threads'];
/** Node's built-ins by their bare names and subpaths (fs/promises), anchored so a folder of the same name (./events/) is not one. */
const nodeBuiltins = ['node:*', ...nodeBuiltinNames.flatMap((name) => [`/${name}`, `/${name}/*`])];

/** Paths each layer must not import, with the reason shown to whoever tries. */
const forbid = (groups, message) => ({ group: groups, message });

const KOFFI_ONLY = 'Only main/native/ (the bindings) and test/support/native/ (the stand-ins\' control exports) may import koffi.';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'build/', 'dist/', 'coverage/', 'assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', 'electron/*', 'koffi', 'react', 'react-dom', 'zustand'], 'app/ is the platform-neutral core: no Electron, koffi or UI.'),
            forbid(nodeBuiltins, 'app/ is pure: no Node built-ins (file I/O lives in main/).'),
            forbid(['**/main/**', '**/preload/**', '**/renderer/**'], 'app/ is the bottom layer; it imports nothing above it.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['electron', 'electron/*', 'koffi'], 'The renderer talks only to the HakoApi interface.'),
            forbid(nodeBuiltins, 'The renderer runs sandboxed: no Node built-ins.'),
            forbid(['**/main/**', '**/preload/**'], 'The renderer may import app/ only.'),
          ],
        },
      ],
    },
  },
  {
    // Every word a person reads comes from the catalogue (app/i18n): no literal text in the renderer's JSX.
    files: ['renderer/src/**/*.tsx'],
    ignores: ['renderer/src/**/*.test.tsx'],
    plugins: { hako },
    rules: { 'hako/no-literal-ui-text': 'error' },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['koffi'], KOFFI_ONLY), forbid(['**/main/**', '**/renderer/**'], 'preload may import app/ only.')] },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/native/**', 'main/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [forbid(['koffi'], KOFFI_ONLY), forbid(['**/renderer/**', '**/preload/**'], 'main does not import the UI layers.')] },
      ],
    },
  },
  {
    // Services are plain classes over ports (services/ports.ts): the shells and the native layer plug in.
    files: ['main/services/**/*.ts'],
    ignores: ['main/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['koffi'], KOFFI_ONLY),
            forbid(['electron', 'electron/*'], 'Services do not import Electron; the shell passes what they need.'),
            { regex: '^(\\.\\./)+(native|host|electron|ipc|cli)/', message: 'Services depend on ports, not on the native layer, the shells or the transports.' },
            forbid(['**/renderer/**', '**/preload/**'], 'main does not import the UI layers.'),
          ],
        },
      ],
    },
  },
  {
    // Test rigs, benchmarks and scripts: koffi only for the stand-ins' control exports.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.mjs'],
    ignores: ['test/support/native/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [forbid(['koffi'], KOFFI_ONLY)] }] },
  },
);
