// The real-HCS smoke script (npm run smoke:hcs, README "Trying Hako against real HCS") run against the
// stand-ins, so that what the README says it prints stays true and the script keeps working between
// the runs a contributor makes on Windows.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureStandIns } from './support/native/stand-ins.js';

const root = path.resolve(import.meta.dirname, '..');

beforeAll(() => ensureStandIns());

describe.skipIf(process.platform === 'win32')('npm run smoke:hcs', () => {
  it('starts a VM with no disk, reads its properties, powers it off and ends with "ok"', () => {
    const run = spawnSync(process.execPath, ['scripts/run-ts.mjs', 'scripts/hcs-smoke.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const lines = run.stdout.trim().split('\n');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(lines[0]).toMatch(/^hako smoke: computecore\.dll loaded from /);
    expect(lines).toContainEqual(expect.stringMatching(/^hako smoke: HCS schema versions: 2\.\d/));
    expect(lines).toContainEqual(expect.stringMatching(/^hako smoke: started in \d+ ms \(state Running\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^hako smoke: properties: \{"Id":"HakoSmoke-\d+","SystemType":"VirtualMachine","State":"Running"/));
    expect(lines).toContainEqual('hako smoke: powered off (state Stopped)');
    expect(lines.at(-1)).toBe('hako smoke: ok');
  });
});
