/**
 * The suite-wide check that no code calls into HCS from inside an HCS callback: after the last test of
 * every test file that loaded the computecore stand-in, the stand-in's deadlock counter must be 0
 * (stand-in/README.md, "The dispatch lock"). A vitest setup file (vitest.config.ts) on Linux; the
 * Windows-ABI tier imports it into each bundle it runs under wine (main/native/wine.test.ts), so the
 * mingw DLL is held to the same rule. The test that provokes a deadlock on purpose runs in a process
 * of its own (main/native/reentry.test.ts).
 */
import { afterAll, expect } from 'vitest';
import { isLoaded, usingStandIns } from '../../../main/native/library.js';
import { standInControls } from './stand-in-controls.js';

afterAll(() => {
  if (!isLoaded('computecore') || !usingStandIns()) return;
  expect(standInControls().hcs.deadlockCount(), 'calls into HCS made from inside an HCS callback (stand-in deadlocks)').toBe(0);
});
