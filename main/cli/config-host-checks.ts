/**
 * The host-dependent warnings of `hako config check`: the app's rule (main/services/host-checks.ts) fed
 * from the command line. This computer's processors and memory; virtdisk's verdict on each disk, through
 * the native layer loaded only when a checked file names a disk; and the VMs of a library, whose
 * `library.json` is only read — never written, migrated or moved aside, as the app's JsonStore would — so
 * a check changes nothing. The other files named on the same command line count as library VMs too.
 */
import path from 'node:path';
import { MAX_SEVEN_B_BYTES, readSevenB, type VmConfig } from '../../app/config/index.js';
import { fileKey } from '../files/file-key.js';
import { parseStoreBytes } from '../files/json-store.js';
import { readRegularFile } from '../files/user-file.js';
import { eachWithDeadline } from '../services/bounded.js';
import { diskProblemFrom, type HostCheckDeps } from '../services/host-checks.js';
import { hostCapacity, type HostFacts } from '../services/host-facts.js';
import { decodeLibraryDocument, LIBRARY_FILE_NAME, MAX_LIBRARY_ENTRIES } from '../services/library.js';

/** What the host checks need from this computer; real by default, fakes or stand-ins in tests. */
export interface ConfigCheckDeps {
  readonly capacity: () => Pick<HostFacts, 'logicalProcessors' | 'memoryMb'>;
  /** virtdisk's verdict on a file as a disk (null: it opens); rejects when the native layer cannot load. */
  readonly loadDiskProblem: () => Promise<(file: string) => Promise<string | null>>;
}

export const systemConfigCheckDeps: ConfigCheckDeps = {
  capacity: () => hostCapacity(),
  // Only virtdisk is needed: a host without the HCS libraries can still tell what a disk is.
  loadDiskProblem: async () => {
    const [{ NativeVirtDisk }, { DiskService }] = await Promise.all([import('../native/index.js'), import('../services/disk-service.js')]);
    const disks = new DiskService(new NativeVirtDisk());
    return diskProblemFrom((file) => disks.info(file));
  },
};

/** A library.json holds at most MAX_LIBRARY_ENTRIES paths of at most 32,767 UTF-16 units (≤ 3 bytes each in UTF-8), plus its keys. */
const MAX_LIBRARY_BYTES = 64 * 1024 * 1024;
/** The library's `.7b` files are read a few at a time, each waited for a bounded time (a stalled share holds up nothing). */
const LIBRARY_READS_AT_ONCE = 8;
const LIBRARY_READ_DEADLINE_MS = 10_000;

interface CheckedVm {
  readonly path: string;
  readonly config: VmConfig;
}

const namesADisk = (config: VmConfig) => config.ScsiDevices.some((device) => device.Type === 'VirtualDisk' && device.Path !== '');

/** The paths of the library's VMs, or why the library cannot be used (null problem when it does not exist yet). */
async function libraryPaths(dataDir: string): Promise<{ paths: string[]; problem: string | null }> {
  const file = path.join(dataDir, LIBRARY_FILE_NAME);
  let raw: unknown;
  try {
    const { bytes } = await readRegularFile(file, MAX_LIBRARY_BYTES);
    raw = parseStoreBytes(bytes);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { paths: [], problem: null };
    return { paths: [], problem: `${file} cannot be read: ${(error as Error).message}` };
  }
  const decoded = decodeLibraryDocument(raw);
  if (!decoded.ok) return { paths: [], problem: `${file} is not a library Hako can read: ${decoded.problem}` };
  const vms = (decoded.document as { vms: { path: string }[] }).vms;
  return { paths: vms.slice(0, MAX_LIBRARY_ENTRIES).map((vm) => vm.path), problem: null };
}

async function readLibraryVms(paths: readonly string[]): Promise<{ path: string; config: VmConfig | null }[]> {
  const vms: { path: string; config: VmConfig | null }[] = [];
  // A library VM that cannot be read is not the checked file's problem: it just uses no disk here.
  await eachWithDeadline(
    paths,
    LIBRARY_READS_AT_ONCE,
    LIBRARY_READ_DEADLINE_MS,
    async (vmPath) => vms.push({ path: vmPath, config: readSevenB((await readRegularFile(vmPath, MAX_SEVEN_B_BYTES)).bytes).file?.config ?? null }),
    () => undefined,
  );
  return vms;
}

/**
 * The rule's dependencies for checking `checked` (absolute paths), or a note for each part that had to
 * be skipped (the native layer cannot load, the library cannot be read).
 */
export async function cliHostChecks(checked: readonly CheckedVm[], dataDir: string, deps: ConfigCheckDeps, note: (line: string) => void): Promise<HostCheckDeps> {
  const capacity = deps.capacity();
  let diskProblem: (file: string) => Promise<string | null> = async () => null;
  let libraryVms: { path: string; config: VmConfig | null }[] = [];
  // Disks are the only thing virtdisk and the library are asked about: without one, neither is touched.
  if (checked.some((vm) => namesADisk(vm.config))) {
    try {
      diskProblem = await deps.loadDiskProblem();
    } catch (error) {
      note(`hako config check: disk checks skipped: the native layer did not load (${(error as Error).message.split('\n')[0]})`);
    }
    const library = await libraryPaths(dataDir);
    if (library.problem !== null) note(`hako config check: shared-disk checks use only the files named here: ${library.problem}`);
    const named = new Set(checked.map((vm) => fileKey(vm.path)));
    libraryVms = [...checked, ...(await readLibraryVms(library.paths.filter((p) => !named.has(fileKey(p)))))];
  }
  return { facts: () => capacity, diskProblem, libraryVms: () => libraryVms };
}
