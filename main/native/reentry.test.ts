// The stand-in's dispatch lock catches a call into HCS made from inside an HCS callback (the hang of
// issue 8 §2): provoked on purpose in a process of its own, since every other test process must end
// with the deadlock counter at 0 (test/support/native/deadlock-guard.ts). Under wine the same probe
// runs from wine.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../../test/support/native/child.js';
import { ensureStandIns } from '../../test/support/native/stand-ins.js';

beforeAll(() => ensureStandIns());

const PROBE = `
import { provokeReentry } from '../../test/support/native/reentry-probe.js';
process.stdout.write(JSON.stringify(await provokeReentry(200)));
`;

describe.skipIf(process.platform === 'win32')('a call into HCS from inside a callback', () => {
  it('is failed with the stand-in deadlock HRESULT and counted', async () => {
    const out = JSON.parse(await runInChild(PROBE, {})) as { before: number; after: number; hresult: number };
    expect(out.before).toBe(0);
    expect(out.after).toBe(1);
    expect(out.hresult.toString(16)).toBe('a037dead');
  });
});
