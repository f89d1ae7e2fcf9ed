import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GPU_PARAVIRTUALIZATION_CLASS, isGpuParavirtualizationPath, pciIdOf, sameDeviceInterface } from './device-path.js';

const EXAMPLE = JSON.parse(readFileSync(new URL('../../test/fixtures/nanabox/DocumentedExample.7b', import.meta.url), 'utf8').replace(/^\uFEFF/, '')) as {
  NanaBox: { Gpu: { SelectedDevices: string[] } };
};

describe('GPU device-interface paths', () => {
  it('NanaBox’s documented example path is of the GPU paravirtualization class', () => {
    const [path] = EXAMPLE.NanaBox.Gpu.SelectedDevices;
    expect(path).toContain(`{${GPU_PARAVIRTUALIZATION_CLASS}}`);
    expect(isGpuParavirtualizationPath(path!)).toBe(true);
    expect(pciIdOf(path!)).toBe('10DE:1C82');
  });

  it('compares paths without regard to case, and nothing else', () => {
    const a = '\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV';
    expect(sameDeviceInterface(a, a.toLowerCase())).toBe(true);
    expect(sameDeviceInterface(a, a.replace('0008', '0009'))).toBe(false);
    expect(isGpuParavirtualizationPath(a.replace('064092b3', '5b45201d'))).toBe(false);
  });

  it('has no PCI id for other buses', () => {
    expect(pciIdOf('\\\\?\\ROOT#DISPLAY#0000#{064092b3-625e-43bf-9eb5-dc845897dd59}')).toBeNull();
  });
});
