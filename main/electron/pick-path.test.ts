import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../app/i18n/catalogue.js';
import { createTranslator } from '../../app/i18n/translator.js';
import { PICK_PATH_KINDS } from '../../app/ipc/contract.js';
import { pickPathDialogOptions } from './pick-path.js';

const en = createTranslator('en', await loadMessages('en'));

describe('the Browse dialogs', () => {
  it('offer the file types of each kind first, and a folder picker for folders', () => {
    expect(pickPathDialogOptions('disk', en).filters?.[0]?.extensions).toEqual(['vhdx', 'vhd']);
    expect(pickPathDialogOptions('iso', en).filters?.[0]?.extensions).toEqual(['iso']);
    expect(pickPathDialogOptions('folder', en).properties).toContain('openDirectory');
    expect(pickPathDialogOptions('folder', en).filters).toBeUndefined();
  });

  it('pick one file (never a folder) for disks and images', () => {
    for (const kind of PICK_PATH_KINDS.filter((k) => k !== 'folder')) {
      expect(pickPathDialogOptions(kind, en).properties).toContain('openFile');
      expect(pickPathDialogOptions(kind, en).properties).not.toContain('openDirectory');
      expect(pickPathDialogOptions(kind, en).properties).not.toContain('multiSelections');
    }
  });

  it('speak the user’s language', async () => {
    const zh = createTranslator('zh-CN', await loadMessages('zh-CN'));
    expect(pickPathDialogOptions('disk', en).title).toBe('Choose a virtual hard disk');
    expect(pickPathDialogOptions('disk', zh).title).toBe('选择虚拟硬盘');
    expect(pickPathDialogOptions('iso', zh).filters?.map((filter) => filter.name)).toEqual(['光盘映像 (.iso)', '所有文件']);
    expect(pickPathDialogOptions('folder', zh).title).toBe('选择文件夹');
  });
});
