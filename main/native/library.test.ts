// Which library is loaded from where, capability probing on the 1809 stand-in (in a child process,
// because libraries are loaded once per process), and the host facts off Windows.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNativeHost } from './index.js';
import { libraryPath, standInDirectory, usingStandIns } from './library.js';
import { ensureStandIns, repoRoot } from '../../test/support/native/stand-ins.js';
import { DEFAULT_STAND_IN_BUILD, loadHostInfo } from './win32.js';

const saved = { ...process.env };

beforeAll(() => ensureStandIns());

afterEach(() => {
  for (const key of ['HAKO_STAND_IN_DIR', 'HAKO_COMPUTECORE', 'HAKO_COMPUTENETWORK', 'HAKO_VIRTDISK', 'HAKO_STAND_IN_BUILD']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

/** Bundles `source` (TypeScript, resolved from main/native) and runs it with node and `env`; returns its stdout. */
async function runInChild(source: string, env: Record<string, string>): Promise<string> {
  const bundle = await build({
    stdin: { contents: source, resolveDir: path.join(repoRoot, 'main/native'), loader: 'ts', sourcefile: 'probe.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  const dir = path.join(repoRoot, 'build', 'test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `native-probe-${process.pid}-${Date.now()}.mjs`);
  writeFileSync(file, bundle.outputFiles[0]!.text);
  try {
    return execFileSync(process.execPath, [file], { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 20_000 });
  } finally {
    rmSync(file, { force: true });
  }
}

describe.skipIf(process.platform === 'win32')('library paths off Windows', () => {
  it('loads the stand-ins from build/stand-in by default', () => {
    delete process.env.HAKO_STAND_IN_DIR;
    expect(standInDirectory()).toBe(path.join(repoRoot, 'build', 'stand-in'));
    expect(libraryPath('computecore')).toBe(path.join(repoRoot, 'build', 'stand-in', 'libcomputecore.so'));
    expect(libraryPath('virtdisk')).toBe(path.join(repoRoot, 'build', 'stand-in', 'libvirtdisk.so'));
    expect(usingStandIns()).toBe(true);
  });

  it('honours HAKO_STAND_IN_DIR (relative to the repository) and the per-library variables', () => {
    process.env.HAKO_STAND_IN_DIR = 'build/stand-in/1809';
    expect(libraryPath('computecore')).toBe(path.join(repoRoot, 'build', 'stand-in', '1809', 'libcomputecore.so'));
    process.env.HAKO_COMPUTECORE = '/opt/elsewhere/libcc.so';
    expect(libraryPath('computecore')).toBe('/opt/elsewhere/libcc.so');
    expect(libraryPath('kernel32')).toBe('kernel32.dll');
  });
});

describe.skipIf(process.platform === 'win32')('capabilities of the 1809 stand-in', () => {
  it('reports HcsCrashComputeSystem missing and rejects crash() with ERROR_PROC_NOT_FOUND', async () => {
    const probe = `
      import { NativeHcs } from './computecore.js';
      const hcs = new NativeHcs();
      const system = await hcs.createComputeSystem('probe-1809', {
        SchemaVersion: { Major: 2, Minor: 1 },
        VirtualMachine: { ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } }, Devices: {} },
      });
      let crash = null;
      try { await system.crash(); } catch (e) { crash = { hresult: e.hresult, code: e.code, advice: e.advice }; }
      await system.close();
      process.stdout.write(JSON.stringify({ capabilities: hcs.capabilities, crash }));
    `;
    const out = JSON.parse(await runInChild(probe, { HAKO_STAND_IN_DIR: 'build/stand-in/1809' })) as {
      capabilities: { crash: boolean; missingExports: string[] };
      crash: { hresult: number; code: string; advice: string } | null;
    };
    expect(out.capabilities.crash).toBe(false);
    expect(out.capabilities.missingExports).toContain('HcsCrashComputeSystem');
    expect(out.crash).toMatchObject({ hresult: 0x8007007f, code: 'ERROR_PROC_NOT_FOUND' });
    expect(out.crash!.advice).toBeTruthy();
  });
});

describe.skipIf(process.platform === 'win32')('host facts off Windows', () => {
  it('uses the fake SID of this uid, its elevation, and the configured build', () => {
    const uid = process.getuid!();
    delete process.env.HAKO_STAND_IN_BUILD;
    expect(loadHostInfo()).toEqual({ build: DEFAULT_STAND_IN_BUILD, userSid: `S-1-5-21-1000-1000-1000-${uid}`, elevated: uid === 0 });
    process.env.HAKO_STAND_IN_BUILD = '19041';
    expect(loadHostInfo().build).toBe(19041);
  });
});

// On Windows these run under wine (npm run test:win-abi), with HAKO_STAND_IN_DIR naming the mingw
// stand-ins (build/stand-in/win).
describe.runIf(process.platform === 'win32')('library paths and host facts on Windows', () => {
  it('loads the stand-ins from HAKO_STAND_IN_DIR, the system DLLs by name without it, and honours the per-library variables', () => {
    const dir = saved.HAKO_STAND_IN_DIR;
    expect(dir, 'HAKO_STAND_IN_DIR names the mingw stand-ins').toBeTruthy();
    expect(standInDirectory()).toBe(path.resolve(dir!));
    expect(libraryPath('computecore')).toBe(path.join(path.resolve(dir!), 'computecore.dll'));
    expect(libraryPath('kernel32')).toBe('kernel32.dll');
    expect(usingStandIns()).toBe(true);
    delete process.env.HAKO_STAND_IN_DIR;
    expect(standInDirectory()).toBeNull();
    expect(libraryPath('computecore')).toBe('computecore.dll');
    expect(usingStandIns()).toBe(false);
    process.env.HAKO_VIRTDISK = 'C:\\elsewhere\\vd.dll';
    expect(libraryPath('virtdisk')).toBe('C:\\elsewhere\\vd.dll');
    expect(usingStandIns()).toBe(false);
  });

  it('reads the SID, elevation and build from the process token and RtlGetVersion, the build overridable for stand-ins', () => {
    delete process.env.HAKO_STAND_IN_BUILD;
    const host = loadHostInfo();
    expect(host.userSid).toMatch(/^S-1-5-/);
    expect(typeof host.elevated).toBe('boolean');
    expect(Number.isInteger(host.build) && host.build > 0).toBe(true);
    process.env.HAKO_STAND_IN_BUILD = '19041';
    expect(loadHostInfo().build).toBe(19041);
  });
});

describe('the native host', () => {
  it('builds the whole native host once', () => {
    const host = loadNativeHost();
    expect(loadNativeHost()).toBe(host);
    expect(host.standIn).toBe(true);
    expect(host.hcs.capabilities.crash).toBe(true);
  });
});
