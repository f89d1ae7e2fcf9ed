import { describe, expect, it } from 'vitest';
import { PICK_PATH_KINDS } from '../../app/ipc/contract.js';
import { pickPathDialogOptions } from './pick-path.js';

describe('the Browse dialogs', () => {
  it('offer the file types of each kind first, and a folder picker for folders', () => {
    expect(pickPathDialogOptions('disk').filters?.[0]?.extensions).toEqual(['vhdx', 'vhd']);
    expect(pickPathDialogOptions('iso').filters?.[0]?.extensions).toEqual(['iso']);
    expect(pickPathDialogOptions('folder').properties).toContain('openDirectory');
    expect(pickPathDialogOptions('folder').filters).toBeUndefined();
  });

  it('pick one file (never a folder) for disks and images', () => {
    for (const kind of PICK_PATH_KINDS.filter((k) => k !== 'folder')) {
      expect(pickPathDialogOptions(kind).properties).toContain('openFile');
      expect(pickPathDialogOptions(kind).properties).not.toContain('openDirectory');
      expect(pickPathDialogOptions(kind).properties).not.toContain('multiSelections');
    }
  });
});
