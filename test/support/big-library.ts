/**
 * Large libraries for the UI benchmark and the end-to-end tests: `count` VM files, each in a folder of
 * its own, and a data folder whose library.json lists them (as Hako writes it, so the host starts with
 * them). Varied as real
 * libraries are: Windows and Linux guests of different sizes; some saved (a SaveStateFile is named),
 * some unreadable (not JSON), some that fail to start (their save file is missing) and some to run or
 * pause once the host is up (`toRun`, `toPause`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface BenchVm {
  readonly index: number;
  /** The name the UI shows: the file's Name, or (unreadable files) the file's own name, the same text. */
  readonly name: string;
  readonly path: string;
  /** The guest hint search matches: null where the file cannot be read. */
  readonly guest: string | null;
  readonly unreadable: boolean;
  /** Started once the host runs (Running, or Paused when `toPause`). */
  readonly toRun: boolean;
  readonly toPause: boolean;
  /** Started once the host runs; fails (its save file is missing), so it shows Error. */
  readonly toFail: boolean;
}

const BOM = '\uFEFF';

export function benchVms(root: string, count: number): BenchVm[] {
  return Array.from({ length: count }, (_, i) => {
    const index = i + 1;
    const name = `Lab VM ${String(index).padStart(4, '0')}`;
    const unreadable = index % 25 === 7;
    return {
      index,
      name,
      path: path.join(root, 'vms', `vm-${index}`, `${name}.7b`),
      guest: unreadable ? null : index % 3 === 0 ? 'Windows' : 'Linux',
      unreadable,
      toRun: index % 10 === 1 || index % 10 === 5,
      toPause: index % 20 === 5,
      toFail: index % 50 === 9,
    };
  });
}

function vmText(vm: BenchVm): string {
  if (vm.unreadable) return `{ "NanaBox": { "Name": "${vm.name}", this is not JSON`;
  const saved = !vm.toRun && (vm.index % 10 === 3 || vm.toFail);
  const config = {
    NanaBox: {
      Type: 'VirtualMachine',
      Version: 1,
      GuestType: vm.guest,
      Name: vm.name,
      ProcessorCount: 1 + (vm.index % 4),
      MemorySize: 512 * (1 + (vm.index % 8)),
      ComPorts: { UefiConsole: 'Disabled' },
      Gpu: { AssignmentMode: 'Disabled' },
      // A save file that is not there (not the runtime state file a start makes, `<Name>.vmrs`).
      ...(saved ? { SaveStateFile: `${vm.name}.SaveState.vmrs` } : {}),
    },
  };
  return BOM + JSON.stringify(config, null, 4);
}

/** Writes the VM files and a data folder listing them; returns the data folder. */
export async function writeLibrary(root: string, dataDir: string, vms: readonly BenchVm[]): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  for (const vm of vms) {
    await mkdir(path.dirname(vm.path), { recursive: true });
    await writeFile(vm.path, vmText(vm));
  }
  const library = { version: 1, vms: vms.map((vm) => ({ path: vm.path, preferences: {} })), recent: [], running: [] };
  await writeFile(path.join(dataDir, 'library.json'), JSON.stringify(library, null, 2));
}

/** What the search box should match, as the issue says: name, guest, path (case-insensitive). */
export function matches(vm: BenchVm, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  return [vm.name, vm.guest ?? '', vm.path].some((field) => field.toLowerCase().includes(q));
}
