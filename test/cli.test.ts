// The `hako` CLI: exit codes, outputs and that checking never touches a file.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../main/cli/hako.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = path.resolve(root, 'test/fixtures/nanabox/DocumentedExample.7b');
const BOM = '\uFEFF';
const MINIMAL = '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"t","ProcessorCount":1,"MemorySize":512,"ComPorts":{"UefiConsole":"Disabled"},"Gpu":{"AssignmentMode":"Disabled"},"GuestType":"Linux"}}';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hako-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const file = async (name: string, text: string, bom = true) => {
  const p = path.join(dir, name);
  await writeFile(p, (bom ? BOM : '') + text);
  return p;
};

describe('hako config check', () => {
  it('exits 0 for an accepted file and leaves it byte-identical', async () => {
    const before = await readFile(fixture);
    const { code, stderr } = await run('config', 'check', fixture);
    expect(code).toBe(0);
    expect(stderr).toContain('DocumentedExample.7b: accepted');
    expect(await readFile(fixture)).toEqual(before);
  });

  it('exits 1 when any file is refused, naming the file and the JSON path', async () => {
    const bad = await file('bad.7b', MINIMAL.replace('"Version":1', '"Version":2'));
    const { code, stderr } = await run('config', 'check', fixture, bad);
    expect(code).toBe(1);
    expect(stderr).toContain(`${bad}: error at /NanaBox/Version: expected the format version 1, found 2`);
  });

  it('reports a file without the BOM as refused, because NanaBox refuses it', async () => {
    const noBom = await file('nobom.7b', MINIMAL, false);
    const { code, stderr } = await run('config', 'check', noBom);
    expect(code).toBe(1);
    expect(stderr).toContain('UTF-8 with BOM is required');
  });

  it('gives line and column for a syntax error', async () => {
    const broken = await file('broken.7b', '{\n  "NanaBox": {\n    "Name": "x",,\n  }\n}');
    const { stderr } = await run('config', 'check', broken);
    expect(stderr).toContain('invalid JSON at line 3, column 17');
  });

  it('prints warnings on stderr and still exits 0', async () => {
    const warned = await file('warn.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"linux"'));
    const { code, stderr } = await run('config', 'check', warned);
    expect(code).toBe(0);
    expect(stderr).toContain('warning at /NanaBox/GuestType');
  });

  it('--json prints one document with every finding', async () => {
    const warned = await file('warn.7b', MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"linux"'));
    // --no-host: the fixture's disk is not on this computer (the host warnings: test/cli-host-checks.test.ts).
    const { code, stdout } = await run('config', 'check', '--json', '--no-host', fixture, warned);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.files).toHaveLength(2);
    expect(doc.files[0]).toEqual({ file: fixture, accepted: true, findings: [] });
    expect(doc.files[1].findings[0]).toMatchObject({
      severity: 'warning',
      code: 'value.enum-unknown',
      path: '/NanaBox/GuestType',
      params: { found: '"linux"', used: '"Unknown"' },
    });
    expect(doc.files[1].findings[0].message).toMatch(/expected one of/);
  });

  it('exits 2 for a file that cannot be read, and for usage errors', async () => {
    expect((await run('config', 'check', path.join(dir, 'missing.7b'))).code).toBe(2);
    expect((await run('config', 'check')).code).toBe(2);
    expect((await run('config', 'check', '--bogus', fixture)).code).toBe(2);
    expect((await run('nonsense')).code).toBe(2);
  });
});

describe('hako config print', () => {
  it('prints the canonical text without BOM or trailing newline', async () => {
    const p = await file('vm.7b', MINIMAL);
    const { code, stdout } = await run('config', 'print', p);
    expect(code).toBe(0);
    expect(stdout.startsWith('{\n  "NanaBox": {\n    "ComPorts"')).toBe(true);
    expect(stdout.endsWith('}')).toBe(true);
  });

  it('exits 1 for a refused file', async () => {
    expect((await run('config', 'print', await file('bad.7b', '{}'))).code).toBe(1);
  });
});

describe('hako config format', () => {
  it('rewrites a file canonically, with the BOM', async () => {
    const p = await file('vm.7b', MINIMAL);
    expect((await run('config', 'format', p)).code).toBe(0);
    const bytes = await readFile(p);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect((await run('config', 'print', p)).stdout).toBe(bytes.subarray(3).toString('utf8'));
  });

  it('leaves a canonical file alone', async () => {
    const p = await file('vm.7b', MINIMAL);
    await run('config', 'format', p);
    const { code, stderr } = await run('config', 'format', p);
    expect(code).toBe(0);
    expect(stderr).toContain('already canonical');
  });

  it('adds the BOM to a file that lacks only that', async () => {
    const p = await file('nobom.7b', MINIMAL, false);
    expect((await run('config', 'format', p)).code).toBe(0);
    expect((await run('config', 'check', p)).code).toBe(0);
  });

  it('refuses to drop or replace data without --force, and lists what would change', async () => {
    const lossy = MINIMAL.replace('"GuestType":"Linux"', '"GuestType":"linux","ScsiDevices":[{"Type":"Floppy","Path":"a"}]');
    const p = await file('lossy.7b', lossy);
    const { code, stderr } = await run('config', 'format', p);
    expect(code).toBe(1);
    expect(stderr).toContain('/NanaBox/GuestType');
    expect(stderr).toContain('/NanaBox/ScsiDevices/0');
    expect((await readFile(p, 'utf8')).slice(1)).toBe(lossy);

    expect((await run('config', 'format', '--force', p)).code).toBe(0);
    expect(await readFile(p, 'utf8')).not.toContain('Floppy');
  });

  it('keeps unknown keys without needing --force', async () => {
    const p = await file('extra.7b', MINIMAL.replace('"Name":"t"', '"Name":"t","Comment":"mine"'));
    expect((await run('config', 'format', p)).code).toBe(0);
    expect(await readFile(p, 'utf8')).toContain('"Comment": "mine"');
  });
});

describe('hako config schema', () => {
  it('prints the schema', async () => {
    const { code, stdout } = await run('config', 'schema');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
});

describe('hako hcs document', () => {
  it('prints exactly NanaBox’s document by default', async () => {
    const { code, stdout } = await run('hcs', 'document', fixture, '--build', '22621', '--sid', 'S-1-5-21-1-2-3-1001', '--base-dir', 'D:\\VMs\\Demo');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.Owner).toBe('DemoVM');
    expect(doc.ShouldTerminateOnLastHandleClosed).toBe(true);
    expect(doc.SchemaVersion).toEqual({ Major: 2, Minor: 1 });
    expect(doc.VirtualMachine.Devices.Scsi['NanaBox Scsi Controller'].Attachments['0']).toEqual({ Type: 'VirtualDisk', Path: 'D:\\VMs\\Demo\\Test.vhdx' });
    expect(doc.VirtualMachine.Devices.VideoMonitor.ConnectionOptions).toEqual({ NamedPipe: '\\\\.\\pipe\\DemoVM.BasicSession', AccessSids: ['S-1-5-21-1-2-3-1001'] });
    expect(doc.VirtualMachine.RestoreState).toEqual({ SaveStateFilePath: 'D:\\VMs\\Demo\\Test.SaveState.vmrs' });
  });

  it('--owner and --keep-running give Hako’s variant', async () => {
    const { stdout } = await run('hcs', 'document', fixture, '--build', '26100', '--sid', 'S-1-5-21-9', '--owner', 'Hako/S-1-5-21-9', '--keep-running');
    const doc = JSON.parse(stdout);
    expect([doc.Owner, doc.ShouldTerminateOnLastHandleClosed]).toEqual(['Hako/S-1-5-21-9', false]);
  });

  it('state files default to <Name>.vmgs / <Name>.vmrs', async () => {
    const p = await file('vm.7b', MINIMAL);
    const { stdout } = await run('hcs', 'document', p, '--build', '19041', '--sid', 'S-1-5-18', '--base-dir', 'C:\\VMs');
    expect(JSON.parse(stdout).VirtualMachine.GuestState).toEqual({ GuestStateFilePath: 'C:\\VMs\\t.vmgs', RuntimeStateFilePath: 'C:\\VMs\\t.vmrs' });
  });

  it('needs --build and --sid', async () => {
    expect((await run('hcs', 'document', fixture, '--sid', 'S-1-5-18')).code).toBe(2);
    expect((await run('hcs', 'document', fixture, '--build', '26100')).code).toBe(2);
  });
});

describe('the installed command', () => {
  beforeAll(async () => {
    await promisify(execFile)('node', ['scripts/build.mjs'], { cwd: root });
  });

  it('bin/hako.js runs the built CLI with the right exit code', async () => {
    const result = await promisify(execFile)('node', ['bin/hako.js', 'config', 'check', fixture], { cwd: root });
    expect(result.stderr).toContain('accepted');
    await expect(promisify(execFile)('node', ['bin/hako.js', 'config', 'frobnicate'], { cwd: root })).rejects.toMatchObject({ code: 2 });
  });
});

describe('hako config check with device problems', () => {
  it('reports each as a warning with its JSON path and still accepts the file', async () => {
    const p = await file(
      'devices.7b',
      '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"t","ProcessorCount":10000,"MemorySize":99999999,"ComPorts":{"ComPort1":"not a pipe"},"ScsiDevices":[{"Type":"VirtualDisk","Path":"a<b>|.vhdx"},{"Type":"VirtualDisk","Path":"x.vhdx"},{"Type":"VirtualDisk","Path":"X.VHDX"}]}}',
    );
    const { code, stdout } = await run('config', 'check', '--json', p);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: { accepted: boolean; findings: { code: string; path: string; severity: string }[] }[] };
    expect(report.files[0]!.accepted).toBe(true);
    const device = report.files[0]!.findings.filter((f) => ['limits.processors', 'comport.not-pipe', 'path.forbidden-character', 'disk.attached-twice'].includes(f.code));
    expect(device.map((f) => [f.code, f.path, f.severity])).toEqual([
      ['limits.processors', '/NanaBox/ProcessorCount', 'warning'],
      ['comport.not-pipe', '/NanaBox/ComPorts/ComPort1', 'warning'],
      ['path.forbidden-character', '/NanaBox/ScsiDevices/0/Path', 'warning'],
      ['disk.attached-twice', '/NanaBox/ScsiDevices/2/Path', 'warning'],
    ]);
  });

  it('reports memory above what a Hyper-V VM can have, with its path, and exits 0', async () => {
    const p = await file('memory.7b', '{"NanaBox":{"Type":"VirtualMachine","Version":1,"Name":"t","ProcessorCount":2,"MemorySize":251658241}}');
    const { code, stdout } = await run('config', 'check', '--json', p);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: { accepted: boolean; findings: { code: string; path: string; severity: string }[] }[] };
    expect(report.files[0]!.accepted).toBe(true);
    expect(report.files[0]!.findings.filter((f) => f.code.startsWith('limits.')).map((f) => [f.code, f.path, f.severity])).toEqual([['limits.memory', '/NanaBox/MemorySize', 'warning']]);
  });
});
