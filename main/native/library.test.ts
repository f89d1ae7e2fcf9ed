// Which library is loaded from where — the loader's plan (packaged or not, which variables count), the
// packaged decision, the System32 paths and the safe search order on Windows (under wine) — capability
// probing on the 1809 stand-in (in a child process, because libraries are loaded once per process), the
// host facts, and the install-folder warning.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadNativeHost } from './index.js';
import { decidePackaged } from './packaged.js';
import { unsafeInstallFolder } from './install-location.js';
import { callNative } from './calls.js';
import { bind, libraryPath, loadLibrary, loaderReport, planLibraries, standInDirectory, systemDirectory, usingStandIns, type LoaderInputs } from './library.js';
import { runInChild } from '../../test/support/native/child.js';
import { ensureStandIns, repoRoot } from '../../test/support/native/stand-ins.js';
import { DEFAULT_STAND_IN_BUILD, installWarning, loadHostInfo, protectedFolders } from './win32.js';

const saved = { ...process.env };

beforeAll(() => ensureStandIns());

afterEach(() => {
  for (const key of ['HAKO_STAND_IN_DIR', 'HAKO_COMPUTECORE', 'HAKO_COMPUTENETWORK', 'HAKO_VIRTDISK', 'HAKO_CFGMGR32', 'HAKO_STAND_IN_BUILD']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe.skipIf(process.platform === 'win32')('library paths off Windows', () => {
  it('loads the stand-ins from build/stand-in by default', () => {
    delete process.env.HAKO_STAND_IN_DIR;
    expect(standInDirectory()).toBe(path.join(repoRoot, 'build', 'stand-in'));
    expect(libraryPath('computecore')).toBe(path.join(repoRoot, 'build', 'stand-in', 'libcomputecore.so'));
    expect(libraryPath('virtdisk')).toBe(path.join(repoRoot, 'build', 'stand-in', 'libvirtdisk.so'));
    expect(libraryPath('cfgmgr32')).toBe(path.join(repoRoot, 'build', 'stand-in', 'libcfgmgr32.so'));
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

describe('the loader plan', () => {
  const windowsInputs = (packaged: boolean, env: Record<string, string> = {}): LoaderInputs => ({
    packaged,
    platform: 'win32',
    env,
    systemDirectory: 'C:\\Windows\\system32',
    root: 'C:\\Program Files\\Hako\\resources\\app.asar',
    exists: () => true,
  });
  const everyVariable = {
    HAKO_STAND_IN_DIR: 'C:\\Users\\me\\planted',
    HAKO_COMPUTECORE: 'C:\\Users\\me\\computecore.dll',
    HAKO_COMPUTENETWORK: 'C:\\Users\\me\\computenetwork.dll',
    HAKO_VIRTDISK: 'C:\\Users\\me\\virtdisk.dll',
    HAKO_CFGMGR32: 'C:\\Users\\me\\cfgmgr32.dll',
  };

  it('packaged: every library by absolute path from System32, whatever the variables say, and no test exports', () => {
    const plan = planLibraries(windowsInputs(true, everyVariable));
    for (const name of ['computecore', 'computenetwork', 'virtdisk', 'cfgmgr32', 'kernel32', 'ole32', 'advapi32', 'ntdll', 'shell32', 'user32', 'iphlpapi'] as const) {
      expect(plan.paths[name]).toBe(`C:\\Windows\\system32\\${name}.dll`);
    }
    expect(plan.standIn).toEqual({ computecore: false, computenetwork: false, virtdisk: false, cfgmgr32: false });
    expect(plan.testExports).toBe(false);
    // The same process, not packaged, would honour them: the decision is what ignores them.
    const development = planLibraries(windowsInputs(false, everyVariable));
    expect(development.paths.computecore).toBe('C:\\Users\\me\\computecore.dll');
    expect(development.paths.cfgmgr32).toBe('C:\\Users\\me\\cfgmgr32.dll');
    expect(development.testExports).toBe(true);
  });

  it('not packaged on Windows: System32 by absolute path too, unless HAKO_STAND_IN_DIR names the mingw stand-ins', () => {
    const plain = planLibraries(windowsInputs(false));
    expect(plain.paths.computecore).toBe('C:\\Windows\\system32\\computecore.dll');
    expect(plain.testExports).toBe(false);
    const wine = planLibraries(windowsInputs(false, { HAKO_STAND_IN_DIR: 'Z:\\hako\\build\\stand-in\\win' }));
    expect(wine.paths.virtdisk).toBe('Z:\\hako\\build\\stand-in\\win\\virtdisk.dll');
    expect(wine.paths.cfgmgr32).toBe('Z:\\hako\\build\\stand-in\\win\\cfgmgr32.dll');
    expect(wine.paths.iphlpapi).toBe('C:\\Windows\\system32\\iphlpapi.dll');
    expect(wine.paths.kernel32).toBe('C:\\Windows\\system32\\kernel32.dll');
    expect(wine.testExports).toBe(true);
  });

  it('packaged off Windows (no such build exists): nothing that a variable names', () => {
    const plan = planLibraries({ packaged: true, platform: 'linux', env: everyVariable, systemDirectory: null, root: '/opt/hako', exists: () => true });
    expect(plan.paths.computecore).toBe('computecore.dll');
    expect(plan.testExports).toBe(false);
  });
});

describe('the packaged decision', () => {
  it('is Electron running from app.asar or from an executable that is not electron(.exe), and nothing else', () => {
    const asar = 'file:///C:/Program%20Files/Hako/resources/app.asar/out/main/index.js';
    expect(decidePackaged({ electron: '45.5.0', execPath: 'C:\\Program Files\\Hako\\Hako.exe', moduleUrl: asar })).toBe(true);
    expect(decidePackaged({ electron: '45.5.0', execPath: 'C:\\src\\hako\\node_modules\\electron\\dist\\electron.exe', moduleUrl: asar })).toBe(true);
    expect(decidePackaged({ electron: '45.5.0', execPath: 'C:\\Temp\\x\\Hako.exe', moduleUrl: 'file:///C:/Temp/x/resources/app/out/main/index.js' })).toBe(true);
    expect(decidePackaged({ electron: '45.5.0', execPath: 'C:\\src\\hako\\node_modules\\electron\\dist\\electron.exe', moduleUrl: 'file:///C:/src/hako/out/main/index.js' })).toBe(false);
    expect(decidePackaged({ electron: '45.5.0', execPath: '/src/hako/node_modules/electron/dist/electron', moduleUrl: 'file:///src/hako/out/main/index.js' })).toBe(false);
    expect(decidePackaged({ electron: undefined, execPath: 'C:\\Program Files\\Hako\\Hako.exe', moduleUrl: asar })).toBe(false);
  });

  it('is false for this test process (plain Node), so the stand-ins load here', () => {
    expect(loaderReport().packaged).toBe(false);
  });
});

describe('the install folder', () => {
  const protectedFolders = ['C:\\Program Files', 'C:\\Program Files (x86)', 'C:\\Windows'];

  it('warns when elevated outside the folders only administrators can write, and says where to go', () => {
    const warning = unsafeInstallFolder({ elevated: true, appFolder: 'C:\\Users\\me\\AppData\\Local\\Temp\\2k3j\\app', protectedFolders, portableExecutable: 'C:\\Users\\me\\Downloads\\Hako-portable.exe' });
    expect(warning?.folder).toBe('C:\\Users\\me\\AppData\\Local\\Temp\\2k3j\\app');
    expect(warning?.message).toContain('Hako-portable.exe');
    expect(warning?.advice).toContain('Program Files');
  });

  it('is quiet inside Program Files (any case), or when not elevated', () => {
    expect(unsafeInstallFolder({ elevated: true, appFolder: 'c:\\program files\\Hako', protectedFolders, portableExecutable: null })).toBeNull();
    expect(unsafeInstallFolder({ elevated: false, appFolder: 'C:\\Users\\me\\Hako', protectedFolders, portableExecutable: null })).toBeNull();
    // A sibling whose name only starts like a protected folder is not inside it.
    expect(unsafeInstallFolder({ elevated: true, appFolder: 'C:\\Program Files Evil\\Hako', protectedFolders, portableExecutable: null })).not.toBeNull();
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
  it('loads the stand-ins from HAKO_STAND_IN_DIR, the system DLLs by absolute path from System32, and honours the per-library variables', () => {
    const dir = saved.HAKO_STAND_IN_DIR;
    const system32 = systemDirectory();
    expect(dir, 'HAKO_STAND_IN_DIR names the mingw stand-ins').toBeTruthy();
    expect(system32).toMatch(/^[A-Za-z]:\\.+system32$/i);
    expect(standInDirectory()).toBe(path.resolve(dir!));
    expect(libraryPath('computecore')).toBe(path.join(path.resolve(dir!), 'computecore.dll'));
    expect(libraryPath('kernel32')).toBe(path.win32.join(system32!, 'kernel32.dll'));
    expect(usingStandIns()).toBe(true);
    delete process.env.HAKO_STAND_IN_DIR;
    expect(standInDirectory()).toBeNull();
    expect(libraryPath('computecore')).toBe(path.win32.join(system32!, 'computecore.dll'));
    expect(usingStandIns()).toBe(false);
    process.env.HAKO_VIRTDISK = 'C:\\elsewhere\\vd.dll';
    expect(libraryPath('virtdisk')).toBe('C:\\elsewhere\\vd.dll');
    expect(usingStandIns()).toBe(false);
  });

  it('knows the folders only administrators can write (SHGetKnownFolderPath), and warns an elevated node.exe outside them', () => {
    const folders = protectedFolders();
    expect(folders.map((f) => path.win32.basename(f).toLowerCase())).toEqual(['program files', 'program files (x86)', 'windows']);
    const host = loadHostInfo();
    expect(installWarning({ ...host, elevated: false })).toBeNull();
    // node.exe runs from the test's own folder, which is nowhere near Program Files.
    expect(installWarning({ ...host, elevated: true })).toMatchObject({ folder: path.win32.dirname(process.execPath) });
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

describe.runIf(process.platform === 'win32')('the search order on Windows', () => {
  it('restricted DLL dependencies to System32 (SetDefaultDllDirectories) and loaded every system DLL from there', () => {
    loadNativeHost();
    const report = loaderReport();
    expect(report.safeSearch).toBe(true);
    expect(report.problem).toBeNull();
    const system32 = systemDirectory()!;
    const systemLibraries = report.libraries.filter((l) => !['computecore', 'computenetwork', 'virtdisk', 'cfgmgr32'].includes(l.name));
    expect(systemLibraries.length).toBeGreaterThan(0);
    for (const library of systemLibraries) expect(library.path.toLowerCase()).toBe(path.win32.join(system32, `${library.name}.dll`).toLowerCase());
  });
});

// koffi keeps the thread's last-error value for its next call (changelog 2.6.10) and hands an `.async`
// call's value to its completion (3.2.0): win32.ts and calls.ts rely on both.
describe.runIf(process.platform === 'win32')('GetLastError through koffi', () => {
  const missing = 'C:\\hako-no-such-folder\\no-such-file.txt';
  const ERROR_PATH_NOT_FOUND = 3;
  const INVALID_FILE_ATTRIBUTES = 0xffffffff;

  it('survives Node work between the failing call and the read', async () => {
    const kernel32 = loadLibrary('kernel32');
    const GetFileAttributesW = bind(kernel32, 'GetFileAttributesW', 'uint32_t', ['str16']);
    const GetLastError = bind(kernel32, 'GetLastError', 'uint32_t', []);
    expect(GetFileAttributesW(missing)).toBe(INVALID_FILE_ATTRIBUTES);
    // File I/O, a timer and some JS between the failing call and the read.
    await readFile(process.execPath, { flag: 'r' }).then((b) => b.length);
    await new Promise((resolve) => setTimeout(resolve, 20));
    JSON.parse(JSON.stringify({ work: [1, 2, 3] }));
    expect(GetLastError()).toBe(ERROR_PATH_NOT_FOUND);
  });

  it('is read in the completion of an .async call', async () => {
    const kernel32 = loadLibrary('kernel32');
    const GetFileAttributesW = bind(kernel32, 'GetFileAttributesW', 'uint32_t', ['str16']);
    const GetLastError = bind(kernel32, 'GetLastError', 'uint32_t', []);
    const SetLastError = bind(kernel32, 'SetLastError', 'void', ['uint32_t']);
    SetLastError(0);
    const { result, lastError } = await callNative({ api: 'Win32', operation: 'GetFileAttributesW' }, GetFileAttributesW, [missing], { lastError: () => GetLastError() as number });
    expect(result).toBe(INVALID_FILE_ATTRIBUTES);
    expect(lastError).toBe(ERROR_PATH_NOT_FOUND);
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

describe('a library that is not there', () => {
  it('is reported as missing, with what to do', () => {
    if (process.platform === 'win32') {
      // Without HAKO_STAND_IN_DIR the loader asks System32, where wine has no computecore.dll: what a
      // Windows without the Virtual Machine Platform feature looks like.
      delete process.env.HAKO_STAND_IN_DIR;
      expect(() => loadLibrary('computecore')).toThrow(/Virtual Machine Platform/);
      const entry = loaderReport().libraries.find((l) => l.name === 'computecore');
      expect(entry).toMatchObject({ state: 'missing', path: path.win32.join(systemDirectory()!, 'computecore.dll') });
      expect(entry?.advice).toContain('Virtual Machine Platform');
    } else {
      process.env.HAKO_COMPUTENETWORK = path.join(repoRoot, 'build', 'no-such-folder', 'libcomputenetwork.so');
      expect(() => loadLibrary('computenetwork')).toThrow(/HAKO_COMPUTENETWORK/);
      expect(loaderReport().libraries.find((l) => l.name === 'computenetwork')).toMatchObject({ state: 'missing', path: process.env.HAKO_COMPUTENETWORK });
    }
  });
});
