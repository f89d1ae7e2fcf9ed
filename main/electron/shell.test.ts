/**
 * The shell's plain parts: icons, the in-memory VM/preferences state, bulk save / shut down, `.7b` path
 * checks, the VMMS certificate check, log rotation. No Electron.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import type { Envelope } from '../../app/ipc/contract.js';
import { runPlan } from './bulk.js';
import { checkVmmsCertificate, parseCertificateCount, powershellPath, VMMS_CERTIFICATE_SCRIPT, type ExecFile } from './diagnostics-windows.js';
import { drawIcon, ICO_SIZES, TRAY_SCALES } from './icon-art.js';
import { crc32, encodeIco, encodePng, icoSizes } from './image-codec.js';
import { generationPath, rotateLogFile } from './log-rotation.js';
import { DEFAULT_PREFERENCES } from '../../app/preferences/preferences.js';
import { ShellState } from './shell-state.js';
import { checkVmPath, validVmPaths } from './vm-path.js';

const ok = (value: unknown): Envelope<unknown> => ({ ok: true, value });
const fail = (code: string, message: string): Envelope<unknown> => ({ ok: false, error: { code, message } });

function fakeDispatch(answer: (name: string, input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>) {
  const calls: { name: string; input: unknown }[] = [];
  const dispatch: Dispatch = async (name, input) => {
    calls.push({ name, input });
    return answer(name, input);
  };
  return { dispatch, calls };
}

const snapshot = (p: string, state: string, actions: string[] = []) => ({ path: p, id: path.basename(p, '.7b'), state, actions, config: null, findings: [], lastError: null, pendingRestart: [] });

describe('icons', () => {
  it('encodes valid PNGs', () => {
    const image = drawIcon('app', 32);
    const png = encodePng(image);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    // Every chunk's CRC is right, and the pixels come back.
    let at = 8;
    const idat: Buffer[] = [];
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('latin1');
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(idat));
    expect(raw.length).toBe((32 * 4 + 1) * 32);
    expect(raw.subarray(1, 1 + 32 * 4)).toEqual(Buffer.from(image.data.subarray(0, 32 * 4)));
  });

  it('draws a transparent background and an opaque box; the running tray icon has its green dot', () => {
    const app = drawIcon('app', 64);
    const alpha = (x: number, y: number) => app.data[(y * 64 + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 32)).toBe(255);
    const running = drawIcon('tray-running', 32);
    const i = (24 * 32 + 24) * 4;
    expect([running.data[i], running.data[i + 1], running.data[i + 2]]).toEqual([0x16, 0xa3, 0x4a]);
    const idle = drawIcon('tray-idle', 32);
    expect(idle.data[i + 1]).not.toBe(0xa3);
    for (const { size } of TRAY_SCALES) expect(drawIcon('tray-idle', size).data.length).toBe(size * size * 4);
  });

  it('writes .ico files Windows reads: BMP entries below 256 px, PNG at 256', () => {
    const ico = encodeIco([drawIcon('document', 16), drawIcon('document', 256)]);
    expect(icoSizes(ico)).toEqual([16, 256]);
    const second = ico.readUInt32LE(6 + 16 + 12);
    expect(ico.subarray(second, second + 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const first = ico.readUInt32LE(6 + 12);
    expect(ico.readUInt32LE(first)).toBe(40); // BITMAPINFOHEADER
    expect(ico.readInt32LE(first + 8)).toBe(32); // height × 2
  });

  it('assets/ holds the icons scripts/make-icons.mjs draws', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    expect(readFileSync(path.join(root, 'assets/icon.ico'))).toEqual(encodeIco(ICO_SIZES.map((s) => drawIcon('app', s))));
    expect(readFileSync(path.join(root, 'assets/7b.ico'))).toEqual(encodeIco(ICO_SIZES.map((s) => drawIcon('document', s))));
    expect(readFileSync(path.join(root, 'assets/icon.png'))).toEqual(encodePng(drawIcon('app', 512)));
  });
});

describe('ShellState', () => {
  it('loads VMs and preferences, follows events, and knows which VMs are live', async () => {
    const { dispatch } = fakeDispatch((name) => {
      if (name === 'library.list') return ok([snapshot('C:\\a.7b', 'Running', ['save']), snapshot('C:\\b.7b', 'Stopped', ['start']), { bad: true }]);
      if (name === 'app.getPreferences') return ok({ theme: 'system', keepVmsRunning: false, closeToTray: false, onSessionEnd: 'shutdown', shutdownTimeoutSeconds: 30 });
      return fail('Internal', name);
    });
    const state = new ShellState(dispatch, () => undefined, 10_000);
    expect(state.preferences).toEqual(DEFAULT_PREFERENCES);
    let changes = 0;
    state.onChange(() => changes++);
    await state.load();
    expect(state.all.map((vm) => vm.path)).toEqual(['C:\\a.7b', 'C:\\b.7b']);
    expect(state.live.map((vm) => vm.path)).toEqual(['C:\\a.7b']);
    expect(state.preferences).toEqual({ theme: 'system', keepVmsRunning: false, closeToTray: false, onSessionEnd: 'shutdown', shutdownTimeoutSeconds: 30 });
    state.handleEvent('vm.changed', snapshot('C:\\B.7b', 'Starting', ['powerOff']));
    expect(state.live.map((vm) => vm.path)).toEqual(['C:\\a.7b', 'C:\\B.7b']);
    state.handleEvent('app.preferencesChanged', { closeToTray: true, onSessionEnd: 'nonsense' });
    expect(state.preferences).toMatchObject({ closeToTray: true, onSessionEnd: 'shutdown' });
    state.handleEvent('vm.changed', { path: 42 });
    expect(changes).toBe(4);
    state.dispose();
  });

  it('reports failures and keeps what it had', async () => {
    const errors: string[] = [];
    const state = new ShellState(fakeDispatch(() => fail('HcsUnreachable', 'no')).dispatch, (m) => errors.push(m));
    await state.load();
    expect(errors.sort()).toEqual(['could not list the VMs', 'could not read the preferences']);
    expect(state.all).toEqual([]);
  });
});

describe('bulk save / shut down', () => {
  it('runs every VM’s action, falling back to saving when a shut down times out', async () => {
    const { dispatch, calls } = fakeDispatch((name, input) => {
      const p = (input as { path: string }).path;
      if (name === 'vm.shutdown') return ok(p === 'slow' ? { stopped: false, reason: 'timeout' } : { stopped: true });
      if (name === 'vm.save') return p === 'broken' ? fail('HcsError', 'save failed') : ok(undefined);
      return fail('Internal', name);
    });
    const plan = [
      { path: 'quick', action: 'shutdown' as const },
      { path: 'slow', action: 'shutdown' as const },
      { path: 'broken', action: 'save' as const },
    ];
    const failed: string[] = [];
    const outcomes = await runPlan(dispatch, plan, { fallbackToSave: true, onError: (p) => failed.push(p.path) });
    expect(outcomes).toEqual([
      { path: 'quick', action: 'shutdown', done: true },
      { path: 'slow', action: 'save', done: true },
      { path: 'broken', action: 'save', done: false, error: 'save failed' },
    ]);
    expect(failed).toEqual(['broken']);
    expect(calls.map((c) => `${c.name} ${(c.input as { path: string }).path}`).sort()).toEqual(['vm.save broken', 'vm.save slow', 'vm.shutdown quick', 'vm.shutdown slow']);
    // Without the fallback a timed-out shut down is reported as not done.
    const strict = await runPlan(dispatch, [{ path: 'slow', action: 'shutdown' }], { fallbackToSave: false });
    expect(strict).toEqual([{ path: 'slow', action: 'shutdown', done: false }]);
  });
});

describe('.7b paths from outside', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hako-paths-'));
    writeFileSync(path.join(dir, 'a.7b'), '\uFEFF{}');
    mkdirSync(path.join(dir, 'folder.7b'));
    writeFileSync(path.join(dir, 'notes.txt'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves relative paths against the launching directory and requires a regular .7b file', async () => {
    await expect(checkVmPath('a.7b', dir)).resolves.toEqual({ ok: true, path: path.join(dir, 'a.7b') });
    await expect(checkVmPath(path.join(dir, 'folder.7b'), '/')).resolves.toEqual({ ok: false, reason: 'not a regular file' });
    await expect(checkVmPath('missing.7b', dir)).resolves.toEqual({ ok: false, reason: 'ENOENT' });
    await expect(checkVmPath('notes.txt', dir)).resolves.toEqual({ ok: false, reason: 'not a .7b path' });
    await expect(checkVmPath('-x.7b', dir)).resolves.toMatchObject({ ok: false });
  });

  it('keeps the valid ones once each', async () => {
    const rejected: string[] = [];
    const valid = await validVmPaths(['a.7b', path.join(dir, 'a.7b'), 'missing.7b', 'folder.7b'], dir, (c) => rejected.push(c));
    expect(valid).toEqual([path.join(dir, 'a.7b')]);
    expect(rejected).toEqual(['missing.7b', 'folder.7b']);
  });
});

describe('the VMMS certificate check', () => {
  it('asks Windows PowerShell by its full path, with a timeout, for certificates with the VMMS extension', async () => {
    const seen: { file: string; args: readonly string[]; timeout: number }[] = [];
    const exec: ExecFile = async (file, args, options) => {
      seen.push({ file, args, timeout: options.timeout });
      return { stdout: '1\r\n', stderr: '' };
    };
    await expect(checkVmmsCertificate({ platform: 'win32', env: { SystemRoot: 'D:\\Win' }, exec })).resolves.toBe('present');
    expect(seen[0]!.file).toBe('D:\\Win\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(seen[0]!.args).toEqual(expect.arrayContaining(['-NoProfile', '-NonInteractive', '-Command', VMMS_CERTIFICATE_SCRIPT]));
    expect(seen[0]!.timeout).toBe(15_000);
    expect(VMMS_CERTIFICATE_SCRIPT).toContain("Cert:\\LocalMachine\\My");
    expect(VMMS_CERTIFICATE_SCRIPT).toContain("'1.3.6.1.4.1.311.62.1.1.1'");
  });

  it('says missing, or unknown when it cannot tell', async () => {
    const answer = (stdout: string): ExecFile => async () => ({ stdout, stderr: '' });
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: answer('0') })).resolves.toBe('missing');
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: answer('Access denied') })).resolves.toBe('unknown');
    await expect(checkVmmsCertificate({ platform: 'win32', env: {}, exec: () => Promise.reject(new Error('timeout')) })).resolves.toBe('unknown');
    await expect(checkVmmsCertificate({ platform: 'linux', exec: answer('1') })).resolves.toBe('unknown');
    expect(parseCertificateCount(' 2 ')).toBe('present');
    expect(powershellPath({})).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });
});

describe('log rotation', () => {
  it('shifts generations and drops the oldest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hako-logs-'));
    try {
      const file = path.join(dir, 'main.log');
      expect(generationPath(file, 2)).toBe(path.join(dir, 'main.2.log'));
      for (let round = 1; round <= 5; round++) {
        writeFileSync(file, `round ${round}`);
        rotateLogFile(file, 3);
      }
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('round 5');
      expect(readFileSync(path.join(dir, 'main.3.log'), 'utf8')).toBe('round 3');
      expect(existsSync(path.join(dir, 'main.4.log'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
