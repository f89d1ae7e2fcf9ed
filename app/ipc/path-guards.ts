/**
 * Which check every path that comes over the contract goes through before any handler sees it. One
 * table for every channel: main applies it (main/ipc/path-guards.ts), and a test walks the contract and
 * fails when a field that carries a path has no guard here.
 *
 * Every guard first requires a local, absolute, bounded path without NUL (app/paths/local.ts); then:
 * - `libraryVm`: a `.7b` file in the library (the user opened it before);
 * - `vmFile`: a `.7b` file to open (read later with the size and file-kind checks of every read);
 * - `newVmFile`: a `.7b` to create, outside system folders, where nothing is yet;
 * - `diskFile`: a `.vhd`/`.vhdx` file to inspect or change;
 * - `newDiskFile`: a `.vhd`/`.vhdx` to create, outside system folders;
 * - `newFolder`: a folder to create things in, outside system folders;
 * - `isoFile`: an `.iso` image to attach;
 * - `folderSetting`: a folder kept in the preferences, or empty for the default;
 * - `newTextFile`: a `.txt` or `.log` file to write (a console's scroll-back), outside system folders.
 */
import type { CallName } from './contract.js';

export const PATH_GUARD_KINDS = ['libraryVm', 'vmFile', 'newVmFile', 'diskFile', 'newDiskFile', 'newFolder', 'isoFile', 'folderSetting', 'newTextFile'] as const;
export type PathGuardKind = (typeof PATH_GUARD_KINDS)[number];

const libraryVm = { path: 'libraryVm' } as const;

export const PATH_GUARDS = {
  'library.open': { path: 'vmFile' },
  'library.forget': libraryVm,
  'vm.get': libraryVm,
  'vm.start': libraryVm,
  'vm.shutdown': libraryVm,
  'vm.powerOff': libraryVm,
  'vm.pause': libraryVm,
  'vm.resume': libraryVm,
  'vm.save': libraryVm,
  'vm.restart': libraryVm,
  'vm.crash': libraryVm,
  'vm.reload': libraryVm,
  'vm.events': libraryVm,
  'vm.setAdapterConnected': libraryVm,
  'vm.setMedia': { path: 'libraryVm', image: 'isoFile' },
  'vm.statistics': libraryVm,
  'vm.deletePlan': libraryVm,
  'vm.delete': libraryVm,
  'vm.discardSavedState': libraryVm,
  'config.load': libraryVm,
  'config.validate': libraryVm,
  'config.save': libraryVm,
  'config.addBom': libraryVm,
  'config.create': { path: 'newVmFile' },
  'vm.create': { folder: 'newFolder', diskPath: 'diskFile', isoPath: 'isoFile' },
  'vm.clone': { path: 'libraryVm', folder: 'newFolder' },
  'app.setPreferences': { defaultVmFolder: 'folderSetting' },
  'disks.create': { path: 'newDiskFile' },
  'disks.createDifferencing': { path: 'newDiskFile', parentPath: 'diskFile' },
  'disks.resize': { path: 'diskFile' },
  'disks.compact': { path: 'diskFile' },
  'disks.info': { path: 'diskFile' },
  'disks.delete': { path: 'diskFile' },
  'session.connect': libraryVm,
  'session.disconnect': libraryVm,
  'session.getMode': libraryVm,
  'session.setMode': libraryVm,
  'session.consoleTicket': libraryVm,
  'session.credentials': libraryVm,
  'session.rememberCredentials': libraryVm,
  'session.forgetCredentials': libraryVm,
  'console.open': libraryVm,
  'console.saveText': { path: 'newTextFile' },
} as const satisfies { readonly [K in CallName]?: Readonly<Record<string, PathGuardKind>> };

/** The guards of one call's input fields (empty for calls that carry no path); absent optional fields are skipped. */
export function pathGuardsOf(call: CallName): Readonly<Record<string, PathGuardKind>> {
  return (PATH_GUARDS as Partial<Record<CallName, Readonly<Record<string, PathGuardKind>>>>)[call] ?? {};
}

/** Field names that carry a path; a field so named must have a guard (the contract test checks). */
export const PATH_FIELD = /(path|file|folder|dir|iso)$/i;
