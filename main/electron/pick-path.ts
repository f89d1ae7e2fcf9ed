/**
 * What the system's open dialog shows for each Browse button: a title, the file types (virtual disks are
 * `.vhdx` or `.vhd`, as NanaBox and virtdisk take them; installation images `.iso`), or a folder. "All
 * files" comes last so a disk with an unusual extension can still be seen (the path guard refuses it
 * with a clear message).
 */
import type { OpenDialogOptions } from 'electron';
import type { PickPathKind } from '../../app/ipc/contract.js';

const ALL_FILES = { name: 'All files', extensions: ['*'] };

export function pickPathDialogOptions(kind: PickPathKind): OpenDialogOptions {
  switch (kind) {
    case 'disk':
      return {
        title: 'Choose a virtual hard disk',
        filters: [{ name: 'Virtual hard disks (.vhdx, .vhd)', extensions: ['vhdx', 'vhd'] }, { name: 'VHDX', extensions: ['vhdx'] }, { name: 'VHD', extensions: ['vhd'] }, ALL_FILES],
        properties: ['openFile', 'dontAddToRecent'],
      };
    case 'iso':
      return {
        title: 'Choose an installation image',
        filters: [{ name: 'Disc images (.iso)', extensions: ['iso'] }, ALL_FILES],
        properties: ['openFile', 'dontAddToRecent'],
      };
    case 'folder':
      return { title: 'Choose a folder', properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
  }
}
