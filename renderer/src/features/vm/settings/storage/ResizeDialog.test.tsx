import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GiB } from '../../../../../../app/disks/size.js';
import { renderWithHako } from '../../../../../../test/support/renderer/render.js';
import { createStubApi } from '../../../../../../test/support/renderer/stub-api.js';
import { ResizeDialog } from './ResizeDialog.js';
import type { DiskInfo } from './use-disk-info.js';

const disk = (smallestSafeSize: number | null): DiskInfo => ({
  format: 'vhdx',
  type: 'dynamic',
  virtualSize: 8 * GiB,
  physicalSize: 4096,
  blockSize: 32 * 1024 * 1024,
  sectorSize: 512,
  fixed: false,
  smallestSafeSize,
  parents: [],
});

const open = (info: DiskInfo) => renderWithHako(<ResizeDialog file="/vms/lab/data.vhdx" info={info} onClose={() => undefined} onDone={() => undefined} />, createStubApi());

describe('the resize dialog', () => {
  it('says how far the disk can shrink', () => {
    open(disk(3 * GiB));
    expect(screen.getByRole('dialog', { name: 'Resize data.vhdx' })).toHaveTextContent('It is 8 GB now. It can shrink to 3 GB at the least');
  });

  it('says it cannot shrink when the smallest safe size is its size', () => {
    open(disk(8 * GiB));
    expect(screen.getByRole('dialog', { name: 'Resize data.vhdx' })).toHaveTextContent('It is 8 GB now. It cannot shrink: the guest’s partitions fill it.');
  });

  it('says it can only grow when virtdisk gives no smallest safe size', () => {
    open(disk(null));
    expect(screen.getByRole('dialog', { name: 'Resize data.vhdx' })).toHaveTextContent('virtdisk does not say how far it can shrink, so it can only grow.');
  });
});
