/**
 * The path guards of the contract (app/ipc/path-guards.ts), applied to a call's input before its
 * handler runs: each path field is checked and replaced by its resolved form, or the call fails with a
 * clear error naming the path. Handlers therefore only ever see local, absolute, resolved paths of the
 * kind they expect.
 */
import path from 'node:path';
import { HakoError } from '../../app/errors/error-info.js';
import { type CallName } from '../../app/ipc/contract.js';
import { pathGuardsOf, type PathGuardKind } from '../../app/ipc/path-guards.js';
import { isInSystemFolder, localPathProblem } from '../../app/paths/local.js';

export interface PathGuardDeps {
  /** Whether a `.7b` is in the library. */
  isInLibrary(resolved: string): Promise<boolean>;
  /** Windows path rules (the host's own: true on Windows). */
  readonly windows?: boolean;
}

export type GuardInput = <T>(call: CallName, input: T) => Promise<T>;

const VM_EXTENSION = /\.7b$/i;
const DISK_EXTENSION = /\.vhdx?$/i;
const ISO_EXTENSION = /\.iso$/i;
const TEXT_EXTENSION = /\.(txt|log)$/i;

function requireExtension(resolved: string, pattern: RegExp, expected: string): void {
  if (!pattern.test(resolved)) throw new HakoError('InvalidPath', `${resolved} is not a ${expected} file.`, { path: resolved });
}

function requireOutsideSystemFolders(resolved: string): void {
  if (isInSystemFolder(resolved)) {
    throw new HakoError('InvalidPath', `Hako does not create files in ${resolved.slice(0, resolved.search(/[^\\/]*$/))}, a system folder. Choose a folder of your own.`, { path: resolved });
  }
}

export function createPathGuard(deps: PathGuardDeps): GuardInput {
  const windows = deps.windows ?? process.platform === 'win32';
  const paths = windows ? path.win32 : path.posix;

  const checks: Record<PathGuardKind, (resolved: string) => Promise<void> | void> = {
    vmFile: (resolved) => requireExtension(resolved, VM_EXTENSION, '.7b'),
    libraryVm: async (resolved) => {
      requireExtension(resolved, VM_EXTENSION, '.7b');
      if (!(await deps.isInLibrary(resolved))) throw new HakoError('VmUnknown', `Hako does not know the VM ${resolved}; open it first.`, { path: resolved });
    },
    newVmFile: (resolved) => {
      requireExtension(resolved, VM_EXTENSION, '.7b');
      requireOutsideSystemFolders(resolved);
    },
    diskFile: (resolved) => requireExtension(resolved, DISK_EXTENSION, '.vhd or .vhdx'),
    newDiskFile: (resolved) => {
      requireExtension(resolved, DISK_EXTENSION, '.vhd or .vhdx');
      requireOutsideSystemFolders(resolved);
    },
    newFolder: (resolved) => requireOutsideSystemFolders(`${resolved}${windows ? '\\' : '/'}x`),
    isoFile: (resolved) => requireExtension(resolved, ISO_EXTENSION, '.iso'),
    folderSetting: (resolved) => requireOutsideSystemFolders(`${resolved}${windows ? '\\' : '/'}x`),
    newTextFile: (resolved) => {
      requireExtension(resolved, TEXT_EXTENSION, '.txt or .log');
      requireOutsideSystemFolders(resolved);
    },
  };

  return async (call, input) => {
    const guards = Object.entries(pathGuardsOf(call));
    if (guards.length === 0) return input;
    const guarded = { ...(input as Record<string, unknown>) };
    for (const [field, kind] of guards) {
      const untrusted = guarded[field];
      // An optional path the caller left out, or a nullable one set to null (an ejected image), has
      // nothing to guard (the schema allows it).
      if (untrusted === undefined || untrusted === null) continue;
      // A folder setting may be emptied: it then means the default.
      if (kind === 'folderSetting' && untrusted === '') continue;
      const problem = localPathProblem(untrusted, windows);
      if (problem !== null) throw problem;
      const resolved = paths.resolve(untrusted as string);
      await checks[kind](resolved);
      guarded[field] = resolved;
    }
    return guarded as typeof input;
  };
}
