// gpus.list through the dispatcher, over the real cfgmgr32 binding and its stand-in: what the GPU picker gets.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HostGpuDto } from '../../app/ipc/contract.js';
import { createAppServices, type AppServices } from '../app-services.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';
import { GpuService } from './gpu-service.js';

let dir: string;
let app: AppServices;

beforeAll(() => ensureStandIns(), 180_000);
beforeEach(async () => {
  standInControls().cfg.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'hako-gpus-'));
  app = await createAppServices({ dataDir: path.join(dir, 'data') });
});
afterEach(async () => {
  standInControls().cfg.reset();
  await app.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('gpus.list', () => {
  it('offers each GPU with a name, a short id, its driver, and the path to save', async () => {
    const envelope = await app.dispatch('gpus.list', undefined);
    expect(envelope.ok).toBe(true);
    const gpus = (envelope as { value: HostGpuDto[] }).value;
    expect(gpus.map((gpu) => [gpu.name, gpu.pciId, gpu.problem])).toEqual([
      ['NVIDIA GeForce GTX 1050 Ti', '10DE:1C82', null],
      ['Intel(R) UHD Graphics 630', '8086:3E92', null],
      [null, '1002:73BF', 'CR_NO_SUCH_DEVNODE'],
    ]);
    expect(gpus[0]).toMatchObject({
      path: '\\\\?\\PCI#VEN_10DE&DEV_1C82&SUBSYS_11BF1B4C&REV_A1#4&38ab2860&0&0008#{064092b3-625e-43bf-9eb5-dc845897dd59}\\GPUPARAV',
      driver: { version: '32.0.15.6094', date: '2024-08-14', provider: 'NVIDIA' },
      location: 'PCI bus 1, device 0, function 0',
    });
  });

  it('a list that never settles is a GpuListFailed error naming the cfgmgr32 answer', async () => {
    standInControls().cfg.growAfterSizeCall(1000);
    expect(await app.dispatch('gpus.list', undefined)).toMatchObject({ ok: false, error: { code: 'GpuListFailed', params: { configret: 'CR_BUFFER_SMALL' } } });
  });

  it('names a device by its description when it has no friendly name', async () => {
    const service = new GpuService({
      gpus: async () => [
        { path: 'p', instanceId: null, friendlyName: null, description: 'Desc', manufacturer: null, location: null, driverVersion: null, driverDate: null, driverProvider: null, problem: null },
      ],
    });
    expect((await service.list())[0]).toMatchObject({ name: 'Desc', pciId: null, driver: { version: null, date: null, provider: null } });
  });
});
