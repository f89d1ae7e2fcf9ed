/**
 * What the system's open dialog shows for each Browse button: a title, the file types (virtual disks are
 * `.vhdx` or `.vhd`, as NanaBox and virtdisk take them; installation images `.iso`), or a folder, in the
 * user's language. "All files" comes last so a disk with an unusual extension can still be seen (the
 * path guard refuses it with a clear message).
 */
import type { OpenDialogOptions } from 'electron';
import type { Translator } from '../../app/i18n/translator.js';
import type { PickPathKind } from '../../app/ipc/contract.js';

export function pickPathDialogOptions(kind: PickPathKind, tr: Translator): OpenDialogOptions {
  const allFiles = { name: tr.t('dialog.pick.allFiles'), extensions: ['*'] };
  switch (kind) {
    case 'disk':
      return {
        title: tr.t('dialog.pick.disk.title'),
        filters: [{ name: tr.t('dialog.pick.disk.filter'), extensions: ['vhdx', 'vhd'] }, { name: 'VHDX', extensions: ['vhdx'] }, { name: 'VHD', extensions: ['vhd'] }, allFiles],
        properties: ['openFile', 'dontAddToRecent'],
      };
    case 'iso':
      return {
        title: tr.t('dialog.pick.iso.title'),
        filters: [{ name: tr.t('dialog.pick.iso.filter'), extensions: ['iso'] }, allFiles],
        properties: ['openFile', 'dontAddToRecent'],
      };
    case 'folder':
      return { title: tr.t('dialog.pick.folder.title'), properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] };
  }
}
