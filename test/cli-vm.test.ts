// `hako vm create`: every preset, each refusal and each usage error, through the real CLI on the stand-ins.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readSevenB } from '../app/config/index.js';
import { VM_PRESET_NAMES, VM_PRESETS } from '../app/vm/new-vm.js';
import { runCli } from '../main/cli/hako.js';
import { ensureStandIns } from './support/native/stand-ins.js';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => ensureStandIns(), 180_000);
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-cli-vm-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hako vm create', () => {
  it.each(VM_PRESET_NAMES)('creates a %s VM and prints exactly its .7b path', async (preset) => {
    const { code, stdout, stderr } = await run('vm', 'create', path.join(dir, 'vms'), '--name', `${preset} vm`, '--preset', preset, '--disk-gb', '1');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const file = path.join(dir, 'vms', `${preset} vm`, `${preset} vm.7b`);
    expect(stdout).toBe(`${file}\n`);
    const read = readSevenB(await readFile(file));
    expect(read.accepted).toBe(true);
    expect(read.file!.config).toMatchObject({ ProcessorCount: VM_PRESETS[preset].processors, MemorySize: VM_PRESETS[preset].memoryMb, Tpm: VM_PRESETS[preset].tpm });
    expect((await readdir(path.dirname(file))).sort()).toEqual([`${preset} vm.7b`, `${preset} vm.vhdx`]);
  });

  it('takes the hardware, an ISO, an existing disk or none, and a switch', async () => {
    const iso = path.join(dir, 'setup.iso');
    await writeFile(iso, '');
    const { code, stdout } = await run('vm', 'create', dir, '--name', 'Lab', '--preset', 'linux', '--cpus', '1', '--memory-mb', '1024', '--no-disk', '--iso', iso, '--switch', 'F2288275-6C30-47D4-BC24-293FA9C9CB12');
    expect(code).toBe(0);
    const config = readSevenB(await readFile(stdout.trim())).file!.config;
    expect(config).toMatchObject({ ProcessorCount: 1, MemorySize: 1024, ScsiDevices: [{ Type: 'VirtualImage', Path: iso }] });
    expect(config.NetworkAdapters[0]!.SuggestedSwitchId).toBe('F2288275-6C30-47D4-BC24-293FA9C9CB12');
    const attached = await run('vm', 'create', dir, '--name', 'Other', '--preset', 'other', '--disk', path.join(dir, 'old.vhdx'));
    expect(readSevenB(await readFile(attached.stdout.trim())).file!.config.ScsiDevices).toEqual([{ Type: 'VirtualDisk', Path: path.join(dir, 'old.vhdx') }]);
  });

  it('refuses an existing VM folder, .7b or disk with exit 1 and leaves it alone', async () => {
    await mkdir(path.join(dir, 'Lab'));
    await writeFile(path.join(dir, 'Lab', 'mine.txt'), 'x');
    const { code, stdout, stderr } = await run('vm', 'create', dir, '--name', 'Lab', '--preset', 'other');
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain(path.join(dir, 'Lab'));
    expect(await readdir(path.join(dir, 'Lab'))).toEqual(['mine.txt']);
    const badName = await run('vm', 'create', dir, '--name', 'a|b', '--preset', 'other');
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/cannot name a VM/);
  });

  it.each([
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'windows95'], /--preset expects one of windows11, windows10, linux, other/],
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'linux', '--cpus', 'many'], /--cpus expects a whole number/],
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'linux', '--memory-mb', '0'], /--memory-mb expects a whole number/],
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'linux', '--disk-gb', '1', '--no-disk'], /one of --disk-gb, --disk and --no-disk/],
    [['vm', 'create', '/x', '--preset', 'linux'], /needs --name/],
    [['vm', 'create', '--name', 'A', '--preset', 'linux'], /expects one folder/],
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'linux', '--switch', 'nope'], /--switch expects a switch id/],
    [['vm', 'create', '/x', '--name', 'A', '--preset', 'linux', '--frobnicate'], /Unknown option/],
    [['vm', 'destroy'], /unknown command "vm destroy"/],
  ])('usage error: %j exits 2', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('works as a real process: one line on stdout, exit 0', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, '..', 'bin', 'hako.js'), 'vm', 'create', dir, '--name', 'Spawned', '--preset', 'other', '--no-disk']);
    expect(stdout).toBe(`${path.join(dir, 'Spawned', 'Spawned.7b')}\n`);
  });
});
