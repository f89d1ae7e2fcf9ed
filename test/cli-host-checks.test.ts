// `hako config check`'s warnings about this computer and the library (issue 12 §4): on the stand-in
// virtdisk for what a disk is, with fakes where the native layer must be missing.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main/cli/hako.js';
import { runConfig } from '../main/cli/config-commands.js';
import { type ConfigCheckDeps } from '../main/cli/config-host-checks.js';
import { ensureStandIns } from './support/native/stand-ins.js';

type Report = { files: { file: string; accepted: boolean; findings: { code: string; path: string; severity: string; params: Record<string, unknown> }[] }[] };
const HOST_CODES = ['host.processors', 'host.memory', 'path.missing', 'disk.unreadable', 'disk.shared'];

function collect() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function run(...args: string[]) {
  const { out, io } = collect();
  const code = await runCli(args, io);
  return { code, ...out };
}

const hostFindings = (report: Report, index = 0) =>
  report.files[index]!.findings.filter((f) => HOST_CODES.includes(f.code)).map((f) => [f.code, f.path, f.severity]);

let dir: string;
let dataDir: string;
let owner: string;
let ownerDisk: string;
beforeAll(() => ensureStandIns(), 180_000);
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-cli-host-'));
  dataDir = path.join(dir, 'data');
  await mkdir(dataDir);
  // A library VM with a real (stand-in) disk, made as a user would.
  owner = (await run('vm', 'create', path.join(dir, 'lib'), '--name', 'Owner', '--preset', 'other', '--disk-gb', '1')).stdout.trim();
  ownerDisk = path.join(path.dirname(owner), 'Owner.vhdx');
  await writeFile(path.join(dataDir, 'library.json'), JSON.stringify({ version: 1, vms: [{ path: owner }], recent: [], running: [] }));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function vmFile(name: string, fields: { processors?: number; memoryMb?: number; devices?: { Type: string; Path: string }[] }) {
  const file = path.join(dir, name);
  const nanaBox = { Type: 'VirtualMachine', Version: 1, Name: name, ProcessorCount: fields.processors ?? 1, MemorySize: fields.memoryMb ?? 512, ScsiDevices: fields.devices ?? [] };
  await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: nanaBox }));
  return file;
}

async function problemFile() {
  const notes = path.join(dir, 'notes.txt');
  await writeFile(notes, 'not a disk');
  return vmFile('mine.7b', {
    processors: 10_000,
    memoryMb: Math.floor(totalmem() / (1024 * 1024)) + 1024,
    devices: [
      { Type: 'VirtualDisk', Path: ownerDisk },
      { Type: 'VirtualDisk', Path: notes },
      { Type: 'VirtualImage', Path: path.join(dir, 'missing.iso') },
    ],
  });
}

describe('hako config check: warnings about this computer and the library', () => {
  it('reports each with its JSON path and code, still accepts the file and exits 0', async () => {
    const mine = await problemFile();
    const { code, stdout } = await run('config', 'check', '--json', '--data-dir', dataDir, mine);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]!.accepted).toBe(true);
    expect(hostFindings(report)).toEqual([
      ['host.processors', '/NanaBox/ProcessorCount', 'warning'],
      ['host.memory', '/NanaBox/MemorySize', 'warning'],
      // The library VM's disk opens (no disk.unreadable at 0): only its sharing is reported.
      ['disk.shared', '/NanaBox/ScsiDevices/0/Path', 'warning'],
      ['disk.unreadable', '/NanaBox/ScsiDevices/1/Path', 'warning'],
      ['path.missing', '/NanaBox/ScsiDevices/2/Path', 'warning'],
    ]);
    expect(report.files[0]!.findings.find((f) => f.code === 'disk.shared')!.params).toEqual({ file: ownerDisk, other: owner });
  });

  it('prints them on stderr in text mode, and leaves the library untouched', async () => {
    const mine = await problemFile();
    const library = await readFile(path.join(dataDir, 'library.json'));
    const { code, stderr } = await run('config', 'check', '--data-dir', dataDir, mine);
    expect(code).toBe(0);
    expect(stderr).toContain(`${mine}: warning at /NanaBox/ScsiDevices/1/Path: ${path.join(dir, 'notes.txt')} is not a virtual disk virtdisk can open`);
    expect(stderr).toContain(`${mine}: warning at /NanaBox/ScsiDevices/0/Path: ${ownerDisk} is also used by ${owner}`);
    expect(stderr).toContain(`${mine}: accepted`);
    expect(await readFile(path.join(dataDir, 'library.json'))).toEqual(library);
    expect(await readdir(dataDir)).toEqual(['library.json']);
  });

  it('--no-host drops them', async () => {
    const mine = await problemFile();
    const { code, stdout, stderr } = await run('config', 'check', '--json', '--no-host', '--data-dir', dataDir, mine);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]!.accepted).toBe(true);
    expect(hostFindings(report)).toEqual([]);
    expect(report.files[0]!.findings.map((f) => f.code)).toContain('limits.processors');
  });

  it('counts the other files on the command line as library VMs', async () => {
    const a = await vmFile('a.7b', { devices: [{ Type: 'VirtualDisk', Path: ownerDisk }] });
    const b = await vmFile('b.7b', { devices: [{ Type: 'VirtualDisk', Path: ownerDisk }] });
    const empty = path.join(dir, 'empty-data');
    // A data folder without a library is no problem (nothing to note): Hako has not run there yet.
    const { code, stdout, stderr } = await run('config', 'check', '--json', '--data-dir', empty, a, b);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(stdout) as Report;
    expect(report.files.map((f) => f.findings.filter((x) => x.code === 'disk.shared').map((x) => x.params.other))).toEqual([[b], [a]]);
  });

  it('an unreadable library.json gives a one-line note, not a crash, and is left as it was', async () => {
    await writeFile(path.join(dataDir, 'library.json'), '{not json');
    const mine = await problemFile();
    const { code, stdout, stderr } = await run('config', 'check', '--json', '--data-dir', dataDir, mine);
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^hako config check: shared-disk checks use only the files named here: .*library\.json cannot be read/);
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]!.accepted).toBe(true);
    expect(hostFindings(report).map(([code]) => code)).toEqual(['host.processors', 'host.memory', 'disk.unreadable', 'path.missing']);
    expect(await readFile(path.join(dataDir, 'library.json'), 'utf8')).toBe('{not json');
    expect(await readdir(dataDir)).toEqual(['library.json']);
  });

  it('when the native layer cannot load: one line on stderr, the other warnings, the same exit code', async () => {
    const deps: ConfigCheckDeps = {
      capacity: () => ({ logicalProcessors: 4, memoryMb: 2048 }),
      loadDiskProblem: () => Promise.reject(new Error('Cannot load virtdisk.dll.\nmore detail')),
    };
    const mine = await problemFile();
    const { out, io } = collect();
    const code = await runConfig(['check', '--json', '--data-dir', dataDir, mine], io, deps);
    expect(code).toBe(0);
    expect(out.stderr).toBe('hako config check: disk checks skipped: the native layer did not load (Cannot load virtdisk.dll.)\n');
    const report = JSON.parse(out.stdout) as Report;
    expect(report.files[0]!.accepted).toBe(true);
    expect(hostFindings(report).map(([code]) => code)).toEqual(['host.processors', 'host.memory', 'disk.shared', 'path.missing']);
    expect(report.files[0]!.findings.find((f) => f.code === 'host.processors')!.params).toEqual({ found: 10_000, max: 4 });
  });

  it('leaves a refused file refused (exit 1) and only adds warnings', async () => {
    const refused = path.join(dir, 'refused.7b');
    await writeFile(refused, '\uFEFF{"NanaBox":{"Type":"VirtualMachine","Version":2,"Name":"x","ProcessorCount":10000,"MemorySize":512}}');
    const { code, stdout } = await run('config', 'check', '--json', '--data-dir', dataDir, refused);
    const report = JSON.parse(stdout) as Report;
    expect(code).toBe(1);
    expect(report.files[0]!.accepted).toBe(false);
  });

  it('as a real process without virtdisk: the one line says why, the exit code is unchanged', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    await promisify(execFile)('node', ['scripts/build.mjs'], { cwd: root });
    const mine = await problemFile();
    const env = { ...process.env, HAKO_VIRTDISK: path.join(dir, 'no-such-libvirtdisk.so') };
    const { stdout, stderr } = await promisify(execFile)('node', ['bin/hako.js', 'config', 'check', '--json', '--data-dir', dataDir, mine], { cwd: root, env });
    expect(stderr).toMatch(/^hako config check: disk checks skipped: the native layer did not load \(Cannot load .*no-such-libvirtdisk\.so\..*\)\n$/);
    const report = JSON.parse(stdout) as Report;
    expect(report.files[0]!.accepted).toBe(true);
    expect(hostFindings(report).map(([code]) => code)).toEqual(['host.processors', 'host.memory', 'disk.shared', 'path.missing']);
  }, 120_000);
});
