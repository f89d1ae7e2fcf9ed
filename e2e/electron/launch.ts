/**
 * Launching the real Electron app for the Playwright specs in this folder. They need an Electron
 * binary, which exists on the Windows workflow (`npx install-electron`) but cannot be downloaded on the
 * development machines; there every spec is skipped with that reason, and nothing else is.
 *
 * - Development build: `electron .` (out/ from `electron-vite build`), Electron from node_modules.
 * - Packaged test build: HAKO_E2E_EXE=<dist/win-unpacked/Hako.exe> from `HAKO_TEST_BUILD=1 npm run dist
 *   -- --dir` (the inspect fuse must be on for Playwright to attach).
 *
 * Each launch gets a throw-away profile (HAKO_USER_DATA_DIR) and a folder for .7b files.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { encodeSevenB, newVmConfig } from '../../app/config/index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SKIP_REASON = 'needs the Electron binary (Windows workflow)';

/** The Electron executable: HAKO_E2E_EXE, else the one `install-electron` put in node_modules. */
export function electronExecutable(): string | null {
  const packaged = process.env.HAKO_E2E_EXE;
  if (packaged) return existsSync(packaged) ? packaged : null;
  // Never require('electron') here: that starts a download.
  const pathFile = path.join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = path.join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

export function hasElectronBinary(): boolean {
  return electronExecutable() !== null;
}

export interface HakoLaunch {
  readonly app: ElectronApplication;
  readonly window: Page;
  readonly dataDir: string;
  readonly vmDir: string;
  /** Starts another Hako process with these arguments (a second launch) and waits for it to exit. */
  secondLaunch(args: readonly string[]): Promise<number | null>;
  /** Writes a valid .7b file named `<name>.7b` into vmDir. */
  writeVm(name: string): Promise<string>;
  close(): Promise<void>;
}

function appArgs(extra: readonly string[]): string[] {
  // The packaged exe is the app; the development binary needs the app folder first.
  return process.env.HAKO_E2E_EXE ? [...extra] : [ROOT, ...extra];
}

async function writeVmFile(dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.7b`);
  await writeFile(file, encodeSevenB(newVmConfig(name)));
  return file;
}

/**
 * Starts Hako. `openOnStart` names VMs to write as .7b files first and pass on the command line (as
 * Explorer does when a .7b is double-clicked), after `args`.
 */
export async function launchHako(options: { args?: readonly string[]; openOnStart?: readonly string[]; env?: Record<string, string> } = {}): Promise<HakoLaunch> {
  const exe = electronExecutable();
  if (exe === null) throw new Error(SKIP_REASON);
  if (!process.env.HAKO_E2E_EXE && !existsSync(path.join(ROOT, 'out', 'main', 'index.js'))) {
    throw new Error('out/main/index.js is missing; run "npx electron-vite build" first');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hako-electron-e2e-'));
  const dataDir = path.join(dir, 'profile');
  const vmDir = dir;
  const env = { ...process.env, HAKO_USER_DATA_DIR: dataDir, HAKO_DEBUG: '1', ...options.env } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  const files = await Promise.all((options.openOnStart ?? []).map((name) => writeVmFile(vmDir, name)));
  const app = await _electron.launch({ executablePath: exe, args: appArgs([...(options.args ?? []), ...files]), env, timeout: 60_000 });
  const window = await app.firstWindow();
  await window.waitForLoadState('domcontentloaded');
  return {
    app,
    window,
    dataDir,
    vmDir,
    secondLaunch(args) {
      return new Promise((resolve, reject) => {
        const child = spawn(exe, appArgs(args), { env, stdio: 'ignore' });
        const timer = setTimeout(() => {
          child.kill();
          reject(new Error('the second launch did not exit within 30 s'));
        }, 30_000);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.once('error', reject);
      });
    },
    writeVm: (name) => writeVmFile(vmDir, name),
    async close() {
      await app.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}
