/**
 * A host of its own with a large library (test/support/big-library.ts: stopped, saved, unreadable
 * VMs, and some that fail to start), for the journeys through a library of many VMs. One per worker;
 * the run's shared host (global-setup.ts) is left alone.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { benchVms, writeLibrary, type BenchVm } from '../../test/support/big-library.js';
import { startHostProcess } from '../../test/support/host-process.js';
import { test as base } from '@playwright/test';
import { type HakoApp } from '../pages/index.js';
import { appOn } from '../specs/fixtures.js';
import { e2eDir } from './vms.js';

export const BIG_LIBRARY_SIZE = 1_000;

export interface BigHost {
  readonly url: string;
  readonly vms: readonly BenchVm[];
}

export const test = base.extend<{ app: HakoApp }, { bigHost: BigHost }>({
  bigHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern.
    async ({}, use) => {
      const root = path.join(e2eDir(), `big-${randomBytes(3).toString('hex')}`);
      const vms = benchVms(root, BIG_LIBRARY_SIZE);
      await writeLibrary(root, path.join(root, 'data'), vms);
      const host = await startHostProcess(path.join(root, 'data'), { ...process.env, NODE_ENV: 'test' });
      await use({ url: host.url, vms });
      await host.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, bigHost }, use) => appOn(page, bigHost.url, use),
});

export { expect } from '@playwright/test';
