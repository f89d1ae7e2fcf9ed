import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { encodeSevenB, newVmConfig, readSevenB, type SevenBFile } from '../../../../../../../app/config/index.js';
import { GPU_PV_PARTITION_ID } from '../../../../../../../app/config/model.js';
import type { HostGpuDto } from '../../../../../../../app/ipc/contract.js';
import { renderWithHako } from '../../../../../../../test/support/renderer/render.js';
import { apiError, createStubApi, type Handler } from '../../../../../../../test/support/renderer/stub-api.js';
import { EditorProvider } from '../../editor/context.js';
import { createEditorStore } from '../../editor/editor-store.js';
import { GpuPicker } from './GpuPicker.js';

const PATH = '/vms/lab/Lab.7b';
const STAMP = { size: 100, mtimeMs: 1, sha256: 'a'.repeat(64) };
const CLASS = '#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
const NVIDIA = `\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008${CLASS}`;
const ELSEWHERE = `\\\\?\\PCI#VEN_10DE&DEV_2684&SUBSYS_16F310DE&REV_A1#4&aaaa&0&0008${CLASS}`;

const hostGpu = (path: string, name: string): HostGpuDto => ({
  path,
  name,
  pciId: null,
  instanceId: null,
  manufacturer: null,
  location: null,
  driver: { version: null, date: null, provider: null },
  problem: null,
});

async function renderPicker(gpusList: Handler) {
  const file: SevenBFile = newVmConfig('Lab');
  file.config.Gpu.AssignmentMode = 'List';
  file.config.Gpu.SelectedDevices = [{ DeviceInterface: ELSEWHERE, PartitionId: GPU_PV_PARTITION_ID }];
  const api = createStubApi({
    'config.load': () => ({ accepted: true, file, findings: [], stamp: STAMP }),
    'config.validate': (input) => ({ text: 'preview', findings: readSevenB(encodeSevenB((input as { file: SevenBFile }).file)).findings }),
    'gpus.list': gpusList,
  });
  const editor = createEditorStore(api, PATH, { debounceMs: 0 });
  await editor.getState().load();
  renderWithHako(
    <EditorProvider editor={editor}>
      <GpuPicker />
    </EditorProvider>,
    api,
  );
  return { api, editor };
}

describe('the GPU picker', () => {
  it('when the host’s list fails, says so and shows the file’s paths without calling them missing', async () => {
    await renderPicker(() => {
      throw apiError({ code: 'GpuListFailed', message: 'cfgmgr32 said CR_BUFFER_SMALL', params: { configret: 'CR_BUFFER_SMALL' } });
    });
    expect(await screen.findByText(/could not list this host's GPUs/)).toBeTruthy();
    const inFile = screen.getByRole('region', { name: 'Chosen in the file' });
    expect(within(inFile).getByText('10DE:2684')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Chosen in the file, not on this host' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'GPUs on this host' })).toBeNull();
  });

  it('refreshes the list on request, and then knows which paths this host lacks', async () => {
    const answers: HostGpuDto[][] = [[], [hostGpu(NVIDIA, 'NVIDIA GeForce GTX 1050 Ti')]];
    const { api, editor } = await renderPicker(() => answers.shift());
    expect(await screen.findByText('This host offers no GPU for paravirtualization')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Chosen in the file, not on this host' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    const nvidia = await screen.findByRole('checkbox', { name: 'NVIDIA GeForce GTX 1050 Ti (10DE:1C82)' });
    expect(api.calls.filter((c) => c.name === 'gpus.list')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Chosen in the file, not on this host' })).getByText('10DE:2684')).toBeTruthy();
    await userEvent.click(nvidia);
    // In NanaBox's byte order: 10DE&DEV_1C82 sorts before 10DE&DEV_2684.
    expect(editor.getState().draft?.config.Gpu.SelectedDevices.map((d) => d.DeviceInterface)).toEqual([NVIDIA, ELSEWHERE]);
  });
});
