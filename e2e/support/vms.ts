/**
 * VM files for the specs, each in a folder of its own under the run's temporary folder, with a name of
 * its own (the HCS id of a VM is its Name, so two tests never collide in the stand-in).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FIXTURES = process.env.HAKO_FIXTURES ?? path.resolve(import.meta.dirname, '../../test/fixtures/nanabox');
const BOM = '\uFEFF';

export function e2eDir(): string {
  const dir = process.env.HAKO_E2E_DIR;
  if (!dir) throw new Error('HAKO_E2E_DIR is not set: run the specs through e2e/playwright.config.ts');
  return dir;
}

export function hostUrl(): string {
  const url = process.env.HAKO_E2E_URL;
  if (!url) throw new Error('HAKO_E2E_URL is not set: run the specs through e2e/playwright.config.ts');
  return url;
}

/** A name no other test uses: `<base> <random>`. */
export function uniqueName(base: string): string {
  return `${base} ${randomBytes(3).toString('hex')}`;
}

/** A small VM that starts on the stand-ins: one processor, 512 MB, no disks, no network. */
export function smallVmText(name: string, extra: Record<string, unknown> = {}): string {
  const config = {
    NanaBox: {
      Type: 'VirtualMachine',
      Version: 1,
      GuestType: 'Linux',
      Name: name,
      ProcessorCount: 1,
      MemorySize: 512,
      ComPorts: { UefiConsole: 'Disabled' },
      Gpu: { AssignmentMode: 'Disabled' },
      ...extra,
    },
  };
  return JSON.stringify(config, null, 4);
}

export interface VmFile {
  readonly name: string;
  readonly path: string;
  readonly folder: string;
  read(): Promise<string>;
  write(text: string): Promise<void>;
}

async function place(name: string, text: string): Promise<VmFile> {
  const folder = path.join(e2eDir(), 'vms', name.replace(/[^A-Za-z0-9-]+/g, '-'));
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${name.replace(/[^A-Za-z0-9-]+/g, '-')}.7b`);
  const vm: VmFile = {
    name,
    path: file,
    folder,
    read: async () => (await readFile(file, 'utf8')).replace(/^\uFEFF/, ''),
    write: (content) => writeFile(file, BOM + content),
  };
  await vm.write(text);
  return vm;
}

/** A small, valid VM (starts on the stand-ins). */
export function smallVm(base = 'E2E Small', extra: Record<string, unknown> = {}): Promise<VmFile> {
  const name = uniqueName(base);
  return place(name, smallVmText(name, extra));
}

/** A VM with exactly this name (for screenshots): the small VM's keys, overridden by `extra`. */
export function namedVm(name: string, extra: Record<string, unknown> = {}): Promise<VmFile> {
  return place(name, smallVmText(name, extra));
}

/** NanaBox's documented example (reference/nanabox.md), renamed so runs do not collide. */
export function documentedExample(): Promise<VmFile> {
  const name = uniqueName('DemoVM');
  const text = readFileSync(path.join(FIXTURES, 'DocumentedExample.7b'), 'utf8').replace(/^\uFEFF/, '');
  return place(name, text.replace('"Name": "DemoVM"', JSON.stringify('Name') + ': ' + JSON.stringify(name)));
}

/** The folder the test host's stand-in reads session-pipe targets from (e2e/global-setup.ts). */
export function sessionTargetsDir(): string {
  return path.join(e2eDir(), 'session-targets');
}
